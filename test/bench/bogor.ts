/**
 * A synthetic satker the size of Kabupaten Bogor (Pemilu 2024: 40 kecamatan, 435 desa, 15,228 TPS,
 * about 3.9 million DPT). Deterministic: the same file every run.
 */
import { mulberry32 } from '../support/random'

export interface SyntheticTps {
  kodeKecamatan: string
  kecamatan: string
  kodeDesa: string
  desa: string
  nomor: number
  dpt: number
}

export const BOGOR = { kecamatan: 40, desa: 435, tps: 15_228 }

export function generateBogor(): SyntheticTps[] {
  const rand = mulberry32(3201)
  const rows: SyntheticTps[] = []
  // Spread desa over kecamatan and TPS over desa as evenly as integers allow.
  for (let d = 0; d < BOGOR.desa; d++) {
    const k = Math.floor((d * BOGOR.kecamatan) / BOGOR.desa)
    const kode = `3201${String(k + 1).padStart(2, '0')}`
    const tpsHere = Math.floor(((d + 1) * BOGOR.tps) / BOGOR.desa) - Math.floor((d * BOGOR.tps) / BOGOR.desa)
    for (let n = 1; n <= tpsHere; n++) {
      rows.push({
        kodeKecamatan: kode,
        kecamatan: `KECAMATAN ${String(k + 1).padStart(2, '0')}`,
        kodeDesa: `${kode}${String(2001 + d)}`,
        desa: `DESA ${String(d + 1).padStart(3, '0')}`,
        nomor: n,
        dpt: 200 + Math.floor(rand() * 101), // 200..300, mean about 250: 15,228 TPS -> about 3.8 million
      })
    }
  }
  return rows
}

export function toCsv(rows: SyntheticTps[]): Buffer {
  const lines = [
    'kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt',
    ...rows.map((r) => `${r.kodeKecamatan},${r.kecamatan},${r.kodeDesa},${r.desa},${r.nomor},${r.dpt}`),
  ]
  return Buffer.from(lines.join('\n') + '\n')
}
