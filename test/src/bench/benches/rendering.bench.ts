import { readFileSync } from "node:fs"
import type { Benchmark } from "../Benchmark.ts"
import type { Figure } from "../report/BenchResult.ts"

const renderReport = new URL("../../../../docs/benchmarks/render.md", import.meta.url)

/** Cells of the markdown table row whose first cell starts with `label`. */
const row = (markdown: string, label: string) =>
  markdown
    .split("\n")
    .find((line) => line.startsWith(`| ${label}`))
    ?.split("|")
    .slice(1, -1)
    .map((cell) => cell.trim())

/**
 * Quotes the renderer's own benchmark (`pnpm --filter @certify/renderer bench`, renderer/src/bench),
 * which renders side by side with warm Chromium and owns docs/benchmarks/render.md. Running it here
 * would rewrite that file; it stays the renderer's.
 */
export const rendering: Benchmark = {
  name: "rendering",
  run: async () => {
    const markdown = readFileSync(renderReport, "utf8")
    const measured = /Measured (\S+)/.exec(markdown)?.[1] ?? "unknown"
    const figures: Figure[] = []
    for (const label of ["single certificate", "throughput on 2 cores"]) {
      const cells = row(markdown, label)
      if (cells === undefined) continue
      const [figure, ours, chromium, speedUp] = cells
      const ratio = Number.parseFloat(speedUp ?? "")
      figures.push({
        figure: `${figure}: ours / warm Chromium`,
        value: `${ours} / ${chromium} (${speedUp})`,
        target: "≥ 2× faster",
        verdict: ratio >= 2 ? "met" : "missed"
      })
    }
    for (const label of ["PDF size", "PNG size"]) {
      const cells = row(markdown, label)
      if (cells) figures.push({ figure: `${cells[0]}: ours / Chromium`, value: `${cells[1]} / ${cells[2]}` })
    }
    if (figures.length === 0) throw new Error("docs/benchmarks/render.md has no result table to quote")
    return {
      name: "rendering",
      title: "Rendering (quoted from the renderer's benchmark)",
      measuredAt: measured,
      quotedFrom: "[benchmarks/render.md](benchmarks/render.md)",
      method: [
        "Quoted from [benchmarks/render.md](benchmarks/render.md), written by `pnpm --filter @certify/renderer bench` (renderer/src/bench/bench.ts): PNG (2000×1414) + one-page PDF per certificate, same design, fonts and QR code, against one warm headless Chromium page (`page.screenshot()` + `page.pdf()`), side by side in one run. Run that command to refresh both.",
        "Single: median of sequential certificates after warm-up. Throughput: 60 certificates on both cores (ours: a worker_threads pool of 2; Chromium: 2 warm pages)."
      ],
      figures,
      limits: [
        "Ours: per certificate only the text slots are shaped and rasterized and only the changed PNG row bands are deflated; the PNG deflate of those bands and the PDF font subsetting dominate.",
        "Chromium: layout, paint, a full-page screenshot encode and a PDF print per certificate."
      ]
    }
  }
}
