import { Result, Schema } from "effect"
import express from "express"
import type { Logger } from "../observability/logger.ts"
import type { RateLimits } from "../ratelimit/RateLimits.ts"
import { rateLimit } from "../ratelimit/rateLimitMiddleware.ts"
import type { AppRuntime } from "../runtime/AppRuntime.ts"
import { BodyTooLarge, readRawBody } from "../webhooks/readRawBody.ts"
import { CompletionReport } from "./CompletionReport.ts"
import { isPlatformRequest } from "./platformAuth.ts"
import { recordCompletionReport } from "./recordCompletionReport.ts"

const MAX_BODY_BYTES = 16 * 1024
const decodeReport = Schema.decodeUnknownResult(CompletionReport, {
  errors: "all",
  onExcessProperty: "error"
})

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `POST /platform/v1/completions`: the learning platform reports a completion, server to server.
 * The budget is spent before the key is checked, so it also slows down anyone guessing keys.
 */
export const completionsRoute = (deps: {
  runtime: AppRuntime
  platformApiKey: string
  rateLimits: RateLimits
  logger: Logger
}) => {
  const routes = express.Router()
  routes.post(
    "/platform/v1/completions",
    rateLimit(deps.rateLimits, "platform"),
    async (request, response) => {
      let raw: string
      try {
        raw = (await readRawBody(request, MAX_BODY_BYTES)).toString("utf8")
      } catch (error) {
        if (error instanceof BodyTooLarge) return void response.status(413).json({ error: "body too large" })
        throw error
      }
      if (!isPlatformRequest(deps.platformApiKey, request.headers, raw))
        return void response.status(401).json({ error: "a valid platform API key or signature is required" })
      const json = parseJson(raw)
      if (json === undefined) return void response.status(400).json({ error: "body must be JSON" })
      const decoded = decodeReport(json)
      if (Result.isFailure(decoded))
        return void response
          .status(400)
          .json({ error: "invalid completion report", details: decoded.failure.message })
      const report = decoded.success
      const outcome = await deps.runtime.runPromise(recordCompletionReport(report))
      deps.logger.info(
        { learnerId: report.learner.learnerId, courseId: report.course.courseId, ...outcome },
        "completion reported"
      )
      response.status(outcome.completion === "recorded" ? 201 : 200).json(outcome)
    }
  )
  return routes
}
