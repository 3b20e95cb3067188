import fc from "fast-check"
import {
  hugeBody,
  randomBytes,
  replayed,
  signedNonEvent,
  staleOrFuture,
  truncatedJson,
  wrongContentType,
  wrongSignature
} from "./hostileBodies.ts"
import { headerInjection, signatureHeaders } from "./hostileHeaders.ts"
import type { CorpusContext, HostileRequest } from "./webhookCorpusBasics.ts"

export type {
  CorpusContext,
  Gateway,
  HostileCategory,
  HostileRequest,
  StoredDelivery
} from "./webhookCorpusBasics.ts"

/** The whole corpus: `count` hostile requests, reproducible from `seed`. */
export const hostileWebhookRequests = (
  context: CorpusContext,
  count: number,
  seed: number
): ReadonlyArray<HostileRequest> =>
  fc.sample(
    fc.oneof(
      { weight: 14, arbitrary: randomBytes(context) },
      { weight: 12, arbitrary: truncatedJson(context) },
      { weight: 10, arbitrary: signedNonEvent(context) },
      { weight: 14, arbitrary: wrongSignature(context) },
      { weight: 12, arbitrary: staleOrFuture(context) },
      { weight: 6, arbitrary: replayed(context) },
      { weight: 2, arbitrary: hugeBody(context) },
      { weight: 10, arbitrary: wrongContentType(context) },
      { weight: 8, arbitrary: headerInjection(context) },
      { weight: 12, arbitrary: signatureHeaders(context) }
    ),
    { numRuns: count, seed }
  )
