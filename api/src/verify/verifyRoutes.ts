import {
  ArtifactStore,
  CertificateCredentials,
  CertificateId,
  CertificateLinks,
  Certificates,
  type PublicCertificate,
  verifyCertificate
} from "@certify/domain"
import { Effect, Exit, Option, Schema } from "effect"
import express, { type Response } from "express"
import { runExit } from "../http/runExit.ts"
import type { Logger } from "../observability/logger.ts"
import type { RateLimits } from "../ratelimit/RateLimits.ts"
import { rateLimit } from "../ratelimit/rateLimitMiddleware.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import { linkedInUrl } from "./linkedInUrl.ts"
import { notFoundPage, verificationPage } from "./verificationPage.ts"

type Form = "html" | "json" | "jwt" | "png"

const parseRef = (ref: string): { id: string; form: Form } => {
  const match = /^(.*)\.(json|jwt|png)$/.exec(ref)
  return match ? { id: match[1] ?? "", form: match[2] as Form } : { id: ref, form: "html" }
}

const noindex = (response: Response) => response.setHeader("X-Robots-Tag", "noindex, nofollow")

/** The same answer for an unknown and a malformed id, so ids cannot be probed. */
const notFound = (response: Response, form: Form) => {
  noindex(response)
  if (form === "json") return void response.status(404).json({ error: "certificate not found" })
  if (form === "html") return void response.status(404).type("html").send(notFoundPage())
  response.status(404).type("text/plain").send("certificate not found")
}

const publicJson = (
  c: PublicCertificate,
  urls: { verificationUrl: string; credentialUrl: string; linkedInUrl: string }
) => ({
  certificateId: c.certificateId,
  printedName: c.printedName,
  courseTitle: c.courseTitle,
  completedOn: c.completedOn,
  issuer: c.issuer,
  status: c.status,
  issuedAt: c.issuedAt?.toISOString() ?? null,
  revokedAt: c.revokedAt?.toISOString() ?? null,
  version: c.version,
  supersededVersions: c.supersededVersions,
  pdfSha256: c.pdfSha256 ?? null,
  ...urls,
  credentialUrl: c.status === "valid" ? urls.credentialUrl : null
})

/** The current rendition's PNG, by the key the certificate itself records. */
const currentPng = (rawId: string, version: number) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(CertificateId)(rawId.toUpperCase())
    if (Option.isNone(id)) return undefined
    const certificate = Option.getOrUndefined(yield* Certificates.use((c) => c.find(id.value)))
    const rendition = certificate?.versions.find((v) => v.version === version)
    if (rendition === undefined) return undefined
    return Option.getOrUndefined(yield* ArtifactStore.use((store) => store.get(rendition.png.key)))
  })

/** `/verify/:id` (HTML), `.json`, `.jwt` (signed credential), `.png` (thumbnail), and the JWKS. */
export const verifyRoutes = (deps: { runtime: AppRuntime; rateLimits: RateLimits; logger: Logger }) => {
  const routes = express.Router()
  const limited = rateLimit(deps.rateLimits, "verify")

  routes.get("/.well-known/jwks.json", limited, async (_request, response) => {
    const jwks = await deps.runtime.runPromise(CertificateCredentials.use((c) => c.jwks))
    response.setHeader("Cache-Control", "public, max-age=300")
    response.json(jwks)
  })

  routes.get("/verify/:ref", limited, async (request, response) => {
    const ref = request.params.ref
    const { id, form } = parseRef(typeof ref === "string" ? ref : "")
    const exit = await runExit(
      deps.runtime,
      Effect.gen(function* () {
        const certificate = yield* verifyCertificate(id)
        const links = yield* CertificateLinks
        return { certificate, links }
      })
    )
    if (Exit.isFailure(exit)) {
      if (Option.isNone(Exit.findErrorOption(exit)))
        deps.logger.error({ cause: String(exit.cause) }, "verification failed")
      return notFound(response, form)
    }
    const { certificate: c, links } = exit.value
    const verificationUrl = links.verificationUrl(c.certificateId as CertificateId)
    const urls = {
      verificationUrl,
      credentialUrl: `${verificationUrl}.jwt`,
      linkedInUrl: linkedInUrl({ ...c, verificationUrl })
    }
    noindex(response)
    response.setHeader("Cache-Control", "no-store")
    switch (form) {
      case "json":
        return void response.json(publicJson(c, urls))
      case "png": {
        const png = await deps.runtime.runPromise(currentPng(c.certificateId, c.version))
        if (png === undefined || c.status === "pending") return notFound(response, form)
        return void response.type("image/png").send(Buffer.from(png))
      }
      case "jwt": {
        // A credential carries no status and verifies offline for good: never sign one for a revoked certificate.
        if (c.status === "revoked")
          return void response
            .status(410)
            .type("text/plain")
            .send(`certificate revoked; no credential is issued for it. Status: ${verificationUrl}`)
        if (c.status !== "valid" || c.issuedAt === undefined || c.pdfSha256 === undefined)
          return notFound(response, form)
        const jws = await deps.runtime.runPromise(
          CertificateCredentials.use((credentials) =>
            credentials.sign({
              certificateId: c.certificateId,
              version: c.version,
              learnerName: c.printedName,
              courseTitle: c.courseTitle,
              issuedAt: (c.issuedAt as Date).toISOString(),
              issuer: c.issuer,
              verificationUrl,
              pdfSha256: c.pdfSha256 as string
            })
          )
        )
        response.setHeader("Content-Disposition", `attachment; filename="${c.certificateId}.jwt"`)
        return void response.type("application/jwt").send(jws)
      }
      case "html":
        return void response.type("html").send(
          verificationPage(c, {
            thumbnailUrl: c.status === "pending" ? undefined : `${verificationUrl}.png`,
            jsonUrl: `${verificationUrl}.json`,
            credentialUrl: c.status === "valid" ? urls.credentialUrl : undefined,
            jwksUrl: new URL("/.well-known/jwks.json", verificationUrl).toString(),
            linkedInUrl: urls.linkedInUrl
          })
        )
    }
  })
  return routes
}
