import type { CertificateTemplate, RectItem } from "./types.ts"

const NAVY = "#1f2a44"
const GOLD = "#b08d3c"
const GRAY = "#5b6475"
const PAPER = "#fbf8f1"

/** A frame drawn as four filled boxes (cheap to rasterize, unlike CSS borders). */
const frame = (inset: number, thickness: number, fill: string, width: number, height: number): RectItem[] => [
  { x: inset, y: inset, w: width - 2 * inset, h: thickness, fill },
  { x: inset, y: height - inset - thickness, w: width - 2 * inset, h: thickness, fill },
  { x: inset, y: inset + thickness, w: thickness, h: height - 2 * inset - 2 * thickness, fill },
  {
    x: width - inset - thickness,
    y: inset + thickness,
    w: thickness,
    h: height - 2 * inset - 2 * thickness,
    fill
  }
]

const corner = (cx: number, cy: number): RectItem[] => [
  { x: cx - 14, y: cy - 14, w: 28, h: 28, fill: GOLD },
  { x: cx - 8, y: cy - 8, w: 16, h: 16, fill: PAPER }
]

const W = 2000
const H = 1414

/** classic@1: A4 landscape, 2000×1414 design pixels. Frozen: never change a released version. */
export const classicV1: CertificateTemplate = {
  id: "classic",
  version: 1,
  width: W,
  height: H,
  pageWidthPt: 841.89,
  pageHeightPt: 595.28,
  background: PAPER,
  styles: {
    display: { families: ["serif", "devanagari", "arabic", "cjk"], weight: 700 },
    body: { families: ["sans", "devanagari", "arabic", "cjk"], weight: 400 },
    strong: { families: ["sans", "devanagari", "arabic", "cjk"], weight: 700 }
  },
  rects: [
    ...frame(40, 20, NAVY, W, H),
    ...frame(76, 4, GOLD, W, H),
    ...corner(78, 78),
    ...corner(W - 78, 78),
    ...corner(78, H - 78),
    ...corner(W - 78, H - 78),
    { x: 850, y: 318, w: 300, h: 4, fill: GOLD },
    { x: 500, y: 668, w: 1000, h: 3, fill: GOLD },
    { x: 220, y: 1088, w: 520, h: 2, fill: GRAY },
    { x: 840, y: 1088, w: 520, h: 2, fill: GRAY },
    { x: 1500, y: 930, w: 300, h: 300, fill: "#ffffff" }
  ],
  texts: [
    {
      text: "CERTIFICATE OF COMPLETION",
      x: 1000,
      baseline: 280,
      align: "center",
      size: 80,
      style: "display",
      color: NAVY
    },
    {
      text: "This is to certify that",
      x: 1000,
      baseline: 430,
      align: "center",
      size: 36,
      style: "body",
      color: GRAY
    },
    {
      text: "has successfully completed the course",
      x: 1000,
      baseline: 760,
      align: "center",
      size: 36,
      style: "body",
      color: GRAY
    },
    {
      text: "Date of completion",
      x: 480,
      baseline: 1134,
      align: "center",
      size: 28,
      style: "body",
      color: GRAY
    },
    { text: "Issued by", x: 1100, baseline: 1134, align: "center", size: 28, style: "body", color: GRAY },
    { text: "Scan to verify", x: 1650, baseline: 1272, align: "center", size: 26, style: "body", color: GRAY }
  ],
  slots: [
    {
      field: "learnerName",
      box: { x: 200, y: 470, w: 1600, h: 170 },
      align: "center",
      maxSize: 120,
      minSize: 28,
      style: "display",
      color: NAVY
    },
    {
      field: "courseTitle",
      box: { x: 200, y: 790, w: 1600, h: 110 },
      align: "center",
      maxSize: 64,
      minSize: 28,
      style: "display",
      color: NAVY
    },
    {
      field: "completionDate",
      box: { x: 220, y: 1010, w: 520, h: 70 },
      align: "center",
      maxSize: 40,
      minSize: 24,
      style: "strong",
      color: NAVY
    },
    {
      field: "issuer",
      box: { x: 840, y: 1010, w: 520, h: 70 },
      align: "center",
      maxSize: 40,
      minSize: 18,
      style: "strong",
      color: NAVY
    },
    {
      field: "certificateId",
      box: { x: 220, y: 1222, w: 1140, h: 50 },
      align: "left",
      maxSize: 26,
      minSize: 14,
      style: "body",
      color: GRAY,
      prefix: "Certificate ID: "
    }
  ],
  qr: { x: 1500, y: 930, size: 300, dark: NAVY, light: "#ffffff" }
}
