import { when } from "./format.ts"
import type { TimelineEntry } from "./timeline.ts"

export const Timeline = ({ entries }: { readonly entries: ReadonlyArray<TimelineEntry> }) =>
  entries.length === 0 ? (
    <p className="muted">Nothing recorded yet.</p>
  ) : (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole; entries have no id of their own
          key={index}
          className={`timeline-${entry.source}`}
          data-testid="timeline-entry"
        >
          <time dateTime={entry.at}>{when(entry.at || null)}</time>
          <span className="badge">{entry.source}</span>
          <strong>{entry.title}</strong>
          <span className="muted">{entry.detail}</span>
        </li>
      ))}
    </ol>
  )
