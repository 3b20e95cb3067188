import { TRPCClientError } from "@trpc/client"

/** A sentence for people; server defects arrive already stripped of details. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof TRPCClientError) return error.message || "The server could not handle the request."
  if (error instanceof Error) return error.message
  return "Something went wrong."
}

/** The tRPC code (e.g. `UNAUTHORIZED`) of a failed call, if the server sent one. */
export const errorCode = (error: unknown): string | undefined => {
  if (!(error instanceof TRPCClientError)) return undefined
  const data: unknown = error.data
  return typeof data === "object" && data !== null && "code" in data && typeof data.code === "string"
    ? data.code
    : undefined
}
