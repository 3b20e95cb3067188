import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { ArtifactStore } from "@certify/domain"
import { Effect, Exit, Option, Stream } from "effect"
import express from "express"
import type { Authenticator } from "../auth/Authenticator.ts"
import { runExit } from "../http/runExit.ts"
import type { Logger } from "../observability/logger.ts"
import type { RateLimits } from "../ratelimit/RateLimits.ts"
import { rateLimit } from "../ratelimit/rateLimitMiddleware.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import { ownedCertificate } from "../trpc/reads/myCertificates.ts"
import type { ArtifactFormat, DownloadLinks } from "./DownloadLinks.ts"

const contentTypes: Record<ArtifactFormat, string> = { png: "image/png", pdf: "application/pdf" }

/** The learner's own issued certificate file, or undefined: someone else's looks exactly like a missing one. */
const artifactFor = (learnerId: string, certificateId: string, format: ArtifactFormat) =>
  Effect.gen(function* () {
    const certificate = yield* ownedCertificate(learnerId, certificateId)
    if (certificate === undefined || certificate.status !== "issued") return undefined
    const rendition = certificate.versions.find((v) => v.version === certificate.currentVersion)
    if (rendition === undefined) return undefined
    const download = yield* ArtifactStore.use((store) => store.stream(rendition[format].key))
    return Option.isNone(download) ? undefined : { download: download.value, certificate }
  })

/**
 * `GET /certificates/:certificateId/:format`: with `?token=` a short-lived signed link bound to the
 * learner; without one, the signed-in learner's own certificate. Anything else is a 404.
 */
export const downloadRoutes = (deps: {
  runtime: AppRuntime
  authenticator: Authenticator["Service"]
  downloadLinks: DownloadLinks
  rateLimits: RateLimits
  logger: Logger
}) => {
  const routes = express.Router()
  routes.get(
    "/certificates/:certificateId/:format",
    rateLimit(deps.rateLimits, "download"),
    async (request, response) => {
      const { certificateId, format } = request.params
      if (typeof certificateId !== "string" || (format !== "png" && format !== "pdf"))
        return void response.status(404).type("text/plain").send("not found")
      const token = typeof request.query.token === "string" ? request.query.token : undefined
      let learnerId: string | undefined
      if (token !== undefined) {
        learnerId = deps.downloadLinks.verify(token, certificateId.toUpperCase(), format)?.learnerId
        if (learnerId === undefined)
          return void response
            .status(403)
            .type("text/plain")
            .send("this download link is invalid or has expired")
      } else {
        const session = await Effect.runPromise(deps.authenticator.sessionFrom(request.headers.cookie))
        if (session === undefined) return void response.status(401).type("text/plain").send("sign in first")
        learnerId = session.userId
      }
      const exit = await runExit(deps.runtime, artifactFor(learnerId, certificateId, format))
      if (Exit.isFailure(exit)) {
        deps.logger.error({ cause: String(exit.cause) }, "download failed")
        return void response.status(500).type("text/plain").send("internal error")
      }
      if (exit.value === undefined) return void response.status(404).type("text/plain").send("not found")
      const { download, certificate } = exit.value
      response.setHeader("Cache-Control", "private, no-store")
      response.setHeader(
        "Content-Disposition",
        `attachment; filename="certificate-${certificate.certificateId}-v${certificate.currentVersion}.${format}"`
      )
      response.setHeader("Content-Length", String(download.size))
      response.type(contentTypes[format])
      // The file is never held whole in memory. A store failing mid-file cuts the response short of its
      // Content-Length, so the client sees a failed download; a client leaving stops the read.
      try {
        await pipeline(Readable.from(Stream.toAsyncIterable(download.chunks)), response)
      } catch (error) {
        deps.logger.warn({ error: String(error), certificateId, format }, "download cut short")
      }
    }
  )
  return routes
}
