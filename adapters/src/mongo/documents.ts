import { Schema } from "effect"

/** Thrown (as a defect) when a stored document does not match its schema: reported, never coerced. */
export class CorruptDocument extends Error {
  constructor(collection: string, id: unknown, detail: string) {
    super(`document ${String(id)} in ${collection} fails its schema: ${detail}`)
    this.name = "CorruptDocument"
  }
}

/** Decodes a raw (lean) document strictly with the domain schema. */
export const decodeDocument =
  <A, I>(schema: Schema.Codec<A, I>, collection: string) =>
  (document: Record<string, unknown>): A => {
    const { _id, ...fields } = document
    const result = Schema.decodeUnknownExit(schema)(fields)
    if (result._tag === "Success") return result.value
    throw new CorruptDocument(collection, _id, String(result.cause))
  }

/** Encodes a domain value into a plain document with the given `_id`. */
export const encodeDocument = <A, I>(
  schema: Schema.Codec<A, I>,
  value: A,
  id: string
): Record<string, unknown> => ({
  _id: id,
  ...(Schema.encodeSync(schema)(value) as Record<string, unknown>)
})
