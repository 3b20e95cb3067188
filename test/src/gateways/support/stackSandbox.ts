import type { EmbeddedStack } from "../../../../api/src/main/stack/EmbeddedStack.ts"
import type { CheckoutsFound, SandboxGateway } from "../../sandbox/SandboxControls.ts"

/** The sandbox's control API (`/__sandbox/*`) of a running stack, as e2e tests drive it. */
export const stackSandbox = (stack: Pick<EmbeddedStack, "urls">) => {
  const post = async (action: string, body: Record<string, unknown>) => {
    const response = await fetch(`${stack.urls.sandbox}/__sandbox/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    const answer = (await response.json()) as Record<string, unknown>
    if (!response.ok) throw new Error(`sandbox ${action}: ${response.status} ${JSON.stringify(answer)}`)
    return answer
  }
  return {
    /** Sets every webhook fault of the gateway: the ones not named go back to none (3 copies on duplicate). */
    faults: (gateway: SandboxGateway, settings: Record<string, number> = {}) =>
      post("faults", {
        gateway,
        duplicateRate: 0,
        duplicateCopies: 3,
        dropRate: 0,
        delayMs: 0,
        reorderWindowMs: 0,
        ...settings
      }),
    outage: (gateway: SandboxGateway, mode: "off" | "error" | "refuse" | "hang") =>
      post("outage", { gateway, mode }),
    loseResponses: (gateway: SandboxGateway, count: number, mode: "error" | "drop" = "error") =>
      post("lose-responses", { gateway, count, mode }),
    hold: (gateway: SandboxGateway) => post("hold", { gateway }),
    release: async (gateway: SandboxGateway, order: "emitted" | "reverse", gapMs = 0) =>
      Number((await post("release", { gateway, order, gapMs })).released),
    pay: (ref: string, amountMinor?: number) =>
      post("pay", amountMinor === undefined ? { ref } : { ref, amountMinor }),
    decline: (ref: string) => post("decline", { ref }),
    settle: () => post("settle", {}),
    checkoutsFor: async (ref: string): Promise<CheckoutsFound> => {
      const response = await fetch(`${stack.urls.sandbox}/__sandbox/checkouts?ref=${encodeURIComponent(ref)}`)
      return (await response.json()) as CheckoutsFound
    },
    deliveries: async () => {
      const response = await fetch(`${stack.urls.sandbox}/__sandbox/deliveries`)
      return (await response.json()) as ReadonlyArray<{
        readonly gateway: SandboxGateway
        readonly eventId: string
        readonly type: string
        readonly statuses: ReadonlyArray<number>
        readonly dropped: boolean
      }>
    }
  }
}

/**
 * Reports one more completed course for a demo learner through the platform endpoint, so a test has a
 * fresh learner-and-course pair to buy (each pair can be bought once). Prices: USD for Stripe, INR for
 * Razorpay, as the demo offers.
 */
export const completeCourse = async (
  stack: Pick<EmbeddedStack, "urls" | "secrets">,
  learner: "ada" | "ravi",
  courseId: string
) => {
  const people = {
    ada: { learnerId: "ada", email: "ada@example.org", displayName: "Ada Lovelace" },
    ravi: { learnerId: "ravi", email: "ravi@example.org", displayName: "Ravi Shankar" }
  }
  const person = people[learner]
  const response = await fetch(`${stack.urls.api}/platform/v1/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${stack.secrets.platformApiKey}`,
      "content-type": "application/json"
    },
    body: JSON.stringify({
      learner: person,
      course: { courseId, title: `Course ${courseId}` },
      offer: {
        offerId: `offer-${courseId}`,
        prices: [
          { amount: 4900, currency: "USD" },
          { amount: 399_900, currency: "INR" }
        ]
      },
      completion: { completedOn: "2026-11-01", printedName: person.displayName }
    })
  })
  if (!response.ok)
    throw new Error(`completing ${courseId} failed: ${response.status} ${await response.text()}`)
  return { courseId, title: `Course ${courseId}` }
}
