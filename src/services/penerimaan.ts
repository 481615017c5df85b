import { AppError, refused, type Issue } from '../core/errors'
import { MAX_MOVE_QTY, type MoveInput } from '../core/moves'
import { findSameName } from '../core/names'
import { isIsoDate } from '../core/shifts'
import { formatAngka } from '../core/terbilang'
import { writeTx, type Actor, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { recordMoves } from './ledger'
import { getVariant } from './variants'

/**
 * Receiving from the printer (penerimaan): what the surat jalan says, what was counted, and what turned
 * out to belong to another satker or dapil (tertukar). Counted sheets move PENYEDIA -> DITERIMA, tertukar
 * sheets PENYEDIA -> TERTUKAR, both referencing the delivery as document 'PENERIMAAN:<id>'.
 */
export interface DeliveryLineInput {
  variantId: number
  dus?: number | null | undefined
  isiPerDus?: number | null | undefined
  /** What the surat jalan/BTTB says; dus x isi per dus when left out. */
  statedQty?: number | null | undefined
  countedQty: number
  tertukarQty: number
  tertukarNote: string
}

export interface DeliveryInput {
  kind: 'biasa' | 'pengganti'
  /** Local date and time the goods arrived: 'YYYY-MM-DDTHH:MM'. */
  receivedAt: string
  penyedia: string
  suratJalan: string
  bttb: string
  kendaraan: string
  pengemudi: string
  wakilNama: string
  wakilJabatan: string
  penggantiUntuk: string
  note: string
  lines: DeliveryLineInput[]
}

export const deliveryRef = (id: number): string => `PENERIMAAN:${id}`
export const returRef = (id: number): string => `RETUR:${id}`

/**
 * The penyedia as the warehouse already writes it: "PT PURA BARUTAMA" or "PT Pura  Barutama" is the
 * printer already on record, so deliveries and returns of one printer are listed under one name.
 */
function knownPenyedia(ctx: ServiceContext, penyedia: string): string {
  const names = ctx.db
    .prepare('SELECT penyedia FROM delivery UNION SELECT penyedia FROM retur')
    .pluck()
    .all() as string[]
  return findSameName(penyedia, names) ?? penyedia
}

export function catat(ctx: ServiceContext, who: Actor, given: DeliveryInput) {
  requireElection(ctx)
  const input = { ...given, penyedia: knownPenyedia(ctx, given.penyedia) }
  const issues: Issue[] = []
  const seen = new Set<number>()
  const lines = input.lines.map((l, i) => {
    const row = i + 1
    const v = (() => {
      try {
        return getVariant(ctx, l.variantId)
      } catch {
        issues.push({ row, column: 'variantId', message: `Barang dengan id ${l.variantId} tidak dikenal` })
        return null
      }
    })()
    if (seen.has(l.variantId))
      issues.push({
        row,
        column: 'variantId',
        message: `${v?.label ?? 'Barang ini'} disebut dua kali; gabungkan menjadi satu baris`,
      })
    seen.add(l.variantId)
    const fromDus = l.dus != null && l.isiPerDus != null ? l.dus * l.isiPerDus : null
    const stated = l.statedQty ?? fromDus
    if (fromDus !== null && fromDus > MAX_MOVE_QTY) {
      issues.push({
        row,
        column: 'dus',
        message: `${formatAngka(l.dus!)} dus x ${formatAngka(l.isiPerDus!)} melebihi batas jumlah satu pengiriman; periksa angkanya`,
      })
    } else if (stated === null)
      issues.push({
        row,
        column: 'statedQty',
        message: 'Isi jumlah menurut surat jalan, atau jumlah dus dan isi per dus',
      })
    else if (fromDus !== null && stated > fromDus) {
      issues.push({
        row,
        column: 'statedQty',
        message: `Jumlah menurut surat jalan ${formatAngka(stated)} melebihi ${formatAngka(l.dus!)} dus x ${formatAngka(l.isiPerDus!)} = ${formatAngka(fromDus)}`,
      })
    }
    if (l.countedQty + l.tertukarQty === 0)
      issues.push({
        row,
        column: 'countedQty',
        message: 'Jumlah terhitung dan tertukar keduanya nol; hapus baris ini bila barangnya tidak datang',
      })
    if (l.tertukarQty > 0 && l.tertukarNote.trim() === '') {
      issues.push({
        row,
        column: 'tertukarNote',
        message: 'Tulis milik siapa surat suara yang tertukar (satker atau dapil), untuk nota pengembalian',
      })
    }
    return { ...l, stated: stated ?? 0, variant: v }
  })
  if (!isIsoDate(input.receivedAt.slice(0, 10))) {
    issues.push({
      column: 'receivedAt',
      message: `Tanggal penerimaan "${input.receivedAt.slice(0, 10)}" tidak ada di kalender`,
    })
  }
  if (input.kind === 'pengganti' && input.penggantiUntuk.trim() === '') {
    issues.push({
      column: 'penggantiUntuk',
      message: 'Sebutkan penggantian untuk apa (mis. nomor BA surat suara rusak/kurang)',
    })
  }
  const dup = ctx.db
    .prepare(
      'SELECT id FROM delivery WHERE lower(trim(penyedia)) = lower(trim(?)) AND lower(trim(surat_jalan)) = lower(trim(?))',
    )
    .get(input.penyedia, input.suratJalan) as { id: number } | undefined
  if (dup)
    issues.push({
      column: 'suratJalan',
      message: `Surat jalan ${input.suratJalan} dari ${input.penyedia} sudah dicatat pada penerimaan #${dup.id}`,
    })
  if (issues.length) throw refused('Penerimaan ditolak; tidak ada yang dicatat', issues)

  return writeTx(ctx, who, 'penerimaan.catat', () => {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO delivery (kind, received_at, penyedia, surat_jalan, bttb, kendaraan, pengemudi, wakil_nama, wakil_jabatan, pengganti_untuk, note, recorded_at, recorded_by)
           VALUES (@kind, @receivedAt, @penyedia, @suratJalan, @bttb, @kendaraan, @pengemudi, @wakilNama, @wakilJabatan, @penggantiUntuk, @note, @at, @actor)`,
        )
        .run({ ...input, at: ctx.now().toISOString(), actor: who.actor }).lastInsertRowid,
    )
    const insertLine = ctx.db.prepare(
      'INSERT INTO delivery_line (delivery_id, variant_id, dus, isi_per_dus, stated_qty, tertukar_note) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const moves: MoveInput[] = []
    const note = input.kind === 'pengganti' ? `Pengganti: ${input.penggantiUntuk}` : null
    for (const l of lines) {
      insertLine.run(id, l.variantId, l.dus ?? null, l.isiPerDus ?? null, l.stated, l.tertukarNote.trim())
      if (l.countedQty > 0)
        moves.push({
          variantId: l.variantId,
          from: 'PENYEDIA',
          to: 'DITERIMA',
          qty: l.countedQty,
          documentId: deliveryRef(id),
          note,
        })
      if (l.tertukarQty > 0) {
        moves.push({
          variantId: l.variantId,
          from: 'PENYEDIA',
          to: 'TERTUKAR',
          qty: l.tertukarQty,
          documentId: deliveryRef(id),
          note: l.tertukarNote.trim(),
        })
      }
    }
    recordMoves(ctx, who, moves)
    return { result: id, detail: { id, ...input } }
  })
}

interface DeliveryRow {
  id: number
  kind: 'biasa' | 'pengganti'
  received_at: string
  penyedia: string
  surat_jalan: string
  bttb: string
  kendaraan: string
  pengemudi: string
  wakil_nama: string
  wakil_jabatan: string
  pengganti_untuk: string
  note: string
  recorded_at: string
  recorded_by: string
}

export interface DeliveryLine {
  lineId: number
  variantId: number
  label: string
  unit: string
  dus: number | null
  isiPerDus: number | null
  statedQty: number
  countedQty: number
  tertukarQty: number
  tertukarNote: string
  /** counted - stated: below zero kurang, above zero lebih. */
  selisih: number
  selesai: { at: string; actor: string; note: string } | null
}

export interface Delivery {
  id: number
  kind: 'biasa' | 'pengganti'
  receivedAt: string
  penyedia: string
  suratJalan: string
  bttb: string
  kendaraan: string
  pengemudi: string
  wakilNama: string
  wakilJabatan: string
  penggantiUntuk: string
  note: string
  recordedAt: string
  recordedBy: string
  lines: DeliveryLine[]
  /** Nomor of the BA penerimaan once issued. */
  baNomor: string | null
  baDocumentId: number | null
}

/**
 * Counted and tertukar per line are sums of the ledger rows of this delivery, corrections included,
 * so the numbers shown are always the ledger's.
 */
function linesOf(ctx: ServiceContext, deliveryId: number): DeliveryLine[] {
  const rows = ctx.db
    .prepare(
      `SELECT l.id AS lineId, l.variant_id AS variantId, l.dus, l.isi_per_dus AS isiPerDus, l.stated_qty AS statedQty, l.tertukar_note AS tertukarNote,
              coalesce((SELECT sum(CASE WHEN g.to_place = 'DITERIMA' THEN g.qty WHEN g.from_place = 'DITERIMA' THEN -g.qty ELSE 0 END)
                        FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS countedQty,
              coalesce((SELECT sum(CASE WHEN g.to_place = 'TERTUKAR' THEN g.qty WHEN g.from_place = 'TERTUKAR' THEN -g.qty ELSE 0 END)
                        FROM ledger g WHERE g.document_id = ? AND g.variant_id = l.variant_id), 0) AS tertukarQty,
              s.at AS selesaiAt, s.actor AS selesaiActor, s.note AS selesaiNote
       FROM delivery_line l LEFT JOIN selisih_selesai s ON s.delivery_line_id = l.id
       WHERE l.delivery_id = ? ORDER BY l.id`,
    )
    .all(deliveryRef(deliveryId), deliveryRef(deliveryId), deliveryId) as (Omit<
    DeliveryLine,
    'label' | 'unit' | 'selisih' | 'selesai'
  > & {
    selesaiAt: string | null
    selesaiActor: string | null
    selesaiNote: string | null
  })[]
  return rows.map(({ selesaiAt, selesaiActor, selesaiNote, ...r }) => {
    const v = getVariant(ctx, r.variantId)
    return {
      ...r,
      label: v.label,
      unit: v.unit,
      selisih: r.countedQty - r.statedQty,
      selesai: selesaiAt ? { at: selesaiAt, actor: selesaiActor ?? '', note: selesaiNote ?? '' } : null,
    }
  })
}

function toDelivery(ctx: ServiceContext, r: DeliveryRow): Delivery {
  const ba = ctx.db
    .prepare(`SELECT id, nomor FROM document WHERE doc_type = 'BA_PENERIMAAN' AND ref = ? ORDER BY id DESC LIMIT 1`)
    .get(deliveryRef(r.id)) as { id: number; nomor: string | null } | undefined
  return {
    id: r.id,
    kind: r.kind,
    receivedAt: r.received_at,
    penyedia: r.penyedia,
    suratJalan: r.surat_jalan,
    bttb: r.bttb,
    kendaraan: r.kendaraan,
    pengemudi: r.pengemudi,
    wakilNama: r.wakil_nama,
    wakilJabatan: r.wakil_jabatan,
    penggantiUntuk: r.pengganti_untuk,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    lines: linesOf(ctx, r.id),
    baNomor: ba?.nomor ?? null,
    baDocumentId: ba?.id ?? null,
  }
}

export function daftar(ctx: ServiceContext): Delivery[] {
  const rows = ctx.db.prepare('SELECT * FROM delivery ORDER BY received_at DESC, id DESC').all() as DeliveryRow[]
  return rows.map((r) => toDelivery(ctx, r))
}

export function lihat(ctx: ServiceContext, id: number): Delivery {
  const r = ctx.db.prepare('SELECT * FROM delivery WHERE id = ?').get(id) as DeliveryRow | undefined
  if (!r)
    throw new AppError('NOT_FOUND', `Penerimaan #${id} tidak ditemukan`, [{ column: 'id', message: 'Tidak ditemukan' }])
  return toDelivery(ctx, r)
}

/** The coordinator marks a kurang/lebih as settled (replacement arrived, printer's recount agreed, …). */
export function selesaikanSelisih(ctx: ServiceContext, who: Actor, lineId: number, note: string) {
  const line = ctx.db.prepare('SELECT delivery_id AS deliveryId FROM delivery_line WHERE id = ?').get(lineId) as
    { deliveryId: number } | undefined
  if (!line)
    throw new AppError('NOT_FOUND', `Baris penerimaan #${lineId} tidak ditemukan`, [
      { column: 'lineId', message: 'Tidak ditemukan' },
    ])
  const current = lihat(ctx, line.deliveryId).lines.find((l) => l.lineId === lineId)!
  if (current.selisih === 0)
    throw refused(`${current.label}: jumlah terhitung sama dengan surat jalan; tidak ada selisih untuk diselesaikan`)
  if (current.selesai) throw refused(`Selisih ${current.label} sudah dinyatakan selesai oleh ${current.selesai.actor}`)
  writeTx(ctx, who, 'penerimaan.selesaikanSelisih', () => {
    ctx.db
      .prepare('INSERT INTO selisih_selesai (delivery_line_id, at, actor, note) VALUES (?, ?, ?, ?)')
      .run(lineId, ctx.now().toISOString(), who.actor, note)
    return { result: null, detail: { lineId, deliveryId: line.deliveryId, selisih: current.selisih, note } }
  })
  return lihat(ctx, line.deliveryId)
}

/** Every kurang/lebih not yet settled, for the Beranda warning and the BA surat suara rusak/kurang. */
export function openSelisih(ctx: ServiceContext) {
  return daftar(ctx).flatMap((d) =>
    d.lines
      .filter((l) => l.selisih !== 0 && !l.selesai)
      .map((l) => ({
        deliveryId: d.id,
        penyedia: d.penyedia,
        suratJalan: d.suratJalan,
        receivedAt: d.receivedAt,
        ...l,
      })),
  )
}

export interface ReturInput {
  penyedia: string
  note: string
  lines: { variantId: number; qty: number }[]
}

/** Tertukar sheets leave the warehouse back to the printer with a return note. */
export function catatRetur(ctx: ServiceContext, who: Actor, given: ReturInput) {
  requireElection(ctx)
  const input = { ...given, penyedia: knownPenyedia(ctx, given.penyedia) }
  return writeTx(ctx, who, 'penerimaan.catatRetur', () => {
    const id = Number(
      ctx.db
        .prepare('INSERT INTO retur (at, actor, penyedia, note) VALUES (?, ?, ?, ?)')
        .run(ctx.now().toISOString(), who.actor, input.penyedia, input.note).lastInsertRowid,
    )
    recordMoves(
      ctx,
      who,
      input.lines.map((l) => ({
        variantId: l.variantId,
        from: 'TERTUKAR',
        to: 'PENYEDIA',
        qty: l.qty,
        documentId: returRef(id),
        note: input.note,
      })),
    )
    return { result: { id }, detail: { id, ...input } }
  })
}

export function daftarRetur(ctx: ServiceContext) {
  const rows = ctx.db.prepare('SELECT id, at, actor, penyedia, note FROM retur ORDER BY id DESC').all() as {
    id: number
    at: string
    actor: string
    penyedia: string
    note: string
  }[]
  const lines = ctx.db.prepare(
    `SELECT variant_id AS variantId, sum(qty) AS qty FROM ledger WHERE document_id = ? GROUP BY variant_id`,
  )
  const nota = ctx.db.prepare(
    `SELECT id, nomor FROM document WHERE doc_type = 'NOTA_RETUR' AND ref = ? ORDER BY id DESC LIMIT 1`,
  )
  return rows.map((r) => ({
    ...r,
    ...(() => {
      const n = nota.get(returRef(r.id)) as { id: number; nomor: string | null } | undefined
      return { notaDocumentId: n?.id ?? null, notaNomor: n?.nomor ?? null }
    })(),
    lines: (lines.all(returRef(r.id)) as { variantId: number; qty: number }[]).map((l) => ({
      ...l,
      label: getVariant(ctx, l.variantId).label,
    })),
  }))
}
