declare module "harfbuzzjs" {
  export interface HbBlob {
    destroy(): void
  }
  export interface HbFace {
    upem: number
    collectUnicodes(): Uint32Array
    destroy(): void
  }
  export interface HbExtents {
    ascender: number
    descender: number
    lineGap: number
  }
  export interface HbFont {
    glyphToPath(glyphId: number): string
    hExtents(): HbExtents
    destroy(): void
  }
  export interface HbGlyphInfo {
    /** glyph id */
    g: number
    /** cluster (UTF-16 offset into the added text) */
    cl: number
    ax: number
    ay: number
    dx: number
    dy: number
  }
  export interface HbBuffer {
    addText(text: string): void
    guessSegmentProperties(): void
    setDirection(direction: "ltr" | "rtl" | "ttb" | "btt"): void
    setLanguage(language: string): void
    setScript(script: string): void
    json(): HbGlyphInfo[]
    destroy(): void
  }
  export interface HarfBuzz {
    createBlob(data: ArrayBuffer | Uint8Array): HbBlob
    createFace(blob: HbBlob, index: number): HbFace
    createFont(face: HbFace): HbFont
    createBuffer(): HbBuffer
    shape(font: HbFont, buffer: HbBuffer, features?: string): void
  }
}
