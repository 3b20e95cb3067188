import { Effect } from "effect"
import {
  CertificateEvent,
  CertificateMachine,
  type CertificateState
} from "../machines/CertificateMachine.ts"
import { EntitlementEvent, EntitlementMachine } from "../machines/EntitlementMachine.ts"
import { PaymentEvent, PaymentMachine } from "../machines/PaymentMachine.ts"
import type { Actor, Cause } from "../model/Actor.ts"
import type { CertificateId, EntitlementId, PaymentId } from "../model/Ids.ts"
import { Certificates } from "../ports/Certificates.ts"
import { Entitlements } from "../ports/Entitlements.ts"
import { Payments } from "../ports/Payments.ts"
import { commitTransition, ledgerMachine } from "./commitTransition.ts"

export const PaymentLedger = ledgerMachine(PaymentMachine, PaymentEvent)
export const EntitlementLedger = ledgerMachine(EntitlementMachine, EntitlementEvent)
export const CertificateLedger = ledgerMachine(CertificateMachine, CertificateEvent)

export interface TransitionCause {
  readonly actor: Actor
  readonly cause: Cause
}

// Each helper appends to the log first, then refreshes the document's projection. The projection
// is refreshed even when nothing was appended, which repairs one left behind by a crash.

export const transitionPayment = (paymentId: PaymentId, event: PaymentEvent, by: TransitionCause) =>
  Effect.tap(commitTransition(PaymentLedger, paymentId, event, by), (committed) =>
    Payments.use((payments) => payments.project(paymentId, committed.state, committed.version))
  )

export const transitionEntitlement = (
  entitlementId: EntitlementId,
  event: EntitlementEvent,
  by: TransitionCause
) =>
  Effect.tap(commitTransition(EntitlementLedger, entitlementId, event, by), (committed) =>
    Entitlements.use((entitlements) =>
      entitlements.project(entitlementId, committed.state, committed.version)
    )
  )

export const certificateProjection = (
  state: CertificateState,
  version: number,
  lastChangeAt: Date | undefined
) => {
  switch (state._tag) {
    case "None":
    case "Pending":
      return {
        status: "pending" as const,
        currentVersion: state._tag === "Pending" ? state.version : 1,
        attempts: state._tag === "Pending" ? state.attempts : 0,
        version
      }
    case "Issued":
      return { status: "issued" as const, currentVersion: state.version, attempts: 0, version }
    case "Revoked":
      return {
        status: "revoked" as const,
        currentVersion: state.version,
        attempts: 0,
        version,
        ...(lastChangeAt ? { revokedAt: lastChangeAt } : {})
      }
  }
}

export const transitionCertificate = (
  certificateId: CertificateId,
  event: CertificateEvent,
  by: TransitionCause
) =>
  Effect.tap(commitTransition(CertificateLedger, certificateId, event, by), (committed) =>
    Certificates.use((certificates) =>
      certificates.project(
        certificateId,
        certificateProjection(committed.state, committed.version, committed.entry?.at)
      )
    )
  )
