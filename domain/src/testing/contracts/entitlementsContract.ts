import { assert, layer } from "@effect/vitest"
import { Effect, type Layer, Option } from "effect"
import { Certificate, CertificateVersion, StoredArtifact } from "../../model/Certificate.ts"
import { Entitlement } from "../../model/Entitlement.ts"
import { Certificates } from "../../ports/Certificates.ts"
import { Entitlements } from "../../ports/Entitlements.ts"
import { ids } from "./ids.ts"

export const entitlementDraft = (overrides: Partial<Entitlement> = {}) =>
  new Entitlement({
    entitlementId: ids.entitlement(),
    learnerId: ids.learner(),
    courseId: ids.course(),
    kind: "certificate",
    paymentId: ids.payment(),
    status: "none",
    version: 0,
    createdAt: new Date(0),
    ...overrides
  })

export const certificateDraft = (entitlementId = ids.entitlement()) =>
  new Certificate({
    certificateId: ids.certificate(),
    entitlementId,
    learnerId: ids.learner(),
    courseId: ids.course(),
    printedName: "Zoë Łukasiewicz",
    courseTitle: "Designing Payment Systems",
    completedOn: "2026-11-01",
    templateId: "classic",
    templateVersion: 1,
    status: "pending",
    currentVersion: 1,
    attempts: 0,
    versions: [],
    version: 0,
    createdAt: new Date(0)
  })

const artifact = (key: string) =>
  new StoredArtifact({ key, contentType: "image/png", sha256: "a".repeat(64), size: 10 })

export const entitlementsContract = (
  name: string,
  ledger: Layer.Layer<Entitlements | Certificates, unknown>
) =>
  layer(ledger)(`Entitlements and Certificates contract: ${name}`, (it) => {
    it.effect("one entitlement per (learner, course, kind): concurrent creations return the first", () =>
      Effect.gen(function* () {
        const entitlements = yield* Entitlements
        const first = entitlementDraft()
        const racers = Array.from({ length: 20 }, () =>
          entitlementDraft({ learnerId: first.learnerId, courseId: first.courseId })
        )
        const results = yield* Effect.all(
          racers.map((e) => entitlements.create(e)),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(results.filter((r) => r.created).length, 1)
        assert.strictEqual(new Set(results.map((r) => r.entitlement.entitlementId)).size, 1)
        const found = yield* entitlements.findFor(first.learnerId, first.courseId, "certificate")
        assert.strictEqual(Option.getOrThrow(found).entitlementId, results[0]?.entitlement.entitlementId)
      })
    )

    it.effect("the entitlement projection only moves forward", () =>
      Effect.gen(function* () {
        const entitlements = yield* Entitlements
        const draft = entitlementDraft()
        yield* entitlements.create(draft)
        yield* entitlements.project(draft.entitlementId, "revoked", 2)
        yield* entitlements.project(draft.entitlementId, "granted", 1)
        assert.strictEqual(Option.getOrThrow(yield* entitlements.find(draft.entitlementId)).status, "revoked")
      })
    )

    it.effect("one certificate per entitlement, ever; a retry with a new id gets the first", () =>
      Effect.gen(function* () {
        const certificates = yield* Certificates
        const first = certificateDraft()
        const retry = new Certificate({ ...first, certificateId: ids.certificate() })
        assert.isTrue((yield* certificates.create(first)).created)
        const second = yield* certificates.create(retry)
        assert.isFalse(second.created)
        assert.strictEqual(second.certificate.certificateId, first.certificateId)
        assert.isTrue(Option.isNone(yield* certificates.find(retry.certificateId)))
      })
    )

    it.effect("rendered versions are recorded once each, and the projection moves forward", () =>
      Effect.gen(function* () {
        const certificates = yield* Certificates
        const draft = certificateDraft()
        yield* certificates.create(draft)
        const v1 = new CertificateVersion({
          version: 1,
          printedName: draft.printedName,
          templateId: "classic",
          templateVersion: 1,
          png: artifact("a.png"),
          pdf: artifact("a.pdf"),
          issuedAt: new Date(0)
        })
        yield* Effect.all(
          [
            certificates.recordVersion(draft.certificateId, v1),
            certificates.recordVersion(draft.certificateId, v1)
          ],
          {
            concurrency: "unbounded"
          }
        )
        yield* certificates.project(draft.certificateId, {
          status: "issued",
          currentVersion: 1,
          attempts: 0,
          version: 2
        })
        const stored = Option.getOrThrow(yield* certificates.find(draft.certificateId))
        assert.deepStrictEqual(stored.versions, [v1])
        assert.strictEqual(stored.status, "issued")
        assert.strictEqual(
          Option.getOrThrow(yield* certificates.findByEntitlement(draft.entitlementId)).printedName,
          "Zoë Łukasiewicz"
        )
      })
    )
  })
