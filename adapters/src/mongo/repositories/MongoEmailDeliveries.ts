import { type EmailClaim, EmailDeliveries } from "@certify/domain"
import { Effect, Layer } from "effect"
import { findConsecutive, insertUnique, modelsOf, query } from "../model.ts"

interface ClaimRow {
  readonly generation: number
  readonly claimedAt: Date
  readonly sentAt?: Date
  readonly failedAt?: Date
}

export const layer = Layer.effect(
  EmailDeliveries,
  Effect.gen(function* () {
    const { EmailClaim: claims } = yield* modelsOf("EmailClaim")
    const rowId = (key: string, generation: number) => `${key}#${generation}`
    // Generations start at 1 and have no gaps (each claim inserts the latest + 1).
    const rowsOf = (key: string) =>
      findConsecutive(claims, (generation) => rowId(key, generation)) as Effect.Effect<
        Array<Record<string, unknown> & ClaimRow>
      >
    return EmailDeliveries.of({
      wasSent: (key) => Effect.map(rowsOf(key), (rows) => rows.some((row) => row.sentAt !== undefined)),
      claim: (key, now, leaseMillis) =>
        Effect.gen(function* () {
          const rows = yield* rowsOf(key)
          if (rows.some((row) => row.sentAt !== undefined))
            return { _tag: "AlreadySent" } satisfies EmailClaim
          const latest = rows.at(-1)
          if (
            latest &&
            latest.failedAt === undefined &&
            now.getTime() - latest.claimedAt.getTime() < leaseMillis
          ) {
            return { _tag: "InProgress", claimedAt: latest.claimedAt } satisfies EmailClaim
          }
          // The next generation's insert is the claim: of two workers, exactly one inserts it.
          const generation = (latest?.generation ?? 0) + 1
          const won = yield* insertUnique(claims, {
            _id: rowId(key, generation),
            key,
            generation,
            claimedAt: now
          })
          return won
            ? ({ _tag: "Claimed", generation } satisfies EmailClaim)
            : ({ _tag: "InProgress", claimedAt: now } satisfies EmailClaim)
        }),
      markSent: (key, generation, at) =>
        Effect.asVoid(
          query(() => claims.updateOne({ _id: rowId(key, generation) }, { $set: { sentAt: at } }).exec())
        ),
      markFailed: (key, generation, error, permanent, at) =>
        Effect.asVoid(
          query(() =>
            claims
              .updateOne({ _id: rowId(key, generation) }, { $set: { failedAt: at, error, permanent } })
              .exec()
          )
        )
    })
  })
)
