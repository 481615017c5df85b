import { useState } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { invoke, toApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { useToast } from '../../components/Feedback'
import { saveDownload } from '../../components/files'
import { Section, Swatch } from '../../components/Page'
import { scanBeep } from '../../components/ScanField'
import { DataTable } from '../../components/TableHead'
import { fmt } from '../../format'

/** The kotak of one kit with their seal numbers, the scanned one highlighted; and the kit's print buttons. */

type Kit = MethodOutput<'kemas.lihatKit'>

export function KotakSection({
  kit,
  scannedKotak,
}: {
  kit: Kit
  scannedKotak: { kotakNo: number; at: number } | null
}) {
  const colors = new Map(kit.lines.map((l) => [l.variantId, l.colorHex]))
  return (
    <Section
      title="Kotak suara dan nomor segel"
      actions={kit.status !== 'lengkap' ? <PrintButtons kit={kit} /> : undefined}
    >
      {kit.kotak.length === 0 ? (
        <p className="empty">
          Kebutuhan TPS ini tidak memuat kotak suara (periksa aturan barang Kotak suara di Pengaturan).
        </p>
      ) : (
        <DataTable className="kemas-kotak-table" testId="kotak-table" columns={['Kotak', 'Isi', 'Nomor segel']}>
          {kit.kotak.map((k) => (
            <tr
              key={`${k.no}-${scannedKotak?.kotakNo === k.no ? scannedKotak.at : 0}`}
              className={scannedKotak?.kotakNo === k.no ? 'kemas-kotak-scanned' : undefined}
              data-kotak={k.no}
            >
              <th scope="row" className="kemas-kotak-no">
                Kotak {k.no} <span className="muted">dari {k.of}</span>
              </th>
              <td>
                <span className="ballot-name">
                  {k.variantId !== null && <Swatch hex={colors.get(k.variantId) ?? null} />}
                  <span>{k.label ?? 'Kotak suara (tanpa jenis surat suara)'}</span>
                </span>
              </td>
              <td>
                <SegelInput kit={kit} kotakNo={k.no} saved={k.segel} disabled={kit.handoverId !== null} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="muted small">
        Ketik nomor segel yang terpasang lalu tekan Enter. Nomor segel yang sudah dipakai kotak lain ditolak.
      </p>
    </Section>
  )
}

function SegelInput({
  kit,
  kotakNo,
  saved,
  disabled,
}: {
  kit: Kit
  kotakNo: number
  saved: string | null
  disabled: boolean
}) {
  const [value, setValue] = useState(saved ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const errorId = `segel-${kit.tpsId}-${kotakNo}-error`

  // A value saved elsewhere (or the first load) replaces the field unless someone is typing in it.
  const [lastSaved, setLastSaved] = useState(saved)
  if (saved !== lastSaved) {
    setLastSaved(saved)
    if (value === (lastSaved ?? '')) setValue(saved ?? '')
  }

  async function save() {
    setBusy(true)
    setError(null)
    try {
      await invoke('kemas.catatSegel', { tpsId: kit.tpsId, kotakNo, nomor: value.trim() })
      refreshAll()
    } catch (err) {
      setError(toApiError(err).message)
      scanBeep('error')
    } finally {
      setBusy(false)
    }
  }

  const dirty = value.trim() !== (saved ?? '')
  return (
    <div className="kemas-segel-field">
      <div className="kemas-segel-row">
        <input
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            setError(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              if (dirty) void save()
            }
          }}
          disabled={disabled || busy}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          placeholder="mis. KPU-1219-000123"
          aria-label={`Nomor segel kotak ${kotakNo}`}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
        />
        {dirty && !disabled && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void save()}
            disabled={busy || value.trim() === ''}
          >
            {busy ? 'Menyimpan…' : 'Simpan'}
          </button>
        )}
        {!dirty && saved && (
          <span className="kemas-segel-saved" data-testid={`segel-saved-${kotakNo}`}>
            ✓ Tercatat
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

export function PrintButtons({ kit, primary }: { kit: Kit; primary?: boolean }) {
  const [busy, setBusy] = useState<'label' | 'isi' | null>(null)
  const toast = useToast()
  const cls = primary ? 'btn btn-primary' : 'btn btn-secondary'
  async function print(what: 'label' | 'isi') {
    setBusy(what)
    try {
      const d =
        what === 'label'
          ? await invoke('kemas.cetakLabel', { tpsIds: [kit.tpsId] })
          : await invoke('kemas.cetakDaftarIsi', { scope: { tpsIds: [kit.tpsId] }, ringkas: false })
      saveDownload(d)
      toast.showSuccess(
        `${d.fileName}: ${what === 'label' ? `${fmt(d.count)} label kotak` : `daftar isi ${fmt(d.count)} TPS`}.`,
        'PDF siap dicetak',
      )
    } catch (err) {
      toast.showError(err, what === 'label' ? 'Label tidak dapat dibuat' : 'Daftar isi tidak dapat dibuat')
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="kemas-print">
      <button type="button" className={cls} onClick={() => void print('label')} disabled={busy !== null}>
        {busy === 'label' ? 'Membuat PDF…' : `Cetak label kotak (${fmt(kit.kotak.length)})`}
      </button>
      <button type="button" className={cls} onClick={() => void print('isi')} disabled={busy !== null}>
        {busy === 'isi' ? 'Membuat PDF…' : 'Cetak daftar isi kit'}
      </button>
    </div>
  )
}
