import { Schema } from "mongoose"

/** Append-only. _id = `type:id:seq` (zero-padded), which is also the scan order. */
export const auditSchema = new Schema(
  {
    _id: { type: String, required: true },
    subject: { type: { type: String, required: true }, id: { type: String, required: true } },
    seq: { type: Number, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    actor: { kind: { type: String, required: true }, id: String },
    cause: { kind: { type: String, required: true }, id: { type: String, required: true } },
    at: { type: Date, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true }
  },
  { versionKey: false, strict: "throw", collection: "audit_log", minimize: false }
)
auditSchema.index(
  { "subject.type": 1, "subject.id": 1, seq: 1 },
  { unique: true, name: "audit_subject_seq_unique" }
)
