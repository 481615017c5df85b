import { beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, useTempDir, type TestApp } from '../support/api'
import { dayShift } from '../support/inputs'
import { expectIssues } from '../support/errors'

/**
 * Drafts of a tally grid (issue 14, "typed tallies are thrown away"), through the dispatcher on a real
 * file: what two windows type is kept per row, found again by a new window, survives the app closing,
 * and is gone once the tally that used it is saved. A draft never touches the ledger.
 */
const dir = useTempDir('draf')
const GUBERNUR = 1
let app: TestApp
let shiftId = 0
let mawar = 0
let melati = 0
const kunci = () => `${shiftId}:${GUBERNUR}`

beforeAll(async () => {
  app = await openTestApp({ dir, name: 'draf', who: 'Rina (operator)' })
  mawar = (await app.call('regu.tambah', { nama: 'Mawar' })).id
  melati = (await app.call('regu.tambah', { nama: 'Melati' })).id
  await app.call('penerimaan.catat', {
    receivedAt: '2024-11-01T08:00',
    penyedia: 'PT Percetakan Contoh',
    suratJalan: 'SJ-DRAF',
    lines: [{ variantId: GUBERNUR, statedQty: 10_000, countedQty: 10_000 }],
  })
  const s = await app.call('shift.buka', dayShift('sortir_lipat', '2024-11-02', [GUBERNUR], [mawar, melati]))
  shiftId = s.id
})

const ledgerRows = () => app.ctx.db.prepare('SELECT count(*) FROM ledger').pluck().get() as number
const auditRows = () => app.ctx.db.prepare('SELECT count(*) FROM audit').pluck().get() as number

describe('tally drafts', () => {
  it('keeps what two windows type per row, as typed, without a ledger or audit row', async () => {
    const before = { ledger: ledgerRows(), audit: auditRows() }
    await app.call('draf.simpan', {
      jenis: 'tally',
      kunci: kunci(),
      bagian: { [`t:${mawar}`]: { serahkan: '4.500', 'rusak.CETAK': '-5' } },
    })
    // Another window, another team: the first window's row stays.
    await app.call('draf.simpan', { jenis: 'tally', kunci: kunci(), bagian: { [`t:${melati}`]: { serahkan: '3000' } } })
    const d = await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })
    expect(d.bagian).toEqual({
      [`t:${mawar}`]: { serahkan: '4.500', 'rusak.CETAK': '-5' },
      [`t:${melati}`]: { serahkan: '3000' },
    })
    expect(d.actor).toBe('Rina (operator)')
    expect(d.diubahAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect({ ledger: ledgerRows(), audit: auditRows() }).toEqual(before)
  })

  it('drops a row emptied by its window, and survives the app closing', async () => {
    await app.call('draf.simpan', {
      jenis: 'tally',
      kunci: kunci(),
      bagian: { [`t:${melati}`]: { serahkan: '' } },
    })
    app.close()
    app = await openTestApp({ dir, name: 'draf', who: 'Rina (operator)' })
    const d = await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })
    expect(Object.keys(d.bagian)).toEqual([`t:${mawar}`])
  })

  it('is gone for the rows a tally saves, and kept for the others', async () => {
    await app.call('draf.simpan', { jenis: 'tally', kunci: kunci(), bagian: { [`t:${melati}`]: { hasil: '12' } } })
    await app.call('tally.simpan', { shiftId, variantId: GUBERNUR, rows: [{ teamId: mawar, serahkan: 4500 }] })
    const d = await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })
    expect(d.bagian).toEqual({ [`t:${melati}`]: { hasil: '12' } })
    expect(await app.call('draf.hapus', { jenis: 'tally', kunci: kunci() })).toEqual({ dihapus: 1 })
    expect(await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })).toEqual({
      bagian: {},
      diubahAt: null,
      actor: null,
      basisSeq: null,
    })
  })

  it('keeps the version a draft was typed against: saved against it, a team changed since is refused as stale', async () => {
    const versi = (await app.call('shift.lihat', { id: shiftId })).versi
    // Typed against `versi`; the window is then reloaded (or crashes) before it is saved.
    await app.call('draf.simpan', {
      jenis: 'tally',
      kunci: kunci(),
      bagian: { [`t:${mawar}`]: { serahkan: '7' } },
      basisSeq: versi,
    })
    // Another station saves Mawar meanwhile: its save leaves this window's unsaved row of Mawar alone.
    const other = { actor: 'Budi (Meja sortir 2)', transport: 'test' as const }
    const saved = await app.dispatcher.call(
      'tally.simpan',
      { shiftId, variantId: GUBERNUR, rows: [{ teamId: mawar, serahkan: 5 }] },
      other,
    )
    expect(saved.ok).toBe(true)
    expect((await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })).bagian).toEqual({
      [`t:${mawar}`]: { serahkan: '7' },
    })
    // Nor does its grid's clean-up after the save, which takes only what it typed itself.
    await app.dispatcher.call(
      'draf.hapus',
      { jenis: 'tally', kunci: kunci(), bagian: [`t:${mawar}`], milikSaya: true },
      other,
    )
    const newer = (await app.call('shift.lihat', { id: shiftId })).versi
    expect(newer).toBeGreaterThan(versi)
    // A row typed later, against the newer version: the draft is no fresher than its stalest row.
    await app.call('draf.simpan', {
      jenis: 'tally',
      kunci: kunci(),
      bagian: { [`t:${melati}`]: { serahkan: '2' } },
      basisSeq: newer,
    })
    const restored = await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })
    expect(restored.basisSeq).toBe(versi)
    const stale = await app.dispatcher.call(
      'tally.simpan',
      { shiftId, variantId: GUBERNUR, rows: [{ teamId: mawar, serahkan: 7 }], basisSeq: restored.basisSeq! },
      { actor: 'Rina (operator)', transport: 'test' },
    )
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/Regu Mawar diubah oleh Budi \(Meja sortir 2\) pukul/),
      },
    })
    // Its own save removes its own row.
    await app.call('tally.simpan', { shiftId, variantId: GUBERNUR, rows: [{ teamId: melati, serahkan: 2 }] })
    expect(Object.keys((await app.call('draf.lihat', { jenis: 'tally', kunci: kunci() })).bagian)).toEqual([
      `t:${mawar}`,
    ])
    await app.call('draf.hapus', { jenis: 'tally', kunci: kunci() })
  })

  it('refuses a key, row or column that is not a tally grid, and a closed shift, naming the field', async () => {
    for (const [input, field] of [
      [{ jenis: 'tally', kunci: 'x:1', bagian: { 't:1': { hasil: '1' } } }, 'kunci'],
      [{ jenis: 'tally', kunci: kunci(), bagian: { 'DROP TABLE': { hasil: '1' } } }, 'bagian.DROP TABLE'],
      [{ jenis: 'tally', kunci: kunci(), bagian: { 't:1': { '1=1': '1' } } }, 'bagian.t:1.1=1'],
      [{ jenis: 'tally', kunci: kunci(), bagian: { 't:1': { hasil: 'x'.repeat(1001) } } }, 'bagian.t:1.hasil'],
    ] as const) {
      const e = await app.refusedUnchanged('draf.simpan', input, 'INVALID_INPUT')
      expect(e.details?.map((d) => d.column)).toContain(field)
    }
    const closed = await app.call('shift.buka', dayShift('sortir_lipat', '2024-11-03', [GUBERNUR], [mawar]))
    await app.call('shift.tutup', { shiftId: closed.id })
    const e = await app.refusedUnchanged('draf.simpan', {
      jenis: 'tally',
      kunci: `${closed.id}:${GUBERNUR}`,
      bagian: { [`t:${mawar}`]: { hasil: '1' } },
    })
    expect(e.message).toMatch(/sudah ditutup/)
  })

  it('keeps a new delivery form whole, replaces it as it changes, and drops it when the delivery is recorded', async () => {
    const kepala = { kind: 'biasa', penyedia: 'PT Percetakan Contoh', suratJalan: 'SJ-DRAF-2', note: '' }
    await app.call('draf.simpan', {
      jenis: 'penerimaan',
      kunci: 'baru',
      ganti: true,
      bagian: { kepala, 'baris:1': { variantId: '1', counted: '2.000' }, 'baris:2': { variantId: '2', counted: '5' } },
    })
    // A line removed from the form is gone from the draft too.
    await app.call('draf.simpan', {
      jenis: 'penerimaan',
      kunci: 'baru',
      ganti: true,
      bagian: { kepala, 'baris:1': { variantId: '1', counted: '2.000' } },
    })
    expect((await app.call('draf.lihat', { jenis: 'penerimaan', kunci: 'baru' })).bagian).toEqual({
      kepala,
      'baris:1': { variantId: '1', counted: '2.000' },
    })
    const bad = await app.refusedUnchanged(
      'draf.simpan',
      { jenis: 'penerimaan', kunci: 'baru', bagian: { 't:1': { hasil: '1' } } },
      'INVALID_INPUT',
    )
    expectIssues(bad.details, ['bagian.t:1', 'Baris draf tidak sah'])
    expect(bad.message).toBe('Isian belum benar: Baris draf — Baris draf tidak sah')
    await app.call('penerimaan.catat', {
      receivedAt: '2024-11-04T08:00',
      penyedia: 'PT Percetakan Contoh',
      suratJalan: 'SJ-DRAF-2',
      lines: [{ variantId: GUBERNUR, statedQty: 2000, countedQty: 2000 }],
    })
    expect((await app.call('draf.lihat', { jenis: 'penerimaan', kunci: 'baru' })).bagian).toEqual({})
  })

  it('keeps each Pengaturan form as its own draft, refuses what is no form of it, and drops a signers draft when they are saved', async () => {
    const isian = { satker: 'Kabupaten Batu Bara', dataNote: 'DPT masih data contoh' }
    await app.call('draf.simpan', { jenis: 'pengaturan', kunci: 'pemilihan', ganti: true, bagian: { isian } })
    await app.call('draf.simpan', {
      jenis: 'pengaturan',
      kunci: 'kop',
      ganti: true,
      bagian: { isian: { alamat: 'Jl. Access' } },
    })
    const ttd = (type: string) => ({
      jenis: 'pengaturan' as const,
      kunci: `ttd:${type}`,
      ganti: true,
      bagian: {
        isian: { pola: '{no}/PL.01-BA/{kode_wilayah}/{tahun}' },
        'penanda:1': {
          peran: 'Yang Membuat',
          jabatan: 'Kasubbag',
          nama: 'Andi',
          nip: '',
          instansi: '',
          posisi: 'pihak',
        },
      },
    })
    await app.call('draf.simpan', ttd('BA_SORTIR'))
    await app.call('draf.simpan', ttd('BA_RUSAK'))
    const d = await app.call('draf.lihat', { jenis: 'pengaturan', kunci: 'pemilihan' })
    expect(d.bagian).toEqual({ isian })
    expect(d.actor).toBe('Rina (operator)')

    for (const [input, field] of [
      [{ jenis: 'pengaturan', kunci: 'lain', bagian: { isian: { a: '1' } } }, 'kunci'],
      [{ jenis: 'pengaturan', kunci: 'ttd:ba_sortir', bagian: { isian: { a: '1' } } }, 'kunci'],
      [{ jenis: 'pengaturan', kunci: 'pemilihan', bagian: { 'baris:1': { a: '1' } } }, 'bagian.baris:1'],
      [{ jenis: 'penerimaan', kunci: 'pemilihan', bagian: { kepala: { a: '1' } } }, 'kunci'],
    ] as const) {
      const e = await app.refusedUnchanged('draf.simpan', input, 'INVALID_INPUT')
      expect(e.details?.map((x) => x.column)).toContain(field)
    }

    // Saving BA Sortir's signers: its draft goes with the save; the other forms' drafts stay.
    const before = (await app.call('dokumen.daftarJenis', {})).find((j) => j.type === 'BA_SORTIR')!
    await app.call('dokumen.aturJenis', { type: 'BA_SORTIR', nomorPattern: null, signers: before.signers })
    const left = async (kunci: string) =>
      Object.keys((await app.call('draf.lihat', { jenis: 'pengaturan', kunci })).bagian)
    expect(await left('ttd:BA_SORTIR')).toEqual([])
    expect(await left('ttd:BA_RUSAK')).toEqual(['isian', 'penanda:1'])
    expect(await left('pemilihan')).toEqual(['isian'])
    expect(await left('kop')).toEqual(['isian'])
    // A refused save keeps the draft.
    await app.refusedUnchanged('dokumen.aturJenis', { type: 'BA_RUSAK', nomorPattern: '{tahun}', signers: [] })
    expect(await left('ttd:BA_RUSAK')).toEqual(['isian', 'penanda:1'])
    // Emptied by its form (Batalkan perubahan, Buang draf): gone.
    await app.call('draf.hapus', { jenis: 'pengaturan', kunci: 'pemilihan' })
    expect(await left('pemilihan')).toEqual([])
  })
})
