import type { SandboxGateway } from "./knobArguments.ts"

export interface SandboxStats {
  readonly apiCalls: Readonly<Record<SandboxGateway, number>>
  readonly rateLimited: Readonly<Record<SandboxGateway, number>>
}

export interface SandboxDelivery {
  readonly gateway: SandboxGateway
  readonly eventId: string
  readonly type: string
  /** HTTP status of each attempt; 0 when the app did not answer. */
  readonly statuses: ReadonlyArray<number>
  readonly dropped: boolean
}

const GATEWAYS: ReadonlyArray<SandboxGateway> = ["stripe", "razorpay"]

const deliveryCounts = (deliveries: ReadonlyArray<SandboxDelivery>) => {
  const accepted = deliveries.filter((d) => d.statuses.some((s) => s >= 200 && s < 300)).length
  const dropped = deliveries.filter((d) => d.dropped).length
  const failed = deliveries.filter((d) => !d.dropped && d.statuses.length > 0).length - accepted
  return {
    webhooks: deliveries.length,
    accepted,
    failed,
    dropped,
    pending: deliveries.length - accepted - failed - dropped
  }
}

/**
 * What the sandbox has seen, per gateway. Its control API does not report the knobs' settings, so
 * this shows their effects: API calls, rate-limited calls, and webhooks accepted, failed, dropped, or
 * still pending (held or delayed).
 */
export const sandboxStatus = (
  origin: string,
  stats: SandboxStats,
  deliveries: ReadonlyArray<SandboxDelivery>
): string => {
  const header = [
    "gateway",
    "api calls",
    "rate limited",
    "webhooks",
    "accepted",
    "failed",
    "dropped",
    "pending"
  ]
  const rows = GATEWAYS.map((gateway) => {
    const counts = deliveryCounts(deliveries.filter((d) => d.gateway === gateway))
    return [
      gateway,
      stats.apiCalls[gateway],
      stats.rateLimited[gateway],
      counts.webhooks,
      counts.accepted,
      counts.failed,
      counts.dropped,
      counts.pending
    ].map(String)
  })
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0))
  )
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd()
  return [`sandbox ${origin}`, line(header), ...rows.map(line)].join("\n")
}
