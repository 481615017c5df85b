import { useState, type FormEvent } from 'react'
import type { KirimanLengkap, Penerimaan, VariantInfo } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { ErrorBanner } from '../../components/Feedback'
import { FormFields, notPlacedIn, useFormState, type Fields } from '../../components/FormFields'
import { Loaded } from '../../components/Loaded'
import { Section } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { DataTable } from '../../components/TableHead'
import { useDialogSave } from '../../components/useWrite'
import { fmt, fmtTanggal, todayIso } from '../../format'
import { VariantLabel, variantName } from './PenerimaanShared'

/** Per variant delivered: what the surat jalan of the ordinary deliveries stated and what was counted in. */
interface KirimanRow {
  variantId: number
  label: string
  unit: string
  stated: number
  counted: number
  lengkap: KirimanLengkap | undefined
}

function rowsOf(deliveries: readonly Penerimaan[], lengkap: readonly KirimanLengkap[]): KirimanRow[] {
  const rows = new Map<number, KirimanRow>()
  const row = (variantId: number, label: string, unit: string) => {
    let r = rows.get(variantId)
    if (!r) rows.set(variantId, (r = { variantId, label, unit, stated: 0, counted: 0, lengkap: undefined }))
    return r
  }
  for (const d of deliveries)
    for (const l of d.lines) {
      const r = row(l.variantId, l.label, l.unit)
      if (d.kind === 'biasa') r.stated += l.statedQty
      r.counted += l.countedQty
    }
  for (const k of lengkap) row(k.variantId, k.label, '').lengkap = k
  return [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'id'))
}

/**
 * Pengiriman lengkap: the coordinator declares, per item (ballot type and dapil), that the printer sends
 * no more ordinary deliveries. Until then the BA surat suara rusak dan kurang says deliveries are still
 * arriving; from that date it asks the printer for the sheets not delivered and the damaged ones.
 */
export function KirimanSection({
  deliveries,
  variants,
}: {
  deliveries: Penerimaan[]
  variants: Map<number, VariantInfo>
}) {
  const lengkap = useApi('penerimaan.daftarKiriman', {})
  const [asking, setAsking] = useState<KirimanRow | null>(null)
  const rows = rowsOf(deliveries, lengkap.data ?? [])

  return (
    <Section title="Pengiriman lengkap" id="kiriman-lengkap">
      <p className="muted small penerimaan-explain">
        Nyatakan lengkap bila penyedia tidak akan mengirim lagi barang itu selain pengganti. Sejak tanggal itu Berita
        Acara surat suara rusak dan kurang meminta penggantian atas kekurangan kirim dan surat suara rusak; sebelumnya
        berita acara itu mencatat bahwa pengiriman masih berlangsung.
      </p>
      <Loaded query={lengkap} title="Status pengiriman tidak dapat dimuat">
        {() =>
          rows.length === 0 ? (
            <p className="empty">Belum ada kiriman.</p>
          ) : (
            <DataTable
              className="table-compact"
              testId="kiriman-table"
              columns={[
                'Barang',
                { label: 'Menurut surat jalan', num: true },
                { label: 'Terhitung (termasuk pengganti)', num: true },
                'Pengiriman',
                '',
              ]}
            >
              {rows.map((r) => (
                <tr key={r.variantId} data-testid={`kiriman-${r.variantId}`}>
                  <th scope="row">
                    <VariantLabel v={variants.get(r.variantId)} fallback={r.label} />
                  </th>
                  <td className="num">{fmt(r.stated)}</td>
                  <td className="num">{fmt(r.counted)}</td>
                  <td data-testid="kiriman-status">
                    {r.lengkap ? (
                      <>
                        <StatusBadge state="lengkap">
                          Lengkap sejak {fmtTanggal(r.lengkap.tanggal, 'short')}
                        </StatusBadge>
                        <div className="muted small">
                          {r.lengkap.note} · {r.lengkap.actor}
                        </div>
                      </>
                    ) : (
                      <StatusBadge state="sebagian">Masih berlangsung</StatusBadge>
                    )}
                  </td>
                  <td>
                    {!r.lengkap && (
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => setAsking(r)}>
                        Nyatakan lengkap…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
      {asking && (
        <LengkapDialog
          row={asking}
          name={variants.get(asking.variantId) ? variantName(variants.get(asking.variantId)!) : asking.label}
          onClose={() => setAsking(null)}
        />
      )}
    </Section>
  )
}

const LENGKAP_FIELDS: Fields<{ tanggal: string; note: string }> = [
  { name: 'tanggal', kind: 'date', label: 'Lengkap sejak tanggal' },
  {
    name: 'note',
    label: 'Keterangan',
    className: 'span-2',
    hint: 'Dasar pernyataan, mis. surat penyedia atau hasil rapat koordinasi',
    autoFocus: true,
  },
]

function LengkapDialog({ row, name, onClose }: { row: KirimanRow; name: string; onClose(): void }) {
  const form = useFormState(() => ({ tanggal: todayIso(), note: '' }))
  const { error, errors, busy, run } = useDialogSave(onClose)
  const kurang = Math.max(0, row.stated - row.counted)

  function save(e?: FormEvent) {
    e?.preventDefault()
    void run(async () => {
      const r = await invoke('penerimaan.selesaikanKiriman', { variantId: row.variantId, ...form.values })
      return `Pengiriman ${r.label} dinyatakan lengkap sejak ${fmtTanggal(r.tanggal)}.`
    })
  }

  return (
    <FormDialog
      title="Nyatakan pengiriman lengkap"
      label="Nyatakan lengkap"
      onClose={onClose}
      busy={busy}
      onSave={save}
      testId="kiriman-lengkap-dialog"
    >
      <p>
        Anda menyatakan bahwa penyedia tidak akan mengirim lagi <strong>{name}</strong> selain kiriman pengganti.
      </p>
      <ul>
        <li>
          Sejak tanggal di bawah, Berita Acara surat suara rusak dan kurang meminta penggantian kepada penyedia atas
          kekurangan kirim
          {kurang > 0 && (
            <>
              {' '}
              (saat ini <strong>{fmt(kurang)}</strong>
              {row.unit ? ` ${row.unit}` : ''} menurut surat jalan)
            </>
          )}{' '}
          dan surat suara rusak yang belum diganti.
        </li>
        <li>Pernyataan ini tidak dapat dibatalkan; kiriman pengganti tetap dapat dicatat sesudahnya.</li>
      </ul>
      <ErrorBanner error={error} title="Belum dinyatakan lengkap" shown={notPlacedIn(LENGKAP_FIELDS)} />
      <FormFields fields={LENGKAP_FIELDS} form={form} errors={errors} method="penerimaan.selesaikanKiriman" grid />
    </FormDialog>
  )
}
