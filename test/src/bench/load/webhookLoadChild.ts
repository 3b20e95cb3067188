import { stripeDeliveryHeaders, stripeEventBody } from "../support/stripeDelivery.ts"
import { fixedRateLoad, type LoadRequest } from "./httpLoad.ts"

interface WebhookLoadInput {
  readonly origin: string
  readonly secret: string
  readonly rate: number
  readonly durationSeconds: number
  readonly connections: number
  /** Every 1/duplicateRatio-th delivery repeats an earlier event, re-signed as Stripe's retries are. */
  readonly duplicateRatio: number
  readonly runId: string
}

const input = JSON.parse(process.argv[2] ?? "{}") as WebhookLoadInput
const bodies: string[] = []
const every = Math.round(1 / input.duplicateRatio)
let seed = 12345
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}

const next = (index: number): LoadRequest => {
  const repeat = index % every === every - 1 && bodies.length > 0
  const body = repeat
    ? (bodies[Math.floor(random() * bodies.length)] ?? "")
    : stripeEventBody(`evt_${input.runId}_${index}`, Math.floor(Date.now() / 1000))
  if (!repeat) bodies.push(body)
  return {
    method: "POST",
    path: "/webhooks/stripe",
    headers: stripeDeliveryHeaders(input.secret, body),
    body
  }
}

const report = await fixedRateLoad({ ...input, next })
process.stdout.write(`${JSON.stringify({ ...report, unique: bodies.length })}\n`)
