import { Effect } from "effect"
import { Digest } from "effect/crypto"
import type { AuditDraft } from "../machines/Transition.ts"
import { AuditEntry, GENESIS_HASH, SubjectRef, type TransitionEvent } from "../model/AuditEntry.ts"
import { canonicalJson } from "./canonicalJson.ts"

type Unsealed = Omit<AuditEntry, "hash">

const contentOf = (entry: Unsealed) =>
  canonicalJson({
    subject: { type: entry.subject.type, id: entry.subject.id },
    seq: entry.seq,
    event: entry.event,
    from: entry.from,
    to: entry.to,
    actor: { ...entry.actor },
    cause: { ...entry.cause },
    at: entry.at,
    prevHash: entry.prevHash
  })

const utf8 = new TextEncoder()

const hashOf = (entry: Unsealed) =>
  Digest.Digest.use((digest) => digest.digestHex(Digest.sha256, utf8.encode(contentOf(entry))))

/** Numbers a draft as the subject's next entry and seals it to the previous one. */
export const sealEntry = Effect.fnUntraced(function* (
  subjectId: string,
  draft: AuditDraft<TransitionEvent>,
  previous: AuditEntry | undefined
) {
  const unsealed: Unsealed = {
    subject: new SubjectRef({ type: draft.subjectType, id: subjectId }),
    seq: (previous?.seq ?? 0) + 1,
    event: draft.event,
    from: draft.from,
    to: draft.to,
    actor: draft.actor,
    cause: draft.cause,
    at: draft.at,
    prevHash: previous?.hash ?? GENESIS_HASH
  }
  return new AuditEntry({ ...unsealed, hash: yield* hashOf(unsealed) })
})

export type ChainBreak =
  | { readonly _tag: "HashMismatch"; readonly seq: number }
  | { readonly _tag: "BrokenLink"; readonly seq: number }
  | { readonly _tag: "MissingEntry"; readonly expectedSeq: number }
  | { readonly _tag: "Truncated"; readonly lastSeq: number; readonly expectedLastSeq: number }

export interface ChainReport {
  readonly subject: string
  readonly entries: number
  readonly breaks: ReadonlyArray<ChainBreak>
}

/**
 * Checks one subject's chain. `expectedLastSeq` is the version its projection records,
 * which is what makes deleting the newest entry detectable.
 */
export const verifyChain = Effect.fnUntraced(function* (
  subjectId: string,
  entries: ReadonlyArray<AuditEntry>,
  expectedLastSeq?: number
) {
  const breaks: Array<ChainBreak> = []
  let previousHash = GENESIS_HASH
  let expectedSeq = 1
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) breaks.push({ _tag: "MissingEntry", expectedSeq })
    if (entry.prevHash !== previousHash) breaks.push({ _tag: "BrokenLink", seq: entry.seq })
    if ((yield* hashOf(entry)) !== entry.hash) breaks.push({ _tag: "HashMismatch", seq: entry.seq })
    previousHash = entry.hash
    expectedSeq = entry.seq + 1
  }
  const lastSeq = expectedSeq - 1
  if (expectedLastSeq !== undefined && lastSeq < expectedLastSeq) {
    breaks.push({ _tag: "Truncated", lastSeq, expectedLastSeq })
  }
  return { subject: subjectId, entries: entries.length, breaks } satisfies ChainReport
})
