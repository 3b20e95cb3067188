import type { EmbeddedStack } from "../../../../api/src/main/stack/EmbeddedStack.ts"
import { stackCpu } from "./cpuUsage.ts"
import { clearMailbox, watchMailbox } from "./mailCatcher.ts"
import { openCheckouts, pay, reportLearners } from "./purchases.ts"

export interface WaveResult {
  readonly purchases: number
  readonly delivered: number
  /** Pay → email received, per delivered certificate (ms). */
  readonly latencies: ReadonlyArray<number>
  /** First pay → last email (ms). */
  readonly wallMillis: number
  readonly cpuSeconds: Readonly<Record<string, number>>
}

export type PreparedPurchases = Awaited<ReturnType<typeof openCheckouts>>

/** `count` learners complete the course and open a checkout: the part of a purchase that is not timed. */
export const preparePurchases = async (stack: EmbeddedStack, prefix: string, count: number) =>
  openCheckouts(stack, await reportLearners(stack, prefix, count))

/**
 * Each prepared learner presses Pay, at `ratePerSecond` (0: all at once), and the wave is timed until
 * every certificate email arrived (or the timeout after the last Pay).
 */
export const payWave = async (
  stack: EmbeddedStack,
  checkouts: PreparedPurchases,
  options: { readonly ratePerSecond: number; readonly timeoutMillis: number }
): Promise<WaveResult> => {
  await clearMailbox(stack.urls.mailWeb)
  const mailbox = watchMailbox(stack.urls.mailWeb)
  const cpu = stackCpu(stack)
  const paidAt = new Map<string, number>()
  const begun = Date.now()
  const payments: Promise<void>[] = []
  for (const [index, checkout] of checkouts.entries()) {
    if (options.ratePerSecond > 0) {
      const due = begun + (index / options.ratePerSecond) * 1000
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
    }
    paidAt.set(checkout.email, Date.now())
    payments.push(pay(stack, checkout.paymentId))
  }
  await Promise.all(payments)
  const deadline = Date.now() + options.timeoutMillis
  while (mailbox.arrivals().size < checkouts.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200))
  await mailbox.stop()
  const cpuSeconds = cpu.used()
  const latencies: number[] = []
  let lastArrival = begun
  for (const [email, paid] of paidAt) {
    const arrived = mailbox.arrivals().get(email)
    if (arrived === undefined) continue
    latencies.push(arrived - paid)
    lastArrival = Math.max(lastArrival, arrived)
  }
  return {
    purchases: checkouts.length,
    delivered: latencies.length,
    latencies,
    wallMillis: lastArrival - begun,
    cpuSeconds
  }
}

/** Prepare, then pay: one wave from nothing. */
export const purchaseWave = async (
  stack: EmbeddedStack,
  options: {
    readonly prefix: string
    readonly count: number
    readonly ratePerSecond: number
    readonly timeoutMillis: number
  }
) => payWave(stack, await preparePurchases(stack, options.prefix, options.count), options)
