import type { IncomingMessage, ServerResponse } from "node:http"
import { parseBody, readBody, sendJson } from "./http/httpTools.ts"
import type { DisputeOutcome, OutageMode, SandboxControls, SandboxGateway } from "./SandboxControls.ts"

const gatewayOf = (value: unknown): SandboxGateway => {
  if (value === "stripe" || value === "razorpay") return value
  throw new Error(`gateway must be stripe or razorpay, got ${String(value)}`)
}
const numberOr = (value: unknown) => (value === undefined ? undefined : Number(value))

/**
 * `/__sandbox/*`, for other processes (chaos test, CLI `demo-purchase`, dev UI):
 * POST outage {gateway, mode: off|error|refuse|hang}, POST faults {gateway, duplicateRate, dropRate,
 * delayMs, reorderWindowMs}, POST pay|decline|expire|refund {ref}, POST dispute {ref, outcome?},
 * POST redeliver {eventId?}, POST settle, POST reset-counters, GET stats, GET deliveries.
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
        case "/pay":
          controls.pay(ref)
          break
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
