import { assert, layer } from "@effect/vitest"
import { Effect, type Layer, Option, Schema } from "effect"
import { CertificateOffer, Course, CourseCompletion, Learner } from "../../model/Catalog.ts"
import { OperatorId, RequestId } from "../../model/Ids.ts"
import { Money } from "../../model/Money.ts"
import { Catalog } from "../../ports/Catalog.ts"
import { ManualReview, ReviewItem } from "../../ports/ManualReview.ts"
import { OperatorAction, OperatorActions } from "../../ports/OperatorActions.ts"
import { ids, unique } from "./ids.ts"

const action = (subjectId: string, at: Date, actionId = unique("act")) =>
  new OperatorAction({
    actionId: Schema.decodeUnknownSync(RequestId)(actionId),
    operatorId: Schema.decodeUnknownSync(OperatorId)("ops"),
    kind: "revoke_certificate",
    subjectType: "certificate",
    subjectId,
    reason: "fraud confirmed",
    details: { note: "ü ✓" },
    at
  })

/** The operator-facing ports: actions recorded once, reviews resolved once, the catalog kept current. */
export const operatorContract = (
  name: string,
  ledger: Layer.Layer<OperatorActions | ManualReview | Catalog, unknown>
) =>
  layer(ledger)(`OperatorActions, ManualReview resolution and Catalog records contract: ${name}`, (it) => {
    it.effect("an action is recorded once per request id and listed per subject, oldest first", () =>
      Effect.gen(function* () {
        const actions = yield* OperatorActions
        const subject = unique("cert")
        const first = action(subject, new Date("2026-11-01T10:00:00Z"))
        const second = action(subject, new Date("2026-11-01T11:00:00Z"))
        assert.strictEqual(yield* actions.record(second), "recorded")
        assert.strictEqual(yield* actions.record(first), "recorded")
        assert.strictEqual(yield* actions.record(first), "duplicate")
        const listed = yield* actions.listForSubject(subject, 10)
        assert.deepStrictEqual(
          listed.map((a) => a.actionId),
          [first.actionId, second.actionId]
        )
        assert.deepStrictEqual(Option.getOrUndefined(yield* actions.find(first.actionId))?.details, {
          note: "ü ✓"
        })
        assert.isTrue(Option.isNone(yield* actions.find(Schema.decodeUnknownSync(RequestId)(unique("none")))))
      })
    )

    it.effect("of two operators resolving one review item at once, exactly one resolves it", () =>
      Effect.gen(function* () {
        const review = yield* ManualReview
        const subjectId = unique("p")
        yield* review.flag(
          new ReviewItem({
            subjectId,
            reason: "duplicate_payment",
            details: "two paid",
            flaggedAt: new Date(0)
          })
        )
        const at = new Date("2026-11-02T00:00:00Z")
        const outcomes = yield* Effect.all(
          [
            review.resolve(subjectId, "duplicate_payment", { resolution: "a", resolvedBy: "ops1", at }),
            review.resolve(subjectId, "duplicate_payment", { resolution: "b", resolvedBy: "ops2", at })
          ],
          { concurrency: "unbounded" }
        )
        assert.deepStrictEqual([...outcomes].sort(), ["already_resolved", "resolved"])
        const item = Option.getOrUndefined(yield* review.find(subjectId, "duplicate_payment"))
        assert.isDefined(item?.resolvedAt)
        assert.include(["ops1", "ops2"], item?.resolvedBy)
        assert.isFalse((yield* review.listOpen(10_000)).some((i) => i.subjectId === subjectId))
        assert.strictEqual((yield* review.listForSubject(subjectId)).length, 1)
        assert.strictEqual(
          yield* review.resolve(unique("none"), "stuck_payment", { resolution: "x", resolvedBy: "ops", at }),
          "not_found"
        )
      })
    )

    it.effect(
      "learners and courses are brought up to date, offers and completions keep the first report",
      () =>
        Effect.gen(function* () {
          const catalog = yield* Catalog
          const learnerId = ids.learner()
          const courseId = ids.course()
          const email = `${unique("m")}@Example.org`
          const learner = new Learner({ learnerId, email, displayName: "Ada" })
          assert.strictEqual(yield* catalog.recordLearner(learner), "recorded")
          assert.strictEqual(yield* catalog.recordLearner(learner), "unchanged")
          assert.strictEqual(
            yield* catalog.recordLearner(new Learner({ ...learner, displayName: "Ada K" })),
            "updated"
          )
          assert.strictEqual(
            Option.getOrUndefined(yield* catalog.learnerByEmail(email.toLowerCase()))?.displayName,
            "Ada K"
          )
          assert.strictEqual(yield* catalog.recordCourse(new Course({ courseId, title: "T" })), "recorded")
          assert.strictEqual(yield* catalog.recordCourse(new Course({ courseId, title: "T2" })), "updated")
          const offer = (amount: number) =>
            new CertificateOffer({
              offerId: ids.offer(),
              courseId,
              prices: [new Money({ amount, currency: "USD" })]
            })
          assert.strictEqual(yield* catalog.recordOffer(offer(4900)), "recorded")
          assert.strictEqual(yield* catalog.recordOffer(offer(100)), "unchanged")
          assert.strictEqual(
            Option.getOrUndefined(yield* catalog.offerForCourse(courseId))?.prices[0]?.amount,
            4900
          )
          const completion = new CourseCompletion({
            learnerId,
            courseId,
            completedOn: "2026-10-01",
            printedName: "रवि"
          })
          assert.strictEqual(yield* catalog.recordCompletion(completion), "recorded")
          assert.strictEqual(
            yield* catalog.recordCompletion(new CourseCompletion({ ...completion, printedName: "other" })),
            "unchanged"
          )
          assert.strictEqual((yield* catalog.completionsOf(learnerId))[0]?.printedName, "रवि")
        })
    )
  })
