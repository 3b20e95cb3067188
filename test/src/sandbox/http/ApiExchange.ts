/** One gateway API request as the sandbox's handlers see it, and their answer. */
export interface ApiRequest {
  readonly method: string
  /** Path below the gateway's prefix, e.g. `/v1/checkout/sessions/cs_…`. */
  readonly path: string
  readonly query: URLSearchParams
  readonly body: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
}

export interface ApiResponse {
  readonly status: number
  readonly body: unknown
}

export const header = (request: ApiRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return typeof value === "string" ? value : value?.[0]
}

/** The id a route pattern captures, if the request is that route. */
export const routeId = (request: ApiRequest, method: string, pattern: RegExp): string | undefined =>
  request.method === method ? pattern.exec(request.path)?.[1] : undefined
