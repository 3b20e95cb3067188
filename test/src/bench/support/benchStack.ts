import type { EmbeddedStack, EmbeddedStackOptions } from "../../../../api/src/main/stack/EmbeddedStack.ts"
import { startTestStack } from "../../stack/startTestStack.ts"

/** Stacks are started on first use and stopped once at the end of the run. */
export interface StackPool {
  /** The shared stack (2 workers) that the webhook, verification and latency benchmarks use. */
  readonly shared: () => Promise<EmbeddedStack>
  readonly fresh: (name: string, options?: Partial<EmbeddedStackOptions>) => Promise<EmbeddedStack>
  readonly stopAll: () => Promise<void>
}

export const makeStackPool = (log: (line: string) => void): StackPool => {
  const started: EmbeddedStack[] = []
  let shared: Promise<EmbeddedStack> | undefined
  const fresh = async (name: string, options: Partial<EmbeddedStackOptions> = {}) => {
    const begun = performance.now()
    const stack = await startTestStack(name, { buildWeb: false, ...options })
    started.push(stack)
    log(`stack ${name} (${options.workers ?? 2} workers) up in ${Math.round(performance.now() - begun)} ms`)
    return stack
  }
  return {
    shared: () => {
      shared ??= fresh("bench-shared")
      return shared
    },
    fresh,
    stopAll: async () => {
      for (const stack of started.reverse()) await stack.stop()
    }
  }
}
