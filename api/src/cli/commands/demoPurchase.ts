import { randomUUID } from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { CourseView, DownloadLinkView, PurchaseStage, PurchaseView } from "../../trpc/views.ts"
import { cliEnvironment } from "../cliEnvironment.ts"
import { TrpcHttp } from "../http/TrpcHttp.ts"

export interface DemoPurchaseOptions {
  readonly gateway: string | undefined
  readonly learner: string
  readonly course: string | undefined
  readonly declineFirst: boolean
}

/** Stages that end the wait: a retried payment may read "declined" until the new attempt's webhook lands. */
const afterDecline: ReadonlySet<PurchaseStage> = new Set(["declined"])
const afterPay: ReadonlySet<PurchaseStage> = new Set(["ready", "refunded", "revoked", "review"])

/**
 * `demo-purchase`: what a learner does, through the running API and the sandbox gateways — sign in,
 * start the purchase, pay on the sandbox's hosted checkout — then waits for the webhook-driven pipeline.
 */
export const demoPurchaseCommand = async (options: DemoPurchaseOptions) => {
  if (options.gateway !== "stripe" && options.gateway !== "razorpay")
    return { ok: false, text: "demo-purchase needs --gateway stripe or --gateway razorpay" }
  const gateway = options.gateway
  const env = cliEnvironment()
  const apiUrl = env.PUBLIC_BASE_URL ?? "http://127.0.0.1:3000"
  const sandboxUrl = env.STRIPE_API_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT ?? 4200}`
  const dataDir = env.CERTIFY_DATA_DIR ?? ".data"
  const say = (line: string) => console.log(line)

  const api = new TrpcHttp(apiUrl)
  await api.mutation("session.login", { username: options.learner, password: "demo" })
  const courses = await api.query<ReadonlyArray<CourseView>>("learner.courses")
  const course = options.course
    ? courses.find((c) => c.courseId === options.course)
    : courses.find((c) => c.certificate === null && c.purchase?.stage !== "ready")
  if (!course)
    return {
      ok: false,
      text: options.course
        ? `${options.learner} has not completed "${options.course}"`
        : `${options.learner} already holds a certificate for every completed course`
    }
  say(`learner ${options.learner} buys the certificate of "${course.courseTitle}" through ${gateway}`)

  const sandbox = async (action: string, ref: string) => {
    const response = await fetch(`${sandboxUrl}/__sandbox/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ref })
    })
    if (!response.ok) throw new Error(`sandbox ${action}: ${response.status} ${await response.text()}`)
  }
  const start = () =>
    api.mutation<{ paymentId: string; checkoutUrl: string }>("learner.startPurchase", {
      courseId: course.courseId,
      gateway,
      requestId: randomUUID()
    })
  const waitFor = async (paymentId: string, until: ReadonlySet<PurchaseStage>, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs
    let last: PurchaseStage | undefined
    while (Date.now() < deadline) {
      const view = await api.query<PurchaseView>("learner.purchase", { paymentId })
      if (view.stage !== last) say(`  ${new Date().toISOString()}  ${view.stage}`)
      last = view.stage
      if (until.has(view.stage) && (view.stage !== "ready" || view.certificate?.status === "issued"))
        return view
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error(
      `purchase ${paymentId} still ${last} after ${timeoutMs / 1000} s (see \`certify explain ${paymentId}\`)`
    )
  }

  if (options.declineFirst) {
    const first = await start()
    say(`payment ${first.paymentId}: the card is declined on the hosted checkout`)
    await sandbox("decline", first.paymentId)
    await waitFor(first.paymentId, afterDecline)
  }
  const started = await start()
  say(`payment ${started.paymentId}: hosted checkout ${started.checkoutUrl}`)
  await sandbox("pay", started.paymentId)
  const view = await waitFor(started.paymentId, afterPay)
  if (view.stage !== "ready" || !view.certificate) return { ok: false, text: `purchase ended ${view.stage}` }

  const { certificateId, verificationUrl } = view.certificate
  const folder = join(dataDir, "demo")
  mkdirSync(folder, { recursive: true })
  const saved: string[] = []
  for (const format of ["png", "pdf"] as const) {
    const link = await api.mutation<DownloadLinkView>("learner.downloadLink", { certificateId, format })
    const response = await fetch(new URL(link.url, apiUrl))
    if (!response.ok) throw new Error(`download ${format}: ${response.status}`)
    const path = join(folder, `${certificateId}.${format}`)
    writeFileSync(path, new Uint8Array(await response.arrayBuffer()))
    saved.push(path)
  }
  return {
    ok: true,
    text: [
      `certificate id     ${certificateId}`,
      `verification URL   ${verificationUrl}`,
      `PNG                ${saved[0]}`,
      `PDF                ${saved[1]}`,
      `explain            pnpm certify explain ${started.paymentId}`
    ].join("\n")
  }
}
