import type { FamilyId, FontWeight } from "../fonts/registry.ts"

/** Text style: a font-family fallback list; "cjk" is resolved per locale (Noto Sans JP for ja, else SC). */
export type StyleFamily = Exclude<FamilyId, "sc" | "jp"> | "cjk"

export interface TemplateStyle {
  readonly families: ReadonlyArray<StyleFamily>
  readonly weight: FontWeight
}

export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export interface RectItem extends Box {
  readonly fill: string
}

export type Align = "left" | "center" | "right"

export interface StaticTextItem {
  readonly text: string
  /** anchor x (left edge, centre or right edge, per align) */
  readonly x: number
  readonly baseline: number
  readonly align: Align
  readonly size: number
  readonly style: string
  readonly color: string
}

export type SlotField = "learnerName" | "courseTitle" | "completionDate" | "issuer" | "certificateId"

export interface TextSlot {
  readonly field: SlotField
  /** the text must stay inside this box; it is centred vertically in it */
  readonly box: Box
  readonly align: Align
  readonly maxSize: number
  readonly minSize: number
  readonly style: string
  readonly color: string
  readonly prefix?: string
}

export interface QrSlot {
  /** square area holding the symbol and its 4-module quiet zone */
  readonly x: number
  readonly y: number
  readonly size: number
  readonly dark: string
  readonly light: string
}

export interface CertificateTemplate {
  readonly id: string
  readonly version: number
  readonly width: number
  readonly height: number
  /** physical page size in PDF points (1/72 in) */
  readonly pageWidthPt: number
  readonly pageHeightPt: number
  readonly background: string
  readonly styles: Readonly<Record<string, TemplateStyle>>
  readonly rects: ReadonlyArray<RectItem>
  readonly texts: ReadonlyArray<StaticTextItem>
  readonly slots: ReadonlyArray<TextSlot>
  readonly qr: QrSlot
}
