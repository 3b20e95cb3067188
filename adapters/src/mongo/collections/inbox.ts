import { Schema } from "mongoose"

/** Verified deliveries exactly as received. _id = `gateway:eventId`. */
export const inboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    gateway: { type: String, required: true },
    eventId: { type: String, required: true },
    rawBody: { type: String, required: true },
    headers: [
      { _id: false, name: { type: String, required: true }, value: { type: String, required: true } }
    ],
    receivedAt: { type: Date, required: true },
    event: { type: Schema.Types.Mixed },
    processedAt: Date,
    outcome: String,
    attempts: { type: Number, required: true },
    lastError: String
  },
  { versionKey: false, strict: "throw", collection: "gateway_event_inbox", minimize: false }
)
inboxSchema.index({ gateway: 1, eventId: 1 }, { unique: true, name: "inbox_event_unique" })
inboxSchema.index({ processedAt: 1, receivedAt: 1 }, { name: "inbox_unprocessed" })
