/** Paper and margins of Indonesian official letters, in PDF points (1/72 inch). */

export const mm = (v: number): number => Math.round(((v * 72) / 25.4) * 100) / 100
export const cm = (v: number): number => mm(v * 10)

import type { PaperName } from '../../core/documents'

export type { PaperName }

/**
 * A4, and F4 ("folio", 215 × 330 mm), the longer sheet many Indonesian offices still load. pdfkit's
 * own FOLIO is 8.5 × 13 in (612 × 936 pt), which is not the Indonesian F4.
 */
export const PAPER: Record<PaperName, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  F4: { width: mm(215), height: mm(330) },
}

export interface Margins {
  left: number
  top: number
  right: number
  bottom: number
}

/**
 * Tata naskah dinas practice: a wider left margin for binding and filing (3 cm), 2 cm elsewhere.
 * The bottom margin is the body's; the footer (page number, ids, QR) lives below it and the document
 * builder widens it to fit.
 */
export const LETTER_MARGINS: Margins = { left: cm(3), top: cm(2), right: cm(2), bottom: cm(2) }

export function contentWidth(paper: PaperName, margins: Margins = LETTER_MARGINS): number {
  return PAPER[paper].width - margins.left - margins.right
}
