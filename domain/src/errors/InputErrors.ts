import { Schema } from "effect"

/** Bad input from outside (a request, a webhook, a job payload): readable, and nothing changed. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  subject: Schema.String,
  message: Schema.String
}) {}
