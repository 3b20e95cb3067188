import { Effect, Schema } from "effect"
import { InvalidInput } from "../errors/InputErrors.ts"

/** Decodes untrusted input; every problem becomes one readable InvalidInput, and nothing has changed yet. */
export const decodeInput = <S extends Schema.Codec<unknown, unknown>>(
  schema: S,
  input: unknown,
  subject: string
) =>
  Schema.decodeUnknownEffect(schema)(input).pipe(
    Effect.mapError((error) => new InvalidInput({ subject, message: error.message }))
  ) as Effect.Effect<S["Type"], InvalidInput, S["DecodingServices"]>
