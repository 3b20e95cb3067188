import type { Route } from "./HttpServer.ts"
import { sendJson } from "./HttpServer.ts"

/** `/healthz`: the process is alive. `/readyz`: its dependencies answer. */
export const healthRoutes = (checks: Record<string, () => Promise<void>>): ReadonlyArray<Route> => [
  { method: "GET", path: "/healthz", handler: (_, response) => sendJson(response, 200, { status: "ok" }) },
  {
    method: "GET",
    path: "/readyz",
    handler: async (_, response) => {
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await check()
            return [name, "ok"] as const
          } catch (error) {
            return [name, `failing: ${String(error)}`] as const
          }
        })
      )
      const ready = results.every(([, status]) => status === "ok")
      sendJson(response, ready ? 200 : 503, {
        status: ready ? "ready" : "not ready",
        checks: Object.fromEntries(results)
      })
    }
  }
]
