import { describe, expect, it } from 'vitest'
import { reconcile, type ReconcileInput } from '../../src/core/reconcile'

const input = (
  over: Omit<Partial<ReconcileInput>, 'balances'> & { balances: Record<string, number> },
): ReconcileInput => ({
  kebutuhan: 0,
  diterima: 0,
  tertukarDikembalikan: 0,
  usableAt: 'BAIK',
  ...over,
  balances: new Map(Object.entries(over.balances)),
})

describe('reconcile', () => {
  it('a ballot short of its need: good plus still-to-sort against the need', () => {
    const r = reconcile(
      input({
        kebutuhan: 314_448,
        diterima: 310_000,
        balances: {
          PENYEDIA: -310_500,
          DITERIMA: 250_000,
          'PROSES:1:1': 2_000,
          'PROSES:2:3': 1_000,
          BAIK: 56_800,
          'RUSAK:CETAK': 120,
          'RUSAK:KUSUT_SOBEK': 80,
          TERTUKAR: 500,
        },
        tertukarDikembalikan: 0,
      }),
    )
    // tersedia = 56.800 baik + 250.000 belum + 3.000 proses = 309.800; kurang 314.448 - 309.800 = 4.648.
    expect(r).toEqual({
      kebutuhan: 314_448,
      diterima: 310_000,
      belumDiproses: 250_000,
      proses: 3_000,
      baik: 56_800,
      dikemas: 0,
      dikirim: 0,
      rusak: { CETAK: 120, KUSUT_SOBEK: 80 },
      rusakTotal: 200,
      tertukar: 500,
      tertukarDikembalikan: 0,
      dimusnahkan: 0,
      tersedia: 309_800,
      kekurangan: 4_648,
      kelebihan: 0,
    })
  })

  it('more than needed: kelebihan, never a negative kekurangan; packed and handed over sheets still count', () => {
    const r = reconcile(
      input({
        kebutuhan: 1_000,
        diterima: 1_200,
        balances: { BAIK: 300, 'DIKEMAS:1': 400, 'DIKEMAS:2': 250, 'DIKIRIM:7': 200, DITERIMA: 30, 'RUSAK:FOTO': 20 },
      }),
    )
    // 300 + 650 + 200 + 30 = 1.180 > 1.000.
    expect(r.dikemas).toBe(650)
    expect(r.dikirim).toBe(200)
    expect(r.tersedia).toBe(1_180)
    expect(r.kekurangan).toBe(0)
    expect(r.kelebihan).toBe(180)
  })

  it('exactly the need: neither kurang nor lebih', () => {
    const r = reconcile(input({ kebutuhan: 500, balances: { BAIK: 500 } }))
    expect([r.kekurangan, r.kelebihan]).toEqual([0, 0])
  })

  it('rusak is summed per reason; zero balances and unknown places are ignored', () => {
    const r = reconcile(
      input({
        balances: {
          'RUSAK:CETAK': 5,
          'RUSAK:LAINNYA': 2,
          'RUSAK:FOTO': 0,
          'RUSAK:WARNA_PARTAI': 9,
          GUDANG: 99,
          'RUSAK:': 4,
          DIMUSNAHKAN: 11,
        },
      }),
    )
    expect(r.rusak).toEqual({ CETAK: 5, LAINNYA: 2, WARNA_PARTAI: 9 })
    expect(r.rusakTotal).toBe(16)
    expect(r.dimusnahkan).toBe(11)
    // Damaged and destroyed sheets are not available for the kits.
    expect(r.tersedia).toBe(0)
  })

  it('assembled items (kotak, bilik) are usable at SIAP; BAIK does not count for them', () => {
    const r = reconcile(
      input({
        kebutuhan: 2_892,
        usableAt: 'SIAP',
        balances: { DITERIMA: 2_490, SIAP: 380, BAIK: 7, 'RUSAK:CACAT_BAHAN': 6, 'RUSAK:RUSAK_RAKIT': 4 },
      }),
    )
    expect(r.baik).toBe(380)
    expect(r.belumDiproses).toBe(2_490)
    // 2.892 - (380 + 2.490) = 22.
    expect(r.kekurangan).toBe(22)
    expect(r.rusakTotal).toBe(10)
  })

  it('items used as received (tinta, segel): nothing is "baik", stock on hand is what is available', () => {
    const r = reconcile(
      input({ kebutuhan: 2_892, usableAt: 'DITERIMA', balances: { DITERIMA: 2_000, 'DIKEMAS:4': 500, BAIK: 100 } }),
    )
    expect(r.baik).toBe(0)
    expect(r.belumDiproses).toBe(2_000)
    expect(r.tersedia).toBe(2_500)
    expect(r.kekurangan).toBe(392)
  })

  it('passes through what the caller computed from the ledger flows', () => {
    const r = reconcile(input({ diterima: 320_000, tertukarDikembalikan: 600, balances: { TERTUKAR: 0 } }))
    expect(r.diterima).toBe(320_000)
    expect(r.tertukarDikembalikan).toBe(600)
    expect(r.tertukar).toBe(0)
  })
})
