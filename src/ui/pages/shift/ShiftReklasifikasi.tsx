import { useId, useState, type FormEvent } from 'react'
import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { useDialogSave } from '../../components/useWrite'
import { Field, TextField } from '../../components/Form'
import { variantShort } from '../../components/TallyGrid'
import { Options } from '../../components/Options'
import { fmt, readCount } from '../../format'
import { type Shift, Unplaced } from './ShiftForms'

/** Re-classifying damaged sheets as usable after all, with the reason recorded in the ledger. */

export function ReklasifikasiDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const formId = useId()
  const reasons = useApi('rusak.daftarAlasan', {})
  const recon = useApi('rekonsiliasi.lihat', {})
  const [variantId, setVariantId] = useState(shift.variants[0]?.variantId ?? 0)
  const [reason, setReason] = useState('')
  const [qty, setQty] = useState('')
  const [note, setNote] = useState('')
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const variant = shift.variants.find((v) => v.variantId === variantId)
  const applicable = (reasons.data ?? []).filter(
    (r) => r.appliesTo === 'all' || r.appliesTo === (variant?.kind === 'ballot' ? 'ballot' : 'assembled'),
  )
  const rusakNow = recon.data?.find((r) => r.variantId === variantId)?.rusak ?? {}
  const reasonCode = applicable.some((r) => r.code === reason)
    ? reason
    : (applicable.find((r) => (rusakNow[r.code] ?? 0) > 0)?.code ?? applicable[0]?.code ?? '')

  function submit(e: FormEvent) {
    e.preventDefault()
    const n = readCount(qty)
    if (typeof n !== 'number') {
      setError(
        new ApiError('INVALID_INPUT', 'Periksa isian yang ditandai', [
          { column: 'qty', message: 'Isi dengan bilangan bulat' },
        ]),
      )
      return
    }
    void run(async () => {
      await invoke('rusak.reklasifikasi', {
        variantId,
        reason: reasonCode,
        qty: n,
        note,
        shiftId: shift.status === 'open' ? shift.id : null,
      })
      return [
        `${fmt(n)} ${shift.unit} dinyatakan layak pakai; tercatat sebagai reklasifikasi.`,
        'Reklasifikasi tersimpan',
      ] as const
    })
  }

  return (
    <Dialog
      open
      title="Reklasifikasi rusak → layak pakai"
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} busy={busy} label="Simpan reklasifikasi" formId={formId} />}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p className="muted">
          {shift.kind === 'sortir_lipat'
            ? 'Untuk surat suara yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai (mis. noda di luar kolom foto, nomor dan nama).'
            : 'Untuk kotak atau bilik yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai.'}{' '}
          Tercatat di buku besar sebagai REKLASIFIKASI dengan alasan Anda, bukan sebagai penghapusan rusak.
          {shift.status !== 'open' && ' Shift ini sudah ditutup, sehingga reklasifikasi dicatat tanpa rujukan shift.'}
        </p>
        <Unplaced error={error} fields={['variantId', 'reason', 'qty', 'note']} />
        <div className="form-grid">
          <Field
            label={shift.kind === 'sortir_lipat' ? 'Surat suara' : 'Barang'}
            error={errors.variantId}
            className="span-2"
          >
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={variantId}
                onChange={(e) => setVariantId(Number(e.target.value))}
                data-autofocus
              >
                <Options of={shift.variants} value={(v) => v.variantId} label={(v) => variantShort(v)} />
              </select>
            )}
          </Field>
          <Field label="Kriteria rusak semula" error={errors.reason} className="span-2">
            {(id, d, inv) => (
              <select
                id={id}
                aria-describedby={d}
                aria-invalid={inv}
                value={reasonCode}
                onChange={(e) => setReason(e.target.value)}
              >
                <Options
                  of={applicable}
                  value={(r) => r.code}
                  label={(r) => `${r.short} — tercatat rusak ${fmt(rusakNow[r.code] ?? 0)}`}
                />
              </select>
            )}
          </Field>
          <TextField
            label={`Jumlah (${shift.unit})`}
            error={errors.qty}
            inputMode="numeric"
            value={qty}
            onChange={setQty}
          />
        </div>
        <TextField
          label="Alasan dinyatakan layak pakai"
          error={errors.note}
          hint="Wajib diisi; tampil di riwayat buku besar dan berita acara"
          value={note}
          onChange={setNote}
          placeholder="Mis. tinta di luar kotak foto, diperiksa ulang bersama Bawaslu"
        />
      </form>
    </Dialog>
  )
}
