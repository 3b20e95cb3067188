import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client"

/**
 * The process's Prometheus registry. Every process (API, worker) serves its own `/metrics`;
 * names are shared so a scrape of all of them sums up.
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry, prefix: "certify_process_" })

export const webhooksReceived = new Counter({
  name: "certify_webhooks_received_total",
  help: "Signed webhook deliveries accepted and stored in the inbox",
  labelNames: ["gateway"] as const,
  registers: [registry]
})

export const webhooksRejected = new Counter({
  name: "certify_webhooks_rejected_total",
  help: "Webhook deliveries refused (unsigned, forged, stale, oversized, malformed)",
  labelNames: ["gateway", "reason"] as const,
  registers: [registry]
})

export const webhooksDuplicated = new Counter({
  name: "certify_webhooks_duplicated_total",
  help: "Webhook deliveries whose event was already in the inbox",
  labelNames: ["gateway"] as const,
  registers: [registry]
})

export const jobsRun = new Counter({
  name: "certify_jobs_run_total",
  help: "Background job runs by outcome",
  labelNames: ["job", "outcome"] as const,
  registers: [registry]
})

export const jobsRetried = new Counter({
  name: "certify_jobs_retried_total",
  help: "Background job runs that failed and were scheduled again",
  labelNames: ["job"] as const,
  registers: [registry]
})

export const jobsDeadLettered = new Counter({
  name: "certify_jobs_dead_lettered_total",
  help: "Background jobs that exhausted their attempts",
  labelNames: ["job"] as const,
  registers: [registry]
})

export const reconciliationFixes = new Counter({
  name: "certify_reconciliation_fixed_total",
  help: "Ledger corrections made by reconciliation",
  labelNames: ["gateway"] as const,
  registers: [registry]
})

export const reconciliationFlags = new Counter({
  name: "certify_reconciliation_flagged_total",
  help: "Payments reconciliation sent to manual review",
  labelNames: ["gateway"] as const,
  registers: [registry]
})

export const renderSeconds = new Histogram({
  name: "certify_render_seconds",
  help: "Time to obtain one rendered artifact from the renderer",
  labelNames: ["format"] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry]
})

export const emailFailures = new Counter({
  name: "certify_email_failures_total",
  help: "Certificate emails that failed, transiently (retried) or permanently (rejected)",
  labelNames: ["kind"] as const,
  registers: [registry]
})

export const rateLimited = new Counter({
  name: "certify_rate_limited_total",
  help: "Requests refused by a rate limit",
  labelNames: ["limit"] as const,
  registers: [registry]
})
