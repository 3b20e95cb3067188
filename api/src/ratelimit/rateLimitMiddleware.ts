import type { NextFunction, Request, Response } from "express"
import { clientKey } from "../http/clientKey.ts"
import { rateLimited } from "../observability/metrics.ts"
import type { RateLimitBucket, RateLimits } from "./RateLimits.ts"

/** 429 with Retry-After once a client spends its budget for the bucket. */
export const rateLimit =
  (limits: RateLimits, bucket: RateLimitBucket) =>
  async (request: Request, response: Response, next: NextFunction) => {
    const decision = await limits.consume(bucket, clientKey(request))
    if (decision.allowed) return next()
    rateLimited.inc({ limit: bucket })
    response.setHeader("Retry-After", String(decision.retryAfterSeconds))
    response
      .status(429)
      .type("text/plain")
      .send(`Too many requests. Retry in ${decision.retryAfterSeconds} seconds.`)
  }
