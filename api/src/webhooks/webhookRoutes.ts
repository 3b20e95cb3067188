import {
  type GatewayConfig,
  keptHeaders,
  verifyGatewayWebhook,
  type WebhookRejection
} from "@certify/adapters/gateways"
import {
  type Gateway,
  type GatewayEventInbox,
  InboxRecord,
  type JobQueue,
  recordGatewayEvent
} from "@certify/domain"
import { Exit, type ManagedRuntime } from "effect"
import express, { type Request, type Response } from "express"
import type { Logger } from "../observability/logger.ts"
import { webhooksDuplicated, webhooksReceived, webhooksRejected } from "../observability/metrics.ts"
import { BodyAlreadyRead, BodyTooLarge, readRawBody } from "./readRawBody.ts"
import { respondJson } from "./respond.ts"

/** What the webhook endpoints run: the inbox and the job queue. An `AppRuntime` is one. */
export type WebhookRuntime = ManagedRuntime.ManagedRuntime<GatewayEventInbox | JobQueue, never>

export interface WebhookRouteDeps {
  readonly runtime: WebhookRuntime
  readonly gateways: GatewayConfig
  readonly logger: Logger
  readonly now?: () => Date
}

// Gateways give up on a slow endpoint (Stripe after ~10 s); answering 503 first makes them retry.
const LEDGER_DEADLINE_MS = 5_000

const statusFor = (reason: WebhookRejection): number => (reason === "gateway_not_configured" ? 404 : 400)

/**
 * `POST /webhooks/stripe` and `POST /webhooks/razorpay`. Mount before any body parser: the signature
 * covers the raw bytes. Verify, store in the inbox (unique per gateway and event id, which also
 * enqueues processing), answer 200; a duplicate is 200 too. Bad input is a 4xx that changes nothing;
 * only an unreachable ledger is a 503, so the gateway delivers again later.
 */
export const webhookRoutes = (deps: WebhookRouteDeps): express.Router => {
  const router = express.Router()
  const now = deps.now ?? (() => new Date())

  const handle = (gateway: Gateway) => async (request: Request, response: Response) => {
    const log = deps.logger.child({ gateway, route: "webhook" })
    const reject = (status: number, reason: string, detail: string) => {
      webhooksRejected.inc({ gateway, reason })
      log.warn({ reason, detail }, "webhook rejected")
      respondJson(response, status, { error: reason, detail })
    }
    let rawBody: Buffer
    try {
      rawBody = await readRawBody(request, deps.gateways.webhookBodyLimitBytes)
    } catch (error) {
      if (error instanceof BodyTooLarge) return reject(413, "payload_too_large", error.message)
      if (error instanceof BodyAlreadyRead) {
        log.error({ detail: error.message }, "webhook routes must be mounted before any body parser")
        return respondJson(response, 500, { error: "server_misconfigured" })
      }
      return reject(400, "unreadable_body", error instanceof Error ? error.message : String(error))
    }
    const receivedAt = now()
    const verdict = verifyGatewayWebhook(deps.gateways, gateway, rawBody, request.headers, receivedAt)
    if (verdict._tag === "Rejected") return reject(statusFor(verdict.reason), verdict.reason, verdict.detail)

    const eventLog = log.child({ eventId: verdict.eventId, gatewayType: verdict.gatewayType })
    const record = new InboxRecord({
      gateway,
      eventId: verdict.eventId,
      rawBody: rawBody.toString("utf8"),
      headers: keptHeaders(request.headers),
      receivedAt,
      ...(verdict.event === undefined ? {} : { event: verdict.event }),
      attempts: 0
    })
    const exit = await deps.runtime.runPromiseExit(recordGatewayEvent(record), {
      signal: AbortSignal.timeout(LEDGER_DEADLINE_MS)
    })
    if (Exit.isFailure(exit)) {
      eventLog.error({ cause: String(exit.cause) }, "webhook not stored: ledger unavailable")
      respondJson(
        response,
        503,
        { error: "ledger_unavailable", detail: "try again later" },
        { "retry-after": "30" }
      )
      return
    }
    if (exit.value === "duplicate") {
      webhooksDuplicated.inc({ gateway })
      eventLog.info("webhook duplicate ignored")
    } else {
      webhooksReceived.inc({ gateway })
      eventLog.info({ normalized: verdict.event?.kind ?? "unnormalized" }, "webhook stored")
    }
    respondJson(response, 200, { received: true, duplicate: exit.value === "duplicate" })
  }

  router.post("/webhooks/stripe", handle("stripe"))
  router.post("/webhooks/razorpay", handle("razorpay"))
  return router
}
