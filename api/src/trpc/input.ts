import { Schema } from "effect"

/** An Effect Schema as a tRPC input validator, through Standard Schema. */
export const input = <S extends Schema.ConstraintDecoder<unknown>>(schema: S) =>
  Schema.toStandardSchemaV1(schema)

export const RequestIdInput = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9_-]{8,80}$/, {
    message: "requestId must be 8-80 characters of A-Z, a-z, 0-9, _ or -"
  })
)
