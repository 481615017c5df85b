import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatNomor } from '../../src/core/nomorSurat'
import { jumlahTerbilang } from '../../src/core/terbilang'
import {
  type CellValue,
  type Content,
  FONT_FAMILY,
  type PdfDocDefinition,
  type OfficialDocument,
  type SignatureSlot,
  buildOfficialDocument,
  dataTable,
  keepCompoundsWhole,
  identityTable,
  opening,
  paragraph,
  renderPdf,
  renderPdfToFile,
  spacer,
  strong,
  subheading,
} from '../../src/reports/pdf'
import { findFontsDir, resolveFontsDir } from '../../src/reports/pdf/fonts'
import { sizedQr } from '../../src/reports/pdf/qr'

const OUT = resolve(__dirname, '../../test-results/pdf')

// ---------------------------------------------------------------------------------------------
// A realistic BA penerimaan, built only from the framework's helpers.

/** A small PNG (a red disc with a gold ring) so the kop's logo path is exercised with real image data. */
function logoPng(size = 96): Uint8Array {
  const raw = Buffer.alloc((size * 4 + 1) * size)
  const c = size / 2
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c)
      const o = y * (size * 4 + 1) + 1 + x * 4
      const [r, g, b, a] = d < c * 0.7 ? [180, 20, 30, 255] : d < c * 0.95 ? [212, 160, 23, 255] : [255, 255, 255, 0]
      raw.set([r, g, b, a], o)
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let k = n
    for (let i = 0; i < 8; i++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1
    return k >>> 0
  })
  const crc = (buf: Buffer) => {
    let v = 0xffffffff
    for (const byte of buf) v = crcTable[(v ^ byte) & 0xff]! ^ (v >>> 8)
    return (v ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}

const JENIS = [
  'Surat Suara PPWP',
  'Surat Suara DPR',
  'Surat Suara DPD',
  'Surat Suara DPRD Provinsi',
  'Surat Suara DPRD Kab/Kota',
  'Formulir Model C.Hasil',
]
const TOTAL_BAIK = 312448

/** 120 rows whose "Diterima Baik" column adds up to exactly TOTAL_BAIK. */
function sampleRows(count = 120): CellValue[][] {
  const rows: CellValue[][] = []
  let remaining = TOTAL_BAIK
  for (let i = 0; i < count; i++) {
    const baik = i === count - 1 ? remaining : 2500 + ((i * 37) % 200)
    remaining -= baik
    const rusak = i % 7 === 0 ? (i % 5) + 1 : 0
    rows.push([
      JENIS[i % JENIS.length]!,
      `Batu Bara ${(i % 4) + 1}`,
      'lembar',
      baik + rusak,
      baik,
      rusak,
      rusak ? 'sobek/cacat cetak' : '',
    ])
  }
  return rows
}

const SIGNERS: SignatureSlot[][] = [
  [
    {
      peran: 'PIHAK PERTAMA',
      jabatan: 'Yang Menyerahkan,',
      instansi: 'PT Sinar Cetak Nusantara',
      nama: 'Hendra Gunawan Siregar',
    },
    { peran: 'PENGANGKUT', jabatan: 'Pengemudi Ekspedisi', nama: 'Rudi Hartono' },
    {
      peran: 'PIHAK KEDUA',
      jabatan: 'Sekretaris KPU Kabupaten Batu Bara',
      nama: 'Drs. Ahmad Fauzi Nasution',
      nip: '19740312 200212 1 004',
    },
  ],
  [
    {
      peran: 'SAKSI I',
      jabatan: 'Ketua Kelompok Kerja Logistik',
      nama: 'Siti Rahmawati, S.E.',
      nip: '19850721 201001 2 015',
    },
    { peran: 'SAKSI II', jabatan: 'Anggota Bawaslu Kabupaten Batu Bara', nama: 'Muhammad Iqbal Lubis' },
  ],
]
const MENGETAHUI: SignatureSlot[] = [
  { peran: 'Ketua KPU Kabupaten Batu Bara', jabatan: '', nama: 'Yusri Alamsyah, S.H.' },
]
const ALL_NAMES = [...SIGNERS.flat(), ...MENGETAHUI].map((s) => s.nama)

const NOMOR = formatNomor('{no}/PP.09.4-BA/{kode_wilayah}/{tahun}', { no: 514, kodeWilayah: '1219', tahun: 2024 })
const CHAIN = { seq: 18204, hash: '3f9a0c1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8' }

function sampleBa({
  rows: rowCount = 120,
  ...overrides
}: Partial<OfficialDocument> & { rows?: number } = {}): OfficialDocument {
  const rows = sampleRows(rowCount)
  return {
    paper: 'A4',
    kop: {
      instansi: 'Komisi Pemilihan Umum',
      satker: 'Kabupaten Batu Bara',
      alamat: 'Jalan Perintis Kemerdekaan Nomor 12, Limapuluh, Batu Bara 21255',
      kontak: 'Telepon (0622) 96123 · Pos-el logistik@batubara.kpu.example',
      logo: { data: logoPng(), mime: 'image/png' },
    },
    title: ['Berita Acara', 'Penerimaan Logistik Pemilihan Umum Tahun 2024'],
    nomor: NOMOR,
    body: [
      opening('2024-07-11', { tempat: 'Gudang Logistik KPU Kabupaten Batu Bara, Limapuluh' }),
      identityTable([
        ['Nama', 'Hendra Gunawan Siregar'],
        ['Jabatan', 'Kepala Distribusi'],
        ['Instansi', 'PT Sinar Cetak Nusantara'],
      ]),
      paragraph(['selanjutnya disebut ', strong('PIHAK PERTAMA'), '.'], { indent: 20 }),
      identityTable([
        ['Nama', 'Drs. Ahmad Fauzi Nasution'],
        ['NIP', '19740312 200212 1 004'],
        ['Jabatan', 'Sekretaris KPU Kabupaten Batu Bara'],
      ]),
      paragraph(['selanjutnya disebut ', strong('PIHAK KEDUA'), '.'], { indent: 20 }),
      paragraph([
        strong('PIHAK PERTAMA'),
        ' telah menyerahkan kepada ',
        strong('PIHAK KEDUA'),
        ' dan ',
        strong('PIHAK KEDUA'),
        ' telah menerima dari ',
        strong('PIHAK PERTAMA'),
        ' logistik Pemilihan Umum Tahun 2024 dengan rincian sebagai berikut:',
      ]),
      dataTable({
        numbered: true,
        columnNumbers: true,
        columns: [
          { header: 'Jenis Logistik', width: '*' },
          { header: 'Dapil', width: 'auto', noWrap: true },
          { header: 'Satuan', width: 'auto', align: 'center' },
          { header: 'Dikirim', numeric: true },
          { header: 'Diterima Baik', numeric: true, width: 50 },
          { header: 'Rusak', numeric: true },
          { header: 'Keterangan', width: 66 },
        ],
        rows,
        totals: { label: 'JUMLAH' },
      }),
      subheading('Kesimpulan'),
      paragraph(
        `Jumlah logistik yang diterima dalam keadaan baik sebanyak ${jumlahTerbilang(TOTAL_BAIK)} lembar, sebagaimana tercantum dalam tabel di atas.`,
      ),
    ],
    signatures: { place: 'Limapuluh', date: '2024-07-11', columns: SIGNERS, mengetahui: MENGETAHUI },
    copy: { kind: 'ASLI' },
    footer: {
      documentId: 'BA-PNR-2024-0514',
      chainHead: CHAIN,
      qrText: 'GUDANG-PEMILU:BA-PNR-2024-0514:18204:3f9a0c1b2d4e5f60',
      generatedAt: '2024-07-11T14:05',
    },
    ...overrides,
  }
}

// ---------------------------------------------------------------------------------------------
// Reading PDFs back with poppler-utils.

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.error) throw new Error(`${cmd} tidak dapat dijalankan (poppler-utils terpasang?): ${r.error.message}`)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} gagal: ${r.stderr}`)
  return r.stdout
}

const pdfText = (file: string, page?: number): string =>
  run('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'])
const pageCount = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1])
const pageSize = (file: string): string => /^Page size:\s+(.*)$/m.exec(run('pdfinfo', [file]))?.[1] ?? ''
/** pdftotext -layout keeps columns apart with runs of spaces; collapse them to compare sentences. */
const flat = (text: string): string => text.replace(/\s+/g, ' ')

/** Greyscale raster of one page at 72 dpi (1 px = 1 pt), parsed from pdftoppm's PGM. */
function rasterPage(file: string, page: number): { width: number; height: number; px: Uint8Array } {
  const prefix = join(OUT, 'raster')
  run('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, prefix])
  const buf = readFileSync(`${prefix}.pgm`)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!
  const [width, height] = [Number(header[1]), Number(header[2])]
  return { width, height, px: new Uint8Array(buf.subarray(header[0].length)) }
}

function signaturePage(file: string, pages: number): number {
  for (let p = pages; p >= 1; p--) if (flat(pdfText(file, p)).includes('Demikian berita acara ini dibuat')) return p
  throw new Error('kalimat penutup tidak ditemukan')
}

// ---------------------------------------------------------------------------------------------

describe('berita acara PDF framework', () => {
  const a4 = join(OUT, 'ba-penerimaan-a4-asli.pdf')
  const f4 = join(OUT, 'ba-penerimaan-f4-salinan.pdf')

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    await renderPdfToFile(buildOfficialDocument(sampleBa()), a4)
    await renderPdfToFile(
      buildOfficialDocument(
        sampleBa({
          paper: 'F4',
          copy: { kind: 'SALINAN', printNo: 2, printedAt: '2024-07-12T09:15' },
          annexes: [
            {
              title: 'Daftar Kemasan yang Diterima',
              body: [
                dataTable({
                  numbered: true,
                  columns: [
                    { header: 'Jenis Kemasan' },
                    { header: 'Jumlah Koli', numeric: true, width: 60 },
                    { header: 'Kondisi Segel', width: 100 },
                  ],
                  rows: [
                    ['Kardus surat suara PPWP', 64, 'utuh'],
                    ['Kardus surat suara DPR', 64, 'utuh'],
                    ['Kardus formulir', 12, '1 koli segel rusak'],
                  ],
                  totals: {},
                }),
              ],
            },
          ],
        }),
      ),
      f4,
    )
  })

  afterAll(() => {
    rmSync(join(OUT, 'raster.pgm'), { force: true })
  })

  it('prints A4 and F4 paper sizes', () => {
    expect(pageSize(a4)).toBe('595.28 x 841.89 pts (A4)')
    const [w, h] = pageSize(f4)
      .split(' ')
      .filter((s) => /^[\d.]+$/.test(s))
      .map(Number)
    expect(w).toBeCloseTo(609.45, 1)
    expect(h).toBeCloseTo(935.43, 1)
  })

  it('writes the kop, title, nomor and the count in words on page 1', () => {
    const p1 = pdfText(a4, 1)
    expect(p1).toMatch(/^\s*KOMISI PEMILIHAN UMUM\s*$/m)
    expect(p1).toMatch(/^\s*KABUPATEN BATU BARA\s*$/m)
    expect(p1).toContain('Jalan Perintis Kemerdekaan Nomor 12, Limapuluh, Batu Bara 21255')
    expect(p1).toMatch(/^\s*BERITA ACARA\s*$/m)
    expect(p1).toContain('PENERIMAAN LOGISTIK PEMILIHAN UMUM TAHUN 2024')
    expect(p1).toContain('Nomor: 514/PP.09.4-BA/1219/2024')
    expect(flat(p1)).toContain(
      'Pada hari ini Kamis tanggal sebelas bulan Juli tahun dua ribu dua puluh empat (11-07-2024)',
    )
    // the kop comes before the title, which comes before the opening
    expect(p1.indexOf('KABUPATEN BATU BARA')).toBeLessThan(p1.indexOf('BERITA ACARA'))
    expect(p1.indexOf('Nomor: 514')).toBeLessThan(p1.indexOf('Pada hari ini'))
    const all = flat(pdfText(a4))
    expect(all).toContain('sebanyak 312.448 (tiga ratus dua belas ribu empat ratus empat puluh delapan) lembar')
    // the totals row adds the "Diterima Baik" column up to the same number
    expect(all).toMatch(/JUMLAH [\d.]+ 312\.448 /)
  })

  it('spans pages and numbers them "Halaman x dari y" in every footer, with the BA number and the verification code', () => {
    for (const file of [a4, f4]) {
      const n = pageCount(file)
      expect(n).toBeGreaterThanOrEqual(3)
      for (let p = 1; p <= n; p++) {
        const text = flat(pdfText(file, p))
        expect(text).toContain(`Nomor 514/PP.09.4-BA/1219/2024 · Halaman ${p} dari ${n}`)
        // The ledger head the document was made from: its sequence and the first 16 hex characters.
        expect(text).toContain('Kode verifikasi: 18204:3f9a0c1b2d4e5f60')
        expect(text).not.toContain('3f9a0c1b2d4e5f607')
        expect(text).toContain(
          'Pindai kode QR di samping untuk mencocokkan halaman ini dengan register dokumen KPU Kabupaten Batu Bara.',
        )
        // Worded as the satker's paper, not as the application's.
        expect(text).not.toMatch(/Gudang Pemilu|Rantai buku besar|Dibuat dengan/)
      }
    }
  })

  it('repeats the table header on the next page and never splits a row', () => {
    for (const p of [2, 3]) {
      // the lines above the first data row of the page: the header, "Diterima Baik" on two lines
      const head = pdfText(a4, p).split(/^\s*\d+\s+Surat Suara|^\s*\d+\s+Formulir/m)[0]!
      expect(head).toMatch(/No\.\s+Jenis Logistik\s+Dapil\s+Satuan\s+Dikirim\s+(Diterima\s+)?Rusak\s+Keterangan/)
      expect(flat(head)).toMatch(/Diterima .*Baik/)
      expect(head).toMatch(/\(1\)\s+\(2\)\s+\(3\)\s+\(4\)\s+\(5\)\s+\(6\)\s+\(7\)\s+\(8\)/)
    }
    // every one of the 120 rows is printed once, whole: its number, type and dapil on one line
    // (a long type wraps inside its cell, so only its first two words are looked for)
    const all = pdfText(a4)
    for (let i = 1; i <= 120; i++) {
      const jenis = JENIS[(i - 1) % JENIS.length]!.split(' ').slice(0, 2).join(' ').replace(/[./]/g, '\\$&')
      expect(
        all.match(new RegExp(`^\\s*${i}\\s+${jenis}\\b[^\\n]*?\\s+Batu Bara ${((i - 1) % 4) + 1}\\s+lembar\\s`, 'gm')),
        `baris ${i}`,
      ).toHaveLength(1)
    }
  })

  it('keeps the closing sentence and every signature on one page', () => {
    for (const file of [a4, f4]) {
      const n = pageCount(file)
      const p = signaturePage(file, n)
      const text = flat(pdfText(file, p))
      expect(text).toContain(
        'Demikian berita acara ini dibuat dengan sebenar-benarnya untuk dipergunakan sebagaimana mestinya.',
      )
      expect(text).toContain('Limapuluh, 11 Juli 2024')
      expect(text).toContain('Mengetahui,')
      for (const name of ALL_NAMES) expect(text).toContain(name)
      expect(text).toContain('NIP. 19740312 200212 1 004')
      // witnesses without NIP get no empty "NIP." line
      expect(text.match(/NIP\./g)).toHaveLength(2)
    }
    // A4 has no lampiran: the signatures close the document
    expect(signaturePage(a4, pageCount(a4))).toBe(pageCount(a4))
  })

  it('never splits or orphans the signature area, wherever the body ends', async () => {
    // Bodies of different lengths put the end of the table at every height of a page.
    const seen = new Set<number>()
    for (let rows = 6; rows <= 36; rows += 3) {
      const file = join(OUT, `signature-${rows}.pdf`)
      writeFileSync(
        file,
        await renderPdf(buildOfficialDocument(sampleBa({ rows, kop: { ...sampleBa().kop, logo: null } }))),
      )
      const n = pageCount(file)
      const p = signaturePage(file, n)
      const text = flat(pdfText(file, p))
      for (const name of ALL_NAMES) expect(text, `${rows} baris`).toContain(name)
      expect(text, `${rows} baris`).toContain('Mengetahui,')
      // nothing of the signature area on the pages before it (the parties' names do appear in the body)
      for (let q = 1; q < p; q++)
        expect(flat(pdfText(file, q)), `${rows} baris, halaman ${q}`).not.toMatch(
          /Limapuluh, 11 Juli 2024|SAKSI I|Mengetahui|Yusri Alamsyah|Siti Rahmawati|NIP\. /,
        )
      seen.add(p)
      rmSync(file)
    }
    // the sweep did push the signatures onto the next page at least once
    expect(seen.size).toBeGreaterThan(1)
  })

  it('lets a signature area taller than a page continue row by row without losing a name', async () => {
    const saksi = (n: number): SignatureSlot => ({
      peran: `SAKSI ${n}`,
      jabatan: 'Anggota Panitia',
      nama: `Saksi Nomor ${n}`,
      nip: `19800101 200501 1 ${String(n).padStart(3, '0')}`,
    })
    const columns = Array.from({ length: 7 }, (_, r) => [saksi(r * 3 + 1), saksi(r * 3 + 2), saksi(r * 3 + 3)])
    const file = join(OUT, 'signature-oversized.pdf')
    writeFileSync(
      file,
      await renderPdf(buildOfficialDocument(sampleBa({ rows: 4, signatures: { ...sampleBa().signatures, columns } }))),
    )
    const n = pageCount(file)
    const text = flat(pdfText(file))
    for (let i = 1; i <= 21; i++)
      expect(text).toContain(`Saksi Nomor ${i} NIP. 19800101 200501 1 ${String(i).padStart(3, '0')}`.split(' NIP')[0])
    expect(text.match(/NIP\. 19800101 200501 1 0\d\d/g)).toHaveLength(21)
    expect(text).toContain('Yusri Alamsyah, S.H.')
    // the area starts at the top of a page with the closing sentence and runs on from there
    const start = signaturePage(file, n)
    expect(pdfText(file, start).trimStart()).toMatch(/^Demikian berita acara/)
    expect(n).toBeGreaterThan(start)
    rmSync(file)
  })

  it('marks a reprint SALINAN on every page and the original nowhere', () => {
    const n = pageCount(f4)
    for (let p = 1; p <= n; p++) {
      const text = pdfText(f4, p)
      expect(text).toContain('SALINAN')
      expect(text).toContain('Cetakan ke-2 · 12 Juli 2024 pukul 09.15')
    }
    expect(pdfText(a4)).not.toMatch(/SALINAN|Cetakan ke-/i)
  })

  it('starts each lampiran on its own page with its heading', () => {
    const n = pageCount(f4)
    const last = flat(pdfText(f4, n))
    expect(last).toContain('LAMPIRAN I')
    expect(last).toContain('Nomor : 514/PP.09.4-BA/1219/2024')
    expect(last).toContain('DAFTAR KEMASAN YANG DITERIMA')
    expect(last).toMatch(/JUMLAH 140/)
    expect(last).not.toContain('Demikian berita acara')
    expect(signaturePage(f4, n)).toBe(n - 1)
  })

  it('prints a QR code of at least 18 mm in the footer of every page', () => {
    for (const file of [a4, f4]) {
      const n = pageCount(file)
      for (const p of [1, n]) {
        const { width, height, px } = rasterPage(file, p)
        // The footer's right part, below the body: the QR and nothing else is drawn there.
        const x0 = Math.floor(width * 0.7)
        const y0 = height - 100
        let [minX, minY, maxX, maxY] = [width, height, -1, -1]
        for (let y = y0; y < height; y++) {
          for (let x = x0; x < width; x++) {
            // pure black only: the grey hairline above the footer text stays out
            if (px[y * width + x]! < 40) {
              minX = Math.min(minX, x)
              maxX = Math.max(maxX, x)
              minY = Math.min(minY, y)
              maxY = Math.max(maxY, y)
            }
          }
        }
        const mm = (pt: number) => (pt * 25.4) / 72
        expect(mm(maxX - minX + 1), `${file} halaman ${p}`).toBeGreaterThanOrEqual(18)
        expect(Math.abs(maxX - minX - (maxY - minY))).toBeLessThanOrEqual(1) // square
        expect(mm(height - maxY), 'clear of the unprintable edge').toBeGreaterThanOrEqual(6)
        expect(mm(width - maxX)).toBeGreaterThanOrEqual(15) // inside the right margin
      }
    }
  })

  it('sizes QR codes to whole 2-pt modules and refuses text that would not scan from paper', () => {
    expect(sizedQr('BA-1').size).toBe(58) // version 3, 29 modules, 20.5 mm
    expect(sizedQr('BA-1').node).toMatchObject({ version: 3, eccLevel: 'M', fit: 58 })
    expect(sizedQr('GUDANG-PEMILU:BA-PNR-2024-0514:18204:3f9a0c1b2d4e5f60').size).toBe(66) // version 4
    expect(sizedQr('x'.repeat(84)).node).toMatchObject({ version: 5, eccLevel: 'M' })
    // Longer text (a kotak label with a long dapil name) keeps level M up to version 7, then level L.
    expect(sizedQr('x'.repeat(85)).node).toMatchObject({ version: 6, eccLevel: 'M' })
    expect(sizedQr('x'.repeat(122)).node).toMatchObject({ version: 7, eccLevel: 'M', fit: 90 })
    expect(sizedQr('x'.repeat(123)).node).toMatchObject({ version: 6, eccLevel: 'L' })
    expect(sizedQr('x'.repeat(154)).node).toMatchObject({ version: 7, eccLevel: 'L' })
    expect(() => sizedQr('x'.repeat(155))).toThrow('terlalu panjang')
    expect(sizedQr('Dokumen Pemilu — Batu Bara').node.qr).toBe('Dokumen Pemilu — Batu Bara')
    expect(() => sizedQr('Dokumen 🗳')).toThrow('emoji')
  })

  it('gives identical bytes for identical input, in memory and on disk, with metadata set', async () => {
    const def = buildOfficialDocument(sampleBa())
    const [one, two] = [await renderPdf(def), await renderPdf(def)]
    expect(one.equals(two)).toBe(true)
    expect(one.equals(readFileSync(a4))).toBe(true)
    const info = run('pdfinfo', [a4])
    expect(info).toMatch(
      /^Title:\s+BERITA ACARA PENERIMAAN LOGISTIK PEMILIHAN UMUM TAHUN 2024 Nomor 514\/PP\.09\.4-BA\/1219\/2024$/im,
    )
    expect(info).toMatch(/^Author:\s+Gudang Pemilu$/m)
    expect(info).toMatch(/^Creator:\s+Gudang Pemilu$/m)
    // 14.05 WIB is 07.05 UTC
    expect(run('pdfinfo', ['-isodates', a4])).toMatch(/^CreationDate:\s+2024-07-11T07:05:00/m)
    // the fonts are embedded, not substituted by the viewer
    expect(run('pdffonts', [a4])).toMatch(/LiberationSans-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes/)
  })

  it('leaves no file and no temporary file when rendering fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ba-'))
    try {
      const target = join(dir, 'ba.pdf')
      writeFileSync(target, 'versi lama')
      const broken = buildOfficialDocument(
        sampleBa({ kop: { ...sampleBa().kop, logo: { data: new Uint8Array([1, 2, 3]), mime: 'image/png' } } }),
      )
      await expect(renderPdfToFile(broken, target)).rejects.toThrow()
      expect(readdirSync(dir)).toEqual(['ba.pdf'])
      expect(readFileSync(target, 'utf8')).toBe('versi lama')
      await renderPdfToFile(buildOfficialDocument(sampleBa({ rows: 3 })), target)
      expect(readdirSync(dir)).toEqual(['ba.pdf'])
      expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses local files and URLs as images', async () => {
    const def = buildOfficialDocument(sampleBa({ rows: 2 }))
    const secret = join(resolveFontsDir(), 'LICENSE-LiberationSans.txt')
    await expect(renderPdf({ ...def, images: { kopLogo: secret } })).rejects.toThrow(/access policy/)
    expect(existsSync(secret)).toBe(true)
  })

  it('finds the fonts through GUDANG_RESOURCES_DIR and says where they are missing', () => {
    const repoResources = resolve(__dirname, '../../resources')
    const before = process.env.GUDANG_RESOURCES_DIR
    try {
      process.env.GUDANG_RESOURCES_DIR = repoResources
      expect(resolveFontsDir()).toBe(join(repoResources, 'fonts'))
      process.env.GUDANG_RESOURCES_DIR = tmpdir()
      expect(() => resolveFontsDir()).toThrow(/tidak ditemukan/)
    } finally {
      if (before === undefined) delete process.env.GUDANG_RESOURCES_DIR
      else process.env.GUDANG_RESOURCES_DIR = before
    }
    expect(resolveFontsDir(repoResources)).toBe(join(repoResources, 'fonts'))
    // packaged: <resources>/app.asar/out/main, fonts copied to <resources>/fonts by electron-builder
    const packaged = mkdtempSync(join(tmpdir(), 'resources-'))
    try {
      mkdirSync(join(packaged, 'app.asar', 'out', 'main'), { recursive: true })
      mkdirSync(join(packaged, 'fonts'))
      writeFileSync(
        join(packaged, 'fonts', 'LiberationSans-Regular.ttf'),
        readFileSync(join(repoResources, 'fonts', 'LiberationSans-Regular.ttf')),
      )
      expect(findFontsDir([join(packaged, 'app.asar', 'out', 'main')])).toBe(join(packaged, 'fonts'))
      expect(findFontsDir([join(repoResources, '..', 'src', 'reports', 'pdf')])).toBe(join(repoResources, 'fonts'))
    } finally {
      rmSync(packaged, { recursive: true, force: true })
    }
  })

  it('keeps hyphenated words and document numbers whole so justification only stretches spaces', () => {
    expect(
      keepCompoundsWhole(['Nomor ', strong('514/PP.09.4-BA/1219/2024'), ', dibuat sebenar-benarnya oleh kami.']),
    ).toEqual([
      'Nomor ',
      { bold: true, text: '514/PP.09.4-BA/1219/2024', noWrap: true },
      ', dibuat ',
      { text: 'sebenar-benarnya ', noWrap: true },
      'oleh kami.',
    ])
    expect(keepCompoundsWhole('tanpa tanda hubung')).toEqual(['tanpa tanda hubung'])
    // the rendered closing sentence has no gap inside "sebenar-benarnya" (pdftotext shows stretched gaps as spaces)
    expect(pdfText(join(OUT, 'ba-penerimaan-a4-asli.pdf'))).toContain('sebenar-benarnya')
  })

  it('adds exactly the asked vertical space with spacer()', async () => {
    const file = join(OUT, 'spacer.pdf')
    const def = (gap: Content[]): PdfDocDefinition => ({
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 40],
      defaultStyle: { font: FONT_FAMILY, fontSize: 12 },
      content: ['ATAS', ...gap, 'BAWAH'],
    })
    const yOfBawah = async (gap: Content[]) => {
      writeFileSync(file, await renderPdf(def(gap)))
      return Number(/yMin="([\d.]+)"[^>]*>BAWAH</.exec(run('pdftotext', ['-bbox', file, '-']))![1])
    }
    expect((await yOfBawah([spacer(50)])) - (await yOfBawah([]))).toBeCloseTo(50, 1)
    rmSync(file)
  })

  it('checks table rows against the columns', () => {
    expect(() => dataTable({ columns: [{ header: 'A' }, { header: 'B', numeric: true }], rows: [['x']] })).toThrow(
      'Baris 1 tabel berisi 1 sel, seharusnya 2',
    )
  })
})
