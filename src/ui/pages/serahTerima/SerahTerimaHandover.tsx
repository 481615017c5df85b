import { useMemo, useState, type FormEvent } from 'react'
import type { VariantInfo } from '../../../api/contract'
import { fieldErrors, invoke, toApiError, type ApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Dialog } from '../../components/Dialog'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { Field } from '../../components/Form'
import { HistoryLink, useHistory } from '../../components/History'
import { StatusBadge } from '../../components/StatusBadge'
import { fmt, fmtTanggal, fmtWaktu, readCount } from '../../format'
import { type Handover } from './SerahTerimaShared'
import { usePrint } from '../dokumen/DokumenShared'
import { VariantLabel } from '../penerimaan/PenerimaanShared'

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
  const { print, isBusy } = usePrint()
  if (h.documentId === null) return null
  const id = h.documentId
  return (
    <button
      type="button"
      className={`btn ${primary ? 'btn-primary' : 'btn-secondary'} btn-small`}
      disabled={isBusy(id, 'pdf')}
      onClick={() => void print({ id, nomor: h.nomor, type: 'BA_SERAH_TERIMA' }, 'pdf')}
    >
      {isBusy(id, 'pdf') ? 'Mengunduh…' : label}
    </button>
  )
}

/** Past handovers of one kecamatan: the BA, the PPK's confirmation of receipt, and the ledger rows behind it. */
export function HandoverTable({ rows }: { rows: Handover[] }) {
  const [confirming, setConfirming] = useState<Handover | null>(null)
  const history = useHistory()
  return (
    <>
      <div className="table-wrap">
        <table className="table serah-terima-handover-table" data-testid="serah-terima-handovers">
          <thead>
            <tr>
              <th scope="col">Nomor BA</th>
              <th scope="col">Tanggal</th>
              <th scope="col">Diterima oleh</th>
              <th scope="col" className="num">
                TPS
              </th>
              <th scope="col">Kendaraan · catatan</th>
              <th scope="col">Konfirmasi PPK</th>
              <th scope="col">
                <span className="visually-hidden">Tindakan</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => (
              <tr key={h.id} data-testid={`handover-${h.id}`}>
                <td className="serah-terima-nomor">{h.nomor ?? <span className="muted">#{h.id}</span>}</td>
                <td>
                  {fmtTanggal(h.tanggal, 'date')}
                  <span className="muted small block">dicatat {h.actor}</span>
                </td>
                <td>
                  {h.ppkNama}
                  <span className="muted small block">{h.ppkJabatan}</span>
                </td>
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
                  {h.confirmed ? (
                    <>
                      <StatusBadge state="diterima">✓ Diterima PPK</StatusBadge>
                      <span className="muted small block">
                        {h.confirmed.note} — {h.confirmed.actor}, {fmtWaktu(h.confirmed.at)}
                      </span>
                    </>
                  ) : (
                    <StatusBadge state="diserahkan">Menunggu konfirmasi</StatusBadge>
                  )}
                </td>
                <td className="actions serah-terima-actions">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog h={confirming} onClose={() => setConfirming(null)} />
    </>
  )
}

function ConfirmDialog({ h, onClose }: { h: Handover | null; onClose(): void }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const close = () => {
    setNote('')
    setError(undefined)
    onClose()
  }
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!h) return
    setBusy(true)
    setError(undefined)
    try {
      await invoke('serahTerima.konfirmasi', { handoverId: h.id, note })
      toast.showSuccess(
        `PPK ${h.kecamatan} telah menerima logistik sesuai BA${h.nomor ? ' ' + h.nomor : ''}.`,
        'Penerimaan PPK dikonfirmasi',
      )
      refreshAll()
      close()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const errors = fieldErrors(error)
  return (
    <Dialog
      open={h !== null}
      title="Konfirmasi diterima PPK"
      onClose={close}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={close}>
            Batal
          </button>
          <button type="submit" form="serah-terima-confirm-form" className="btn btn-primary" disabled={busy}>
            {busy ? 'Menyimpan…' : 'Konfirmasi diterima'}
          </button>
        </>
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
          <Field
            label="Keterangan"
            error={errors.note}
            hint="Wajib diisi; mis. siapa yang menerima, kapan BA bertanda tangan kembali, kondisi kotak."
          >
            {(id, d, inv) => (
              <textarea
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-autofocus
              />
            )}
          </Field>
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
      <ErrorBanner error={held.error} onRetry={held.reload} title="Logistik di PPK tidak dapat dimuat" />
      {!held.data ? (
        !held.error && <Loading />
      ) : held.data.length === 0 ? (
        <p className="empty">Tidak ada logistik yang sedang dipegang PPK ini.</p>
      ) : (
        <table className="table table-compact serah-terima-held-table">
          <thead>
            <tr>
              <th scope="col">Barang</th>
              <th scope="col" className="num">
                Jumlah
              </th>
              <th scope="col">Satuan</th>
            </tr>
          </thead>
          <tbody>
            {held.data.map((r) => (
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
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
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
    setBusy(true)
    setError(undefined)
    try {
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
      toast.showSuccess(`${fmt(sum)} satuan logistik kembali dari PPK ${kecamatan} ke gudang.`, 'Pengembalian tercatat')
      refreshAll()
      onClose()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
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
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Batal
          </button>
          <button type="submit" form="serah-terima-return-form" className="btn btn-primary" disabled={busy}>
            {busy ? 'Menyimpan…' : 'Simpan pengembalian'}
          </button>
        </>
      }
    >
      <form id="serah-terima-return-form" onSubmit={(e) => void submit(e)}>
        <p>
          Logistik yang dibawa kembali PPK ke gudang: kembali ke stok bila masih layak pakai, atau disisihkan sebagai
          rusak dengan alasannya. Jumlah tidak boleh melebihi yang dipegang PPK.
        </p>
        <ErrorBanner error={error} title="Pengembalian ditolak" />
        <table className="table table-compact serah-terima-return-table">
          <thead>
            <tr>
              <th scope="col">Barang</th>
              <th scope="col" className="num">
                Di PPK
              </th>
              <th scope="col" className="num">
                Jumlah kembali
              </th>
              <th scope="col">Kembali ke</th>
              <th scope="col">Alasan rusak</th>
              <th scope="col">
                <span className="visually-hidden">Hapus</span>
              </th>
            </tr>
          </thead>
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
                      {held.map((h) => (
                        <option key={h.variantId} value={h.variantId}>
                          {h.label}
                        </option>
                      ))}
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
                          {reasonsFor(l.variantId).map((r) => (
                            <option key={r.code} value={r.code}>
                              {r.short}
                            </option>
                          ))}
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
        <Field
          label="Keterangan pengembalian"
          error={noteError}
          hint="Wajib diisi; mis. kelebihan kit TPS 004 dikembalikan PPK saat rapat koordinasi."
        >
          {(id, d, inv) => (
            <textarea
              id={id}
              aria-describedby={d}
              aria-invalid={inv}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  )
}
