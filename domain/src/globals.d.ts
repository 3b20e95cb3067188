// WHATWG TextEncoder exists in every runtime the domain runs in (Node, browsers); the domain
// compiles without DOM or Node typings, so declare just this.
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
