import { randomUUID } from "node:crypto"
import { type SignedInClient, signedInClient } from "../../stack/learnerClient.ts"

export interface PlannedPurchase {
  readonly learner: string
  readonly courseId: string
  readonly gateway: "stripe" | "razorpay"
  /** A double click: two concurrent starts with different request ids. */
  readonly doubleClick: boolean
}

/** Retries a step through process kills and the database restart; a step that never succeeds fails the test. */
export const persist = async <A>(what: string, step: () => Promise<A>, attempts = 60): Promise<A> => {
  let last: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await step()
    } catch (error) {
      last = error
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)))
    }
  }
  throw new Error(`${what} failed ${attempts} times: ${String(last)}`)
}

/**
 * What a learner does: sign in, start the purchase (the same request id on every retry, as a browser
 * resubmitting would), then pay on the sandbox's hosted checkout.
 */
export const drivePurchase = async (
  urls: { readonly api: string; readonly sandbox: string },
  clients: Map<string, SignedInClient>,
  purchase: PlannedPurchase
) => {
  let signedIn = clients.get(purchase.learner)
  if (!signedIn) {
    signedIn = await persist(`sign in ${purchase.learner}`, () => signedInClient(urls.api, purchase.learner))
    clients.set(purchase.learner, signedIn)
  }
  const client = signedIn.client
  const start = (requestId: string) =>
    persist(`start ${purchase.learner}/${purchase.courseId}`, () =>
      client.learner.startPurchase.mutate({
        courseId: purchase.courseId,
        gateway: purchase.gateway,
        requestId
      })
    )
  const starts = await Promise.all(
    (purchase.doubleClick ? [randomUUID(), randomUUID()] : [randomUUID()]).map(start)
  )
  const paymentIds = new Set(starts.map((s) => s.paymentId))
  const paymentId = starts[0]?.paymentId ?? ""
  await persist(`pay ${paymentId}`, async () => {
    const response = await fetch(`${urls.sandbox}/__sandbox/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ref: paymentId })
    })
    if (!response.ok) throw new Error(`sandbox pay ${response.status}: ${await response.text()}`)
  })
  return { paymentId, distinctPaymentsFromClicks: paymentIds.size }
}
