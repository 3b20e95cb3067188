import type { Request } from "express"

/** Who to count a rate limit against: the socket's address (the app does not trust proxy headers). */
export const clientKey = (request: Request) => request.ip ?? request.socket.remoteAddress ?? "unknown"
