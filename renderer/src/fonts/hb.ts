import { createRequire } from "node:module"
import type { HarfBuzz } from "harfbuzzjs"

// harfbuzzjs' CommonJS export is a Promise; loaded with require so every loader (node, vitest) sees it as is.
const require = createRequire(import.meta.url)

/** The HarfBuzz (WebAssembly) instance: the same shaper Chromium uses. */
export const hb: HarfBuzz = await (require("harfbuzzjs") as Promise<HarfBuzz>)
