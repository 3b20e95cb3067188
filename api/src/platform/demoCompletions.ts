import type { CompletionReport } from "./CompletionReport.ts"

const offer = (courseId: string, usdCents: number, inrPaise: number) => ({
  offerId: `offer-${courseId}`,
  prices: [
    { amount: usdCents, currency: "USD" as const },
    { amount: inrPaise, currency: "INR" as const }
  ]
})

const courses = {
  typescript: { courseId: "typescript-foundations", title: "TypeScript Foundations" },
  payments: { courseId: "payments-engineering", title: "Payments Engineering" },
  databases: { courseId: "distributed-databases", title: "Distributed Databases" }
}

const ada = { learnerId: "ada", email: "ada@example.org", displayName: "Ada Lovelace" }
const ravi = { learnerId: "ravi", email: "ravi@example.org", displayName: "Ravi Shankar" }

/**
 * The embedded default's demo data, as the JSON bodies the learning platform would POST to
 * `/platform/v1/completions`: Stripe charges USD, Razorpay INR. Ravi's name prints in Devanagari.
 */
export const demoCompletions: ReadonlyArray<CompletionReport> = [
  {
    learner: ada,
    course: courses.typescript,
    offer: offer(courses.typescript.courseId, 4900, 399_900),
    completion: { completedOn: "2026-10-02", printedName: "Ada Lovelace" }
  },
  {
    learner: ada,
    course: courses.payments,
    offer: offer(courses.payments.courseId, 7900, 599_900),
    completion: { completedOn: "2026-10-20", printedName: "Augusta Ada King" }
  },
  {
    learner: ravi,
    course: courses.typescript,
    offer: offer(courses.typescript.courseId, 4900, 399_900),
    completion: { completedOn: "2026-10-05", printedName: "रवि शंकर" }
  },
  {
    learner: ravi,
    course: courses.databases,
    offer: offer(courses.databases.courseId, 5900, 449_900),
    completion: { completedOn: "2026-11-01", printedName: "Ravi Shankar" }
  }
]
