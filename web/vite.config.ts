import { fileURLToPath } from "node:url"
import react from "@vitejs/plugin-react"
import { defineConfig, type ProxyOptions } from "vite"

const api = "http://127.0.0.1:3000"

// `/certificates` and `/certificates/:id` are also client routes: a browser navigation (HTML) stays
// with the SPA, while download links and other requests under `/certificates/` go to the API.
const certificatesProxy: ProxyOptions = {
  target: api,
  bypass: (request) => {
    const path = (request.url ?? "").split("?")[0] ?? ""
    const wantsPage = (request.headers.accept ?? "").includes("text/html")
    return wantsPage && /^\/certificates(\/[^/]+)?\/?$/.test(path) ? "/index.html" : undefined
  }
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      "/trpc": api,
      "/verify": api,
      "/certificates": certificatesProxy,
      "/checkout": api,
      "/webhooks": api,
      "/ops/jobs": api,
      "/platform": api
    }
  }
})
