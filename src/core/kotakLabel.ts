/**
 * What a kotak label's QR code says (issue 13): the public codes a PPK (Panitia Pemilihan Kecamatan) or
 * anyone with a phone can read — the Kemendagri kode desa, the TPS number, the kotak number, the ballot
 * type and its dapil — and a short check, on one line:
 *
 *     TPS 001 1219082001 KOTAK 2 BUPATI KABUPATEN BATU BARA CEK 3F0C
 *
 * (TPS and its number, the kode desa, KOTAK and its number, the ballot type's code, its dapil, the check.)
 * No more words than that: every byte makes the code denser on a 55 x 38 mm sticker, and this fits a
 * version-4 code for the usual names. One line because a keyboard-wedge scanner types the code into the scan field and a line break would
 * be an Enter halfway through; capitals, digits and spaces because they survive any keyboard layout, and
 * the parser takes the text in any case (a scanner typing with Caps Lock on). The door scanner maps the
 * codes back to the kit and checks them against the ledger (services/kemas.ts#periksaScan).
 *
 * The check is a CRC-16 of the text before it: it catches a label typed or altered by hand and a misread,
 * not a forger (anyone can compute it; the ledger is what verifies).
 */
export interface KotakLabelCode {
  /** As the wilayah data holds it, digits and perhaps dots (12.19.08.2001). */
  kodeDesa: string
  tpsNomor: number
  kotakNo: number
  /** The ballot type's code (GUBERNUR, DPRD_KAB, …), or null for a kotak without a ballot type. */
  jenis: string | null
  /** The dapil's name as the master data writes it, or null with jenis. */
  dapil: string | null
}

/** CRC-16/CCITT-FALSE of the text's UTF-8 bytes, as four hex digits. */
function crc16(text: string): string {
  let crc = 0xffff
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc.toString(16).toUpperCase().padStart(4, '0')
}

/** Spaces folded and capitals: the form the check is computed over. */
const canonical = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase()

function body(c: KotakLabelCode): string {
  const head = `TPS ${String(c.tpsNomor).padStart(3, '0')} ${c.kodeDesa} KOTAK ${c.kotakNo}`
  return canonical(c.jenis ? `${head} ${c.jenis} ${c.dapil ?? '-'}` : head)
}

export function kotakLabelText(c: KotakLabelCode): string {
  const b = body(c)
  return `${b} CEK ${crc16(b)}`
}

const PATTERN =
  /^TPS (\d{1,4}) (\d{1,20}(?:\.\d{1,20}){0,5}) KOTAK (\d{1,3})(?: ([A-Z][A-Z0-9_]{0,29}) (\S.{0,119}?))? CEK ([0-9A-F]{4})$/

/**
 * A scanned label in the public form: its codes and whether its check holds, or null when the text is not
 * in that form at all. Scanners add CR/LF, tabs and spaces; case does not matter.
 */
export function parseKotakLabel(text: string): { code: KotakLabelCode; cekCocok: boolean } | null {
  const t = canonical(text)
  const m = PATTERN.exec(t)
  if (!m) return null
  const code: KotakLabelCode = {
    kodeDesa: m[2]!,
    tpsNomor: Number(m[1]),
    kotakNo: Number(m[3]),
    jenis: m[4] ?? null,
    dapil: m[5] ?? null,
  }
  return { code, cekCocok: crc16(t.slice(0, t.lastIndexOf(' CEK '))) === m[6] }
}

/**
 * The labels printed before issue 13 carried internal ids (GPK1|1219|T1152|K1|V1): the satker's kode
 * wilayah, the TPS row, the kotak and the variant row. They still scan — each id is checked against the
 * ledger as before — with a note asking for a reprint (docs/documents.md, "Label kotak"); new labels are
 * never printed in this form.
 */
export interface LegacyKotakId {
  kodeWilayah: string
  tpsId: number
  kotakNo: number
  /** 0 for a kotak without a ballot type. */
  variantId: number
}

/** The old form's text, for tests that stand for a label already stuck on a kotak. */
export function legacyKotakQrText(id: LegacyKotakId): string {
  return ['GPK1', id.kodeWilayah || '-', `T${id.tpsId}`, `K${id.kotakNo}`, `V${id.variantId}`].join('|')
}

/** The ids in an old label, or null when the text is not one. */
export function parseLegacyKotakQr(text: string): LegacyKotakId | null {
  const m = /^GPK1\|([0-9.]+|-)\|T(\d{1,9})\|K(\d{1,3})\|V(\d{1,9})$/.exec(text.trim())
  if (!m) return null
  return { kodeWilayah: m[1] === '-' ? '' : m[1]!, tpsId: Number(m[2]), kotakNo: Number(m[3]), variantId: Number(m[4]) }
}
