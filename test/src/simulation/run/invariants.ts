import { SentEmails } from "@certify/domain/testing"
import { Effect } from "effect"
import { checkAudit } from "./invariants/audit.ts"
import { checkGrants } from "./invariants/grants.ts"
import { checkPurchases } from "./invariants/purchases.ts"
import { checkSettlement } from "./invariants/settlement.ts"
import { ledgerView } from "./ledgerView.ts"
import type { World } from "./World.ts"

/**
 * The invariants of issue 7, checked after quiescence; (5), a second reconciliation, is run by
 * `runScenario`. Returns one line per violation, prefixed with the invariant's number.
 */
export const checkInvariants = (world: World) =>
  Effect.gen(function* () {
    const violations: Array<string> = []
    const fail = (invariant: number, message: string) => violations.push(`(${invariant}) ${message}`)
    const view = yield* ledgerView(world)
    // The mailer is the scenario's own: every email it holds was sent in this scenario.
    const emails = yield* SentEmails.use((s) => s.all)
    checkGrants(world, view, emails, fail)
    yield* checkPurchases(world, view, emails, fail)
    yield* checkAudit(world, view, fail)
    yield* checkSettlement(world, view, fail)
    for (const defect of world.runner.defects) violations.push(`(defect) ${defect}`)
    for (const problem of world.problems) violations.push(`(problem) ${problem}`)
    return violations
  })
