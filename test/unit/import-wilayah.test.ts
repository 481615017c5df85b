import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, expect } from 'vitest'
import { decodeText, normalizeName } from '../../src/core/text'
import { parseDelimited, type TableRow } from '../../src/core/csv'
import {
  formatIssue,
  parseDapilTable,
  parseDpt,
  parseTpsNumber,
  parseWilayahTable,
  type ParsedTps,
} from '../../src/core/wilayahImport'
import { DEMO_CSV_COLUMNS } from '../support/api'
import { expectIssues } from '../support/errors'

const root = join(__dirname, '../..')
const readRows = (path: string): TableRow[] => parseDelimited(decodeText(new Uint8Array(readFileSync(path))).text).rows
const fixtureRows = (name: string): TableRow[] => readRows(join(root, 'test/fixtures/import', name))
const csvRows = (text: string): TableRow[] => parseDelimited(text).rows
const OPTS = { maxVotersPerTps: 300 }

const HEADER = 'kecamatan,desa,no_tps,dpt'
const parse = (...lines: string[]) => parseWilayahTable(csvRows([HEADER, ...lines].join('\n')), OPTS)

describe('parseWilayahTable on the real Batu Bara file', () => {
  const path = join(root, 'resources/demo/tps-batubara-2024.csv')
  const r = parseWilayahTable(readRows(path), OPTS)

  it('reads 12 kecamatan, 151 desa, 1,446 TPS with no errors', () => {
    expect(r.errors).toEqual([])
    expect(r.tps).toHaveLength(1446)
    expect(new Set(r.tps.map((t) => normalizeName(t.kecamatan))).size).toBe(12)
    expect(new Set(r.tps.map((t) => `${normalizeName(t.kecamatan)}|${normalizeName(t.desa)}`)).size).toBe(151)
    expect(new Set(r.tps.map((t) => t.kodeDesa)).size).toBe(151)
    expect(r.columns).toEqual(DEMO_CSV_COLUMNS)
  })

  it('sums DPT to the same total as adding up the dpt column by hand', () => {
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/)
    const dptIndex = lines[0]!.split(',').indexOf('dpt')
    const byHand = lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[dptIndex]), 0)
    expect(byHand).toBeGreaterThan(1446 * 120 - 1)
    expect(r.tps.reduce((s, t) => s + t.dpt, 0)).toBe(byHand)
  })

  it('keeps the file line and the Kemendagri codes on every TPS', () => {
    expect(r.tps[0]).toEqual<ParsedTps>({
      line: 2,
      kodeKecamatan: '121901',
      kecamatan: 'MEDANG DERAS',
      kodeDesa: '1219011001',
      desa: 'PANGKALAN DODEK',
      nomor: 1,
      dpt: 240,
    })
    expect(r.tps.at(-1)!.line).toBe(1447)
  })

  it('warns (does not fail) for TPS above the configured maximum', () => {
    const strict = parseWilayahTable(readRows(path), { maxVotersPerTps: 250 })
    expect(strict.errors).toEqual([])
    expect(strict.tps).toHaveLength(1446)
    const over = r.tps.filter((t) => t.dpt > 250).length
    expect(over).toBeGreaterThan(0)
    expect(strict.warnings.length).toBe(Math.min(over, 200) + (over > 200 ? 1 : 0))
    expect(strict.warnings[0]).toMatchObject({
      column: 'dpt',
      message: expect.stringMatching(/^DPT \d+ melebihi batas 250 pemilih per TPS/),
    })
  })
})

describe('parseWilayahTable on satker-style files', () => {
  it('reads a semicolon/BOM/CRLF export with a title block, other header names and "TPS 001"', () => {
    const r = parseWilayahTable(fixtureRows('tps-seisuka-titikkoma-bom-crlf.csv'), OPTS)
    expect(r.errors).toEqual([])
    expect(r.columns).toEqual({
      kode_kecamatan: 'Kode Kec.',
      kecamatan: 'Nama Kecamatan',
      kode_desa: 'Kode Desa/Kel',
      desa: 'Desa/Kelurahan',
      no_tps: 'Nomor TPS',
      dpt: 'Jumlah DPT',
    })
    expect(r.tps.map((t) => [t.line, t.desa, t.nomor, t.dpt])).toEqual([
      [5, 'PERKEBUNAN SIPARE PARE', 1, 241],
      [6, 'PERKEBUNAN SIPARE PARE', 2, 198],
      [7, 'SEI SUKA DERAS', 1, 276],
      [9, 'SEI SUKA DERAS', 2, 0],
      [10, 'SIMODONG; DUSUN III', 1, 133],
      [11, 'Pematang Jering', 7, 312],
    ])
    expect(r.tps[5]!.kecamatan).toBe('sei suka') // whitespace tidied, spelling kept; the key is normalizeName
    expect(r.warnings).toEqual([
      {
        row: 9,
        column: 'Jumlah DPT',
        message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya',
      },
      {
        row: 11,
        column: 'Jumlah DPT',
        message: 'DPT 312 melebihi batas 300 pemilih per TPS; periksa kembali angkanya',
      },
    ])
  })

  it('reads Windows-1252 names and TPS numbers written 001', () => {
    const r = parseWilayahTable(fixtureRows('tps-talawi-ansi-1252.csv'), OPTS)
    expect(r.errors).toEqual([])
    expect(r.tps.map((t) => `${t.desa}#${t.nomor}`)).toEqual([
      'PÉMATANG RAMBAI#1',
      'PÉMATANG RAMBAI#2',
      'MEKAR LAUT – PESISIR#1',
    ])
    expect(r.tps[0]!.kodeDesa).toBeNull()
  })

  it('accepts every header synonym, in any case, with spaces, dots or underscores', () => {
    const variants = [
      ['KEC', 'KEL', 'TPS', 'PEMILIH'],
      ['Nama Kecamatan', 'Nama_Desa', 'No. TPS', 'Jumlah Pemilih'],
      ['kecamatan', 'desa_kelurahan', 'nomor tps', 'jumlah_dpt'],
      ['Kecamatan', 'Kelurahan', 'NOMOR_TPS', 'DPT'],
    ]
    for (const h of variants) {
      const r = parseWilayahTable(csvRows(`${h.join(',')}\nTALAWI,PAHANG,1,200`), OPTS)
      expect(r.errors, h.join(',')).toEqual([])
      expect(r.tps).toHaveLength(1)
      expect(Object.values(r.columns)).toEqual(h)
    }
  })

  it('reads TPS numbers 1, 001, TPS 001, TPS-01, tps 7 and rejects the rest', () => {
    expect(['1', '001', 'TPS 001', 'TPS-01', 'tps 7', 'TPS.3', 'TPS001', '12.0'].map((s) => parseTpsNumber(s))).toEqual(
      [1, 1, 1, 1, 7, 3, 1, 12].map((value) => ({ ok: true, value })),
    )
    for (const bad of ['', '0', 'TPS A', 'TPS 1A', '1-2', 'TPS', 'tpsx1', '-1'])
      expect(parseTpsNumber(bad).ok, bad).toBe(false)
  })

  it('reads DPT as a plain whole number only', () => {
    expect(['0', '240', '0240', '240.0', '240,00'].map((s) => parseDpt(s))).toEqual(
      [0, 240, 240, 240, 240].map((value) => ({ ok: true, value })),
    )
    expect(parseDpt('1.234')).toMatchObject({ ok: false, message: expect.stringContaining('pemisah ribuan') })
    expect(parseDpt('1,234')).toMatchObject({ ok: false, message: expect.stringContaining('mis. 1234') })
    expect(parseDpt('1.000')).toMatchObject({ ok: false, message: expect.stringContaining('pemisah ribuan') })
    expect(parseDpt('240.5')).toEqual({ ok: false, message: 'DPT harus bilangan bulat (tertulis "240.5")' })
    expect(parseDpt('-3')).toEqual({ ok: false, message: 'DPT tidak boleh negatif (tertulis "-3")' })
    expect(parseDpt('1e3')).toEqual({ ok: false, message: 'DPT "1e3" bukan bilangan bulat' })
    expect(parseDpt('100000')).toEqual({ ok: true, value: 100000 })
    expect(parseDpt('100001').ok).toBe(false)
  })
})

describe('parseWilayahTable errors', () => {
  const r = parseWilayahTable(fixtureRows('tps-galat.csv'), OPTS)
  const at = (row: number) => r.errors.filter((e) => e.row === row)

  it('reports each mistake on its own line and column', () => {
    expectIssues(at(3), [3, 'dpt', 'DPT "2a0" bukan bilangan bulat'])
    expectIssues(at(4), [4, 'dpt', 'DPT tidak boleh negatif (tertulis "-5")'])
    expectIssues(at(5), [5, 'dpt', 'DPT harus bilangan bulat (tertulis "240.5")'])
    expectIssues(at(6), [6, 'dpt', 'DPT kosong; isi jumlah pemilih (boleh 0)'])
    expectIssues(at(7), [7, 'dpt', 'DPT 250000 tidak wajar: lebih dari 100.000 pemilih untuk satu TPS'])
    expect(at(8)).toMatchObject([{ row: 8, column: 'dpt', message: expect.stringContaining('pemisah ribuan') }])
    expectIssues(at(9), [9, 'no_tps', 'Nomor TPS "TPS A" tidak dapat dibaca; tulis angka seperti 1, 001 atau TPS 001'])
    expectIssues(at(10), [10, 'kecamatan', 'Nama kecamatan kosong'])
    expectIssues(at(11), [11, 'desa', 'Nama desa/kelurahan kosong'])
    expectIssues(at(12), [12, 'desa', 'Nama desa/kelurahan "=HYPERLINK("x")" berisi rumus; tulis sebagai teks biasa'])
    expect(at(18)).toMatchObject([{ row: 18, column: 'no_tps', message: expect.stringContaining('dimulai dari 1') }])
    expect(at(19)).toEqual([
      { row: 19, message: 'Baris ini tampaknya baris jumlah/total, bukan data TPS; hapus baris ini dari berkas.' },
    ])
  })

  it('reports a duplicate TPS naming both lines (001 and 1 are the same TPS)', () => {
    expectIssues(at(13), [
      13,
      'no_tps',
      'TPS 1 di desa/kelurahan PANGKALAN DODEK, kecamatan MEDANG DERAS tercatat dua kali: baris 2 dan baris 13',
    ])
  })

  it('reports code conflicts: one kode_desa for two desa, one kecamatan with two kode, one desa in two kecamatan', () => {
    expectIssues(at(14), [
      14,
      'kode_desa',
      'Kode desa/kelurahan 1219011001 dipakai untuk dua desa/kelurahan berbeda: PANGKALAN DODEK (baris 2) dan PAKAM (baris 14)',
    ])
    expectIssues(at(15), [
      15,
      'kode_kecamatan',
      'Kecamatan MEDANG DERAS memakai dua kode berbeda: 121901 (baris 2) dan 121903 (baris 15)',
    ])
    expectIssues(at(17), [
      17,
      'kode_desa',
      'Desa/kelurahan PANGKALAN DODEK dengan kode 1219011001 tercatat di dua kecamatan: MEDANG DERAS (baris 2) dan SEI SUKA (baris 17)',
    ])
  })

  it('reports nothing for correct lines, sorts by line, and keeps the good rows', () => {
    expect(at(2)).toEqual([])
    expect(at(16)).toEqual([])
    const rows = r.errors.map((e) => e.row ?? 0)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
    expect(r.errors).toHaveLength(16)
    expect(r.tps.map((t) => t.line)).toEqual([2, 14, 15, 16, 17])
  })

  it('warns for DPT above the maximum and for a kode_desa outside its kecamatan code', () => {
    expect(r.warnings).toContainEqual({
      row: 16,
      column: 'dpt',
      message: 'DPT 320 melebihi batas 300 pemilih per TPS; periksa kembali angkanya',
    })
    expect(r.warnings.filter((w) => w.column === 'kode_desa').map((w) => w.row)).toEqual([15, 17])
  })

  it('also catches one kode_kecamatan used for two kecamatan and one desa with two kode_desa', () => {
    const x = parseWilayahTable(
      csvRows(
        [
          'kode_kecamatan,kecamatan,kode_desa,desa,tps,dpt',
          '121905,TALAWI,1219052001,PAHANG,1,100',
          '121905,TALAWI,1219052002,PAHANG,2,100',
          '121905,TALAWI BARU,1219052003,SUKA MAJU,1,100',
          '121905,TALAWI BARU,1219052003,SUKA MAJU,2,100',
        ].join('\n'),
      ),
      OPTS,
    )
    expectIssues(
      x.errors,
      [
        3,
        'kode_desa',
        'Desa/kelurahan PAHANG, kecamatan TALAWI memakai dua kode berbeda: 1219052001 (baris 2) dan 1219052002 (baris 3)',
      ],
      [
        4,
        'kode_kecamatan',
        'Kode kecamatan 121905 dipakai untuk dua kecamatan berbeda: TALAWI (baris 2) dan TALAWI BARU (baris 4)',
      ],
    )
  })

  it('checks each row of a desa written on consecutive lines for its number and DPT, and the desa again when it comes back', () => {
    const x = parseWilayahTable(
      csvRows(
        [
          'kode_kecamatan,kecamatan,kode_desa,desa,tps,dpt',
          '121905,TALAWI,1219052001,PAHANG,1,100',
          '121905,TALAWI,1219052001,PAHANG,2,-5',
          '121905,TALAWI,1219052001,PAHANG,001,100',
          '121905,TALAWI,1219052001,PAHANG,3,0',
          '121905,TALAWI,1219052002,SUKA MAJU,1,100',
          '121905,TALAWI,1219052009,PAHANG,4,100',
          '121905,TALAWI,1219052009,PAHANG,5,100',
          '121905,TALAWI,1219052009,PAHANG,5,100',
        ].join('\n'),
      ),
      OPTS,
    )
    expectIssues(
      x.errors,
      [3, 'dpt', 'DPT tidak boleh negatif (tertulis "-5")'],
      [4, 'tps', 'TPS 1 di desa/kelurahan PAHANG, kecamatan TALAWI tercatat dua kali: baris 2 dan baris 4'],
      [
        7,
        'kode_desa',
        'Desa/kelurahan PAHANG, kecamatan TALAWI memakai dua kode berbeda: 1219052001 (baris 2) dan 1219052009 (baris 7)',
      ],
      [9, 'tps', 'TPS 5 di desa/kelurahan PAHANG, kecamatan TALAWI tercatat dua kali: baris 8 dan baris 9'],
    )
    expect(x.warnings).toContainEqual({
      row: 5,
      column: 'dpt',
      message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya',
    })
    expect(x.tps.map((t) => t.line)).toEqual([2, 5, 6, 7, 8])
  })

  it('allows the same desa name in two kecamatan when no code says they are one desa', () => {
    expect(parse('TALAWI,SUKA MAJU,1,100', 'SEI SUKA,SUKA MAJU,1,100').errors).toEqual([])
  })

  it('rejects formulas in any name column, including + - @ forms, and invalid codes', () => {
    const x = parseWilayahTable(
      csvRows(
        [
          'kode_kec,kec,kode_kel,kel,tps,dpt',
          '12x,+SUM(A1),1219,@cmd,1,1',
          '121901,-HYPERLINK(1),1219011001,A,1,1',
          '121901,B,1219011001,C,1,1',
        ].join('\n'),
      ),
      OPTS,
    )
    expect(x.errors.map((e) => [e.row, e.column, e.message.includes('rumus') ? 'rumus' : e.message])).toEqual([
      [2, 'kec', 'rumus'],
      [2, 'kel', 'rumus'],
      [2, 'kode_kec', 'Kode kecamatan "12x" hanya boleh berisi angka (boleh bertitik), mis. 121901'],
      [3, 'kec', 'rumus'],
    ])
  })

  it('names a missing column and lists the headers that were found', () => {
    const x = parseWilayahTable(csvRows('Kecamatan;Kelurahan;Jumlah Pemilih\nTALAWI;PAHANG;200'), OPTS)
    expectIssues(x.errors, [
      1,
      'no_tps',
      'Kolom nomor TPS tidak ditemukan pada baris judul (baris 1). Judul kolom yang terbaca: "Kecamatan", "Kelurahan", "Jumlah Pemilih". ' +
        'Nama kolom yang dikenali: "no_tps", "tps", "nomor_tps", "nomor tps", "no. tps".',
    ])
    expect(x.tps).toEqual([])
  })

  it('refuses two columns that both mean the same field', () => {
    const x = parseWilayahTable(csvRows('kecamatan,desa,kelurahan,tps,dpt\nA,B,C,1,1'), OPTS)
    expectIssues(x.errors, [
      1,
      'kelurahan',
      'Kolom "desa" dan kolom "kelurahan" sama-sama dibaca sebagai kolom desa/kelurahan. Hapus atau ganti nama salah satunya.',
    ])
  })

  it('gives one clear error for an empty or header-only file', () => {
    expect(parseWilayahTable([], OPTS).errors).toEqual([
      { message: 'Berkas kosong: tidak ada baris yang berisi data.' },
    ])
    expect(parseWilayahTable(csvRows('\n\n'), OPTS).errors).toHaveLength(1)
    expect(parse().errors).toEqual([
      { row: 1, message: 'Berkas hanya berisi judul kolom (baris 1) tanpa satu pun data TPS.' },
    ])
  })

  it('collects every error but lists at most 200, plus a line saying how many more', () => {
    const lines = Array.from({ length: 450 }, (_, i) => `TALAWI,PAHANG,${i + 1},x${i}`)
    const x = parse(...lines)
    expect(x.errors).toHaveLength(201)
    expect(x.errors[199]).toMatchObject({ row: 201, column: 'dpt' })
    expect(x.errors[200]).toEqual({
      message:
        'Masih ada 250 galat lain yang tidak ditampilkan. Perbaiki yang tercantum di atas lalu baca ulang berkas.',
    })
  })

  it('formatIssue names the row and column for display', () => {
    expect(formatIssue({ row: 17, column: 'dpt', message: 'DPT "2a0" bukan bilangan bulat' })).toBe(
      'Baris 17, kolom dpt: DPT "2a0" bukan bilangan bulat',
    )
    expect(formatIssue({ message: 'Berkas kosong' })).toBe('Berkas kosong')
  })
})

describe('parseDapilTable', () => {
  it('reads a dapil mapping file', () => {
    const r = parseDapilTable(fixtureRows('dapil-batubara.csv'))
    expect(r.errors).toEqual([])
    expect(r.entries).toHaveLength(5)
    expect(r.entries[0]).toEqual({ line: 2, ballot: 'DPRD Kab/Kota', kecamatan: 'MEDANG DERAS', dapil: 'BATU BARA 1' })
    expect(r.columns).toEqual({ surat_suara: 'surat_suara', kecamatan: 'kecamatan', dapil: 'dapil' })
  })

  it('accepts synonyms and reports duplicates, blanks and formulas by line and column', () => {
    const r = parseDapilTable(
      csvRows(
        [
          'Jenis Surat Suara,Kec,Daerah Pemilihan',
          'DPRD Kab/Kota,TALAWI,BATU BARA 3',
          'dprd kab/kota, talawi ,BATU BARA 4',
          'DPRD Kab/Kota,SEI SUKA,',
          'DPRD Kab/Kota,=cmd,BATU BARA 1',
        ].join('\n'),
      ),
    )
    expect(r.entries).toHaveLength(1)
    expectIssues(
      r.errors,
      [
        3,
        'Kec',
        'Kecamatan talawi untuk surat suara dprd kab/kota tercatat dua kali: baris 2 (dapil BATU BARA 3) dan baris 3 (dapil BATU BARA 4)',
      ],
      [4, 'Daerah Pemilihan', 'Nama dapil kosong'],
      [5, 'Kec', 'Nama kecamatan "=cmd" berisi rumus; tulis sebagai teks biasa'],
    )
  })

  it('refuses a dapil spelling that only looks like an earlier one, and a look-alike kecamatan as a duplicate', () => {
    const r = parseDapilTable(
      csvRows(
        [
          'surat_suara,kecamatan,dapil',
          'DPRD Kab/Kota,TALAWI,BATU BARA 1',
          'DPRD Kab/Kota,LIMA PULUH,BATU BARA I',
          'DPRD Kab/Kota,TALAW1,BATU BARA 1',
          'DPRD Kab/Kota,SEI SUKA,BATU BARA\u200B 2',
        ].join('\n'),
      ),
    )
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'dapil'],
      [4, 'kecamatan'],
      [5, 'dapil'],
    ])
    expect(r.errors[0]!.message).toBe(
      'Nama dapil "BATU BARA I" sama dengan nama yang sudah ada: BATU BARA 1 (baris 2), hanya berbeda pada huruf yang tampak serupa; tulis persis sama bila dapilnya sama',
    )
    expect(r.errors[2]!.message).toMatch(/karakter tak terlihat U\+200B pada posisi 10/)
  })

  it('names a missing column', () => {
    const r = parseDapilTable(csvRows('kecamatan,dapil\nTALAWI,1'))
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatchObject({
      row: 1,
      column: 'surat_suara',
      message: expect.stringContaining('Kolom surat suara tidak ditemukan'),
    })
  })
})

describe('look-alike names and DPT sanity in a TPS file (issue 12)', () => {
  it.each([
    {
      what: 'MEKAR LAUT + zero-width space beside MEKAR LAUT, naming row, column and position',
      line: 'TALAWI,MEKAR LAUT\u200B,1,200',
      column: 'desa',
      message:
        'Nama desa/kelurahan berisi karakter tak terlihat U+200B pada posisi 11; ketik ulang tanpa menempelkan dari tempat lain',
    },
    {
      what: 'a Cyrillic Т in ТALAWI beside TALAWI',
      line: '\u0422ALAWI,MEKAR LAUT,2,200',
      column: 'kecamatan',
      message:
        'Nama kecamatan berisi huruf Kiril "\u0422" (U+0422) pada posisi 1 yang tampak seperti "T"; ketik ulang dengan huruf Latin biasa',
    },
  ])('refuses $what', ({ line, column, message }) => {
    expectIssues(parse('TALAWI,MEKAR LAUT,1,200', line).errors, [3, column, message])
  })

  it('refuses a right-to-left override that shows "TUAL RAKEM" as MEKAR LAUT', () => {
    const r = parse('TALAWI,MEKAR LAUT,1,200', 'TALAWI,\u202ETUAL RAKEM,2,200')
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatchObject({ row: 3, column: 'desa' })
    expect(r.errors[0]!.message).toMatch(/pengatur arah tulisan U\+202E pada posisi 1/)
  })

  it('refuses a zero-width joiner before = as well as the formula itself', () => {
    const r = parse('TALAWI,\u200D=HYPERLINK("x"),1,200')
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'desa' })
    expect(r.errors[0]!.message).toMatch(/karakter tak terlihat U\+200D pada posisi 1/)
    expect(parse('TALAWI,"\u00A0=1+1",1,200').errors[0]!.message).toBe(
      'Nama desa/kelurahan "=1+1" berisi rumus; tulis sebagai teks biasa',
    )
  })

  it('refuses a second spelling that only looks like the first (0 for O), naming the first row', () => {
    const r = parse('KOTA,PEMATANG I,1,200', 'KOTA,PEMATANG I,2,200', 'K0TA,PEMATANG I,3,200', 'KOTA,PEMATANG 1,4,200')
    expectIssues(
      r.errors,
      [
        4,
        'kecamatan',
        'Nama kecamatan "K0TA" sama dengan nama yang sudah ada: KOTA (baris 2), hanya berbeda pada huruf yang tampak serupa; tulis persis sama bila tempatnya sama',
      ],
      [
        5,
        'desa',
        'Nama desa/kelurahan "PEMATANG 1" sama dengan nama yang sudah ada: PEMATANG I (baris 2), hanya berbeda pada huruf yang tampak serupa; tulis persis sama bila tempatnya sama',
      ],
    )
  })

  it('reads no-break spaces and full-width letters as the same desa, so its TPS 1 is a duplicate', () => {
    const r = parse('TALAWI,MEKAR LAUT,1,200', 'TALAWI,MEKAR\u00A0LAUT,1,200', 'TALAWI,ＭＥＫＡＲ ＬＡＵＴ,2,150')
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'no_tps']])
    expect(r.tps.map((t) => [t.desa, t.nomor])).toEqual([
      ['MEKAR LAUT', 1],
      ['MEKAR LAUT', 2],
    ])
  })

  it('warns for DPT 0 with the row, as it does for DPT above the maximum', () => {
    const r = parse('TALAWI,MEKAR LAUT,1,0', 'TALAWI,MEKAR LAUT,2,350', 'TALAWI,MEKAR LAUT,3,300')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([
      { row: 2, column: 'dpt', message: 'DPT 0: TPS ini tidak akan mendapat surat suara; periksa kembali angkanya' },
      { row: 3, column: 'dpt', message: 'DPT 350 melebihi batas 300 pemilih per TPS; periksa kembali angkanya' },
    ])
    expect(r.tps).toHaveLength(3)
  })

  it('refuses more TPS than any satker has, naming the limit', () => {
    const rows: TableRow[] = [{ line: 1, cells: ['kecamatan', 'desa', 'no_tps', 'dpt'] }]
    for (let i = 0; i < 20_001; i++)
      rows.push({ line: i + 2, cells: [`KEC ${i % 40}`, `DESA ${Math.floor(i / 40)}`, String((i % 40) + 1), '200'] })
    const r = parseWilayahTable(rows, OPTS)
    expect(r.errors).toEqual([
      {
        row: 20_002,
        message:
          'Berkas berisi lebih dari 20.000 TPS (batas per satker; satker terbesar, Kabupaten Bogor, memiliki sekitar 15.228 TPS). Periksa apakah berkas menggabungkan beberapa satker atau mengulang baris; pembacaan dihentikan pada baris 20002.',
      },
    ])
    rows.pop()
    expect(parseWilayahTable(rows, OPTS).errors).toEqual([])
  })
})
