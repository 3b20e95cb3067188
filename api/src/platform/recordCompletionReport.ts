import { Catalog, CertificateOffer, Course, CourseCompletion, Learner } from "@certify/domain"
import { Effect } from "effect"
import type { CompletionReport } from "./CompletionReport.ts"

/**
 * Records the learner, the course, its offer and the completion. Each write is idempotent, so the
 * platform may resend a report as often as it likes; the first completion per learner and course stands.
 */
export const recordCompletionReport = (report: typeof CompletionReport.Type) =>
  Effect.gen(function* () {
    const catalog = yield* Catalog
    const learner = yield* catalog.recordLearner(new Learner(report.learner))
    const course = yield* catalog.recordCourse(new Course(report.course))
    const offer =
      report.offer === undefined
        ? ("absent" as const)
        : yield* catalog.recordOffer(
            new CertificateOffer({ ...report.offer, courseId: report.course.courseId })
          )
    const completion = yield* catalog.recordCompletion(
      new CourseCompletion({
        ...report.completion,
        learnerId: report.learner.learnerId,
        courseId: report.course.courseId
      })
    )
    return { learner, course, offer, completion }
  })
