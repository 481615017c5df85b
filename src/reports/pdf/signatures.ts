import { tanggalPanjang } from '../../core/tanggal'
import { spacer } from './blocks'
import { cm } from './paper'
import type { Content, ContentStack, ContentTable, PageBreakHelpers, PageBreakNode, TableCell } from './types'
import { tableLayout } from './tableLayout'

/**
 * One name under a signature, as printed: any party (a configured signer, the penyedia's representative,
 * the Ketua PPK), with only the lines it has.
 */
export interface SignatureSlot {
  /** "PIHAK PERTAMA", "Yang Menyerahkan", "Saksi I" */
  peran: string
  /** "Ketua Kelompok Kerja Logistik" */
  jabatan: string
  nama: string
  /** Printed as "NIP. …"; the line is left out for signers without one (penyedia, saksi). */
  nip?: string | null
  /** "PT Percetakan …", "KPU Kabupaten Batu Bara"; a line under the jabatan. */
  instansi?: string
}

export interface SignatureBlock {
  /** Where the document is signed, printed before the date above the last column: "Limapuluh". */
  place: string
  /** ISO date. */
  date: string
  /** Rows of one to three signers, printed side by side. */
  columns: SignatureSlot[][]
  /** Signers under a centred "Mengetahui," (the superior who acknowledges). */
  mengetahui?: SignatureSlot[]
}

/** Room for a wet signature and the stamp that overlaps it. */
export const SIGNATURE_SPACE = cm(2.2)

const NO_LINES = tableLayout({ line: 0, left: 4, right: 4, top: 0, bottom: 1 })

/**
 * One row of signers as a borderless table, each part of a signature in its own table row so that
 * names line up even when one jabatan wraps to two lines and its neighbour does not.
 */
function signerRow(signers: SignatureSlot[], above: (string | null)[], fontSize: number): ContentTable {
  if (signers.length < 1 || signers.length > 4)
    throw new Error(`Satu baris tanda tangan memuat 1–4 penanda tangan, bukan ${signers.length}`)
  const row = (cell: (s: SignatureSlot) => TableCell): TableCell[] => signers.map(cell)
  const body: TableCell[][] = []
  const heights: (number | 'auto')[] = []
  if (above.some(Boolean)) {
    body.push(signers.map((_, i) => (above[i] ? { text: above[i] } : '')))
    heights.push('auto')
  }
  body.push(row((s) => ({ text: s.peran, bold: true })))
  heights.push('auto')
  body.push(row((s) => ({ text: s.instansi ? `${s.jabatan}\n${s.instansi}` : s.jabatan })))
  heights.push('auto')
  body.push(row(() => ''))
  heights.push(SIGNATURE_SPACE)
  body.push(row((s) => ({ text: s.nama, bold: true, decoration: 'underline' })))
  heights.push('auto')
  if (signers.some((s) => s.nip)) {
    body.push(row((s) => (s.nip ? { text: `NIP. ${s.nip}`, noWrap: true } : '')))
    heights.push('auto')
  }
  return {
    table: { widths: signers.map(() => '*'), heights, body, dontBreakRows: true },
    layout: NO_LINES,
    alignment: 'center',
    fontSize,
    margin: [0, 0, 0, 14],
  }
}

/** Ids of the signature area and of the markers at its two ends, for keepSignaturesTogether. */
export const SIGNATURE_AREA_ID = 'area-tanda-tangan'
const AREA_END_ID = 'area-tanda-tangan-akhir'

/**
 * A 1-pt non-breaking space outside any table or unbreakable block. pdfmake records the page of
 * content inside those relative to the block (always "page 1"), so only plain lines like this one
 * tell reliably where the area begins and ends.
 */
const marker = (id?: string): Content => ({ text: '\u00a0', fontSize: 1, lineHeight: 1, ...(id ? { id } : {}) })

/**
 * The closing and every signature as one block that keepSignaturesTogether moves whole to the next
 * page when it would straddle a page break, so signatures are never split and never stand on a page
 * without the closing sentence that says what they sign. The closing shares an unbreakable block with
 * the place and date and the first row of signers, so even an area taller than a page, which then
 * continues row by row, never leaves the closing alone at the foot of a page.
 */
export function signatureArea(
  block: SignatureBlock,
  closing: Content | null,
  options: { wide?: boolean } = {},
): ContentStack {
  if (block.columns.length === 0 && !block.mengetahui?.length) throw new Error('Berita acara tanpa penanda tangan')
  const dateLine = `${block.place}, ${tanggalPanjang(block.date)}`
  const lead: Content[] = closing ? [closing, spacer(18)] : [spacer(18)]
  const dateAbove = (n: number) => Array.from({ length: n }, (_, i) => (i === n - 1 ? dateLine : null))
  const mengetahui = block.mengetahui ?? []
  const all = block.columns.flat().length + mengetahui.length
  // A landscape page has room for four signers side by side: one row is a third of the height of three.
  if (options.wide && all <= 4 && all >= 3) {
    const parties = block.columns[0] ?? []
    const others = [...block.columns.slice(1).flat(), ...mengetahui]
    const above = [
      ...parties.map((_, i) => (i === parties.length - 1 ? dateLine : null)),
      ...others.map((s) => (mengetahui.includes(s) ? 'Mengetahui,' : null)),
    ]
    const row = {
      ...signerRow([...parties, ...others], above, 11),
      margin: [0, 0, 0, 0] as [number, number, number, number],
    }
    return {
      id: SIGNATURE_AREA_ID,
      stack: [marker(), { stack: [...lead, row], unbreakable: true }, marker(AREA_END_ID)],
    }
  }
  // Two parties and the superior, nobody else: one row, "Mengetahui," in the middle — the block is
  // half as tall, and a one-line delivery's BA keeps its signatures on its page.
  if (block.columns.length === 1 && block.columns[0]!.length === 2 && mengetahui.length === 1) {
    const [first, second] = block.columns[0]!
    const row = {
      ...signerRow([first!, mengetahui[0]!, second!], [null, 'Mengetahui,', dateLine], 11),
      margin: [0, 0, 0, 0] as [number, number, number, number],
    }
    return {
      id: SIGNATURE_AREA_ID,
      stack: [marker(), { stack: [...lead, row], unbreakable: true }, marker(AREA_END_ID)],
    }
  }
  // Three columns of 12-pt bold names with academic titles overflow a 16-cm line; one size for the
  // whole area keeps the rows consistent.
  const widest = Math.max(...block.columns.map((r) => r.length), mengetahui.length)
  const fontSize = widest >= 3 ? 11 : 12
  const rows = block.columns.map((r) => [...r])
  // A lone witness and a lone superior share a row ("Saksi" left, "Mengetahui," right): a four-signer
  // block then takes two rows, not three, and fits where the rest of a page allows.
  const shareRow = mengetahui.length === 1 && rows.length >= 2 && rows.at(-1)!.length === 1
  const units: Content[][] = rows.map((signers, i) => {
    const last = i === rows.length - 1
    if (last && shareRow) return [signerRow([...signers, mengetahui[0]!], [null, 'Mengetahui,'], fontSize)]
    return [signerRow(signers, i === 0 ? dateAbove(signers.length) : [], fontSize)]
  })
  if (mengetahui.length && !shareRow) {
    units.push([
      { text: 'Mengetahui,', alignment: 'center', fontSize, margin: [0, 0, 0, 2] },
      signerRow(mengetahui, rows.length === 0 ? dateAbove(mengetahui.length) : [], fontSize),
    ])
  }
  units[0] = [...lead, ...units[0]!]
  // Nothing follows the last row inside the area: its gap would only push the end marker down.
  const lastRow = units.at(-1)!.at(-1) as ContentTable
  units[units.length - 1] = [...units.at(-1)!.slice(0, -1), { ...lastRow, margin: [0, 0, 0, 0] }]
  const stack: Content[] = [marker()]
  for (const unit of units) stack.push({ stack: unit, unbreakable: true })
  stack.push(marker(AREA_END_ID))
  return { id: SIGNATURE_AREA_ID, stack }
}

/**
 * pdfmake `pageBreakBefore`: start the signature area on a new page when its end marker is not on
 * the page where it begins. Not `unbreakable: true` on the whole area: pdfmake 0.3.11 silently drops
 * the content of an unbreakable block taller than a page (seen: nine rows of signers printed no name
 * at all; fixed upstream in 0.3.15), whereas this gives up when the area already starts at the top
 * of a page and lets it continue row by row.
 */
export function keepSignaturesTogether(node: PageBreakNode, helpers: PageBreakHelpers): boolean {
  if (node.id !== SIGNATURE_AREA_ID || node.startPosition.verticalRatio < 0.01) return false
  return !helpers.getFollowingNodesOnPage().some((n) => n.id === AREA_END_ID)
}
