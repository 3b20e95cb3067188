import {
  AuditLog,
  applyGatewayEvent,
  Catalog,
  CertificateOffer,
  Certificates,
  Course,
  CourseCompletion,
  Entitlements,
  GatewayEventId,
  GatewayEventInbox,
  JobQueue,
  Money,
  OfferId,
  Payments,
  sweepInbox,
  verifyChain
} from "@certify/domain"
import {
  clickBuy,
  courseId,
  deliverEvent,
  drainJobs,
  historyOf,
  learnerId,
  snapshotOf
} from "@certify/domain/testing"
import { assert, layer } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { databasePipeline } from "../testing/pipelineLayer.ts"
import { seedCatalog } from "./repositories/MongoCatalog.ts"

// A process abort right after the k-th write: the write happened, nothing after it did.
const plan = { crashAt: Number.POSITIVE_INFINITY, count: 0, writes: [] as Array<string> }
const afterWrite = <A, E, R>(name: string, write: Effect.Effect<A, E, R>) =>
  Effect.tap(write, () =>
    Effect.suspend(() => {
      plan.writes.push(name)
      return ++plan.count === plan.crashAt
        ? Effect.die(`crash after write ${plan.count}: ${name}`)
        : Effect.void
    })
  )

const crashing = Layer.mergeAll(
  Layer.effect(
    Payments,
    Payments.useSync((inner) =>
      Payments.of({
        ...inner,
        insert: (p) => afterWrite("payments.insert", inner.insert(p)),
        attachGatewayPaymentId: (id, ref) =>
          afterWrite("payments.attachGatewayPaymentId", inner.attachGatewayPaymentId(id, ref)),
        project: (id, status, version) => afterWrite("payments.project", inner.project(id, status, version))
      })
    )
  ),
  Layer.effect(
    GatewayEventInbox,
    GatewayEventInbox.useSync((inner) =>
      GatewayEventInbox.of({
        ...inner,
        record: (r) => afterWrite("inbox.record", inner.record(r)),
        markProcessed: (g, id, o, at) => afterWrite("inbox.markProcessed", inner.markProcessed(g, id, o, at))
      })
    )
  ),
  Layer.effect(
    AuditLog,
    AuditLog.useSync((inner) =>
      AuditLog.of({
        ...inner,
        append: (entry) => afterWrite(`audit.append ${entry.subject.type} ${entry.to}`, inner.append(entry))
      })
    )
  ),
  Layer.effect(
    Entitlements,
    Entitlements.useSync((inner) =>
      Entitlements.of({
        ...inner,
        create: (e) => afterWrite("entitlements.create", inner.create(e)),
        project: (id, s, v) => afterWrite("entitlements.project", inner.project(id, s, v))
      })
    )
  ),
  Layer.effect(
    Certificates,
    Certificates.useSync((inner) =>
      Certificates.of({
        ...inner,
        create: (c) => afterWrite("certificates.create", inner.create(c)),
        project: (id, p) => afterWrite("certificates.project", inner.project(id, p))
      })
    )
  ),
  Layer.effect(
    JobQueue,
    JobQueue.useSync((inner) =>
      JobQueue.of({
        enqueue: (job) => afterWrite(`jobs.enqueue ${job._tag}`, inner.enqueue(job))
      })
    )
  )
)
const base = databasePipeline("crashpoints")
const services = Layer.provideMerge(crashing, base)

const seedCourses = (count: number) =>
  Effect.gen(function* () {
    const ids = Array.from({ length: count }, (_, k) => courseId(`crash-${k}`))
    yield* seedCatalog({
      learners: [],
      courses: ids.map((id) => new Course({ courseId: id, title: `Course ${id}` })),
      offers: ids.map(
        (id) =>
          new CertificateOffer({
            offerId: Schema.decodeUnknownSync(OfferId)(id),
            courseId: id,
            prices: [new Money({ amount: 4900, currency: "USD" })]
          })
      )
    })
    for (const id of ids) {
      yield* Catalog.use((c) =>
        c.recordCompletion(
          new CourseCompletion({
            learnerId: learnerId("ada"),
            courseId: id,
            completedOn: "2026-11-01",
            printedName: "Ada Lovelace"
          })
        )
      )
    }
  })

/** The webhook path: store the delivery, then process it (entitlement, certificate request). */
const webhookPath = (course: string, eventId: string) =>
  Effect.gen(function* () {
    const started = yield* clickBuy("ada", course, "stripe")
    plan.count = 0
    plan.writes = []
    const crashed = yield* Effect.exit(
      Effect.andThen(
        deliverEvent({ gateway: "stripe", eventId, kind: "payment_succeeded", paymentId: started.paymentId }),
        () => applyGatewayEvent("stripe", Schema.decodeUnknownSync(GatewayEventId)(eventId))
      )
    )
    plan.crashAt = Number.POSITIVE_INFINITY
    return { started, crashed, writes: [...plan.writes] }
  })

layer(services, { timeout: "180 seconds" })(
  "crash points on the webhook → entitlement → certificate path",
  (it) => {
    it.effect(
      "a crash right after any write converges, on recovery, to one entitlement and one certificate",
      () =>
        Effect.gen(function* () {
          const clean = yield* webhookPath("ts-101", "evt_clean")
          assert.strictEqual(clean.crashed._tag, "Success")
          const total = clean.writes.length
          console.log(`webhook path writes (${total}):\n  ${clean.writes.join("\n  ")}`)
          yield* seedCourses(total)
          for (let k = 1; k <= total; k++) {
            plan.crashAt = k
            const course = `crash-${k - 1}`
            const run = yield* webhookPath(course, `evt_crash_${k}`)
            assert.strictEqual(run.crashed._tag, "Failure", `write ${k} should have crashed`)
            // Recovery: the sweeper re-processes what was stored, then workers drain their jobs.
            yield* sweepInbox(-60_000)
            yield* drainJobs
            const { entitlement, certificate } = yield* snapshotOf("ada", course)
            assert.strictEqual(
              entitlement?.status,
              "granted",
              `after a crash at write ${k} (${run.writes.at(-1)})`
            )
            assert.strictEqual(
              certificate?.status,
              "issued",
              `after a crash at write ${k} (${run.writes.at(-1)})`
            )
            const entitlements = yield* Entitlements.use((e) => e.listByLearner(learnerId("ada")))
            assert.lengthOf(
              entitlements.filter((e) => e.courseId === course),
              1
            )
            // Exactly one certificate request: one certificate for the course, requested once.
            const certificates = yield* Certificates.use((c) => c.listByLearner(learnerId("ada")))
            assert.lengthOf(
              certificates.filter((c) => c.courseId === course),
              1,
              `certificates after crash ${k}`
            )
            const certificateHistory = yield* historyOf("certificate", certificate?.certificateId ?? "")
            assert.lengthOf(
              certificateHistory.filter((e) => e.from === "none" && e.to === "pending"),
              1,
              `none->pending certificate entries after crash ${k}`
            )
            assert.deepStrictEqual(
              certificateHistory.map((e) => `${e.from}->${e.to}`),
              ["none->pending", "pending->issued"],
              `certificate transitions after crash ${k}`
            )
            const entitlementHistory = yield* historyOf("entitlement", entitlement?.entitlementId ?? "")
            assert.lengthOf(
              entitlementHistory.filter((e) => e.from === "none" && e.to === "granted"),
              1,
              `grants after crash ${k}`
            )
            for (const [type, id] of [
              ["payment", run.started.paymentId],
              ["entitlement", entitlement?.entitlementId ?? ""],
              ["certificate", certificate?.certificateId ?? ""]
            ] as const) {
              const history = yield* historyOf(type, id)
              assert.deepStrictEqual(
                (yield* verifyChain(id, history)).breaks,
                [],
                `${type} chain after crash ${k}`
              )
            }
          }
        })
    )
  }
)
