import { signedInClient } from "../../stack/learnerClient.ts"

/**
 * Runs a wait on the asynchronous pipeline; if it times out, the error carries the payment's story as the
 * operator console shows it (audit trail, gateway events with their outcomes, jobs), so CI shows why.
 */
export const explainingPayment = async <A>(apiUrl: string, paymentId: string, wait: () => Promise<A>) => {
  try {
    return await wait()
  } catch (error) {
    const story = await signedInClient(apiUrl, "ops")
      .then(({ client }) => client.ops.story.query({ paymentId }))
      .then(
        (s) => ({
          status: s.payment.status,
          stage: s.stage,
          audit: s.audit.map((a) => `${a.subjectType} ${a.from}→${a.to} ${a.event} by ${a.actor}`),
          inbox: s.inbox.map((e) => `${e.gatewayType} ${e.outcome ?? "unprocessed"} ${e.lastError ?? ""}`),
          jobs: s.jobs.map((j) => `${j.name} ${j.state} x${j.attempts} ${j.lastError ?? ""}`),
          reviews: s.reviews.map((r) => `${r.reason}: ${r.details}`)
        }),
        (storyError: unknown) => `story unavailable: ${String(storyError)}`
      )
    throw new Error(`${String(error)}\npayment ${paymentId}: ${JSON.stringify(story, null, 2)}`, {
      cause: error
    })
  }
}
