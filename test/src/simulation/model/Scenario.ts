import * as fc from "fast-check"

export type SimGateway = "stripe" | "razorpay"
export type PayOutcome = "succeeded" | "failed" | "expired"
export type Reversal =
  | "payment_partially_refunded"
  | "payment_refunded"
  | "dispute_opened"
  | "dispute_won"
  | "dispute_lost"
export type OutageTarget = SimGateway | "renderer" | "smtp"
export type BackgroundJob = "sweep" | "janitor" | "reconcile-stripe" | "reconcile-razorpay"
/** What the network does with one webhook the gateway sends. */
export type WebhookFate = "deliver" | "drop" | "duplicate" | "delay"

/** One thing that happens in the world, in order. */
export type Step =
  /** A learner clicks "buy" `clicks` times at once. Purchase = (learner, course) pair. */
  | {
      readonly _tag: "Click"
      readonly purchase: number
      readonly gateway: SimGateway
      readonly clicks: number
    }
  /** The learner acts on the `checkout`-th checkout the gateways opened; `wrongAmount`: charged ≠ price. */
  | {
      readonly _tag: "Pay"
      readonly checkout: number
      readonly outcome: PayOutcome
      readonly wrongAmount: boolean
    }
  /** A refund or dispute at the gateway, on the `checkout`-th checkout. */
  | { readonly _tag: "Reverse"; readonly checkout: number; readonly kind: Reversal }
  /** The next `calls` calls to the target fail (API errors, outage, renderer down, SMTP down). */
  | { readonly _tag: "Outage"; readonly target: OutageTarget; readonly calls: number }
  /** The network delivers up to `count` due webhooks, in an order the seed picks. */
  | { readonly _tag: "Deliver"; readonly count: number }
  /** Workers run up to `count` due jobs, picked by the seed; some twice at once. */
  | { readonly _tag: "Work"; readonly count: number }
  | { readonly _tag: "Tick"; readonly seconds: number }
  | { readonly _tag: "Background"; readonly job: BackgroundJob }

/** A crash of the `task`-th task run (webhook handler, job, click, background run) right after its `afterWrite`-th write. */
export interface Crash {
  readonly task: number
  readonly afterWrite: number
}

export interface Scenario {
  /** Drives the runtime choices: job order, double runs, delivery order, delays, interleavings. */
  readonly seed: number
  readonly steps: ReadonlyArray<Step>
  /** Fates of the webhooks in the order the gateways send them; past the end, webhooks are delivered. */
  readonly webhooks: ReadonlyArray<WebhookFate>
  readonly crashes: ReadonlyArray<Crash>
  /** Whether quiescence runs the janitor through its whole schedule (days), parking stuck payments. */
  readonly longQuiescence: boolean
}

export const PURCHASES = 4
const gateway = fc.constantFrom<SimGateway>("stripe", "razorpay")
const checkout = fc.integer({ min: 0, max: 5 })

const clickStep: fc.Arbitrary<Step> = fc.record({
  _tag: fc.constant("Click" as const),
  purchase: fc.integer({ min: 0, max: PURCHASES - 1 }),
  gateway,
  clicks: fc.integer({ min: 1, max: 3 })
})

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: clickStep },
  {
    weight: 5,
    arbitrary: fc.record({
      _tag: fc.constant("Pay" as const),
      checkout,
      outcome: fc.constantFrom<PayOutcome>("succeeded", "succeeded", "succeeded", "failed", "expired"),
      // Rare: the gateway charged something other than our price, which must go to review.
      wrongAmount: fc.integer({ min: 0, max: 9 }).map((n) => n === 0)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Reverse" as const),
      checkout,
      kind: fc.constantFrom<Reversal>(
        "payment_partially_refunded",
        "payment_refunded",
        "dispute_opened",
        "dispute_won",
        "dispute_lost"
      )
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Outage" as const),
      target: fc.constantFrom<OutageTarget>("stripe", "razorpay", "renderer", "smtp"),
      calls: fc.integer({ min: 1, max: 4 })
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({ _tag: fc.constant("Deliver" as const), count: fc.integer({ min: 1, max: 4 }) })
  },
  {
    weight: 3,
    arbitrary: fc.record({ _tag: fc.constant("Work" as const), count: fc.integer({ min: 1, max: 6 }) })
  },
  {
    weight: 2,
    // At most 14 minutes pass during the steps: less than reconciliation's 15-minute window overlap (see
    // the known gap in simulation.oracle.test.ts: later windows never look at older payments again).
    arbitrary: fc.record({ _tag: fc.constant("Tick" as const), seconds: fc.integer({ min: 1, max: 60 }) })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("Background" as const),
      job: fc.constantFrom<BackgroundJob>("sweep", "janitor", "reconcile-stripe", "reconcile-razorpay")
    })
  }
)

export interface ScenarioSize {
  readonly maxSteps: number
  /** Whether some scenarios let days pass for the janitor's whole schedule. */
  readonly longQuiescence: boolean
}

export const scenarioArbitrary = (
  size: ScenarioSize = { maxSteps: 15, longQuiescence: true }
): fc.Arbitrary<Scenario> =>
  fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    // Every scenario starts with a purchase; what follows may refer to its checkout.
    steps: fc
      .tuple(clickStep, fc.array(step, { maxLength: size.maxSteps - 1 }))
      .map(([first, rest]) => [first, ...rest]),
    webhooks: fc.array(fc.constantFrom<WebhookFate>("deliver", "deliver", "drop", "duplicate", "delay"), {
      maxLength: 8
    }),
    crashes: fc.array(
      fc.record({ task: fc.integer({ min: 0, max: 40 }), afterWrite: fc.integer({ min: 1, max: 14 }) }),
      { maxLength: 4 }
    ),
    longQuiescence: size.longQuiescence
      ? fc.integer({ min: 0, max: 3 }).map((n) => n === 0)
      : fc.constant(false)
  })
