import { useState } from "react"
import { blocksNewPurchase, stageMessage } from "../lib/purchaseStage.ts"
import { Link } from "../routing/Link.tsx"
import { paths } from "../routing/routes.ts"
import type { Outputs } from "../trpc/types.ts"
import { GatewayChooser } from "./GatewayChooser.tsx"

type Course = Outputs["learner"]["courses"][number]
type GatewayStatus = Outputs["learner"]["gateways"][number]

const inProgress = (course: Course) =>
  course.purchase !== null && ["pending", "processing", "review"].includes(course.purchase.stage)

const CourseState = ({ course }: { readonly course: Course }) => {
  if (course.certificate && course.certificate.status !== "revoked")
    return (
      <Link
        to={paths.certificate(course.certificate.certificateId)}
        className="button"
        data-testid="certificate-link"
      >
        View certificate
      </Link>
    )
  if (course.purchase && inProgress(course))
    return (
      <Link to={paths.purchase(course.purchase.paymentId)} data-testid={`purchase-link-${course.courseId}`}>
        {stageMessage(course.purchase.stage).title}
      </Link>
    )
  if (course.purchase?.stage === "revoked") {
    const message = stageMessage(course.purchase.stage)
    return (
      <p className="muted" data-testid={`purchase-revoked-${course.courseId}`}>
        {message.title}. {message.detail}
      </p>
    )
  }
  return null
}

export const CourseCard = ({
  course,
  gateways,
  onGatewaysChanged
}: {
  readonly course: Course
  readonly gateways: ReadonlyArray<GatewayStatus>
  readonly onGatewaysChanged: () => void
}) => {
  const [choosing, setChoosing] = useState(false)
  const hasCertificate = course.certificate !== null && course.certificate.status !== "revoked"
  const canBuy = !hasCertificate && !(course.purchase && blocksNewPurchase(course.purchase.stage))
  const lastAttempt =
    course.purchase && !blocksNewPurchase(course.purchase.stage) && !hasCertificate ? course.purchase : null

  return (
    <li className="card" data-testid={`course-${course.courseId}`}>
      <h2>{course.courseTitle}</h2>
      <p className="muted">
        Completed {new Date(course.completedOn).toLocaleDateString()} · printed as{" "}
        <strong>{course.printedName}</strong>
      </p>
      {lastAttempt ? (
        <p className="muted" data-testid={`last-attempt-${course.courseId}`}>
          Last attempt: {stageMessage(lastAttempt.stage).title.toLowerCase()}.
        </p>
      ) : null}
      <CourseState course={course} />
      {canBuy && !choosing ? (
        <button
          type="button"
          className="primary"
          onClick={() => setChoosing(true)}
          data-testid={`buy-${course.courseId}`}
        >
          Buy certificate
        </button>
      ) : null}
      {canBuy && choosing ? (
        <GatewayChooser course={course} gateways={gateways} onUnavailable={onGatewaysChanged} />
      ) : null}
    </li>
  )
}
