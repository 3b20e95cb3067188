import { Schema } from "effect"
import {
  CertificateId,
  CourseId,
  EntitlementId,
  GatewayEventId,
  IntentId,
  LearnerId,
  OfferId,
  PaymentId
} from "../../model/Ids.ts"

// Contract suites share one database per run: every test makes its own ids.
const run = Math.random().toString(36).slice(2, 8)
let n = 0
export const unique = (prefix: string) => `${prefix}_${run}_${++n}`
export const ids = {
  learner: () => Schema.decodeUnknownSync(LearnerId)(unique("l")),
  course: () => Schema.decodeUnknownSync(CourseId)(unique("c")),
  offer: () => Schema.decodeUnknownSync(OfferId)(unique("o")),
  intent: () => Schema.decodeUnknownSync(IntentId)(unique("i")),
  payment: () => Schema.decodeUnknownSync(PaymentId)(unique("p")),
  entitlement: () => Schema.decodeUnknownSync(EntitlementId)(unique("e")),
  event: () => Schema.decodeUnknownSync(GatewayEventId)(unique("evt")),
  certificate: () => {
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    const chars = Array.from({ length: 16 }, () => alphabet[Math.floor(Math.random() * 32)]).join("")
    return Schema.decodeUnknownSync(CertificateId)(chars.match(/.{4}/g)?.join("-"))
  }
}
