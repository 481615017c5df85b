import ExcelJS from 'exceljs'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, type OpenedApp } from '../../src/api/app'
import type { DocType } from '../../src/core/documents'
import { apiOf, DEMO_CSV, freshBuiltWorker, nameAllSigners, useTempDir, type Api } from '../support/api'
import { pdfTextFolded, saveDownload } from '../support/pdf'
import { dayShift } from '../support/inputs'

/**
 * Issue 13, defect 1: every dated paper states the ledger as of its date, never today's balances.
 *
 * One file lives through 4 November 2024 (Pilkada, Kabupaten Batu Bara demo) and is then copied. The copy
 * ("sebelum") issues every paper for 4 November at once; the original ("sesudah") first lives on — a
 * replacement delivery, another sortir day, a re-classification, the deliveries declared complete, a
 * destruction of every damaged sheet — and only then issues the same papers for 4 November. Both must
 * print the same figures: only the chain head each was made from (its verification code) may differ.
 *
 * 4 November, by hand:
 *   delivery SJ-1: Gubernur stated 20.000, counted 18.765 (kurang 1.235), 100 tertukar (Asahan's);
 *                  Bupati stated and counted 20.000.
 *   sortir (Melati, 3 workers): Gubernur 10.000 handed out -> 9.900 baik, CETAK 60, LAINNYA 40.
 *   retur of the 100 tertukar sheets.
 *   packing: TPS 001 of the first kecamatan gets 100 Gubernur; handed over to its PPK with an exception.
 * Position at the end of 4 November: Gubernur diterima 18.765, baik 9.900 (100 of them packed and handed
 * over), rusak 100, belum disortir 8.765.
 */
const OUT = resolve(__dirname, '../../test-results/dokumen-as-of')
const root = useTempDir('as-of')
const HARI = '2024-11-04'
/** A time on the warehouse wall in November 2024: the demo satker keeps WIB, whatever zone this PC is in. */
const wib = (day: number, hour: number) => new Date(Date.UTC(2024, 10, day, hour - 7, 0))
let clock = wib(4, 8)
const now = () => new Date(clock)

let sesudah: OpenedApp
let sebelum: OpenedApp
const A = apiOf(() => sesudah, 'Nurhayati')
const B = apiOf(() => sebelum, 'Nurhayati')
const v = { g: 0, b: 0 }
let deliveryId = 0
let returId = 0
let handoverDoc = 0
let kitTps = 0

const open = (name: string) =>
  openApp({
    dbPath: join(root, `${name}.sqlite`),
    demoCsvPath: DEMO_CSV,
    now,
    onInternalError: (m, e) => console.error(m, e),
    ...(freshBuiltWorker() ? { worker: freshBuiltWorker()! } : {}),
  })

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  sesudah = await open('sesudah')
  const { call } = A
  await nameAllSigners(A)
  for (const x of await call('barang.daftarVarian')) {
    if (x.itemCode === 'GUBERNUR') v.g = x.variantId
    if (x.itemCode === 'BUPATI') v.b = x.variantId
  }
  const items = await call('barang.daftar')
  await call('barang.ubah', { id: items.find((i) => i.code === 'GUBERNUR')!.id, payRate: 188 })
  deliveryId = (
    await call('penerimaan.catat', {
      receivedAt: `${HARI}T09:00`,
      penyedia: 'PT Pura Barutama',
      suratJalan: 'SJ-1',
      lines: [
        {
          variantId: v.g,
          statedQty: 20_000,
          countedQty: 18_765,
          tertukarQty: 100,
          tertukarNote: 'milik KPU Kabupaten Asahan',
        },
        { variantId: v.b, statedQty: 20_000, countedQty: 20_000 },
      ],
    })
  ).id
  const melati = (await call('regu.tambah', { nama: 'Melati', dailyTarget: 10_000 })).id
  for (const nama of ['Siti Aminah', 'Rudi Hartono', 'Dewi Lestari'])
    await call('pekerja.tambah', { nama, teamId: melati })
  clock = wib(4, 10)
  const s1 = await call('shift.buka', dayShift('sortir_lipat', HARI, [v.g], [melati]))
  await call('tally.simpan', {
    shiftId: s1.id,
    variantId: v.g,
    rows: [
      {
        teamId: melati,
        serahkan: 10_000,
        hasil: 9_900,
        rusak: { CETAK: 60, LAINNYA: 40 },
        rusakNote: 'tinta luntur di kolom foto',
      },
    ],
  })
  await call('shift.tutup', { shiftId: s1.id, note: 'selesai' })
  clock = wib(4, 14)
  returId = (
    await call('penerimaan.catatRetur', {
      penyedia: 'PT Pura Barutama',
      note: 'Dikembalikan untuk diteruskan ke KPU Kabupaten Asahan.',
      lines: [{ variantId: v.g, qty: 100 }],
    })
  ).id
  const kit = (await call('kemas.daftarKit', {}))[0]!
  kitTps = kit.tpsId
  const dahlia = (await call('regu.tambah', { nama: 'Dahlia' })).id
  await call('pekerja.tambah', { nama: 'Fadli Rahman', teamId: dahlia })
  const pack = await call('shift.buka', dayShift('packing', HARI, [], [dahlia], { mulai: '13:00', selesai: '17:00' }))
  await call('kemas.catat', { shiftId: pack.id, tpsId: kit.tpsId, lines: [{ variantId: v.g, qty: 100 }] })
  await call('shift.tutup', { shiftId: pack.id, note: 'selesai' })
  clock = wib(4, 16)
  handoverDoc = (
    await call('serahTerima.serahkan', {
      kecamatanId: kit.kecamatanId,
      tpsIds: [kit.tpsId],
      exceptions: [{ tpsId: kit.tpsId, reason: 'Surat suara Bupati dan perlengkapan lain menyusul' }],
      ppkNama: 'Zulkarnain Siregar',
      ppkJabatan: 'Ketua PPK',
    })
  ).document.id

  // The copy: the file as it stood at the end of 4 November.
  sesudah.close()
  copyFileSync(join(root, 'sesudah.sqlite'), join(root, 'sebelum.sqlite'))
  sesudah = await open('sesudah')
  sebelum = await open('sebelum')

  // Only the original lives on.
  clock = wib(5, 9)
  await A.call('penerimaan.catat', {
    kind: 'pengganti',
    receivedAt: '2024-11-05T09:00',
    penyedia: 'PT Pura Barutama',
    suratJalan: 'SJ-2',
    penggantiUntuk: 'Kekurangan kirim SJ-1',
    lines: [{ variantId: v.g, statedQty: 1_235, countedQty: 1_235 }],
  })
  const s2 = await A.call('shift.buka', dayShift('sortir_lipat', '2024-11-05', [v.g], [melati]))
  await A.call('tally.simpan', {
    shiftId: s2.id,
    variantId: v.g,
    rows: [{ teamId: melati, serahkan: 5_000, hasil: 4_990, rusak: { CETAK: 10 } }],
  })
  await A.call('shift.tutup', { shiftId: s2.id, note: 'selesai' })
  await A.call('rusak.reklasifikasi', { variantId: v.g, reason: 'LAINNYA', qty: 20, note: 'Noda di luar kolom' })
  await A.call('penerimaan.selesaikanKiriman', { variantId: v.g, tanggal: '2024-11-05', note: 'Penyedia: selesai' })
  clock = wib(26, 9)
  await A.call('pemusnahan.catat', {
    tanggal: '2024-11-26',
    metode: 'Dibakar',
    tempat: 'Halaman Gudang',
    lines: [
      { variantId: v.g, from: 'RUSAK:CETAK', qty: 70 },
      { variantId: v.g, from: 'RUSAK:LAINNYA', qty: 20 },
    ],
  })
  clock = wib(27, 9)
})

afterAll(() => {
  sesudah?.close()
  sebelum?.close()
})

/**
 * The text of a paper as pdftotext reads it, without the footer's verification code (the chain head) and
 * with the register's sequence number masked: the original issued a BA pemusnahan in between.
 */
async function paper(api: Api, id: number, label: string): Promise<string> {
  const d = await api.call('dokumen.cetak', { id, format: 'pdf' })
  const file = saveDownload(OUT, { ...d, fileName: `${label}-${d.fileName}` })
  return pdfTextFolded(file)
    .layout.split('\n')
    .filter((l) => !l.includes('Kode verifikasi'))
    .join('\n')
    .replace(/\s+/g, ' ')
    .replace(/\b\d+\/PP\./g, 'N/PP.')
}

async function issue(api: Api, label: string, input: Record<string, unknown> & { type: DocType }) {
  const doc = await api.call('dokumen.terbitkan', input as never)
  return paper(api, doc.id, label)
}

describe('papers dated 4 November, issued before and after later movements, state the same figures', () => {
  const inputs: (Record<string, unknown> & { type: DocType })[] = [
    { type: 'BA_SORTIR', from: HARI, to: HARI, tanggal: HARI },
    { type: 'BA_RUSAK', tanggal: HARI },
    { type: 'REKAP_UPAH', from: HARI, to: HARI, tanggal: HARI },
  ]
  it.each(inputs)('$type', async (input) => {
    const before = await issue(B, 'sebelum', input)
    const after = await issue(A, 'sesudah', input)
    expect(after).toBe(before)
    if (input.type === 'BA_SORTIR') {
      // Lampiran I, as of 4 November: Gubernur diterima 18.765, baik 9.900, rusak 100, belum disortir 8.765.
      expect(after).toContain('POSISI SURAT SUARA SAMPAI DENGAN 4 NOVEMBER 2024')
      expect(after).toContain('SUMATERA 314.448 18.765 9.900 100 8.765')
      expect(after).not.toMatch(/Kebutuhan =|Kekurangan =/)
    }
    if (input.type === 'BA_RUSAK') {
      // Rusak 100 (not 0 after the destruction, not 90 after the re-classification), 1.235 not delivered,
      // and deliveries still open on 4 November: no request, no denial.
      expect(after).toContain('SUMATERA UTARA 314.448 18.765 100 1.235 Berlangsung -')
      expect(after).toContain('masih berlangsung')
      expect(after).not.toContain('tidak diajukan permintaan')
      expect(after).not.toContain('mengajukan permintaan penggantian')
    }
  })

  it('BA penerimaan and nota pengembalian of 4 November', async () => {
    const bp = await issue(B, 'sebelum', { type: 'BA_PENERIMAAN', deliveryId })
    const ap = await issue(A, 'sesudah', { type: 'BA_PENERIMAAN', deliveryId })
    expect(ap).toBe(bp)
    expect(ap).toContain('18.765')
    const bn = await issue(B, 'sebelum', { type: 'NOTA_RETUR', returId })
    const an = await issue(A, 'sesudah', { type: 'NOTA_RETUR', returId })
    expect(an).toBe(bn)
    // One date, the return's, in the body and above the signature; whose the sheets are, from the
    // delivery, and not this satker's dapil of the type (issue 13, item 7).
    expect(an).toContain('Pada 4 November 2024 pukul 14.00')
    expect(an).toContain(', 4 November 2024')
    expect(an).not.toContain('Dapil Tercatat')
    expect(an).toMatch(/milik KPU Kabupaten Asahan 100/)
    // Numbered as a nota, not as a berita acara.
    const nota = (await A.call('dokumen.daftar', { type: 'NOTA_RETUR' }))[0]!
    expect(nota.nomor).toMatch(/^\d+\/PP\.09\.4-ND\/1219\/2024$/)
    // A nota is dated by its return: another date is refused.
    const other = await A.refusal('dokumen.terbitkan', { type: 'NOTA_RETUR', returId, tanggal: '2024-11-27' })
    expect(other.message).toContain('bertanggal hari kejadiannya (4 November 2024)')
  })

  it('BA serah terima of 4 November prints the same from the register after later movements', async () => {
    expect(await paper(A, handoverDoc, 'sesudah')).toBe(await paper(B, handoverDoc, 'sebelum'))
  })

  it('rekap harian of 4 November: every sheet, every cell', async () => {
    const cells = async (api: Api) => {
      const d = await api.call('rekap.eksporHarian', { tanggal: HARI, format: 'xlsx' })
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(d.contentBase64, 'base64') as unknown as ArrayBuffer)
      return wb.worksheets.map((ws) => {
        const out: unknown[] = [ws.name]
        // The kode saksi names the file state each was computed from, which the later movements changed.
        ws.eachRow((row) => {
          const line = JSON.stringify(row.values)
          out.push(line.includes('Kode saksi: J-') ? 'Kode saksi' : line)
        })
        return out
      })
    }
    expect(await cells(A)).toEqual(await cells(B))
  })
})

describe('the same papers dated after the later movements', () => {
  it('BA rusak of 5 November asks for exactly the damaged sheets once deliveries are complete', async () => {
    // 5 November: the pengganti of 1.235 settles the shortfall; rusak 100 + 10 - 20 re-classified = 90;
    // deliveries of Gubernur declared complete that day: the request is 90 lembar.
    const t = await issue(A, 'sesudah', { type: 'BA_RUSAK', tanggal: '2024-11-05' })
    expect(t).toContain('SUMATERA UTARA 314.448 20.000 90 0 Lengkap 90')
    expect(t).toContain(
      'mengajukan permintaan penggantian surat suara kepada penyedia sebanyak 90 (sembilan puluh) lembar',
    )
    // Bupati's deliveries are still open.
    expect(t).toMatch(/Pengiriman Surat suara Bupati Dapil KABUPATEN BATU BARA dari penyedia masih berlangsung/)
  })

  it('BA rusak of 27 November still counts the destroyed sheets as damaged', async () => {
    const t = await issue(A, 'sesudah', { type: 'BA_RUSAK', tanggal: '2024-11-27' })
    expect(t).toContain('SUMATERA UTARA 314.448 20.000 90 0 Lengkap 90')
  })
})

describe('Silog kurang kirim (issue 13, defect 2)', () => {
  /** The Silog CSV of a date as rows of cells. */
  const silog = async (tanggal: string) => {
    const d = await A.call('rekap.eksporHarian', { tanggal, format: 'csv' })
    return Buffer.from(d.contentBase64, 'base64')
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'))
  }
  it('is what the surat jalan stated less what was received, and a pengganti settles it', async () => {
    const before = await silog(HARI)
    const col = before[0]!.indexOf('Kurang Kirim (thd Surat Jalan)')
    expect(col).toBeGreaterThan(0)
    // 4 November: 20.000 stated, 18.765 counted.
    expect(before.find((r) => r[0]!.includes('Gubernur'))![col]).toBe('1235')
    // 5 November: the pengganti of 1.235 arrived; its own surat jalan is not owed on top.
    const after = await silog('2024-11-05')
    expect(after.find((r) => r[0]!.includes('Gubernur'))![col]).toBe('0')
  })
})

describe('rekap harian shows packing and handover (issue 13, defect 3)', () => {
  it('dikemas and diserahkan per type and dapil beside receiving and sortir, never added across items', async () => {
    const d = await A.call('rekap.eksporHarian', { tanggal: HARI, format: 'xlsx' })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(d.contentBase64, 'base64') as unknown as ArrayBuffer)
    const rowsOf = (name: string) => {
      const ws = wb.getWorksheet(name)
      expect(ws, name).toBeDefined()
      const out: string[][] = []
      ws!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((x) => String(x))))
      return out
    }
    const ringkasan = rowsOf('Ringkasan')
    const header = ringkasan.find((r) => r[0] === 'Jenis Surat Suara')!
    const gub = ringkasan.find((r) => r[0]!.includes('Gubernur'))!
    // 4 November: 100 Gubernur packed into TPS 001's kit and handed over with it.
    expect(gub[header.indexOf('Dikemas Hari Ini')]).toBe('100')
    expect(gub[header.indexOf('Dikemas s.d. Hari Ini')]).toBe('100')
    expect(gub[header.indexOf('Diserahkan ke PPK Hari Ini')]).toBe('100')
    expect(gub[header.indexOf('Diserahkan ke PPK s.d. Hari Ini')]).toBe('100')
    const kemas = rowsOf('Kemas dan Serah Terima')
    const kh = kemas.find((r) => r[0] === 'Barang')!
    expect(kh).toContain('Satuan')
    expect(kemas.find((r) => r[0]!.includes('Gubernur'))![kh.indexOf('Dikemas Hari Ini')]).toBe('100')
    // One row per item with its own unit, no JUMLAH adding lembar to buah.
    expect(kemas.some((r) => r[0] === 'JUMLAH')).toBe(false)
    // The packing shift's sortir columns are not applicable rather than 0.
    const shifts = rowsOf('Per Shift')
    const sh = shifts.find((r) => r[0] === 'Shift')!
    const packing = shifts.find((r) => /pengemasan/i.test(r[sh.indexOf('Jenis Shift')] ?? ''))!
    expect(packing[sh.indexOf('Baik/Siap')]).toBe('-')
  })
})

describe('rules a secretary enforces (issue 13, item 9)', () => {
  it('"Lainnya" is printed with its note, and a Pilkada BA cites no Pemilu decree', async () => {
    const sortir = (await A.call('dokumen.daftar', { type: 'BA_SORTIR' }))[0]!
    const t = await paper(A, sortir.id, 'aturan')
    expect(t).toContain('Lainnya: tinta luntur di kolom foto 40')
    expect(t).not.toContain('1395')
    const musnah = (await A.call('dokumen.daftar', { type: 'BA_PEMUSNAHAN' }))[0]!
    expect(await paper(A, musnah.id, 'aturan')).toContain('Lainnya: tinta luntur di kolom foto')
  })

  it('a second BA hasil sortir for a day already covered is issued only when confirmed', async () => {
    const again = { type: 'BA_SORTIR', from: HARI, to: HARI, tanggal: HARI } as const
    const refused = await A.refusedUnchanged('dokumen.terbitkan', again)
    expect(refused.message).toContain('Sudah terbit berita acara hasil sortir dan lipat untuk tanggal itu')
    expect(refused.details?.[0]?.column).toBe('ulang')
    // A range that includes the day is the same work too.
    await A.refusedUnchanged('dokumen.terbitkan', { ...again, from: '2024-11-03', to: '2024-11-05' })
    const confirmed = await A.call('dokumen.terbitkan', { ...again, ulang: true })
    expect(confirmed.nomor).toMatch(/^\d+\/PP\.09\.4-BA\/1219\/2024$/)
  })
})

describe('signers a secretary can sign under (issue 13, item 13)', () => {
  it('a NIP must be 18 digits with a real birth date and TMT, and is kept as printed', async () => {
    const signer = { peran: 'Yang Membuat', jabatan: 'Kasubbag KUL', nama: 'Siti Aminah', posisi: 'pihak' as const }
    const short = await A.refusedUnchanged(
      'dokumen.aturJenis',
      { type: 'BA_RUSAK', nomorPattern: null, signers: [{ ...signer, nip: '19800202 200501 2 00' }] },
      'INVALID_INPUT',
    )
    expect(JSON.stringify(short)).toContain('NIP harus 18 angka, bukan 17')
    const feb30 = await A.refusedUnchanged(
      'dokumen.aturJenis',
      { type: 'BA_RUSAK', nomorPattern: null, signers: [{ ...signer, nip: '19800230 200501 2 002' }] },
      'INVALID_INPUT',
    )
    expect(JSON.stringify(feb30)).toContain('Tanggal lahir dalam NIP (19800230) bukan tanggal yang ada')
    const ok = await A.call('dokumen.aturJenis', {
      type: 'BA_RUSAK',
      nomorPattern: null,
      signers: [{ ...signer, nip: '198002022005012002' }],
    })
    expect(ok.signers[0]!.nip).toBe('19800202 200501 2 002')
  })

  it('a document whose party has no name is not issued, and nothing is numbered', async () => {
    const jenis = (await A.call('dokumen.daftarJenis')).find((j) => j.type === 'BA_RUSAK')!
    await A.call('dokumen.aturJenis', {
      type: 'BA_RUSAK',
      nomorPattern: null,
      signers: [
        { peran: 'PIHAK PERTAMA', jabatan: 'Sekretaris KPU', nama: '', nip: '', instansi: '', posisi: 'pihak' },
      ],
    })
    const e = await A.refusedUnchanged('dokumen.terbitkan', { type: 'BA_RUSAK', tanggal: '2024-11-27' })
    expect(e.message).toContain('Nama PIHAK PERTAMA, Sekretaris KPU belum diisi')
    expect(e.details?.[0]).toMatchObject({ row: 1, column: 'signers.nama' })
    await A.call('dokumen.aturJenis', { type: 'BA_RUSAK', nomorPattern: null, signers: jenis.signers })
  })
})

describe('daftar isi from contents (issue 13, item 11)', () => {
  it('lists what was packed and the written exception, not what the kit needed', async () => {
    const d = await A.call('kemas.cetakDaftarIsi', { scope: { tpsIds: [kitTps] }, ringkas: false })
    const t = pdfTextFolded(saveDownload(OUT, d)).flat
    // TPS 001 went out with 100 Gubernur only: no Bupati line, no bilik to tick.
    expect(t).toMatch(/Surat suara Gubernur SUMATERA UTARA 100 lembar/)
    const table = t.slice(0, t.indexOf('Catatan:'))
    expect(table).not.toContain('Bilik suara')
    expect(table).not.toContain('Surat suara Bupati')
    // No kotak was packed: no kotak rows to seal.
    expect(table).not.toContain('Nomor Segel')
    expect(t).toContain('Catatan: Surat suara Bupati dan perlengkapan lain menyusul')
  })
})

describe('the open selisih as of a date (issue 13: selisihTerbuka)', () => {
  // Last in the file: it settles SJ-1's Gubernur line on 28 November, after every date the papers above use.
  it('is the kurang of 4 November before and after the line is declared settled later', async () => {
    const asOf = async (api: Api) =>
      (await api.call('rekonsiliasi.lihat', { tanggal: HARI })).map((r) => [r.variantId, r.selisihTerbuka])
    const before = await asOf(B)
    expect(before).toContainEqual([v.g, -1_235])
    expect(await asOf(A)).toEqual(before)
    clock = wib(28, 9)
    const line = (await A.call('penerimaan.lihat', { id: deliveryId })).lines.find((l) => l.variantId === v.g)!
    await A.call('penerimaan.selesaikanSelisih', { lineId: line.lineId, note: 'Ditutup oleh pengganti SJ-2' })
    // Today the shortfall is settled; on 4 November it was open, and the paper of that day says so.
    const now = await A.call('rekonsiliasi.lihat', {})
    expect(now.find((r) => r.variantId === v.g)!.selisihTerbuka).toBe(0)
    expect(await asOf(A)).toEqual(before)
    // The day after the line was delivered, before the settlement: still open.
    const nov27 = await A.call('rekonsiliasi.lihat', { tanggal: '2024-11-27' })
    expect(nov27.find((r) => r.variantId === v.g)!.selisihTerbuka).toBe(-1_235)
  })
})
