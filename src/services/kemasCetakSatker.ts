import { refused } from '../core/errors'
import type { OnProgress } from '../core/progress'
import { createZip } from '../reports/zip'
import type { ReadContext } from './context'
import * as kemasCetak from './kemasCetak'
import { basename } from 'node:path'
import * as pemilihan from './pemilihan'
import { outputPath } from './keluaran'
import { reading } from './reading'
import { tempPathFor } from './tempFile'
import * as wilayah from './wilayah'

/**
 * Labels or daftar isi for every TPS of the satker: one PDF per kecamatan (the batch the warehouse
 * prints and stacks anyway) written one after another into a ZIP on disk. Memory stays at one
 * kecamatan's pages however large the satker; the file appears only when complete.
 */
export async function writeKitPrintZip(
  ctx: ReadContext,
  kind: 'label' | 'daftarIsi',
  path: string,
  opts: { ringkas?: boolean; onProgress?: OnProgress } = {},
): Promise<{ files: number; items: number; bytes: number }> {
  const kecamatan = wilayah.daftarKecamatan(reading(ctx)).filter((k) => k.tps > 0)
  if (kecamatan.length === 0) throw refused('Belum ada TPS; impor data wilayah dulu')
  const zip = await createZip(path, tempPathFor(path))
  let items = 0
  try {
    for (const [i, k] of kecamatan.entries()) {
      opts.onProgress?.({ done: i, total: kecamatan.length, unit: 'kecamatan', current: k.nama })
      const f =
        kind === 'label'
          ? await kemasCetak.cetakLabel(ctx, { kecamatanId: k.id })
          : await kemasCetak.cetakDaftarIsi(ctx, { kecamatanId: k.id }, opts.ringkas ?? false)
      await zip.add(`${String(i + 1).padStart(2, '0')}-${f.fileName}`, f.bytes)
      items += f.count
    }
    const r = await zip.close()
    opts.onProgress?.({ done: kecamatan.length, total: kecamatan.length, unit: 'kecamatan' })
    return { files: r.entries, items, bytes: r.bytes }
  } catch (err) {
    await zip.abort()
    throw err
  }
}

const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/** The whole satker's labels or daftar isi as a ZIP in the outputs folder (the long job kemas.cetakSatker). */
export async function cetakSatker(
  ctx: ReadContext,
  kind: 'label' | 'daftarIsi',
  ringkas: boolean,
  onProgress?: OnProgress,
) {
  const satker = slug(pemilihan.lihat(reading(ctx))?.satker ?? 'satker')
  const file = outputPath(ctx, `${kind === 'label' ? 'label-kotak' : 'daftar-isi'}-${satker}`, 'zip')
  const r = await writeKitPrintZip(ctx, kind, file, { ringkas, onProgress })
  return { fileName: basename(file), mime: 'application/zip', bytes: r.bytes, file, count: r.items, files: r.files }
}
