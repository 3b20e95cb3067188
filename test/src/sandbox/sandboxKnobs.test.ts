import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { secrets, startSandbox } from "../gateways/support/sandboxFixture.ts"
import type { SandboxGateways } from "./startSandboxGateways.ts"

/** The fault knobs tests set over `/__sandbox/*`, checked against a webhook receiver in this process. */
describe("sandbox fault knobs", () => {
  let sandbox: SandboxGateways
  let receiver: Server
  const received: Array<{ readonly id: string; readonly type: string; readonly body: string }> = []

  const control = async (action: string, body: Record<string, unknown>) => {
    const response = await fetch(`${sandbox.url}/__sandbox/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  let sessionCount = 0
  /** Creates a Checkout Session the way the SDK does (form-encoded), for our payment id. */
  const createSession = (paymentId: string, idempotencyKey = paymentId) =>
    fetch(`${sandbox.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${secrets.stripeSecretKey}`,
        "content-type": "application/x-www-form-urlencoded",
        "idempotency-key": idempotencyKey
      },
      body: new URLSearchParams({
        mode: "payment",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "usd",
        "line_items[0][price_data][unit_amount]": "4900",
        "metadata[payment_id]": paymentId
      }).toString()
    })
  const newSession = async () => {
    const paymentId = `knob_payment_${++sessionCount}`
    const response = await createSession(paymentId)
    expect(response.status).toBe(200)
    return { paymentId, session: (await response.json()) as { id: string } }
  }

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8")
        const event = JSON.parse(body) as { id?: string; type?: string; event?: string }
        received.push({
          id: event.id ?? String(request.headers["x-razorpay-event-id"]),
          type: event.type ?? event.event ?? "",
          body
        })
        response.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
    sandbox = await startSandbox({ stripe: `${url}/stripe`, razorpay: `${url}/razorpay` })
  })
  afterAll(async () => {
    await sandbox.close()
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
  })
  beforeEach(async () => {
    await control("faults", { gateway: "stripe", duplicateRate: 0, duplicateCopies: 3, dropRate: 0 })
    received.length = 0
  })

  it("sends a duplicated event N times, N set through the control API (3 when not set)", async () => {
    await control("faults", { gateway: "stripe", duplicateRate: 1 })
    const first = await newSession()
    await control("pay", { ref: first.paymentId })
    await control("settle", {})
    expect(received).toHaveLength(3)

    received.length = 0
    expect((await control("faults", { gateway: "stripe", duplicateCopies: 5 })).status).toBe(200)
    const second = await newSession()
    await control("pay", { ref: second.paymentId })
    await control("settle", {})
    expect(received).toHaveLength(5)
    expect(new Set(received.map((event) => event.id)).size).toBe(1)
  })

  it("refuses a copy count that is not a whole number from 1 to 20", async () => {
    for (const duplicateCopies of [0, 2.5, 21])
      expect((await control("faults", { gateway: "stripe", duplicateCopies })).status).toBe(400)
  })

  it("holds deliveries and releases them newest first", async () => {
    const { paymentId } = await newSession()
    await control("hold", { gateway: "stripe" })
    await control("decline", { ref: paymentId })
    await control("pay", { ref: paymentId })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).toHaveLength(0)

    const released = await control("release", { gateway: "stripe", order: "reverse", gapMs: 20 })
    expect(released.body.released).toBe(2)
    await control("settle", {})
    expect(received.map((event) => event.type)).toEqual([
      "checkout.session.completed",
      "payment_intent.payment_failed"
    ])
  })

  it("commits a write whose answer is lost, and replays it for the same idempotency key", async () => {
    expect((await control("lose-responses", { gateway: "stripe", count: 1 })).status).toBe(200)
    const lost = await createSession("knob_lost_answer")
    expect(lost.status).toBe(500)
    const committed = sandbox.controls.checkoutsFor("knob_lost_answer").stripe
    expect(committed).toHaveLength(1)

    const retried = await createSession("knob_lost_answer")
    expect(retried.status).toBe(200)
    expect(((await retried.json()) as { id: string }).id).toBe(committed[0])
    expect(sandbox.controls.checkoutsFor("knob_lost_answer").stripe).toEqual(committed)
  })

  it("drops the connection after committing in drop mode", async () => {
    await control("lose-responses", { gateway: "stripe", count: 1, mode: "drop" })
    await expect(createSession("knob_dropped_answer")).rejects.toThrow()
    expect(sandbox.controls.checkoutsFor("knob_dropped_answer").stripe).toHaveLength(1)
    expect((await createSession("knob_dropped_answer")).status).toBe(200)
  })

  it("pays a Stripe session a different amount when asked, and reports what was paid", async () => {
    const { paymentId, session } = await newSession()
    expect((await control("pay", { ref: paymentId, amountMinor: 100 })).status).toBe(200)
    await control("settle", {})
    const event = JSON.parse(received[0]?.body ?? "{}") as { data?: { object?: { amount_total?: number } } }
    expect(event.data?.object?.amount_total).toBe(100)
    const fetched = await fetch(`${sandbox.url}/v1/checkout/sessions/${session.id}?expand[]=payment_intent`, {
      headers: { authorization: `Bearer ${secrets.stripeSecretKey}` }
    })
    const paid = (await fetched.json()) as { amount_total: number; payment_intent: { amount: number } }
    expect(paid.amount_total).toBe(100)
    expect(paid.payment_intent.amount).toBe(100)
  })

  it("answers GET checkouts with every session and order for a reference", async () => {
    const { paymentId, session } = await newSession()
    const response = await fetch(`${sandbox.url}/__sandbox/checkouts?ref=${paymentId}`)
    expect(await response.json()).toEqual({ stripe: [session.id], razorpay: [] })
  })
})
