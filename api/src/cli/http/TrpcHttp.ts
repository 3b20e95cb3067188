/**
 * tRPC over plain HTTP (the documented wire format without a transformer), keeping the session cookie:
 * enough for the CLI to act as a signed-in user without a client library.
 */
export class TrpcHttp {
  #cookie = ""
  readonly baseUrl: string
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl
  }

  async query<A>(path: string, input?: unknown): Promise<A> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`
    return this.#call<A>(`${this.baseUrl}/trpc/${path}${query}`, { method: "GET" })
  }

  async mutation<A>(path: string, input: unknown): Promise<A> {
    return this.#call<A>(`${this.baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input)
    })
  }

  async #call<A>(url: string, init: RequestInit): Promise<A> {
    const response = await fetch(url, { ...init, headers: { ...init.headers, cookie: this.#cookie } })
    const set = response.headers.get("set-cookie")
    if (set) this.#cookie = set.split(";")[0] ?? ""
    const body = (await response.json()) as { result?: { data: A }; error?: { message: string } }
    if (!response.ok || body.result === undefined)
      throw new Error(`${url.split("?")[0]}: ${body.error?.message ?? response.status}`)
    return body.result.data
  }
}
