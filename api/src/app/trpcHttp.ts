/** Calls tRPC procedures over plain HTTP, as a browser would (no transformer), keeping the cookie. */
export const trpcHttp = (url: (path: string) => string, cookie?: string) => {
  const headers = (): Record<string, string> => ({
    "content-type": "application/json",
    ...(cookie === undefined ? {} : { cookie })
  })
  const parse = async (response: Response) => {
    const body = (await response.json()) as {
      result?: { data: unknown }
      error?: { message: string; data: Record<string, unknown> }
    }
    return { status: response.status, data: body.result?.data, error: body.error, headers: response.headers }
  }
  return {
    query: async (path: string, input?: unknown) =>
      parse(
        await fetch(
          url(
            `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
          ),
          { headers: headers() }
        )
      ),
    mutation: async (path: string, input?: unknown) =>
      parse(
        await fetch(url(`/trpc/${path}`), {
          method: "POST",
          headers: headers(),
          body: JSON.stringify(input ?? null)
        })
      )
  }
}

/** A demo user's session cookie (`name=value`), as the browser would keep it. */
export const sessionCookie = async (url: (path: string) => string, username: string) => {
  const response = await fetch(url("/trpc/session.login"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" })
  })
  const cookie = response.headers.get("set-cookie")?.split(";")[0]
  if (!response.ok || cookie === undefined) throw new Error(`sign in failed: ${response.status}`)
  return cookie
}

export const signIn = async (url: (path: string) => string, username: string) =>
  trpcHttp(url, await sessionCookie(url, username))

/**
 * Reads a purchase's SSE stream until the server ends it; rejects if it is still open after
 * `timeoutMillis` (a subscription that never settles).
 */
export const purchaseStreamUntilEnd = async (
  url: (path: string) => string,
  cookie: string,
  paymentId: string,
  timeoutMillis = 5_000
) => {
  const input = encodeURIComponent(JSON.stringify({ paymentId }))
  const stream = await fetch(url(`/trpc/learner.purchaseUpdates?input=${input}`), {
    headers: { cookie, accept: "text/event-stream" },
    signal: AbortSignal.timeout(timeoutMillis)
  })
  let text = ""
  const decoder = new TextDecoder()
  for await (const chunk of stream.body ?? []) text += decoder.decode(chunk, { stream: true })
  return text
}
