import { useCallback, useRef, useState } from "react"
import { newRequestId } from "./requestId.ts"

export type ActionState<O> =
  | { readonly status: "idle" }
  | { readonly status: "running" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "done"; readonly result: O }

/**
 * One user action → one request id. A second click while the first is in flight is ignored, and a
 * retry of the same input after a failure reuses the id, so the server can recognise it as the same
 * action even if the first attempt reached it.
 */
export const useAction = <I, O>(perform: (input: I, requestId: string) => Promise<O>) => {
  const [state, setState] = useState<ActionState<O>>({ status: "idle" })
  const inFlight = useRef(false)
  const lastFailure = useRef<{ readonly key: string; readonly requestId: string } | undefined>(undefined)
  const performRef = useRef(perform)
  performRef.current = perform

  const run = useCallback(async (input: I): Promise<O | undefined> => {
    if (inFlight.current) return undefined
    inFlight.current = true
    const key = JSON.stringify(input)
    const requestId = lastFailure.current?.key === key ? lastFailure.current.requestId : newRequestId()
    setState({ status: "running" })
    try {
      const result = await performRef.current(input, requestId)
      lastFailure.current = undefined
      setState({ status: "done", result })
      return result
    } catch (error) {
      lastFailure.current = { key, requestId }
      setState({ status: "failed", error })
      return undefined
    } finally {
      inFlight.current = false
    }
  }, [])

  const reset = useCallback(() => setState({ status: "idle" }), [])

  return { state, run, reset, running: state.status === "running" } as const
}
