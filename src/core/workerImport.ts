import type { TableRow } from './csv'
import type { Issue } from './errors'
import { checkName, finishIssues, lookAlikes, readFieldTable, type FieldSpec } from './tableFields'
import { lookKey } from './names'
import { normalizeName } from './text'
import { reguName, teamBaseName, teamNameProblem } from './regu'
import { digitsOnly, nikProblem, npwpProblem, rekeningProblem } from './identitas'

/** One worker as read from the satker's list of sortir-lipat workers. */
export interface ParsedWorker {
  line: number
  nama: string
  /** 16 digits, or null when the list has none. */
  nik: string | null
  telepon: string
  /** 15 or 16 digits, or null. */
  npwp: string | null
  bank: string
  /** Digits, or ''. */
  noRekening: string
  /** Regu/kelompok name as written, or null. */
  regu: string | null
  /** True when the row marks this worker as the team's leader (ketua). */
  ketua: boolean
}

const WORKER_FIELDS = {
  nama: { label: 'nama', synonyms: ['nama', 'nama_pekerja', 'nama_lengkap', 'nama_petugas'], required: true },
  nik: { label: 'NIK', synonyms: ['nik', 'no_ktp', 'nomor_ktp', 'nik_ktp'], required: false },
  telepon: {
    label: 'telepon',
    synonyms: ['telepon', 'telp', 'no_hp', 'hp', 'nomor_hp', 'no_telp', 'whatsapp', 'wa'],
    required: false,
  },
  npwp: { label: 'NPWP', synonyms: ['npwp', 'no_npwp', 'nomor_npwp'], required: false },
  bank: { label: 'bank', synonyms: ['bank', 'nama_bank'], required: false },
  no_rekening: {
    label: 'no_rekening',
    synonyms: ['no_rekening', 'nomor_rekening', 'rekening', 'no_rek', 'norek'],
    required: false,
  },
  regu: { label: 'regu', synonyms: ['regu', 'tim', 'kelompok', 'grup', 'group'], required: false },
  ketua: { label: 'ketua', synonyms: ['ketua', 'ketua_regu', 'jabatan', 'peran'], required: false },
} satisfies Record<string, FieldSpec>
type WorkerField = keyof typeof WORKER_FIELDS

const MAX_NAME = 100

/** "Ketua", "ya", "1", "x" mark a leader; anything else (or empty) does not. */
const isLeaderMark = (s: string): boolean => /^(ketua|ketua regu|ya|y|1|x|v|✓)$/i.test(s.trim())

export function parseWorkerTable(rows: readonly TableRow[]): {
  workers: ParsedWorker[]
  errors: Issue[]
  columns: Record<string, string>
} {
  const read = readFieldTable(rows, WORKER_FIELDS, 'pekerja')
  if (!('table' in read)) return { workers: [], errors: read.errors, columns: read.columns }
  const { header, dataRows, col, cell } = read.table

  const errors: Issue[] = []
  const workers: ParsedWorker[] = []
  const nikSeen = new Map<string, number>()
  const leaderOf = new Map<string, number>()
  // Names are how a worker is picked on the floor: two rows that look the same are refused, and so are
  // two spellings of one regu that only look alike.
  const nameSeen = new Map<string, { line: number; nama: string }>()
  const reguTwinOf = lookAlikes('regu', 'regunya sama')
  for (const row of dataRows) {
    const nama = checkName(cell(row, 'nama'), 'pekerja', MAX_NAME)
    if (!nama.ok) {
      errors.push({ row: row.line, column: col('nama'), message: nama.message })
      continue
    }
    const twin = nameSeen.get(lookKey(nama.value))
    if (twin) {
      errors.push({
        row: row.line,
        column: col('nama'),
        message: `Nama pekerja "${nama.value}" sama dengan baris ${twin.line} (${twin.nama}); bila orang yang berbeda, bedakan namanya (mis. tambahkan nama ayah atau asal desa)`,
      })
      continue
    }
    nameSeen.set(lookKey(nama.value), { line: row.line, nama: nama.value })
    const rawNik = cleanNik(cell(row, 'nik'))
    let nik: string | null = null
    if (rawNik !== '') {
      if (/e\+?\d+$/i.test(rawNik)) {
        errors.push({
          row: row.line,
          column: col('nik'),
          message: `NIK "${cell(row, 'nik')}" tertulis dalam notasi ilmiah oleh Excel; format kolom NIK sebagai teks lalu ketik ulang`,
        })
        continue
      }
      const nikIndex = header.index.nik
      if (nikIndex !== undefined && row.numeric?.[nikIndex] && rawNik.length >= 16) {
        errors.push({
          row: row.line,
          column: col('nik'),
          message: `NIK "${cell(row, 'nik')}" tersimpan sebagai angka; Excel hanya menyimpan 15 digit sehingga digit terakhir NIK berubah. Format kolom NIK sebagai teks lalu ketik ulang NIK-nya`,
        })
        continue
      }
      const bad = nikProblem(rawNik)
      if (bad) {
        errors.push({
          row: row.line,
          column: col('nik'),
          message: `${bad} (tertulis "${cell(row, 'nik')}")`,
        })
        continue
      }
      const first = nikSeen.get(rawNik)
      if (first !== undefined) {
        errors.push({
          row: row.line,
          column: col('nik'),
          message: `NIK yang sama tercatat dua kali: baris ${first} dan baris ${row.line}`,
        })
        continue
      }
      nikSeen.set(rawNik, row.line)
      nik = rawNik
    }
    const telepon = cell(row, 'telepon')
    if (telepon !== '' && !/^\+?[\d\s\-()]{6,20}$/.test(telepon)) {
      errors.push({
        row: row.line,
        column: col('telepon'),
        message: `Nomor telepon "${telepon}" tidak dapat dibaca; tulis angka saja, mis. 081234567890`,
      })
      continue
    }
    const npwp = digitsOnly(cell(row, 'npwp'))
    const noRekening = digitsOnly(cell(row, 'no_rekening'))
    const bank = cell(row, 'bank').trim()
    const payProblem: [WorkerField, string | null][] = [
      ['npwp', npwp && npwpProblem(npwp)],
      ['no_rekening', noRekening && rekeningProblem(noRekening)],
      ['bank', bank.length > 60 ? 'Nama bank paling panjang 60 huruf' : null],
    ]
    const pay = payProblem.find(([, p]) => p)
    if (pay) {
      errors.push({ row: row.line, column: col(pay[0]), message: `${pay[1]} (tertulis "${cell(row, pay[0])}")` })
      continue
    }
    let regu: string | null = null
    const rawRegu = cell(row, 'regu')
    if (rawRegu !== '') {
      const r = checkName(rawRegu, 'regu', 60)
      const problem = r.ok ? teamNameProblem(r.value) : r.message
      if (!r.ok || problem) {
        errors.push({ row: row.line, column: col('regu'), message: problem! })
        continue
      }
      // "Regu Mawar" in the file is the team "Mawar", whether added by hand or by an earlier row (core/regu.ts).
      const base = teamBaseName(r.value)
      const twin = reguTwinOf(lookKey(base), normalizeName(base), r.value, row.line)
      if (twin) {
        errors.push({
          row: row.line,
          column: col('regu'),
          message: twin,
        })
        continue
      }
      regu = base
    }
    const ketua = isLeaderMark(cell(row, 'ketua'))
    if (ketua) {
      if (regu === null) {
        errors.push({ row: row.line, column: col('ketua'), message: 'Ketua regu harus memiliki nama regu' })
        continue
      }
      const key = normalizeName(regu)
      const first = leaderOf.get(key)
      if (first !== undefined) {
        errors.push({
          row: row.line,
          column: col('ketua'),
          message: `${reguName(regu)} memiliki dua ketua: baris ${first} dan baris ${row.line}`,
        })
        continue
      }
      leaderOf.set(key, row.line)
    }
    workers.push({
      line: row.line,
      nama: nama.value,
      nik,
      telepon: telepon.replace(/[\s\-()]/g, ''),
      npwp: npwp || null,
      bank,
      noRekening,
      regu,
      ketua,
    })
  }
  return { workers, errors: finishIssues(errors, 'galat'), columns: header.columns }
}

/** "3201********0001": enough to tell two workers apart on screen without exposing the NIK. */
/**
 * A NIK as written by people and spreadsheets, digits only: it is 16 digits, often grouped with spaces, dots
 * or dashes. (A spreadsheet that lost it to 1.2E+15 is refused by whoever reads it.)
 */
export const cleanNik = (raw: string): string => raw.replace(/[\s.-]/g, '')

export function maskNik(nik: string | null): string | null {
  if (!nik) return null
  return nik.slice(0, 4) + '*'.repeat(Math.max(0, nik.length - 8)) + nik.slice(-4)
}
