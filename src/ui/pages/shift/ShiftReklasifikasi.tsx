import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { FormFields, useFormState, type Fields } from '../../components/FormFields'
import { useDialogSave } from '../../components/useWrite'
import { variantShort } from '../../components/TallyGrid'
import { fmt, readCount } from '../../format'
import { type Shift, Unplaced } from './ShiftForms'

/** Re-classifying damaged sheets as usable after all, with the reason recorded in the ledger. */

export function ReklasifikasiDialog({ shift, onClose }: { shift: Shift; onClose(): void }) {
  const reasons = useApi('rusak.daftarAlasan', {})
  const recon = useApi('rekonsiliasi.lihat', {})
  const form = useFormState({ variantId: String(shift.variants[0]?.variantId ?? 0), reason: '', qty: '', note: '' })
  const variantId = Number(form.values.variantId)
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const variant = shift.variants.find((v) => v.variantId === variantId)
  const applicable = (reasons.data ?? []).filter(
    (r) => r.appliesTo === 'all' || r.appliesTo === (variant?.kind === 'ballot' ? 'ballot' : 'assembled'),
  )
  const rusakNow = recon.data?.find((r) => r.variantId === variantId)?.rusak ?? {}
  // Until one is chosen: the first criterion this item has damage under.
  const reasonCode = applicable.some((r) => r.code === form.values.reason)
    ? form.values.reason
    : (applicable.find((r) => (rusakNow[r.code] ?? 0) > 0)?.code ?? applicable[0]?.code ?? '')
  const values = { ...form.values, reason: reasonCode }

  const fields: Fields<typeof values> = [
    {
      name: 'variantId',
      kind: 'select',
      label: shift.kind === 'sortir_lipat' ? 'Surat suara' : 'Barang',
      className: 'span-2',
      autoFocus: true,
      options: shift.variants.map((v) => [String(v.variantId), variantShort(v)] as const),
    },
    {
      name: 'reason',
      kind: 'select',
      label: 'Kriteria rusak semula',
      className: 'span-2',
      options: applicable.map((r) => [r.code, `${r.short} — tercatat rusak ${fmt(rusakNow[r.code] ?? 0)}`] as const),
    },
    { name: 'qty', kind: 'numeric', label: `Jumlah (${shift.unit})` },
  ]
  const reasonField: Fields<typeof values> = [
    {
      name: 'note',
      label: 'Alasan dinyatakan layak pakai',
      hint: 'Wajib diisi; tampil di riwayat buku besar dan berita acara',
      input: { placeholder: 'Mis. tinta di luar kotak foto, diperiksa ulang bersama Bawaslu' },
    },
  ]

  function save() {
    const n = readCount(values.qty)
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
        note: values.note,
        shiftId: shift.status === 'open' ? shift.id : null,
      })
      return [
        `${fmt(n)} ${shift.unit} dinyatakan layak pakai; tercatat sebagai reklasifikasi.`,
        'Reklasifikasi tersimpan',
      ] as const
    })
  }

  const bound = { values, set: form.set }
  return (
    <FormDialog
      title="Reklasifikasi rusak → layak pakai"
      label="Simpan reklasifikasi"
      onClose={onClose}
      busy={busy}
      onSave={(e) => {
        e?.preventDefault()
        save()
      }}
    >
      <p className="muted">
        {shift.kind === 'sortir_lipat'
          ? 'Untuk surat suara yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai (mis. noda di luar kolom foto, nomor dan nama).'
          : 'Untuk kotak atau bilik yang semula dinyatakan rusak tetapi setelah diperiksa ulang ternyata layak pakai.'}{' '}
        Tercatat di buku besar sebagai REKLASIFIKASI dengan alasan Anda, bukan sebagai penghapusan rusak.
        {shift.status !== 'open' && ' Shift ini sudah ditutup, sehingga reklasifikasi dicatat tanpa rujukan shift.'}
      </p>
      <Unplaced error={error} fields={['variantId', 'reason', 'qty', 'note']} />
      <FormFields fields={fields} form={bound} errors={errors} method="rusak.reklasifikasi" grid />
      <FormFields fields={reasonField} form={bound} errors={errors} method="rusak.reklasifikasi" />
    </FormDialog>
  )
}
