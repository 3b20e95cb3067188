import { type RefObject, useRef, useState } from "react"
import { useAction } from "../lib/useAction.ts"
import type { ActionResult } from "./types.ts"

/**
 * An operator form: a required reason, one request id per submitted action (so a double submit acts
 * once), and a callback to refresh what the screen shows afterwards.
 */
export const useOperatorAction = <I>(
  perform: (input: I, note: string, requestId: string) => Promise<ActionResult>,
  onDone?: () => void
) => {
  const [note, setNote] = useState("")
  const form: RefObject<HTMLFormElement | null> = useRef(null)
  const action = useAction(async ({ input, note }: { input: I; note: string }, requestId: string) => {
    const result = await perform(input, note, requestId)
    setNote("")
    onDone?.()
    return result
  })
  /** Submits when the form is valid (the browser shows what is missing otherwise). */
  const submit = (input: I) => {
    if (form.current && !form.current.reportValidity()) return
    void action.run({ input, note: note.trim() })
  }
  return { note, setNote, form, submit, state: action.state, running: action.running } as const
}
