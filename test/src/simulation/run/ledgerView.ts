import {
  CertificateLedger,
  Certificates,
  currentState,
  EntitlementLedger,
  Entitlements,
  PaymentLedger,
  PaymentStatus,
  Payments
} from "@certify/domain"
import { Effect } from "effect"
import { PURCHASES } from "../model/Scenario.ts"
import { purchaseOf } from "../world/simCatalog.ts"
import type { World } from "./World.ts"

const everything = PaymentStatus.literals

/** Every payment, entitlement and certificate of the scenario, each with its state replayed from its log. */
export const ledgerView = (world: World) =>
  Effect.gen(function* () {
    const learners = new Set(
      Array.from({ length: PURCHASES }, (_, n) => purchaseOf(world.prefix, n).learnerId as string)
    )
    const all = yield* Payments.use((p) => p.listByStatus(everything, new Date(8.64e15), 100_000))
    const payments = yield* Effect.forEach(
      all.filter((p) => learners.has(p.learnerId)),
      (payment) => Effect.map(currentState(PaymentLedger, payment.paymentId), (log) => ({ payment, log }))
    )
    const entitlements = yield* Effect.forEach([...learners], (learnerId) =>
      Entitlements.use((e) => e.listByLearner(learnerId as never))
    ).pipe(Effect.map((lists) => lists.flat()))
    const entitlementLogs = yield* Effect.forEach(entitlements, (entitlement) =>
      Effect.map(currentState(EntitlementLedger, entitlement.entitlementId), (log) => ({ entitlement, log }))
    )
    const certificates = yield* Effect.forEach([...learners], (learnerId) =>
      Certificates.use((c) => c.listByLearner(learnerId as never))
    ).pipe(Effect.map((lists) => lists.flat()))
    const certificateLogs = yield* Effect.forEach(certificates, (certificate) =>
      Effect.map(currentState(CertificateLedger, certificate.certificateId), (log) => ({ certificate, log }))
    )
    return { payments, entitlements: entitlementLogs, certificates: certificateLogs }
  })

export type LedgerView = Effect.Success<ReturnType<typeof ledgerView>>
