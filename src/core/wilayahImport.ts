import type { Issue } from './errors'
import type { TableRow } from './csv'
import { checkKode, checkName, finishIssues, lookAlikes, readFieldTable, type FieldSpec } from './tableFields'
import { lookKey } from './names'
import { memoized, normalizeName } from './text'

/** One TPS as read from a wilayah file. Names are as written (whitespace tidied); compare them with normalizeName. */
export interface ParsedTps {
  /** The file's line (CSV) or worksheet row (XLSX). */
  line: number
  kodeKecamatan: string | null
  kecamatan: string
  kodeDesa: string | null
  desa: string
  nomor: number
  dpt: number
}

/** The four texts that name a TPS's place: its kecamatan and desa/kelurahan and their codes. */
export type PlaceTexts = Pick<ParsedTps, 'kodeKecamatan' | 'kecamatan' | 'kodeDesa' | 'desa'>

/**
 * Whether a row names its place with the very texts a row before it did. The rows of one desa follow each
 * other in every satker's file, so checking and matching a place once per run of rows, not once per TPS, is
 * what keeps a 15,000-row import quick (parseWilayahTable, and the plan in services/wilayah.ts).
 */
export const samePlaceTexts = (a: PlaceTexts, b: PlaceTexts | undefined): boolean =>
  b !== undefined &&
  a.desa === b.desa &&
  a.kecamatan === b.kecamatan &&
  a.kodeDesa === b.kodeDesa &&
  a.kodeKecamatan === b.kodeKecamatan

export interface WilayahParseOptions {
  /** DPT above this is reported as a warning (the legal per-TPS cap the coordinator configured). */
  maxVotersPerTps: number
}

export interface WilayahParseResult {
  /** Rows that read cleanly. Only import when `errors` is empty: file-level conflicts do not remove rows. */
  tps: ParsedTps[]
  errors: Issue[]
  warnings: Issue[]
  /** Our field name -> the header text found in the file, e.g. { no_tps: 'Nomor TPS' }. */
  columns: Record<string, string>
}

export interface DapilEntry {
  line: number
  ballot: string
  kecamatan: string
  dapil: string
}

export interface DapilParseResult {
  entries: DapilEntry[]
  errors: Issue[]
  /** Our field name -> the header text found in the file. */
  columns: Record<string, string>
}

/** No TPS has this many voters (the legal cap is a few hundred); larger means a wrong column or a typo. */
export const MAX_PLAUSIBLE_DPT = 100_000 // the message spells it "100.000"; keep both in step
/**
 * More TPS than any satker has: the largest, Kabupaten Bogor, had about 15,228 in 2024. A file above this
 * is several satker joined, or rows repeated, and its needs would be wrong everywhere.
 */
export const MAX_TPS_PER_SATKER = 20_000 // the message spells it "20.000"; keep both in step
const MAX_TPS_NUMBER = 9_999
const MAX_NAME_LENGTH = 100
const MAX_DAPIL_LENGTH = 60

const KECAMATAN: FieldSpec = { label: 'kecamatan', synonyms: ['kecamatan', 'kec', 'nama_kecamatan'], required: true }

const WILAYAH_FIELDS = {
  kode_kecamatan: { label: 'kode kecamatan', synonyms: ['kode_kecamatan', 'kode_kec'], required: false },
  kecamatan: KECAMATAN,
  kode_desa: {
    label: 'kode desa/kelurahan',
    synonyms: [
      'kode_desa',
      'kode_kelurahan',
      'kode_desa_kelurahan',
      'kode_desa/kelurahan',
      'kode_desa/kel',
      'kode_kel',
    ],
    required: false,
  },
  desa: {
    label: 'desa/kelurahan',
    synonyms: [
      'desa',
      'kelurahan',
      'desa_kelurahan',
      'desa/kelurahan',
      'kelurahan/desa',
      'desa/kel',
      'kel',
      'nama_kel',
      'nama_desa',
      'nama_kelurahan',
      'nama_desa_kelurahan',
    ],
    required: true,
  },
  no_tps: { label: 'nomor TPS', synonyms: ['no_tps', 'tps', 'nomor_tps', 'nomor tps', 'no. tps'], required: true },
  dpt: { label: 'DPT', synonyms: ['dpt', 'jumlah_dpt', 'jml_dpt', 'pemilih', 'jumlah_pemilih'], required: true },
} satisfies Record<string, FieldSpec>

const DAPIL_FIELDS = {
  surat_suara: {
    label: 'surat suara',
    synonyms: ['surat_suara', 'jenis', 'jenis_surat_suara', 'pemilihan', 'jenis_pemilihan'],
    required: true,
  },
  kecamatan: KECAMATAN,
  dapil: { label: 'dapil', synonyms: ['dapil', 'daerah_pemilihan', 'nama_dapil'], required: true },
} satisfies Record<string, FieldSpec>

type NumberCheck = { ok: true; value: number } | { ok: false; message: string }

/** `1`, `001`, `TPS 001`, `TPS-01`, `tps 7`; `1.0` too, which some exports write for whole numbers. */
export function parseTpsNumber(raw: string): NumberCheck {
  const s = raw.trim()
  if (s === '') return { ok: false, message: 'Nomor TPS kosong' }
  const m = /^(?:tps[\s\-.:#/]*)?(\d+)(?:\.0+)?$/i.exec(s)
  if (!m) return { ok: false, message: `Nomor TPS "${s}" tidak dapat dibaca; tulis angka seperti 1, 001 atau TPS 001` }
  const n = Number(m[1])
  if (n < 1) return { ok: false, message: `Nomor TPS "${s}" tidak sah; nomor TPS dimulai dari 1` }
  if (n > MAX_TPS_NUMBER) return { ok: false, message: `Nomor TPS "${s}" tidak wajar (lebih dari ${MAX_TPS_NUMBER})` }
  return { ok: true, value: n }
}

/**
 * A whole number of voters. Thousands separators are refused rather than guessed: "1.234" is 1234 in
 * an Indonesian file and 1.234 in an English one. `240.0` (Excel's way of writing a whole number with a
 * decimal format) is accepted because it cannot be read two ways.
 */
export function parseDpt(raw: string): NumberCheck {
  const s = raw.trim()
  if (s === '') return { ok: false, message: 'DPT kosong; isi jumlah pemilih (boleh 0)' }
  if (s.startsWith('=')) {
    // A workbook written by a program and never opened in Excel has formulas without stored results.
    return {
      ok: false,
      message: `DPT "${s}" berisi rumus, bukan angka; buka dan simpan ulang berkas di Excel agar hasilnya tersimpan, atau tulis angkanya langsung`,
    }
  }
  if (/^-\s*\d/.test(s)) return { ok: false, message: `DPT tidak boleh negatif (tertulis "${s}")` }
  let n: number
  if (/^\d+$/.test(s)) n = Number(s)
  else if (/^\d{1,3}([.,]\d{3})+$/.test(s)) {
    return {
      ok: false,
      message: `DPT "${s}" memakai titik atau koma sehingga tidak jelas apakah pemisah ribuan atau desimal; tulis angka tanpa pemisah, mis. ${s.replace(/[.,]/g, '')}`,
    }
  } else if (/^\d+[.,]0+$/.test(s)) n = Number(s.replace(/[.,]0+$/, ''))
  else if (/^(\d+[.,]\d*|[.,]\d+)$/.test(s)) return { ok: false, message: `DPT harus bilangan bulat (tertulis "${s}")` }
  else return { ok: false, message: `DPT "${s}" bukan bilangan bulat` }
  if (n > MAX_PLAUSIBLE_DPT)
    return { ok: false, message: `DPT ${s} tidak wajar: lebih dari 100.000 pemilih untuk satu TPS` }
  return { ok: true, value: n }
}

const TOTAL_ROW = /^(JUMLAH|TOTAL|SUB ?TOTAL|GRAND ?TOTAL)\b/

/**
 * Reads a wilayah/TPS table (CSV or worksheet rows). Never throws for a bad row: every problem is
 * collected with its line and column so the coordinator can fix the whole file in one pass.
 * Issue.column is the header text as written in the file (what the user can find), or our field
 * name when the column itself is missing.
 */
export function parseWilayahTable(rows: readonly TableRow[], opts: WilayahParseOptions): WilayahParseResult {
  const read = readFieldTable(rows, WILAYAH_FIELDS, 'data TPS')
  if (!('table' in read)) return { tps: [], errors: read.errors, warnings: [], columns: read.columns }
  const { header, dataRows, col, cell } = read.table

  const errors: Issue[] = []
  const warnings: Issue[] = []
  const tps: ParsedTps[] = []
  const max = opts.maxVotersPerTps

  // First occurrence of each key, for the "both lines" messages. Per desa (by kecamatan and desa key): the
  // line of each TPS number, and the first kode given to it; kept in nested maps so that a row builds no
  // key strings of its own.
  interface DesaSeen {
    pairKey: string
    tpsLine: Map<number, number>
    kode: { kode: string; line: number } | undefined
  }
  const desaSeen = new Map<string, Map<string, DesaSeen>>()
  const seenDesa = (kecKey: string, desaKey: string): DesaSeen => {
    let inKec = desaSeen.get(kecKey)
    if (!inKec) desaSeen.set(kecKey, (inKec = new Map()))
    let d = inKec.get(desaKey)
    if (!d) inKec.set(desaKey, (d = { pairKey: `${kecKey}\u0000${desaKey}`, tpsLine: new Map(), kode: undefined }))
    return d
  }
  const kecKodeByName = new Map<string, { kode: string; line: number; name: string }>()
  const kecNameByKode = new Map<string, { key: string; line: number; name: string }>()
  const desaByKode = new Map<string, { kecKey: string; desaKey: string; line: number; kec: string; desa: string }>()
  const reported = new Set<string>() // one message per conflicting pair, not one per TPS row of the desa
  const report = (key: string, issue: Issue): void => {
    if (reported.has(key)) return
    reported.add(key)
    errors.push(issue)
  }

  // The same names, codes and numbers come back on thousands of rows: each distinct text is checked once.
  const checkKec = memoized((s) => checkName(s, 'kecamatan', MAX_NAME_LENGTH))
  const checkDesa = memoized((s) => checkName(s, 'desa/kelurahan', MAX_NAME_LENGTH))
  const checkKodeKec = memoized((s) => checkKode(s, 'Kode kecamatan', '121901'))
  const checkKodeDesa = memoized((s) => checkKode(s, 'Kode desa/kelurahan', '1219011001'))
  const tpsNumber = memoized(parseTpsNumber)
  const dptOf = memoized(parseDpt)
  const nameKey = memoized(normalizeName)
  const looks = memoized(lookKey)
  const withoutDots = memoized((s) => s.replace(/\./g, ''))
  // The place of the last row read whole: its four place cells as written, their keys and what was seen there.
  let last: (PlaceTexts & { kecKey: string; desaKey: string; seen: DesaSeen }) | undefined
  // The first spelling of each look (UTS #39 skeleton): kecamatan by look, desa by kecamatan and look.
  const kecTwinOf = lookAlikes('kecamatan', 'tempatnya sama')
  const desaTwinOf = lookAlikes('desa/kelurahan', 'tempatnya sama')
  /** A second spelling that only looks like the first would be a second place that prints the same. */
  for (const row of dataRows) {
    const rawKec = cell(row, 'kecamatan')
    const rawDesa = cell(row, 'desa')
    const rawNo = cell(row, 'no_tps')
    const nomor = tpsNumber(rawNo)
    // Workbooks often end with a "JUMLAH" row (in whichever column); one clear message beats five cell errors.
    if (!nomor.ok && row.cells.some((c) => TOTAL_ROW.test(normalizeName(c)))) {
      errors.push({
        row: row.line,
        message: 'Baris ini tampaknya baris jumlah/total, bukan data TPS; hapus baris ini dari berkas.',
      })
      continue
    }

    const rowErrors: Issue[] = []
    const kec = checkKec(rawKec)
    if (!kec.ok) rowErrors.push({ row: row.line, column: col('kecamatan'), message: kec.message })
    const desa = checkDesa(rawDesa)
    if (!desa.ok) rowErrors.push({ row: row.line, column: col('desa'), message: desa.message })
    const rawKodeKec = cell(row, 'kode_kecamatan')
    const rawKodeDesa = cell(row, 'kode_desa')
    const kodeKec = checkKodeKec(rawKodeKec)
    if (!kodeKec.ok) rowErrors.push({ row: row.line, column: col('kode_kecamatan'), message: kodeKec.message })
    const kodeDesa = checkKodeDesa(rawKodeDesa)
    if (!kodeDesa.ok) rowErrors.push({ row: row.line, column: col('kode_desa'), message: kodeDesa.message })
    if (!nomor.ok) rowErrors.push({ row: row.line, column: col('no_tps'), message: nomor.message })
    const dpt = dptOf(cell(row, 'dpt'))
    if (!dpt.ok) rowErrors.push({ row: row.line, column: col('dpt'), message: dpt.message })
    if (!kec.ok || !desa.ok || !kodeKec.ok || !kodeDesa.ok || !nomor.ok || !dpt.ok) {
      errors.push(...rowErrors)
      continue
    }

    // The rows of one desa follow each other. A row that writes its kecamatan, desa and their codes as the
    // last row read whole did is at that row's place: what follows found for those four cells all it can
    // find the first time (a look-alike, a code against earlier rows; each reported once), so only the row's
    // number and DPT are looked at.
    const texts = { kodeKecamatan: rawKodeKec, kecamatan: rawKec, kodeDesa: rawKodeDesa, desa: rawDesa }
    const same = samePlaceTexts(texts, last)
    const kecKey = same ? last!.kecKey : nameKey(kec.value)
    const desaKey = same ? last!.desaKey : nameKey(desa.value)
    // A look-alike spelling is always a kecamatan and desa pair not seen before: only those are looked at.
    const known = same || desaSeen.get(kecKey)?.has(desaKey) === true
    const kecTwin = known ? null : kecTwinOf(looks(kec.value), kecKey, kec.value, row.line)
    const desaTwin = known ? null : desaTwinOf(`${kecKey}\u0000${looks(desa.value)}`, desaKey, desa.value, row.line)
    if (kecTwin || desaTwin) {
      const [column, value, message] = kecTwin
        ? (['kecamatan', kec.value, kecTwin] as const)
        : (['desa', desa.value, desaTwin!] as const)
      report(`look:${column}:${kecKey}:${nameKey(value)}`, {
        row: row.line,
        column: col(column),
        message,
      })
      continue
    }
    const seen = same ? last!.seen : seenDesa(kecKey, desaKey)
    const firstLine = seen.tpsLine.get(nomor.value)
    if (firstLine !== undefined) {
      errors.push({
        row: row.line,
        column: col('no_tps'),
        message: `TPS ${nomor.value} di desa/kelurahan ${desa.value}, kecamatan ${kec.value} tercatat dua kali: baris ${firstLine} dan baris ${row.line}`,
      })
      continue
    }
    seen.tpsLine.set(nomor.value, row.line)

    if (!same && kodeKec.value !== null) {
      const byName = kecKodeByName.get(kecKey)
      if (!byName) kecKodeByName.set(kecKey, { kode: kodeKec.value, line: row.line, name: kec.value })
      else if (byName.kode !== kodeKec.value) {
        report(`kk:${kecKey}:${kodeKec.value}`, {
          row: row.line,
          column: col('kode_kecamatan'),
          message: `Kecamatan ${kec.value} memakai dua kode berbeda: ${byName.kode} (baris ${byName.line}) dan ${kodeKec.value} (baris ${row.line})`,
        })
      }
      const byKode = kecNameByKode.get(kodeKec.value)
      if (!byKode) kecNameByKode.set(kodeKec.value, { key: kecKey, line: row.line, name: kec.value })
      else if (byKode.key !== kecKey) {
        report(`kn:${kodeKec.value}:${kecKey}`, {
          row: row.line,
          column: col('kode_kecamatan'),
          message: `Kode kecamatan ${kodeKec.value} dipakai untuk dua kecamatan berbeda: ${byKode.name} (baris ${byKode.line}) dan ${kec.value} (baris ${row.line})`,
        })
      }
    }

    if (!same && kodeDesa.value !== null) {
      const pairKey = seen.pairKey
      const byKode = desaByKode.get(kodeDesa.value)
      if (!byKode) desaByKode.set(kodeDesa.value, { kecKey, desaKey, line: row.line, kec: kec.value, desa: desa.value })
      else if (byKode.desaKey !== desaKey) {
        report(`dn:${kodeDesa.value}:${pairKey}`, {
          row: row.line,
          column: col('kode_desa'),
          message: `Kode desa/kelurahan ${kodeDesa.value} dipakai untuk dua desa/kelurahan berbeda: ${byKode.desa} (baris ${byKode.line}) dan ${desa.value} (baris ${row.line})`,
        })
      } else if (byKode.kecKey !== kecKey) {
        report(`dk:${kodeDesa.value}:${pairKey}`, {
          row: row.line,
          column: col('kode_desa'),
          message: `Desa/kelurahan ${desa.value} dengan kode ${kodeDesa.value} tercatat di dua kecamatan: ${byKode.kec} (baris ${byKode.line}) dan ${kec.value} (baris ${row.line})`,
        })
      }
      const byDesa = seen.kode
      if (!byDesa) seen.kode = { kode: kodeDesa.value, line: row.line }
      else if (byDesa.kode !== kodeDesa.value) {
        report(`dd:${pairKey}:${kodeDesa.value}`, {
          row: row.line,
          column: col('kode_desa'),
          message: `Desa/kelurahan ${desa.value}, kecamatan ${kec.value} memakai dua kode berbeda: ${byDesa.kode} (baris ${byDesa.line}) dan ${kodeDesa.value} (baris ${row.line})`,
        })
      }
      if (kodeKec.value !== null) {
        const kk = withoutDots(kodeKec.value)
        if (!withoutDots(kodeDesa.value).startsWith(kk)) {
          // A warning, not an error: a satker may use its own numbering, but usually this is a row under the wrong kecamatan.
          const key = `px:${pairKey}`
          if (!reported.has(key)) {
            reported.add(key)
            warnings.push({
              row: row.line,
              column: col('kode_desa'),
              message: `Kode desa/kelurahan ${kodeDesa.value} tidak diawali kode kecamatan ${kodeKec.value}; periksa apakah ${desa.value} memang termasuk kecamatan ${kec.value}`,
            })
          }
        }
      }
    }

    if (Number.isFinite(max) && max > 0 && dpt.value > max) {
      warnings.push({
        row: row.line,
        column: col('dpt'),
        message: `DPT ${dpt.value} melebihi batas ${max} pemilih per TPS; periksa kembali angkanya`,
      })
    } else if (dpt.value === 0) {
      warnings.push({
        row: row.line,
        column: col('dpt'),
        message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya',
      })
    }
    if (tps.length === MAX_TPS_PER_SATKER) {
      errors.push({
        row: row.line,
        message: `Berkas berisi lebih dari 20.000 TPS (batas per satker; satker terbesar, Kabupaten Bogor, memiliki sekitar 15.228 TPS). Periksa apakah berkas menggabungkan beberapa satker atau mengulang baris; pembacaan dihentikan pada baris ${row.line}.`,
      })
      break
    }

    tps.push({
      line: row.line,
      kodeKecamatan: kodeKec.value,
      kecamatan: kec.value,
      kodeDesa: kodeDesa.value,
      desa: desa.value,
      nomor: nomor.value,
      dpt: dpt.value,
    })
    if (!same) last = { ...texts, kecKey, desaKey, seen }
  }

  return {
    tps,
    errors: finishIssues(errors, 'galat'),
    warnings: finishIssues(warnings, 'peringatan'),
    columns: header.columns,
  }
}

/**
 * Reads a dapil mapping (which kecamatan belongs to which dapil, per ballot type). Values are returned
 * as written (whitespace tidied); matching them to ballot items and kecamatan is the caller's job.
 */
export function parseDapilTable(rows: readonly TableRow[]): DapilParseResult {
  const read = readFieldTable(rows, DAPIL_FIELDS, 'data dapil')
  if (!('table' in read)) return { entries: [], errors: read.errors, columns: read.columns }
  const { header, dataRows, col, cell } = read.table

  const errors: Issue[] = []
  const entries: DapilEntry[] = []
  const seen = new Map<string, { line: number; dapil: string }>()
  // Per ballot type, the first spelling of each dapil's look: "Batu Bara 1" and "Batu Bara I" are one dapil.
  const dapilTwinOf = lookAlikes('dapil', 'dapilnya sama')
  for (const row of dataRows) {
    const ballot = checkName(cell(row, 'surat_suara'), 'surat suara', MAX_NAME_LENGTH)
    const kec = checkName(cell(row, 'kecamatan'), 'kecamatan', MAX_NAME_LENGTH)
    const dapil = checkName(cell(row, 'dapil'), 'dapil', MAX_DAPIL_LENGTH)
    if (!ballot.ok) errors.push({ row: row.line, column: col('surat_suara'), message: ballot.message })
    if (!kec.ok) errors.push({ row: row.line, column: col('kecamatan'), message: kec.message })
    if (!dapil.ok) errors.push({ row: row.line, column: col('dapil'), message: dapil.message })
    if (!ballot.ok || !kec.ok || !dapil.ok) continue

    const ballotKey = normalizeName(ballot.value)
    const dapilLook = `${ballotKey}\u0000${lookKey(dapil.value)}`
    const dapilTwin = dapilTwinOf(dapilLook, normalizeName(dapil.value), dapil.value, row.line)
    if (dapilTwin) {
      errors.push({ row: row.line, column: col('dapil'), message: dapilTwin })
      continue
    }
    const key = `${ballotKey}\u0000${lookKey(kec.value)}`
    const first = seen.get(key)
    if (first) {
      errors.push({
        row: row.line,
        column: col('kecamatan'),
        message: `Kecamatan ${kec.value} untuk surat suara ${ballot.value} tercatat dua kali: baris ${first.line} (dapil ${first.dapil}) dan baris ${row.line} (dapil ${dapil.value})`,
      })
      continue
    }
    seen.set(key, { line: row.line, dapil: dapil.value })
    entries.push({ line: row.line, ballot: ballot.value, kecamatan: kec.value, dapil: dapil.value })
  }
  return { entries, errors: finishIssues(errors, 'galat'), columns: header.columns }
}

/** One line for a user: "Baris 17, kolom dpt: DPT "2a0" bukan bilangan bulat". */
export function formatIssue(issue: Issue): string {
  const where = [
    issue.row !== undefined ? `Baris ${issue.row}` : '',
    issue.column !== undefined ? `kolom ${issue.column}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  return where ? `${where}: ${issue.message}` : issue.message
}
