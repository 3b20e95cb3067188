import { errorCode } from "../lib/errors.ts"
import { isSettled, type PurchaseStage } from "../lib/purchaseStage.ts"

const POLL_MILLIS = 2000
/** Answers that asking again will not change: stop polling and show them. */
const FINAL_ERRORS = new Set(["NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN", "BAD_REQUEST"])

/** Where a purchase's status comes from: one read, and a live stream of the same view. */
export interface PurchaseSource<View> {
  readonly read: () => Promise<View>
  readonly subscribe: (handlers: {
    readonly onData: (view: View) => void
    /** The stream failed, lost its connection or ended: fall back to polling `read`. */
    readonly onStreamLost: () => void
  }) => { readonly unsubscribe: () => void }
}

export interface PurchaseWatcher<View> {
  readonly onView: (view: View) => void
  readonly onError: (cause: unknown) => void
  readonly onPolling: () => void
}

/**
 * Keeps one purchase's view current: the live stream first, polling of the same read when the stream
 * is lost before the purchase settles. Once settled it closes the stream and stops. Returns `stop`.
 */
export const watchPurchase = <View extends { readonly stage: PurchaseStage }>(
  source: PurchaseSource<View>,
  watcher: PurchaseWatcher<View>,
  pollMillis = POLL_MILLIS
): (() => void) => {
  let stopped = false
  let settled = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let subscription: { readonly unsubscribe: () => void } | undefined

  const accept = (next: View) => {
    if (stopped) return
    settled = isSettled(next.stage)
    watcher.onView(next)
    // Nothing more will come for a settled purchase: close the stream instead of holding it open.
    if (settled) subscription?.unsubscribe()
  }

  const poll = () => {
    if (stopped || settled) return
    source
      .read()
      .then(accept, (cause: unknown) => {
        if (stopped) return
        watcher.onError(cause)
        if (FINAL_ERRORS.has(errorCode(cause) ?? "")) settled = true
      })
      .finally(() => {
        if (!stopped && !settled) timer = setTimeout(poll, pollMillis)
      })
  }

  const fallBack = () => {
    if (stopped || settled || timer !== undefined) return
    watcher.onPolling()
    timer = setTimeout(poll, 0)
  }

  // One read straight away, so the page never waits for the stream to open.
  source.read().then(accept, (cause: unknown) => {
    if (!stopped) watcher.onError(cause)
  })
  subscription = source.subscribe({ onData: accept, onStreamLost: fallBack })
  if (settled) subscription.unsubscribe()

  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    subscription?.unsubscribe()
  }
}
