import express from "express"
import { registry } from "../observability/metrics.ts"

/** `/healthz` (alive), `/readyz` (503 while a dependency is down) and `/metrics` (Prometheus). */
export const operationsRoutes = (readiness: (() => Promise<Record<string, boolean>>) | undefined) => {
  const routes = express.Router()
  routes.get("/healthz", (_request, response) => void response.json({ status: "ok" }))
  routes.get("/readyz", async (_request, response) => {
    const checks: Record<string, boolean> =
      readiness === undefined ? {} : await readiness().catch(() => ({ readiness: false }))
    const failing = Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name)
    const ready = failing.length === 0
    response
      .status(ready ? 200 : 503)
      .json(ready ? { status: "ready", checks } : { status: "not ready", failing, checks })
  })
  routes.get("/metrics", async (_request, response) => {
    response.type(registry.contentType).send(await registry.metrics())
  })
  return routes
}
