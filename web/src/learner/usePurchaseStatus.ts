import { useEffect, useState } from "react"
import { errorCode } from "../lib/errors.ts"
import { isSettled } from "../lib/purchaseStage.ts"
import { trpc } from "../trpc/client.ts"
import type { Outputs } from "../trpc/types.ts"

export type PurchaseView = Outputs["learner"]["purchase"]

const POLL_MILLIS = 2000
/** Answers that asking again will not change: stop polling and show them. */
const FINAL_ERRORS = new Set(["NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN", "BAD_REQUEST"])

export interface PurchaseStatus {
  readonly view: PurchaseView | undefined
  readonly error: unknown
  /** "live" while the SSE subscription delivers, "polling" after it failed or ended early. */
  readonly mode: "live" | "polling"
}

/**
 * The server's view of one purchase, kept current: a live SSE subscription first, and polling of
 * the same read when the subscription errors, loses its connection or ends before the purchase settles.
 */
export const usePurchaseStatus = (paymentId: string): PurchaseStatus => {
  const [view, setView] = useState<PurchaseView | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [mode, setMode] = useState<"live" | "polling">("live")

  useEffect(() => {
    let stopped = false
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined

    const accept = (next: PurchaseView) => {
      if (stopped) return
      settled = isSettled(next.stage)
      setView(next)
      setError(undefined)
    }

    const poll = () => {
      if (stopped || settled) return
      trpc.learner.purchase
        .query({ paymentId })
        .then(accept, (cause: unknown) => {
          if (stopped) return
          setError(cause)
          if (FINAL_ERRORS.has(errorCode(cause) ?? "")) settled = true
        })
        .finally(() => {
          if (!stopped && !settled) timer = setTimeout(poll, POLL_MILLIS)
        })
    }

    const fallBack = () => {
      if (stopped || settled || timer !== undefined) return
      setMode("polling")
      timer = setTimeout(poll, 0)
    }

    // One read straight away, so the page never waits for the stream to open.
    trpc.learner.purchase.query({ paymentId }).then(accept, (cause: unknown) => {
      if (!stopped) setError(cause)
    })

    const subscription = trpc.learner.purchaseUpdates.subscribe(
      { paymentId },
      {
        onData: accept,
        onError: fallBack,
        onComplete: fallBack,
        onConnectionStateChange: (state) => {
          if (state.state === "connecting" && state.error) fallBack()
        }
      }
    )

    return () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      subscription.unsubscribe()
    }
  }, [paymentId])

  return { view, error, mode }
}
