import type { AttackApp } from "./attackApp.ts"

export type PrincipalName = "anonymous" | "ada" | "ravi" | "ops"
export const PRINCIPALS: ReadonlyArray<PrincipalName> = ["anonymous", "ada", "ravi", "ops"]

/** The session cookie of each demo user (none for the anonymous caller). */
export const signInAll = async (app: AttackApp): Promise<Record<PrincipalName, string | undefined>> => {
  const cookieOf = async (username: string) => {
    const response = await fetch(app.url("/trpc/session.login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "demo" })
    })
    const cookie = response.headers.get("set-cookie")?.split(";")[0]
    if (!response.ok || cookie === undefined)
      throw new Error(`${username} could not sign in: ${response.status}`)
    return cookie
  }
  return {
    anonymous: undefined,
    ada: await cookieOf("ada"),
    ravi: await cookieOf("ravi"),
    ops: await cookieOf("ops")
  }
}

export interface TrpcAnswer {
  readonly status: number
  readonly text: string
  readonly code: string | undefined
  readonly message: string | undefined
}

/** One procedure call over HTTP as the web client makes it (GET for queries and subscriptions, POST for mutations). */
export const callProcedure = async (
  app: AttackApp,
  path: string,
  type: "query" | "mutation" | "subscription",
  input: unknown,
  cookie: string | undefined
): Promise<TrpcAnswer> => {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(cookie ? { cookie } : {})
  }
  const encoded = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`
  const response =
    type === "mutation"
      ? await fetch(app.url(`/trpc/${path}`), {
          method: "POST",
          headers,
          body: JSON.stringify(input ?? null)
        })
      : await fetch(app.url(`/trpc/${path}${encoded}`), {
          headers: type === "subscription" ? { ...headers, accept: "text/event-stream" } : headers,
          signal: AbortSignal.timeout(10_000)
        })
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    // tRPC's SSE answers 200 and then reports a refusal in the stream: read it as the status it names.
    const event = await firstEvent(response)
    const error =
      event.type === "serialized-error"
        ? (event.data as { message?: string; data?: { code?: string; httpStatus?: number } })
        : undefined
    return {
      status: error?.data?.httpStatus ?? response.status,
      text: JSON.stringify(event),
      code: error?.data?.code,
      message: error?.message
    }
  }
  const text = await response.text()
  let parsed: { error?: { message?: string; data?: { code?: string } } } = {}
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    // Not JSON: status and text speak for themselves.
  }
  return { status: response.status, text, code: parsed.error?.data?.code, message: parsed.error?.message }
}

/** The first event after tRPC's `connected`: a value or a `serialized-error`. */
const firstEvent = async (response: Response): Promise<{ type: string; data: unknown }> => {
  const reader = response.body?.getReader()
  let text = ""
  try {
    while (reader !== undefined && text.length < 100_000) {
      for (const block of text.split("\n\n").slice(0, -1)) {
        const type = /^event: (.*)$/m.exec(block)?.[1] ?? "message"
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (type !== "connected" && data !== undefined) return { type, data: JSON.parse(data) }
      }
      const chunk = await reader.read()
      if (chunk.done) break
      text += new TextDecoder().decode(chunk.value)
    }
    return { type: "ended", data: text }
  } finally {
    await reader?.cancel()
  }
}
