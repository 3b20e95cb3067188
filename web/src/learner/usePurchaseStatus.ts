import { useEffect, useState } from "react"
import { trpc } from "../trpc/client.ts"
import type { Outputs } from "../trpc/types.ts"
import { watchPurchase } from "./watchPurchase.ts"

export type PurchaseView = Outputs["learner"]["purchase"]

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

  useEffect(
    () =>
      watchPurchase<PurchaseView>(
        {
          read: () => trpc.learner.purchase.query({ paymentId }),
          subscribe: ({ onData, onStreamLost }) =>
            trpc.learner.purchaseUpdates.subscribe(
              { paymentId },
              {
                onData,
                onError: onStreamLost,
                onComplete: onStreamLost,
                onConnectionStateChange: (state) => {
                  if (state.state === "connecting" && state.error) onStreamLost()
                }
              }
            )
        },
        {
          onView: (next) => {
            setView(next)
            setError(undefined)
          },
          onError: setError,
          onPolling: () => setMode("polling")
        }
      ),
    [paymentId]
  )

  return { view, error, mode }
}
