import type { AuditEntry, ChainReport } from "@certify/domain"

const actor = (entry: AuditEntry) =>
  entry.actor.id ? `${entry.actor.kind}:${entry.actor.id}` : entry.actor.kind

/** One line per transition: when, what moved from where to where, who caused it and why. */
export const formatTimeline = (
  title: string,
  entries: ReadonlyArray<AuditEntry>,
  chain: ChainReport
): string => {
  const lines = [
    `${title}  (${entries.length} transitions, hash chain ${chain.breaks.length === 0 ? "intact" : "BROKEN"})`
  ]
  for (const entry of entries) {
    lines.push(
      `  ${entry.at.toISOString()}  #${entry.seq}  ${entry.from} → ${entry.to}  ${entry.event._tag}` +
        `  by ${actor(entry)}  cause ${entry.cause.kind}:${entry.cause.id}`
    )
  }
  for (const broken of chain.breaks) lines.push(`  ! ${JSON.stringify(broken)}`)
  return lines.join("\n")
}
