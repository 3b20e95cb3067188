import { Schema } from "effect"
import { PaymentId } from "../model/Ids.ts"
import { type Decision, move, type StateMachine, stay } from "./Transition.ts"

export const EntitlementStatus = Schema.Literals(["none", "granted", "revoked"])
export type EntitlementStatus = typeof EntitlementStatus.Type

export const RevocationReason = Schema.Literals(["refund", "dispute_lost", "operator"])
export type RevocationReason = typeof RevocationReason.Type

export const EntitlementGranted = Schema.TaggedStruct("EntitlementGranted", { paymentId: PaymentId })
export const EntitlementRevoked = Schema.TaggedStruct("EntitlementRevoked", {
  reason: RevocationReason,
  note: Schema.optionalKey(Schema.String)
})
/** Another payment for the same purchase still stands after the unlocking one was refunded. */
export const EntitlementReinstated = Schema.TaggedStruct("EntitlementReinstated", { paymentId: PaymentId })
export const EntitlementEvent = Schema.Union([EntitlementGranted, EntitlementRevoked, EntitlementReinstated])
export type EntitlementEvent = typeof EntitlementEvent.Type

type Table = {
  readonly [S in EntitlementStatus]: { readonly [E in EntitlementEvent["_tag"]]: Decision<EntitlementStatus> }
}

/**
 * Granted only through a grant (the use case checks the payment). A revocation seen before any grant
 * blocks a late grant. Only an explicit reinstatement, backed by another standing payment for the
 * same purchase, turns a revoked entitlement back on; it is its own audited transition.
 */
export const entitlementTransitions: Table = {
  none: {
    EntitlementGranted: move("granted"),
    EntitlementRevoked: move("revoked"),
    EntitlementReinstated: stay("not_applicable")
  },
  granted: {
    EntitlementGranted: stay("same_state"),
    EntitlementRevoked: move("revoked"),
    EntitlementReinstated: stay("same_state")
  },
  revoked: {
    EntitlementGranted: stay("stale"),
    EntitlementRevoked: stay("same_state"),
    EntitlementReinstated: move("granted")
  }
}

export const EntitlementMachine: StateMachine<EntitlementStatus, EntitlementEvent> = {
  subjectType: "entitlement",
  initial: "none",
  label: (state) => state,
  decide: (state, event) => entitlementTransitions[state][event._tag]
}
