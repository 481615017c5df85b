import { useMemo, useState, type FormEvent } from 'react'
import type { VariantInfo } from '../../../api/contract'
import { fieldErrors, invoke } from '../../api'
import { useApi } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { ErrorBanner } from '../../components/Feedback'
import { TextAreaField } from '../../components/Form'
import { HistoryLink, useHistory } from '../../components/History'
import { fmt, fmtTanggal, fmtWaktu, readCount } from '../../format'
import { type Handover, PpkCell, ConfirmedBadge } from './SerahTerimaShared'
import { BaRegister, PrintBaButton } from '../dokumen/DokumenShared'
import { VariantLabel } from '../penerimaan/PenerimaanShared'
import { TableHead } from '../../components/TableHead'
import { useDialogSave } from '../../components/useWrite'
import { Options } from '../../components/Options'
import { Loaded } from '../../components/Loaded'

/** The BA of one handover, printed from the register (the first print is the original, later ones SALINAN). */
export function HandoverPrintButton({
  h,
  label = 'Unduh BA',
  primary,
}: {
  h: Pick<Handover, 'documentId' | 'nomor'>
  label?: string
  primary?: boolean
}) {
  if (h.documentId === null) return null
  return (
    <PrintBaButton
      doc={{ id: h.documentId, nomor: h.nomor, type: 'BA_SERAH_TERIMA' }}
      label={label}
      primary={primary}
    />
  )
}

/** Past handovers of one kecamatan: the BA, the PPK's confirmation of receipt, and the ledger rows behind it. */
export function HandoverTable({ rows }: { rows: Handover[] }) {
  const [confirming, setConfirming] = useState<Handover | null>(null)
  const history = useHistory()
  return (
    <>
      <BaRegister
        className="serah-terima-handover-table"
        testId="serah-terima-handovers"
        rows={rows}
        rowTestId={(h) => `handover-${h.id}`}
        columns={['Tanggal', 'Diterima oleh', { label: 'TPS', num: true }, 'Kendaraan · catatan', 'Konfirmasi PPK']}
        actionsClassName="actions serah-terima-actions"
        cells={(h) => (
          <>
            <td>
              {fmtTanggal(h.tanggal, 'date')}
              <span className="muted small block">dicatat {h.actor}</span>
            </td>
            <PpkCell h={h} />
            <td className="num">
              {fmt(h.tps)}
              {h.exceptions > 0 && (
                <span className="serah-terima-exc-note block">{fmt(h.exceptions)} pengecualian</span>
              )}
            </td>
            <td>
              {h.kendaraan || <span className="muted">—</span>}
              {h.note && <span className="muted small block">{h.note}</span>}
            </td>
            <td data-testid="confirmation">
              <ConfirmedBadge confirmed={Boolean(h.confirmed)} />
              {h.confirmed && (
                <span className="muted small block">
                  {h.confirmed.note} — {h.confirmed.actor}, {fmtWaktu(h.confirmed.at)}
                </span>
              )}
            </td>
          </>
        )}
        actions={(h) => (
          <div className="serah-terima-actions-stack">
            <HandoverPrintButton h={h} />
            {!h.confirmed && (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(h)}>
                Konfirmasi diterima PPK…
              </button>
            )}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() =>
                history.open(
                  { documentId: `SERAH_TERIMA:${h.id}` },
                  `serah terima${h.nomor ? ' ' + h.nomor : ' #' + h.id}`,
                )
              }
            >
              Riwayat buku besar…
            </button>
          </div>
        )}
      />
      <ConfirmDialog h={confirming} onClose={() => setConfirming(null)} />
    </>
  )
}

function ConfirmDialog({ h, onClose }: { h: Handover | null; onClose(): void }) {
  const [note, setNote] = useState('')
  const save = useDialogSave(close)
  const { error, errors, busy } = save
  // The dialog stays mounted for the next handover: it opens again empty.
  function close() {
    setNote('')
    save.reset()
    onClose()
  }
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!h) return
    await save.run(async () => {
      await invoke('serahTerima.konfirmasi', { handoverId: h.id, note })
      return [
        `PPK ${h.kecamatan} telah menerima logistik sesuai BA${h.nomor ? ' ' + h.nomor : ''}.`,
        'Penerimaan PPK dikonfirmasi',
      ]
    })
  }
  return (
    <Dialog
      open={h !== null}
      title="Konfirmasi diterima PPK"
      onClose={close}
      footer={
        <DialogActions onCancel={close} busy={busy} label="Konfirmasi diterima" formId="serah-terima-confirm-form" />
      }
    >
      {h && (
        <form id="serah-terima-confirm-form" onSubmit={(e) => void submit(e)}>
          <p>
            Catat bahwa PPK (Panitia Pemilihan Kecamatan) {h.kecamatan} telah menerima {fmt(h.tps)} kit TPS sesuai
            berita acara <strong>{h.nomor ?? `#${h.id}`}</strong>, misalnya setelah BA bertanda tangan Ketua PPK kembali
            ke gudang.
          </p>
          <ErrorBanner error={error && !errors.note ? error : undefined} title="Konfirmasi ditolak" />
          <TextAreaField
            label="Keterangan"
            error={errors.note}
            hint="Wajib diisi; mis. siapa yang menerima, kapan BA bertanda tangan kembali, kondisi kotak."
            rows={3}
            value={note}
            onChange={setNote}
            data-autofocus
          />
        </form>
      )}
    </Dialog>
  )
}

/** What the PPK of a kecamatan holds now, and the way back into the warehouse. */
export function HeldByPpk({
  kecamatanId,
  kecamatan,
  variants,
}: {
  kecamatanId: number
  kecamatan: string
  variants: Map<number, VariantInfo>
}) {
  const held = useApi('serahTerima.lihatDiPpk', { kecamatanId })
  const [returning, setReturning] = useState(false)
  const place = `DIKIRIM:${kecamatanId}`
  return (
    <div className="serah-terima-held" data-testid="serah-terima-held">
      <div className="serah-terima-held-head">
        <h3>Logistik di tangan PPK {kecamatan}</h3>
        {held.data && held.data.length > 0 && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setReturning(true)}>
            Catat pengembalian…
          </button>
        )}
      </div>
      <Loaded
        query={held}
        title="Logistik di PPK tidak dapat dimuat"
        empty="Tidak ada logistik yang sedang dipegang PPK ini."
      >
        {(rows) => (
          <table className="table table-compact serah-terima-held-table">
            <TableHead columns={['Barang', { label: 'Jumlah', num: true }, 'Satuan']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.variantId} data-testid={`held-${r.variantId}`}>
                  <td>
                    <VariantLabel v={variants.get(r.variantId)} fallback={r.label} />
                  </td>
                  <td className="num">
                    <HistoryLink
                      value={r.qty}
                      filter={{ variantId: r.variantId, place }}
                      title={`${r.label} di PPK ${kecamatan}`}
                    />
                  </td>
                  <td>{variants.get(r.variantId)?.unit ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      {returning && held.data && (
        <ReturnDialog
          kecamatanId={kecamatanId}
          kecamatan={kecamatan}
          held={held.data}
          variants={variants}
          onClose={() => setReturning(false)}
        />
      )}
    </div>
  )
}

interface ReturnLine {
  key: number
  variantId: number
  qty: string
  ke: 'stok' | 'rusak'
  reason: string
}

function ReturnDialog({
  kecamatanId,
  kecamatan,
  held,
  variants,
  onClose,
}: {
  kecamatanId: number
  kecamatan: string
  held: { variantId: number; qty: number; label: string }[]
  variants: Map<number, VariantInfo>
  onClose(): void
}) {
  const reasons = useApi('rusak.daftarAlasan', {})
  const [lines, setLines] = useState<ReturnLine[]>([
    { key: 1, variantId: held[0]!.variantId, qty: '', ke: 'stok', reason: '' },
  ])
  const [note, setNote] = useState('')
  const { error, busy, run } = useDialogSave(onClose)
  const heldOf = useMemo(() => new Map(held.map((h) => [h.variantId, h])), [held])

  const reasonsFor = (variantId: number) => {
    const v = variants.get(variantId)
    const kind = v?.kind === 'ballot' ? 'ballot' : v?.assembled ? 'assembled' : null
    return (reasons.data ?? []).filter((r) => r.appliesTo === 'all' || r.appliesTo === kind)
  }
  const update = (key: number, patch: Partial<ReturnLine>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)))

  async function submit(e: FormEvent) {
    e.preventDefault()
    await run(async () => {
      const payload = lines.map((l) => {
        const q = readCount(l.qty)
        return {
          variantId: l.variantId,
          qty: typeof q === 'number' ? q : 0,
          ke: l.ke,
          ...(l.ke === 'rusak' ? { reason: l.reason } : {}),
        }
      })
      await invoke('serahTerima.catatPengembalian', { kecamatanId, note, lines: payload })
      const sum = payload.reduce((s, l) => s + l.qty, 0)
      return [`${fmt(sum)} satuan logistik kembali dari PPK ${kecamatan} ke gudang.`, 'Pengembalian tercatat']
    })
  }

  // Row errors come back by line number ("lines.0.qty" from the contract, row 1 from the service).
  const lineError = (i: number, column: string) =>
    error?.details.find((d) => d.column === `lines.${i}.${column}` || (d.row === i + 1 && d.column === column))?.message
  const noteError = fieldErrors(error).note

  return (
    <Dialog
      open
      wide
      title={`Pengembalian dari PPK ${kecamatan}`}
      onClose={onClose}
      footer={
        <DialogActions onCancel={onClose} busy={busy} label="Simpan pengembalian" formId="serah-terima-return-form" />
      }
    >
      <form id="serah-terima-return-form" onSubmit={(e) => void submit(e)}>
        <p>
          Logistik yang dibawa kembali PPK ke gudang: kembali ke stok bila masih layak pakai, atau disisihkan sebagai
          rusak dengan alasannya. Jumlah tidak boleh melebihi yang dipegang PPK.
        </p>
        <ErrorBanner error={error} title="Pengembalian ditolak" />
        <table className="table table-compact serah-terima-return-table">
          <TableHead
            columns={[
              'Barang',
              { label: 'Di PPK', num: true },
              { label: 'Jumlah kembali', num: true },
              'Kembali ke',
              'Alasan rusak',
              { label: 'Hapus', hidden: true },
            ]}
          />
          <tbody>
            {lines.map((l, i) => {
              const qtyErr = lineError(i, 'qty')
              const reasonErr = lineError(i, 'reason')
              const n = i + 1
              return (
                <tr key={l.key}>
                  <td>
                    <select
                      aria-label={`Barang baris ${n}`}
                      value={l.variantId}
                      onChange={(e) => update(l.key, { variantId: Number(e.target.value), reason: '' })}
                      data-autofocus={i === 0 ? '' : undefined}
                    >
                      <Options of={held} value={(h) => h.variantId} label={(h) => h.label} />
                    </select>
                  </td>
                  <td className="num">{fmt(heldOf.get(l.variantId)?.qty ?? 0)}</td>
                  <td className="num">
                    <input
                      className="serah-terima-qty"
                      inputMode="numeric"
                      aria-label={`Jumlah kembali baris ${n}`}
                      aria-invalid={qtyErr ? true : undefined}
                      value={l.qty}
                      onChange={(e) => update(l.key, { qty: e.target.value })}
                    />
                    {qtyErr && <span className="field-error block">{qtyErr}</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Kembali ke, baris ${n}`}
                      value={l.ke}
                      onChange={(e) => update(l.key, { ke: e.target.value as ReturnLine['ke'] })}
                    >
                      <option value="stok">Stok gudang (layak pakai)</option>
                      <option value="rusak">Rusak</option>
                    </select>
                  </td>
                  <td>
                    {l.ke === 'rusak' ? (
                      <>
                        <select
                          aria-label={`Alasan rusak baris ${n}`}
                          aria-invalid={reasonErr ? true : undefined}
                          value={l.reason}
                          onChange={(e) => update(l.key, { reason: e.target.value })}
                        >
                          <option value="">— pilih alasan —</option>
                          <Options of={reasonsFor(l.variantId)} value={(r) => r.code} label={(r) => r.short} />
                        </select>
                        {reasonErr && <span className="field-error block">{reasonErr}</span>}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="actions">
                    {lines.length > 1 && (
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-label={`Hapus baris ${n}`}
                        onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                      >
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="form-actions serah-terima-return-add">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() =>
              setLines((ls) => [
                ...ls,
                {
                  key: Math.max(...ls.map((x) => x.key)) + 1,
                  variantId: held[0]!.variantId,
                  qty: '',
                  ke: 'stok',
                  reason: '',
                },
              ])
            }
          >
            + Tambah baris
          </button>
        </div>
        <TextAreaField
          label="Keterangan pengembalian"
          error={noteError}
          hint="Wajib diisi; mis. kelebihan kit TPS 004 dikembalikan PPK saat rapat koordinasi."
          rows={2}
          value={note}
          onChange={setNote}
        />
      </form>
    </Dialog>
  )
}
