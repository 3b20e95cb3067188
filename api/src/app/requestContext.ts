import { randomUUID } from "node:crypto"
import type { NextFunction, Request, Response } from "express"
import type { Logger } from "../observability/logger.ts"

const acceptable = /^[A-Za-z0-9._:-]{8,100}$/

export interface RequestLocals {
  requestId: string
  logger: Logger
}

/** Takes the caller's X-Request-Id when it is sane, else makes one; echoes it and logs with it. */
export const requestContext =
  (logger: Logger) => (request: Request, response: Response, next: NextFunction) => {
    const given = request.headers["x-request-id"]
    const requestId = typeof given === "string" && acceptable.test(given) ? given : randomUUID()
    response.setHeader("X-Request-Id", requestId)
    const child = logger.child({ requestId })
    response.locals.requestId = requestId
    response.locals.logger = child
    const started = performance.now()
    response.on("finish", () =>
      child.info(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Math.round(performance.now() - started)
        },
        "request"
      )
    )
    next()
  }

export const localsOf = (response: Response) => response.locals as RequestLocals
