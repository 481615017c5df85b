import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedApp } from '../../src/api/app'
import type { ApiResponse, ImportPreview } from '../../src/api/contract'
import { lookKey } from '../../src/core/names'
import { fingerprint } from '../support/fingerprint'
import { apiOf, openTestApp, pemiluWithTps, upload, useTempDir } from '../support/api'
import { expectIssues } from '../support/errors'

/**
 * Look-alike names (issue 12): every field where a person types or imports a name or free text, fed
 * zero-width and bidi characters, Cyrillic, Greek and mathematical look-alike letters, no-break and other
 * spaces, full-width forms, combining marks and formulas hidden behind them, through the real dispatcher
 * on a real SQLite file. A refusal must name the field (form) or the row (file) and say what is wrong,
 * and the database fingerprint (every row of every table) must be the same after it. Where the field
 * allows it, a name that is only another way of writing an existing one is matched to that one instead.
 */

const root = useTempDir('mirip')

let app: OpenedApp
const { call, raw } = apiOf(() => app, 'Uji Korpus')

// --- the election every case runs against -------------------------------------------------------------

const TPS_HEADER = 'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt'
const TPS_ROWS = [
  '121905,TALAWI,1219051001,MEKAR LAUT,1,214',
  '121905,TALAWI,1219051001,MEKAR LAUT,2,0',
  '121903,SEI BALAI,1219031001,PANGKALAN DODEK,1,240',
  '121903,SEI BALAI,1219031001,PANGKALAN DODEK,2,350',
]
/** The imported TPS file with more rows after it: the first added row is line 6. */
const tpsFile = (...more: string[]) => [TPS_HEADER, ...TPS_ROWS, ...more].join('\n') + '\n'
/** The same TPS as many satker write them, without Kemendagri codes: nothing but the names tells desa apart. */
const plainFile = (...more: string[]) =>
  [
    'kecamatan,desa,no_tps,dpt',
    ...TPS_ROWS.map((r) => {
      const [, kec, , desa, nomor, dpt] = r.split(',')
      return [kec, desa, nomor, dpt].join(',')
    }),
    ...more,
  ].join('\n') + '\n'
const DAPIL_HEADER = 'surat_suara,kecamatan,dapil'

/** The preview of the file every case starts from (a long job: one thread start, so made once). */
let basePreview: ImportPreview
const id = { dprdKab: 0, talawi: 0, operator: 0, rudi: 0, kenanga: 0, team: 0, variant: 0, seq: 0 }

beforeAll(async () => {
  app = await openTestApp({ dir: root, name: 'mirip', demo: false })
  basePreview = await pemiluWithTps({ call }, tpsFile())
  await call('dapil.impor', {
    ...upload('dapil.csv', `${DAPIL_HEADER}\nDPRD Kab/Kota,TALAWI,BATU BARA 1\nDPRD Kab/Kota,SEI BALAI,BATU BARA 2\n`),
    dapilBaru: ['BATU BARA 1', 'BATU BARA 2'],
  })
  const dapil = await call('dapil.daftar')
  id.dprdKab = dapil.find((d) => d.itemCode === 'DPRD_KAB')!.itemId
  id.talawi = (await call('wilayah.daftarKecamatan')).find((k) => k.nama === 'TALAWI')!.id
  await call('pengguna.tambah', { nama: 'Admin Uji', role: 'admin', pin: '240424' })
  id.operator = (await call('pengguna.tambah', { nama: 'Operator Satu', role: 'operator' })).id
  id.team = (await call('regu.tambah', { nama: 'Regu Melati' })).id
  id.kenanga = (await call('regu.tambah', { nama: 'Regu Kenanga' })).id
  await call('pekerja.tambah', { nama: 'Dédé Koswara', teamId: id.team })
  id.rudi = (await call('pekerja.tambah', { nama: 'Rudi Hartono', teamId: id.kenanga })).id
  const variants = await call('barang.daftarVarian')
  id.variant = variants.find((v) => v.itemCode === 'DPD')!.variantId
  await call('penerimaan.catat', delivery({ suratJalan: 'SJ-0' }))
  id.seq = (await call('ledger.lihatRiwayat', {})).rows[0]!.seq
})
afterAll(() => app.close())

let suratJalan = 1
function delivery(over: Record<string, unknown> = {}) {
  return {
    receivedAt: '2024-01-10T09:00',
    penyedia: 'PT Pura Barutama',
    suratJalan: `SJ-${suratJalan++}`,
    lines: [{ variantId: id.variant, statedQty: 10, countedQty: 10 }],
    ...over,
  }
}

// --- defects 5 and 6 of issue 12, each first reproduced here ------------------------------------------

describe('issue 12, defects 5 and 6', () => {
  /**
   * The file as saved: apply reads and checks it exactly as the preview does (the preview is a long job in
   * its own thread, seconds to start) and must refuse with the preview's errors, writing nothing.
   */
  async function refusedTps(row: string) {
    const before = fingerprint(app.ctx.db)
    const applied = await raw('wilayah.impor', { ...upload('tps.csv', plainFile(row)), fingerprint: 'x' })
    expect(fingerprint(app.ctx.db)).toBe(before)
    expect((await call('wilayah.lihatRingkasan')).tps).toBe(4)
    if (applied.ok) throw new Error(`diterima: ${JSON.stringify(applied.result)}`)
    expect(applied.error.code).toBe('REFUSED')
    return { errors: applied.error.details ?? [] }
  }

  it.each([
    {
      what: 'MEKAR LAUT + zero-width space beside MEKAR LAUT is refused at its row, not counted as a second TPS 1',
      row: 'TALAWI,MEKAR LAUT\u200B,1,214',
      column: 'desa',
      message:
        'Nama desa/kelurahan berisi karakter tak terlihat U+200B pada posisi 11; ketik ulang tanpa menempelkan dari tempat lain',
    },
    {
      what: 'Cyrillic ТALAWI beside TALAWI is refused',
      row: '\u0422ALAWI,SUKA MAJU,1,150',
      column: 'kecamatan',
      message:
        'Nama kecamatan berisi huruf Kiril "\u0422" (U+0422) pada posisi 1 yang tampak seperti "T"; ketik ulang dengan huruf Latin biasa',
    },
  ])('$what', async ({ row, column, message }) => {
    expectIssues((await refusedTps(row)).errors, [6, column, message])
  })

  it('a right-to-left override that renders as MEKAR LAUT is refused', async () => {
    const p = await refusedTps('TALAWI,\u202ETUAL RAKEM,3,214')
    expect(p.errors).toMatchObject([{ row: 6, column: 'desa' }])
    expect(p.errors[0]!.message).toMatch(/pengatur arah tulisan U\+202E pada posisi 1/)
  })

  it('users Admin Uji + zero-width space, or with a Cyrillic А, cannot sit beside Admin Uji', async () => {
    const before = fingerprint(app.ctx.db)
    for (const nama of ['Admin Uji\u200B', '\u0410dmin Uji', 'Admin\u00A0Uji', 'ADMIN UJ1']) {
      const res = await raw('pengguna.tambah', { nama, role: 'operator' })
      expect(res.ok, nama).toBe(false)
      if (!res.ok) expect(res.error.details?.[0]?.column).toBe('nama')
    }
    const direct = await raw('pengguna.tambah', { nama: 'ADMIN UJ1', role: 'operator' })
    expect(!direct.ok && direct.error.details).toEqual([
      {
        column: 'nama',
        message:
          'Nama pengguna "ADMIN UJ1" sama dengan nama yang sudah ada: Admin Uji (hanya berbeda pada huruf yang tampak serupa); pakai nama yang sudah ada atau nama yang jelas berbeda',
      },
    ])
    expect(fingerprint(app.ctx.db)).toBe(before)
    expect((await call('pengguna.daftar')).filter((u) => lookKey(u.nama) === lookKey('Admin Uji'))).toHaveLength(1)
  })

  it('a zero-width joiner before = does not get past the formula refusal', async () => {
    const before = fingerprint(app.ctx.db)
    const res = await raw('pekerja.tambah', { nama: '\u200D=HYPERLINK("http://x")' })
    expect(!res.ok && res.error.details).toEqual([
      {
        column: 'nama',
        message:
          'Nama pekerja berisi karakter tak terlihat U+200D pada posisi 1; ketik ulang tanpa menempelkan dari tempat lain',
      },
    ])
    const p = await refusedTps('TALAWI,"\u200D=HYPERLINK(""x"")",3,214')
    expect(p.errors).toMatchObject([{ row: 6, column: 'desa' }])
    expect(fingerprint(app.ctx.db)).toBe(before)
  })

  it('DPT 0 is warned with its row in the preview, as DPT above the maximum per TPS (300 in a Pemilu) is', () => {
    expect(basePreview.ok).toBe(true)
    expect(basePreview.warnings).toEqual([
      { row: 3, column: 'dpt', message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya' },
      { row: 5, column: 'dpt', message: 'DPT 350 melebihi batas 300 pemilih per TPS; periksa kembali angkanya' },
    ])
  })
})

// --- the corpus: ways to write a name that is not what it shows ----------------------------------------

type Category = 'invisible' | 'bidi' | 'script' | 'marks' | 'formula' | 'folded' | 'confusable'
interface Variant {
  name: string
  category: Category
  /** The look-alike of `base`, or null when the base has no letter to play with. */
  make: (base: string) => string | null
  /** What a refusal must say. */
  says: RegExp
}

const insertAt = (s: string, at: number, ch: string) => [...s].slice(0, at).join('') + ch + [...s].slice(at).join('')
const replaceFirst = (table: Record<string, string>) => (s: string) => {
  const chars = [...s]
  const i = chars.findIndex((c) => table[c] !== undefined)
  if (i < 0) return null
  chars[i] = table[chars[i]!]!
  return chars.join('')
}
const CYRILLIC_UPPER: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
}
const CYRILLIC_LOWER: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у' }
const GREEK: Record<string, string> = {
  A: 'Α',
  B: 'Β',
  E: 'Ε',
  H: 'Η',
  I: 'Ι',
  K: 'Κ',
  M: 'Μ',
  N: 'Ν',
  O: 'Ο',
  P: 'Ρ',
  T: 'Τ',
  X: 'Χ',
  Y: 'Υ',
  Z: 'Ζ',
  o: 'ο',
}
const MATH_BOLD = Object.fromEntries(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, String.fromCodePoint(0x1d400 + i)]),
)
const ASCII_TWIN: Record<string, string> = { I: '1', i: '1', O: '0', o: '0', '1': 'I', '0': 'O' }
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const firstSpace = (ch: string) => (s: string) => (s.includes(' ') ? s.replace(' ', ch) : null)
const INVISIBLE = /karakter tak terlihat U\+[0-9A-F]{4,5} pada posisi \d+/
const BIDI = /karakter pengatur arah tulisan U\+[0-9A-F]{4} pada posisi \d+/
const LOOKS = /huruf (Kiril|Yunani|khusus) ".+" \(U\+[0-9A-F]{4,5}\) pada posisi \d+ yang tampak seperti/
const SAME = /sudah dipakai|sama dengan|tercatat dua kali/i

const VARIANTS: Variant[] = [
  { name: 'zero-width space di akhir', category: 'invisible', make: (b) => b + '\u200B', says: INVISIBLE },
  { name: 'zero-width space di tengah', category: 'invisible', make: (b) => insertAt(b, 3, '\u200B'), says: INVISIBLE },
  { name: 'zero-width non-joiner', category: 'invisible', make: (b) => insertAt(b, 2, '\u200C'), says: INVISIBLE },
  { name: 'zero-width joiner', category: 'invisible', make: (b) => insertAt(b, 1, '\u200D'), says: INVISIBLE },
  { name: 'word joiner', category: 'invisible', make: (b) => '\u2060' + b, says: INVISIBLE },
  { name: 'BOM di tengah', category: 'invisible', make: (b) => insertAt(b, 4, '\uFEFF'), says: INVISIBLE },
  { name: 'soft hyphen', category: 'invisible', make: (b) => insertAt(b, 2, '\u00AD'), says: INVISIBLE },
  { name: 'combining grapheme joiner', category: 'invisible', make: (b) => insertAt(b, 1, '\u034F'), says: INVISIBLE },
  { name: 'Hangul filler', category: 'invisible', make: (b) => b + '\u3164', says: INVISIBLE },
  { name: 'variation selector', category: 'invisible', make: (b) => b + '\uFE0F', says: INVISIBLE },
  {
    name: 'right-to-left override, dibalik',
    category: 'bidi',
    make: (b) => '\u202E' + [...b].reverse().join(''),
    says: BIDI,
  },
  { name: 'left-to-right override', category: 'bidi', make: (b) => '\u202D' + b, says: BIDI },
  { name: 'right-to-left isolate', category: 'bidi', make: (b) => '\u2067' + b + '\u2069', says: BIDI },
  { name: 'left-to-right mark', category: 'bidi', make: (b) => '\u200E' + b, says: BIDI },
  { name: 'right-to-left mark', category: 'bidi', make: (b) => b + '\u200F', says: BIDI },
  { name: 'Arabic letter mark', category: 'bidi', make: (b) => insertAt(b, 2, '\u061C'), says: BIDI },
  { name: 'huruf kapital Kiril', category: 'script', make: replaceFirst(CYRILLIC_UPPER), says: LOOKS },
  { name: 'huruf kecil Kiril', category: 'script', make: replaceFirst(CYRILLIC_LOWER), says: LOOKS },
  { name: 'huruf Yunani', category: 'script', make: replaceFirst(GREEK), says: LOOKS },
  { name: 'huruf tebal matematika', category: 'script', make: replaceFirst(MATH_BOLD), says: LOOKS },
  {
    name: 'diakritik bertumpuk',
    category: 'marks',
    make: (b) => insertAt(b, 1, '\u0336\u0336\u0336'),
    says: /tanda diakritik bertumpuk mulai posisi 2/,
  },
  {
    name: 'diakritik tanpa huruf',
    category: 'marks',
    make: (b) => '\u0301' + b,
    says: /diawali tanda diakritik U\+0301/,
  },
  {
    name: 'zero-width joiner sebelum =',
    category: 'formula',
    make: (b) => `\u200D=HYPERLINK("${b}")`,
    says: INVISIBLE,
  },
  {
    name: 'no-break space sebelum =',
    category: 'formula',
    make: (b) => `\u00A0=HYPERLINK("${b}")`,
    says: /berisi rumus/,
  },
  { name: 'no-break space', category: 'folded', make: firstSpace('\u00A0'), says: SAME },
  { name: 'narrow no-break space', category: 'folded', make: firstSpace('\u202F'), says: SAME },
  { name: 'spasi ideografis', category: 'folded', make: firstSpace('\u3000'), says: SAME },
  { name: 'huruf lebar penuh', category: 'folded', make: fullWidth, says: SAME },
  {
    name: 'aksen terurai (NFD)',
    category: 'folded',
    make: (b) => (b.normalize('NFD') === b ? null : b.normalize('NFD')),
    says: SAME,
  },
  { name: 'angka untuk huruf (0/O, 1/I)', category: 'confusable', make: replaceFirst(ASCII_TWIN), says: SAME },
]

// --- the fields ----------------------------------------------------------------------------------------

type Expect = 'refused' | 'matched' | 'skip'
/** Which categories a kind of field refuses, matches to the existing name, or stores as folded text. */
const KINDS = {
  /** A name that must be unique: everything is refused. */
  unique: { folded: 'refused', confusable: 'refused' },
  /** A name written again to mean the existing one (a dapil, a worker or regu in a list): folded forms are that one. */
  reused: { folded: 'matched', confusable: 'refused' },
  /** A reference to an existing name (penyedia, kecamatan in the dapil file): any look-alike is that one. */
  reference: { folded: 'matched', confusable: 'matched' },
  /** A name that need not be unique (satker, a signer): stored folded. */
  name: { folded: 'skip', confusable: 'skip' },
  /** Free text: only what cannot be seen, or reorders what is seen, is refused. */
  text: { folded: 'skip', confusable: 'skip', script: 'skip', formula: 'skip' },
} satisfies Record<string, Partial<Record<Category, Expect>>>

interface Field {
  name: string
  kind: keyof typeof KINDS
  /** The existing value the cases imitate. */
  base: string
  submit: (value: string) => Promise<ApiResponse>
  /** Where the refusal must point: the form field (details.column) or the file row (details.row). */
  column?: string
  row?: number
  /** Where the refusal may point when the form check and the service check name it differently. */
  at?: (d: { row?: number; column?: string }) => boolean
  /** For 'matched' cases: the proof that the existing name was used and no second one made. */
  matched?: () => Promise<void>
}

/** TPS files go straight to apply: it checks the file exactly as the preview does and refuses with its errors. */
const importTps = (row: string) =>
  raw('wilayah.impor', { ...upload('tps.csv', tpsFile(row)), fingerprint: 'tanpa-pratinjau' })
/** A dapil file of one row under test (line 2) and the other kecamatan as they are: a dapil file names every kecamatan. */
const importDapil = (row: string, rest: string) =>
  raw('dapil.impor', upload('dapil.csv', `${DAPIL_HEADER}\n${row}\n${rest}\n`))
const importWorkers = (row: string) => raw('pekerja.impor', upload('pekerja.csv', `nama;regu\n${row}\n`))
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`

const dapilNames = async () =>
  (await call('dapil.daftar'))
    .find((d) => d.itemCode === 'DPRD_KAB')!
    .dapil.map((d) => d.name)
    .sort()
const countLike = async (method: 'pekerja.daftar' | 'regu.daftar', base: string) =>
  ((await call(method)) as { nama: string }[]).filter((x) => lookKey(x.nama) === lookKey(base)).length

/**
 * The name of a pengguna, pekerja or regu in its add form and in its edit form (of the existing one whose
 * id `existing` reads once the file is seeded): unique in both, refused at the form's nama field.
 */
const nameForms = (
  ns: 'pengguna' | 'pekerja' | 'regu',
  base: string,
  existing: () => number,
  more: Record<string, unknown> = {},
): Field[] => [
  {
    name: `${ns}.tambah nama`,
    kind: 'unique',
    base,
    column: 'nama',
    submit: (v) => raw(`${ns}.tambah`, { nama: v, ...more }),
  },
  {
    name: `${ns}.ubah nama`,
    kind: 'unique',
    base,
    column: 'nama',
    submit: (v) => raw(`${ns}.ubah`, { id: existing(), nama: v }),
  },
]

const FIELDS: Field[] = [
  ...nameForms('pengguna', 'Admin Uji', () => id.operator, { role: 'operator' }),
  ...nameForms('pekerja', 'Dédé Koswara', () => id.rudi),
  ...nameForms('regu', 'Regu Melati', () => id.kenanga),
  {
    name: 'berkas TPS, kolom kecamatan',
    kind: 'unique',
    base: 'SEI BALAI',
    row: 6,
    submit: (v) => importTps(`121903,${quoted(v)},1219031001,PANGKALAN DODEK,1,240`),
  },
  {
    name: 'berkas TPS, kolom desa',
    kind: 'unique',
    base: 'PANGKALAN DODEK',
    row: 6,
    submit: (v) => importTps(`121903,SEI BALAI,1219031001,${quoted(v)},1,240`),
  },
  {
    name: 'berkas dapil, kolom dapil',
    kind: 'reused',
    base: 'BATU BARA 1',
    row: 2,
    submit: (v) => importDapil(`DPRD Kab/Kota,TALAWI,${quoted(v)}`, 'DPRD Kab/Kota,SEI BALAI,BATU BARA 2'),
    matched: async () => expect(await dapilNames()).toEqual(['BATU BARA 1', 'BATU BARA 2']),
  },
  {
    name: 'berkas dapil, kolom kecamatan',
    kind: 'reference',
    base: 'SEI BALAI',
    row: 2,
    submit: (v) => importDapil(`DPRD Kab/Kota,${quoted(v)},BATU BARA 2`, 'DPRD Kab/Kota,TALAWI,BATU BARA 1'),
    matched: async () => expect(await dapilNames()).toEqual(['BATU BARA 1', 'BATU BARA 2']),
  },
  {
    name: 'dapil.setMapping dapil',
    kind: 'reused',
    base: 'BATU BARA 1',
    // The form's own check names the field; the check against existing dapil names the mapping row.
    at: (d) => d.column === 'mapping.0.dapil' || (d.row === 1 && d.column === 'dapil'),
    submit: (v) => raw('dapil.aturPemetaan', { itemId: id.dprdKab, mapping: [{ kecamatanId: id.talawi, dapil: v }] }),
    matched: async () => expect(await dapilNames()).toEqual(['BATU BARA 1', 'BATU BARA 2']),
  },
  {
    name: 'berkas pekerja, kolom nama',
    kind: 'reused',
    base: 'Dédé Koswara',
    row: 2,
    submit: (v) => importWorkers(`${quoted(v)};Regu Melati`),
    matched: async () => expect(await countLike('pekerja.daftar', 'Dédé Koswara')).toBe(1),
  },
  {
    name: 'berkas pekerja, kolom regu',
    kind: 'reused',
    base: 'Regu Melati',
    row: 2,
    submit: (v) => importWorkers(`Dédé Koswara;${quoted(v)}`),
    // Stored by its base name (core/regu.ts teamBaseName): every spelling of "Regu Melati" is the team Melati.
    matched: async () => expect(await countLike('regu.daftar', 'Melati')).toBe(1),
  },
  {
    name: 'penerimaan.catat penyedia',
    kind: 'reference',
    base: 'PT Pura Barutama',
    column: 'penyedia',
    submit: (v) => raw('penerimaan.catat', delivery({ penyedia: v })),
    matched: async () => {
      const list = await call('penerimaan.daftar')
      expect(new Set(list.map((d) => d.penyedia))).toEqual(new Set(['PT Pura Barutama']))
    },
  },
  {
    name: 'penerimaan.catat wakilNama',
    kind: 'name',
    base: 'Budi Santoso',
    column: 'wakilNama',
    submit: (v) => raw('penerimaan.catat', delivery({ wakilNama: v })),
  },
  {
    name: 'penerimaan.catat note',
    kind: 'text',
    base: 'Dus nomor 4 basah',
    column: 'note',
    submit: (v) => raw('penerimaan.catat', delivery({ note: v })),
  },
  {
    name: 'penerimaan.retur penyedia',
    kind: 'name',
    base: 'PT Pura Barutama',
    column: 'penyedia',
    submit: (v) =>
      raw('penerimaan.catatRetur', { penyedia: v, note: 'Tertukar', lines: [{ variantId: id.variant, qty: 1 }] }),
  },
  {
    name: 'distribusi.serahkan ppkNama',
    kind: 'name',
    base: 'Hasan Basri',
    column: 'ppkNama',
    submit: (v) =>
      raw('serahTerima.serahkan', {
        kecamatanId: id.talawi,
        tpsIds: [1],
        ppkNama: v,
        ppkJabatan: 'Ketua PPK Talawi',
      }),
  },
  {
    name: 'distribusi.serahkan ppkJabatan',
    kind: 'text',
    base: 'Ketua PPK Talawi',
    column: 'ppkJabatan',
    submit: (v) =>
      raw('serahTerima.serahkan', { kecamatanId: id.talawi, tpsIds: [1], ppkNama: 'Hasan Basri', ppkJabatan: v }),
  },
  {
    name: 'election.update satker',
    kind: 'name',
    base: 'Kabupaten Batu Bara',
    column: 'satker',
    submit: (v) => raw('pemilihan.ubah', { satker: v }),
  },
  {
    name: 'election.update kotaTtd',
    kind: 'name',
    base: 'Lima Puluh',
    column: 'kotaTtd',
    submit: (v) => raw('pemilihan.ubah', { kotaTtd: v }),
  },
  {
    name: 'election.update alamat',
    kind: 'text',
    base: 'Jalan Access Road Inalum, Lima Puluh',
    column: 'alamat',
    submit: (v) => raw('pemilihan.ubah', { alamat: v }),
  },
  {
    name: 'dokumen.aturJenis nama penanda tangan',
    kind: 'name',
    base: 'Zulkifli Nasution',
    column: 'signers.0.nama',
    submit: (v) =>
      raw('dokumen.aturJenis', {
        type: 'BA_PENERIMAAN',
        nomorPattern: null,
        signers: [{ peran: 'Pihak Kedua', jabatan: 'Sekretaris', nama: v, posisi: 'pihak' }],
      }),
  },
  {
    name: 'dokumen.aturJenis jabatan penanda tangan',
    kind: 'text',
    base: 'Sekretaris KPU Kabupaten Batu Bara',
    column: 'signers.0.jabatan',
    submit: (v) =>
      raw('dokumen.aturJenis', {
        type: 'BA_PENERIMAAN',
        nomorPattern: null,
        signers: [{ peran: 'Pihak Kedua', jabatan: v, nama: 'Zulkifli Nasution', posisi: 'pihak' }],
      }),
  },
  {
    name: 'shift.buka pengawas',
    kind: 'name',
    base: 'Rina Marlina',
    column: 'pengawas',
    submit: (v) =>
      raw('shift.buka', {
        kind: 'sortir_lipat',
        tanggal: '2024-01-11',
        mulai: '08:00',
        selesai: '16:00',
        pengawas: v,
        variantIds: [id.variant],
        teams: [{ teamId: id.team }],
      }),
  },
  {
    name: 'items.create name',
    kind: 'name',
    base: 'Kabel Ties Kotak Suara',
    column: 'name',
    submit: (v) => raw('barang.tambah', { code: 'KABEL_TIES', name: v, unit: 'buah', rule: 'per_tps', qty: 4 }),
  },
  {
    name: 'items.create unit',
    kind: 'text',
    base: 'buah',
    column: 'unit',
    submit: (v) =>
      raw('barang.tambah', { code: 'KABEL_TIES', name: 'Kabel Ties Kotak Suara', unit: v, rule: 'per_tps', qty: 4 }),
  },
  {
    name: 'ledger.koreksi note',
    kind: 'text',
    base: 'Hitung ulang dus nomor 4',
    column: 'note',
    submit: (v) => raw('ledger.koreksi', { seq: id.seq, qty: 9, note: v }),
  },
]

const expectationOf = (field: Field, category: Category): Expect =>
  (KINDS[field.kind] as Partial<Record<Category, Expect>>)[category] ?? 'refused'

describe.each(FIELDS)('$name', (field) => {
  const cases = VARIANTS.flatMap((v) => {
    const value = v.make(field.base)
    const expectation = expectationOf(field, v.category)
    return value === null || expectation === 'skip' ? [] : [{ ...v, value, expectation }]
  })

  it.each(cases)('$name: $expectation', async ({ value, expectation, says }) => {
    const before = fingerprint(app.ctx.db)
    const res = await field.submit(value)
    if (expectation === 'matched') {
      expect(res.ok, JSON.stringify(res)).toBe(true)
      await field.matched!()
      return
    }
    expect(res.ok, `diterima: ${JSON.stringify(res).slice(0, 300)}`).toBe(false)
    if (res.ok) return
    expect(['INVALID_INPUT', 'REFUSED']).toContain(res.error.code)
    const details = res.error.details ?? []
    const here = details.filter(
      field.at ?? ((d) => (field.row !== undefined ? d.row === field.row : d.column === field.column)),
    )
    expect(here.length, JSON.stringify(res.error)).toBeGreaterThan(0)
    expect(here.map((d) => d.message).join(' | ')).toMatch(says)
    expect(fingerprint(app.ctx.db)).toBe(before)
  })
})
