import { describe, expect, it } from "vitest"
import type { PurchaseStage } from "../lib/purchaseStage.ts"
import { type PurchaseSource, watchPurchase } from "./watchPurchase.ts"

interface View {
  readonly stage: PurchaseStage
}

/** A stream the test pushes views into; it records whether the watcher closed it. */
const fakeSource = (initial: View) => {
  let push: (view: View) => void = () => {}
  let lose: () => void = () => {}
  const state = { unsubscribed: 0, reads: 0 }
  const source: PurchaseSource<View> = {
    read: async () => {
      state.reads++
      return initial
    },
    subscribe: ({ onData, onStreamLost }) => {
      push = onData
      lose = onStreamLost
      return { unsubscribe: () => void state.unsubscribed++ }
    }
  }
  return { source, state, push: (view: View) => push(view), lose: () => lose() }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 5))

describe("the return page watches a purchase", () => {
  it.each<PurchaseStage>(["ready", "refunded", "revoked"])(
    "closes the live stream once the purchase is %s",
    async (settled) => {
      const fake = fakeSource({ stage: "pending" })
      const seen: Array<PurchaseStage> = []
      const stop = watchPurchase(fake.source, {
        onView: (v) => seen.push(v.stage),
        onError: () => {},
        onPolling: () => {}
      })
      await flush()
      fake.push({ stage: "processing" })
      expect(fake.state.unsubscribed).toBe(0)
      fake.push({ stage: settled })
      expect(fake.state.unsubscribed).toBe(1)
      fake.lose()
      await flush()
      expect(fake.state.reads).toBe(1)
      expect(seen).toEqual(["pending", "processing", settled])
      stop()
    }
  )

  it("polls when the stream is lost before the purchase settles, and stops once it is settled", async () => {
    const fake = fakeSource({ stage: "processing" })
    let polling = false
    const stop = watchPurchase(
      fake.source,
      {
        onView: () => {},
        onError: () => {},
        onPolling: () => {
          polling = true
        }
      },
      1
    )
    await flush()
    fake.lose()
    await flush()
    expect(polling).toBe(true)
    expect(fake.state.reads).toBeGreaterThan(1)
    stop()
    const reads = fake.state.reads
    await flush()
    expect(fake.state.reads).toBe(reads)
  })
})
