import { refused } from '../core/errors'
import { createZip } from '../reports/zip'
import type { ServiceContext } from './context'
import { daftarIsiPdf, kotakLabelsPdf } from './cetakKit'
import { listKecamatan } from './wilayah'

/**
 * Labels or daftar isi for every TPS of the satker: one PDF per kecamatan (the batch the warehouse
 * prints and stacks anyway) written one after another into a ZIP on disk. Memory stays at one
 * kecamatan's pages however large the satker; the file appears only when complete.
 */
export interface BatchProgress {
  done: number
  total: number
  current: string
}

export async function writeKitPrintZip(
  ctx: ServiceContext,
  kind: 'label' | 'daftarIsi',
  path: string,
  opts: { ringkas?: boolean; onProgress?: (p: BatchProgress) => void; cancelled?: () => boolean } = {},
): Promise<{ files: number; items: number; bytes: number }> {
  const kecamatan = listKecamatan(ctx).filter((k) => k.tps > 0)
  if (kecamatan.length === 0) throw refused('Belum ada TPS; impor data wilayah dulu')
  const zip = await createZip(path)
  let items = 0
  try {
    for (const [i, k] of kecamatan.entries()) {
      if (opts.cancelled?.()) throw refused('Dibatalkan; tidak ada berkas yang ditulis')
      opts.onProgress?.({ done: i, total: kecamatan.length, current: k.nama })
      const f = kind === 'label' ? await kotakLabelsPdf(ctx, { kecamatanId: k.id }) : await daftarIsiPdf(ctx, { kecamatanId: k.id }, opts.ringkas ?? false)
      await zip.add(`${String(i + 1).padStart(2, '0')}-${f.fileName}`, f.bytes)
      items += f.count
    }
    const r = await zip.close()
    opts.onProgress?.({ done: kecamatan.length, total: kecamatan.length, current: '' })
    return { files: r.entries, items, bytes: r.bytes }
  } catch (err) {
    await zip.abort()
    throw err
  }
}
