import type { IncomingMessage, ServerResponse } from "node:http"
import { parseBody, readBody, sendJson } from "./http/httpTools.ts"
import type {
  DisputeOutcome,
  LostResponseMode,
  OutageMode,
  SandboxControls,
  SandboxGateway
} from "./SandboxControls.ts"
import type { ReleaseOrder } from "./webhookDelivery.ts"

const gatewayOf = (value: unknown): SandboxGateway => {
  if (value === "stripe" || value === "razorpay") return value
  throw new Error(`gateway must be stripe or razorpay, got ${String(value)}`)
}
const numberOr = (value: unknown) => (value === undefined ? undefined : Number(value))
const oneOf = <A extends string>(value: unknown, allowed: ReadonlyArray<A>, fallback: A): A => {
  if (value === undefined) return fallback
  if (allowed.includes(value as A)) return value as A
  throw new Error(`expected one of ${allowed.join(", ")}, got ${String(value)}`)
}

/**
 * `/__sandbox/*`, for other processes (chaos test, CLI `demo-purchase`, dev UI):
 * POST outage {gateway, mode: off|error|refuse|hang}, POST faults {gateway, duplicateRate,
 * duplicateCopies, dropRate, delayMs, reorderWindowMs}, POST lose-responses {gateway, count?, mode?:
 * error|drop}, POST hold {gateway}, POST release {gateway, order?: emitted|reverse, gapMs?},
 * POST pay {ref, amountMinor?}, POST decline|expire|refund {ref}, POST dispute {ref, outcome?},
 * POST redeliver {eventId?}, POST settle, POST reset-counters, GET stats, GET deliveries,
 * GET checkouts?ref=.
 */
export const controlRoutes =
  (controls: SandboxControls) => async (request: IncomingMessage, response: ServerResponse, path: string) => {
    if (request.method === "GET" && path === "/stats")
      return sendJson(response, 200, {
        apiCalls: { stripe: controls.apiCalls("stripe"), razorpay: controls.apiCalls("razorpay") },
        rateLimited: { stripe: controls.rateLimited("stripe"), razorpay: controls.rateLimited("razorpay") }
      })
    if (request.method === "GET" && path === "/deliveries")
      return sendJson(
        response,
        200,
        controls.deliveries().map(({ body: _body, ...rest }) => rest)
      )
    if (request.method === "GET" && path === "/checkouts") {
      const ref = new URL(request.url ?? "/", "http://sandbox").searchParams.get("ref") ?? ""
      return sendJson(response, 200, controls.checkoutsFor(ref))
    }
    if (request.method !== "POST") return sendJson(response, 405, { error: "use POST" })
    const body = parseBody(await readBody(request), request.headers["content-type"])
    const ref = String(body.ref ?? "")
    try {
      switch (path) {
        case "/outage":
          controls.setOutage(gatewayOf(body.gateway), String(body.mode ?? "error") as OutageMode)
          break
        case "/faults": {
          const faults = {
            duplicateRate: numberOr(body.duplicateRate),
            duplicateCopies: numberOr(body.duplicateCopies),
            dropRate: numberOr(body.dropRate),
            delayMs: numberOr(body.delayMs),
            reorderWindowMs: numberOr(body.reorderWindowMs)
          }
          controls.setWebhookFaults(
            gatewayOf(body.gateway),
            Object.fromEntries(
              Object.entries(faults).filter(([, v]) => v !== undefined && Number.isFinite(v))
            )
          )
          break
        }
        case "/lose-responses":
          controls.loseResponses(
            gatewayOf(body.gateway),
            numberOr(body.count) ?? 1,
            oneOf<LostResponseMode>(body.mode, ["error", "drop"], "error")
          )
          break
        case "/hold":
          controls.holdWebhooks(gatewayOf(body.gateway))
          break
        case "/release":
          return sendJson(response, 200, {
            released: controls.releaseWebhooks(
              gatewayOf(body.gateway),
              oneOf<ReleaseOrder>(body.order, ["emitted", "reverse"], "emitted"),
              numberOr(body.gapMs) ?? 0
            )
          })
        case "/pay": {
          const amountMinor = numberOr(body.amountMinor)
          controls.pay(ref, amountMinor === undefined ? undefined : { amountMinor })
          break
        }
        case "/decline":
          controls.decline(ref)
          break
        case "/expire":
          controls.expire(ref)
          break
        case "/refund":
          controls.refund(ref)
          break
        case "/dispute":
          controls.dispute(
            ref,
            body.outcome === "won" || body.outcome === "lost" ? (body.outcome as DisputeOutcome) : undefined
          )
          break
        case "/redeliver":
          return sendJson(response, 200, {
            redelivered: controls.redeliver(typeof body.eventId === "string" ? body.eventId : undefined)
          })
        case "/settle":
          await controls.webhooksSettled()
          break
        case "/reset-counters":
          controls.resetCounters()
          break
        default:
          return sendJson(response, 404, { error: `no control ${path}` })
      }
    } catch (error) {
      return sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) })
    }
    sendJson(response, 200, { ok: true })
  }
