import { layerPaymentGateways } from "@certify/adapters/gateways"
import { PaymentGateways, PaymentReference } from "@certify/domain"
import { Effect, Exit } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { SandboxGateways } from "../sandbox/startSandboxGateways.ts"
import { checkoutRequest, configFor, startSandbox } from "./support/sandboxFixture.ts"

let sandbox: SandboxGateways
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())

const withGateways = <A, E>(effect: Effect.Effect<A, E, PaymentGateways>, env: Record<string, string> = {}) =>
  Effect.runPromise(Effect.provide(effect, layerPaymentGateways(configFor(sandbox.url, env))))

describe("the official stripe SDK against the sandbox", () => {
  it("creates a Checkout Session once per payment, fetches it paid, lists it and refunds it", async () => {
    const request = checkoutRequest("stripe")
    await withGateways(
      Effect.gen(function* () {
        const port = yield* PaymentGateways
        const first = yield* port.createCheckout(request)
        const again = yield* port.createCheckout(request)
        expect(again.checkoutRef).toBe(first.checkoutRef)
        expect(first.url).toBe(`${sandbox.url}/stripe/checkout/${first.checkoutRef}`)

        const reference = new PaymentReference({ checkoutRef: first.checkoutRef })
        const [open] = yield* port.fetchPayment("stripe", reference)
        expect(open?.status).toBe("pending")

        sandbox.controls.pay(first.checkoutRef)
        const [paid] = yield* port.fetchPayment("stripe", reference)
        expect(paid).toMatchObject({
          status: "succeeded",
          paymentId: request.paymentId,
          amount: request.amount
        })
        expect(paid?.gatewayPaymentId).toMatch(/^pi_/)

        const window = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) }
        const page = yield* port.listPayments("stripe", window, undefined)
        expect(page.items.map((item) => item.checkoutRef)).toContain(first.checkoutRef)

        yield* port.refund("stripe", reference)
        yield* port.refund("stripe", reference)
        const [refunded] = yield* port.fetchPayment("stripe", reference)
        expect(refunded?.status).toBe("refunded")
      })
    )
  })

  it("pages through listings with starting_after", async () => {
    const from = new Date(Date.now() - 1000)
    await withGateways(
      Effect.gen(function* () {
        const port = yield* PaymentGateways
        for (let i = 0; i < 3; i++) yield* port.createCheckout(checkoutRequest("stripe"))
        const window = { from, to: new Date(Date.now() + 60_000) }
        const first = yield* port.listPayments("stripe", window, undefined)
        expect(first.items.length).toBeGreaterThanOrEqual(3)
      })
    )
  })
})

describe("the official razorpay SDK against the sandbox", () => {
  it("creates one order per payment (receipt), sees its captured payment, lists and refunds it", async () => {
    const request = checkoutRequest("razorpay")
    await withGateways(
      Effect.gen(function* () {
        const port = yield* PaymentGateways
        const first = yield* port.createCheckout(request)
        const again = yield* port.createCheckout(request)
        expect(again.checkoutRef).toBe(first.checkoutRef)
        expect(first.checkoutRef).toMatch(/^order_/)
        expect(first.url).toBe(`http://127.0.0.1:3999/checkout/razorpay/${request.paymentId}`)

        const reference = new PaymentReference({ checkoutRef: first.checkoutRef })
        expect(yield* port.fetchPayment("razorpay", reference)).toEqual([])

        sandbox.controls.decline(first.checkoutRef)
        sandbox.controls.pay(first.checkoutRef)
        const snapshots = yield* port.fetchPayment("razorpay", reference)
        expect(snapshots.map((s) => s.status).sort()).toEqual(["failed", "succeeded"])
        const paid = snapshots.find((s) => s.status === "succeeded")
        expect(paid).toMatchObject({ paymentId: request.paymentId, amount: request.amount })

        // Only our payment id (the order id was never stored): the receipt finds the order.
        const byOurId = yield* port.fetchPayment(
          "razorpay",
          new PaymentReference({ paymentId: request.paymentId })
        )
        expect(byOurId.map((s) => s.checkoutRef)).toContain(first.checkoutRef)

        const byId = yield* port.fetchPayment(
          "razorpay",
          new PaymentReference({ gatewayPaymentId: paid?.gatewayPaymentId ?? "" })
        )
        expect(byId[0]?.status).toBe("succeeded")

        const window = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) }
        const page = yield* port.listPayments("razorpay", window, undefined)
        expect(page.items.map((s) => s.gatewayPaymentId)).toContain(paid?.gatewayPaymentId)

        yield* port.refund("razorpay", reference)
        yield* port.refund("razorpay", reference)
        const after = yield* port.fetchPayment(
          "razorpay",
          new PaymentReference({ gatewayPaymentId: paid?.gatewayPaymentId ?? "" })
        )
        expect(after[0]?.status).toBe("refunded")
      })
    )
  })
})

describe("outages", () => {
  for (const gateway of ["stripe", "razorpay"] as const) {
    it(`${gateway}: an outage answers PaymentUnavailable, opens the circuit, and status reports it`, async () => {
      sandbox.controls.setOutage(gateway, "error")
      try {
        await withGateways(
          Effect.gen(function* () {
            const port = yield* PaymentGateways
            const before = sandbox.controls.apiCalls(gateway)
            const failed = yield* Effect.exit(port.createCheckout(checkoutRequest(gateway)))
            expect(Exit.isFailure(failed)).toBe(true)
            if (Exit.isFailure(failed)) expect(JSON.stringify(failed.cause)).toContain("PaymentUnavailable")
            // Three attempts (one call plus two retries) reach the breaker's threshold of three.
            expect(sandbox.controls.apiCalls(gateway) - before).toBeGreaterThanOrEqual(3)
            const statuses = yield* port.status
            expect(statuses.find((s) => s.gateway === gateway)).toMatchObject({ available: false })
            expect(statuses.find((s) => s.gateway !== gateway)).toMatchObject({ available: true })
            const refused = sandbox.controls.apiCalls(gateway)
            const again = yield* Effect.flip(port.createCheckout(checkoutRequest(gateway)))
            expect(again._tag).toBe("PaymentUnavailable")
            expect(again.reason).toMatch(/circuit open/)
            // While the circuit is open, the gateway is not called at all.
            expect(sandbox.controls.apiCalls(gateway)).toBe(refused)
          })
        )
      } finally {
        sandbox.controls.setOutage(gateway, "off")
      }
    })
  }

  it("a refused connection and a hung API are both PaymentUnavailable within the timeout", async () => {
    sandbox.controls.setOutage("razorpay", "refuse")
    sandbox.controls.setOutage("stripe", "hang")
    try {
      await withGateways(
        Effect.gen(function* () {
          const port = yield* PaymentGateways
          const refused = yield* Effect.flip(port.createCheckout(checkoutRequest("razorpay")))
          expect(refused._tag).toBe("PaymentUnavailable")
          const started = Date.now()
          const hung = yield* Effect.flip(port.createCheckout(checkoutRequest("stripe")))
          expect(hung._tag).toBe("PaymentUnavailable")
          expect(Date.now() - started).toBeLessThan(5_000)
        }),
        { GATEWAY_TIMEOUT_MS: "300", GATEWAY_MAX_RETRIES: "1" }
      )
    } finally {
      sandbox.controls.setOutage("razorpay", "off")
      sandbox.controls.setOutage("stripe", "off")
    }
  })

  it("after recovery a fresh circuit takes payments again", async () => {
    await withGateways(
      Effect.gen(function* () {
        const port = yield* PaymentGateways
        const session = yield* port.createCheckout(checkoutRequest("stripe"))
        expect(session.checkoutRef).toMatch(/^cs_test_/)
      })
    )
  })
})
