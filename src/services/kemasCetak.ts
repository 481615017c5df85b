import type { KitScope, LabelGrid } from '../api/contract/kemas'
import { formatTpsNumber } from '../core/tps'
import { kotakSlots } from '../core/kit'
import { kotakLabelText } from '../core/kotakLabel'
import { refused } from '../core/errors'
import { shortItemName } from '../core/text'
import { itemColors, packedPerKit, segelOf, setSetting, settingValue } from '../db/kemas'
import { handedOverTps } from '../db/serahTerima'
import { renderDaftarIsi, type DaftarIsiKit } from '../reports/kit/daftarIsi'
import { DEFAULT_LABEL_GRID, labelSize, renderLabelSheets, type KotakLabel } from '../reports/kit/labels'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { tpsKits } from './kebutuhan'
import { kitsToCheck, unmappedIssues } from './kemas'
import { reading } from './reading'
import { listVariants } from './variants'

/**
 * What the packing floor prints: kotak labels on sticker sheets and the daftar isi of each kit, for one
 * TPS, a desa or a kecamatan, always in the order the kits are stacked. Everything here reads: the print
 * jobs run on a long job's read-only connection.
 */
function tpsInScope(ctx: ReadContext, scope: KitScope): number[] {
  const given = [scope.kecamatanId, scope.desaId, scope.tpsIds].filter((x) => x !== undefined).length
  if (given !== 1)
    throw refused('Pilih satu cakupan: satu kecamatan, satu desa/kelurahan, atau daftar TPS', [
      { column: 'scope', message: 'Cakupan tidak jelas' },
    ])
  // tpsKits is in stacking order: kecamatan, desa, TPS number.
  const all = [...tpsKits(reading(ctx)).values()].map((k) => k.tps)
  const ids =
    scope.kecamatanId !== undefined
      ? all.filter((t) => t.kecamatanId === scope.kecamatanId).map((t) => t.id)
      : scope.desaId !== undefined
        ? all.filter((t) => t.desaId === scope.desaId).map((t) => t.id)
        : all.filter((t) => scope.tpsIds!.includes(t.id)).map((t) => t.id)
  if (ids.length === 0)
    throw refused('Tidak ada TPS dalam cakupan yang dipilih', [{ column: 'scope', message: 'Kosong' }])
  const unmapped = unmappedIssues(ctx, ids)
  if (unmapped.length)
    throw refused(
      'Label dan daftar isi tidak dicetak: ada surat suara yang belum dipetakan ke dapil, sehingga kotaknya tidak dapat diberi dapil. Tidak ada yang dicetak',
      unmapped,
    )
  const toCheck = kitsToCheck(ctx, ids)
  if (toCheck.length)
    throw refused(
      `${toCheck.length} kit dalam cakupan ini perlu diperiksa; kemas ulang sesuai kebutuhan barunya sebelum mencetak`,
      toCheck,
    )
  return ids
}

const GRID_KEY = 'label_grid'

export function lihatSusunanLabel(ctx: ReadContext): LabelGrid {
  const value = settingValue(ctx.db, GRID_KEY)
  if (value === undefined) return DEFAULT_LABEL_GRID
  try {
    return { ...DEFAULT_LABEL_GRID, ...(JSON.parse(value) as Partial<LabelGrid>) }
  } catch {
    return DEFAULT_LABEL_GRID
  }
}

export function aturSusunanLabel(ctx: ServiceContext, who: Actor, grid: LabelGrid): LabelGrid {
  requireElection(ctx)
  const size = labelSize(grid)
  if (typeof size === 'string') throw refused(size, [{ column: 'rows', message: 'Label terlalu kecil' }])
  writeTx(ctx, who, 'kemas.aturSusunanLabel', () => {
    setSetting(ctx.db, GRID_KEY, JSON.stringify(grid))
    return { result: null, detail: grid }
  })
  return lihatSusunanLabel(ctx)
}

const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/** What a print job covers, for people: "Kecamatan LAUT TADOR", "Desa/Kel. TANJUNG PRAPAT, Kec. LAUT TADOR". */
function scopeTitle(ctx: ReadContext, scope: KitScope, ids: number[]): string {
  const first = tpsKits(reading(ctx)).get(ids[0]!)!.tps
  if (scope.kecamatanId !== undefined) return `Kecamatan ${first.kecamatan}`
  if (scope.desaId !== undefined) return `Desa/Kel. ${first.desa}, Kec. ${first.kecamatan}`
  return ids.length === 1
    ? `${formatTpsNumber(first.nomor)} ${first.desa}, Kec. ${first.kecamatan}`
    : `${ids.length} TPS`
}

function scopeName(ctx: ReadContext, scope: KitScope, ids: number[]): string {
  const first = tpsKits(reading(ctx)).get(ids[0]!)!.tps
  if (scope.kecamatanId !== undefined) return `kec-${slug(first.kecamatan)}`
  if (scope.desaId !== undefined) return `desa-${slug(first.desa)}`
  return ids.length === 1 ? `${slug(formatTpsNumber(first.nomor))}-${slug(first.desa)}` : `${ids.length}-tps`
}

/**
 * What the printed papers state about each kit of the scope, in stacking order: the TPS, its lines
 * (needs) with their variants and its kotak with the ballot each is for and its seal number — what
 * kemas.ts#lihatKit says about a kit, without the packing state (packed, stock, handover) that the
 * papers do not print. Read in one go for the whole scope: lihatKit per TPS runs its own queries
 * (about 1 ms a TPS, as long as laying out its page), which at 15,228 TPS was a quarter of a print job.
 */
function printKits(ctx: ReadContext, scope: KitScope) {
  const kits = tpsKits(reading(ctx))
  const variants = new Map(listVariants(reading(ctx)).map((v) => [v.variantId, v]))
  return tpsInScope(ctx, scope).map((tpsId) => {
    const { tps, lines } = kits.get(tpsId)!
    const kotakLine = lines.find((l) => variants.get(l.variantId)?.itemCode === 'KOTAK')
    const ballots = lines.map((l) => variants.get(l.variantId)!).filter((v) => v.kind === 'ballot')
    const segel = new Map(segelOf(ctx.db, tpsId).map((r) => [r.no, r.nomor]))
    return {
      tps,
      lines: lines.map((l) => ({ variant: variants.get(l.variantId)!, qty: l.qty })),
      kotak: kotakSlots(kotakLine?.qty ?? 0, ballots).map((k) => ({ ...k, segel: segel.get(k.no) ?? null })),
    }
  })
}

export function kotakLabels(ctx: ReadContext, scope: KitScope): KotakLabel[] {
  const e = requireElection(reading(ctx))
  const colorName = itemColors(ctx.db)
  const kits = printKits(ctx, scope)
  // The QR holds the Kemendagri kode desa (core/kotakLabel.ts): without it a label would say nothing a
  // PPK could check, so the desa that lack one are named rather than printed with internal ids.
  const tanpaKode = [
    ...new Map(
      kits
        .filter((k) => !k.tps.kodeDesa && k.kotak.length > 0)
        .map((k) => [k.tps.desaId, `${k.tps.desa} (Kec. ${k.tps.kecamatan})`]),
    ).values(),
  ]
  if (tanpaKode.length > 0)
    throw refused(
      `Label kotak memuat kode desa Kemendagri, tetapi ${tanpaKode.length === 1 ? 'desa' : `${tanpaKode.length} desa`} ${tanpaKode.slice(0, 5).join(', ')}${tanpaKode.length > 5 ? ', …' : ''} belum memiliki kode desa. Lengkapi kolom kode_desa lewat impor data TPS di halaman Wilayah, lalu cetak lagi.`,
    )
  return kits.flatMap(({ tps, kotak }) =>
    kotak.map((x) => {
      const v = x.ballot
      return {
        satker: e.satker,
        provinsi: e.provinsi,
        kecamatan: tps.kecamatan,
        desa: tps.desa,
        tpsNomor: tps.nomor,
        kotakNo: x.no,
        kotakOf: x.of,
        ballot: v ? shortItemName(v.itemName).toUpperCase() : null,
        dapil: v?.dapil ?? null,
        colorHex: v?.colorHex ?? null,
        colorName: v ? (colorName.get(v.itemId) ?? null) : null,
        segel: x.segel,
        qrText: kotakLabelText({
          kodeDesa: tps.kodeDesa!,
          tpsNomor: tps.nomor,
          kotakNo: x.no,
          jenis: v?.itemCode ?? null,
          dapil: v ? (v.dapil ?? '-') : null,
        }),
      }
    }),
  )
}

export async function cetakLabel(ctx: ReadContext, scope: KitScope) {
  const ids = tpsInScope(ctx, scope)
  const labels = kotakLabels(ctx, scope)
  if (labels.length === 0)
    throw refused(
      'TPS dalam cakupan ini tidak memiliki kotak suara dalam kebutuhannya (periksa aturan barang Kotak suara)',
    )
  const name = `label-kotak-${scopeName(ctx, scope, ids)}.pdf`
  return {
    fileName: name,
    mime: 'application/pdf',
    bytes: await renderLabelSheets(labels, lihatSusunanLabel(ctx), `Label kotak suara ${scopeTitle(ctx, scope, ids)}`),
    count: labels.length,
  }
}

/**
 * The daftar isi of each kit: what was packed into it (issue 13), with the exception written when it went
 * out incomplete. A kit nothing has been packed into yet lists what it needs, as the packers' checklist.
 */
export function daftarIsiKits(ctx: ReadContext, scope: KitScope): DaftarIsiKit[] {
  const e = requireElection(reading(ctx))
  const packed = new Map<number, Map<number, number>>()
  for (const r of packedPerKit(ctx.db)) {
    const m = packed.get(r.tpsId) ?? new Map<number, number>()
    m.set(r.v, r.qty)
    packed.set(r.tpsId, m)
  }
  const exceptions = new Map(handedOverTps(ctx.db).map((h) => [h.tpsId, h.exception]))
  const kotakVariants = new Set(
    listVariants(reading(ctx))
      .filter((v) => v.itemCode === 'KOTAK')
      .map((v) => v.variantId),
  )
  const packedKotak = (tpsId: number) =>
    [...(packed.get(tpsId) ?? new Map<number, number>())].reduce((s, [v, q]) => s + (kotakVariants.has(v) ? q : 0), 0)
  return printKits(ctx, scope).map(({ tps, lines, kotak: needed }) => {
    // The kotak rows too are those packed: an incomplete kit without kotak lists none to seal.
    const kotak = packed.has(tps.id)
      ? needed.filter((x) => x.no <= packedKotak(tps.id)).map((x) => ({ ...x, of: packedKotak(tps.id) }))
      : needed
    return {
      provinsi: e.provinsi,
      satker: e.satker,
      kecamatan: tps.kecamatan,
      desa: tps.desa,
      nomor: tps.nomor,
      dpt: tps.dpt,
      ...(exceptions.get(tps.id) ? { catatan: exceptions.get(tps.id)! } : {}),
      lines: (packed.has(tps.id)
        ? lines.map((l) => ({ ...l, qty: packed.get(tps.id)!.get(l.variant.variantId) ?? 0 })).filter((l) => l.qty > 0)
        : lines
      ).map(({ variant: v, qty }) => ({
        item: v.kind === 'ballot' ? shortItemName(v.itemName) : v.itemName,
        dapil: v.dapil,
        qty,
        unit: v.unit,
      })),
      kotak: kotak.map((x) => ({
        no: x.no,
        of: x.of,
        isi: x.ballot
          ? `${shortItemName(x.ballot.itemName)}${x.ballot.dapil ? ' · Dapil ' + x.ballot.dapil : ''}`
          : null,
        segel: x.segel,
      })),
    }
  })
}

export async function cetakDaftarIsi(ctx: ReadContext, scope: KitScope, compact: boolean) {
  const ids = tpsInScope(ctx, scope)
  const kits = daftarIsiKits(ctx, scope)
  const e = requireElection(reading(ctx))
  const name = `daftar-isi-kit-${scopeName(ctx, scope, ids)}.pdf`
  const pemilihan = `${e.jenis === 'pemilu' ? 'Pemilihan Umum' : 'Pemilihan Serentak'} Tahun ${e.tahun} · KPU ${e.satker}`
  return {
    fileName: name,
    mime: 'application/pdf',
    bytes: await renderDaftarIsi(kits, {
      namaPemilihan: pemilihan,
      compact,
      title: `Daftar isi kit · ${scopeTitle(ctx, scope, ids)}`,
    }),
    count: kits.length,
  }
}
