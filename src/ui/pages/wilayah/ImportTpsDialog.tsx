import { useCallback, useState } from 'react'
import type { ImportPreview } from '../../../api/contract'
import { invoke, toApiError, type ApiError } from '../../api'
import { useRefreshAll } from '../../components/data'
import { Dialog } from '../../components/Dialog'
import { Banner, ErrorBanner, IssueTable, Loading, useToast } from '../../components/Feedback'
import { readFileBase64 } from '../../components/files'
import { FilePicker } from '../../components/Form'
import { StatusBadge } from '../../components/StatusBadge'
import { DataTable, TableHead, numCol } from '../../components/TableHead'
import { fmt, formatTpsNumber } from '../../format'

/** Our field names (keys of ImportPreview.columns) as a coordinator calls them. */
const FIELD_LABEL: Record<string, string> = {
  kode_kecamatan: 'Kode kecamatan',
  kecamatan: 'Kecamatan',
  kode_desa: 'Kode desa/kelurahan',
  desa: 'Desa/Kelurahan',
  no_tps: 'Nomor TPS',
  dpt: 'DPT',
}

const CHANGE_LABEL = { added: 'Ditambah', removed: 'Dihapus', changed: 'Diubah' } as const
const CHANGE_STATE = { added: 'success', removed: 'error', changed: 'warning' } as const

/** What the file does to a kit already packed or handed over, one state (and colour) each. */
const KIT_EFFECT_LABEL = {
  lebih: 'Kelebihan',
  kurang: 'Kekurangan',
  dihapus: 'TPS dihapus',
  bertentangan: 'Bertentangan dengan BA',
} as const
const KIT_EFFECT_STATE = { lebih: 'lebih', kurang: 'kurang', dihapus: 'error', bertentangan: 'diserahkan' } as const

type GantiNama = { lama: string; baru: string }

type State =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; contentBase64: string; preview: ImportPreview; gantiNama?: GantiNama[] }
  | { step: 'failed'; fileName: string; error: ApiError }
  | { step: 'saving'; fileName: string; contentBase64: string; preview: ImportPreview; gantiNama?: GantiNama[] }

export function ImportTpsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [state, setState] = useState<State>({ step: 'choose' })
  const [applyError, setApplyError] = useState<ApiError | undefined>()
  const [inputKey, setInputKey] = useState(0)
  // Removing TPS is the one change a wrong (partial) file makes silently; it needs an explicit yes.
  const [removalAcknowledged, setRemovalAcknowledged] = useState(false)
  // Changing the needs of kits already packed is the coordinator's decision, said here in so many words.
  const [applyToKits, setApplyToKits] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  const close = useCallback(() => {
    setState({ step: 'choose' })
    setApplyError(undefined)
    setRemovalAcknowledged(false)
    setApplyToKits(false)
    setInputKey((k) => k + 1)
    onClose()
  }, [onClose])

  async function onFile(file: File | undefined) {
    setApplyError(undefined)
    setRemovalAcknowledged(false)
    setApplyToKits(false)
    if (!file) return setState({ step: 'choose' })
    setState({ step: 'reading', fileName: file.name })
    try {
      const contentBase64 = await readFileBase64(file)
      const preview = await invoke('wilayah.pratinjauImpor', { fileName: file.name, contentBase64 })
      setState({ step: 'preview', fileName: file.name, contentBase64, preview })
    } catch (err) {
      setState({ step: 'failed', fileName: file.name, error: toApiError(err) })
    }
  }

  /** The coordinator takes a likely rename as a rename: the preview is made again with it. */
  async function takeRename(g: GantiNama) {
    if (state.step !== 'preview') return
    const { fileName, contentBase64 } = state
    const gantiNama = [...(state.gantiNama ?? []), g]
    setState({ step: 'reading', fileName })
    try {
      const preview = await invoke('wilayah.pratinjauImpor', { fileName, contentBase64, gantiNama })
      setState({ step: 'preview', fileName, contentBase64, preview, gantiNama })
    } catch (err) {
      setState({ step: 'failed', fileName, error: toApiError(err) })
    }
  }

  async function save() {
    if (state.step !== 'preview' || !state.preview.ok) return
    const { fileName, contentBase64, preview, gantiNama } = state
    setState({ ...state, step: 'saving' })
    try {
      const r = await invoke('wilayah.impor', {
        fileName,
        contentBase64,
        fingerprint: preview.fingerprint,
        terapkanPadaKit: applyToKits,
        gantiNama: gantiNama ?? [],
      })
      toast.showSuccess(
        `${fmt(r.added)} TPS ditambah, ${fmt(r.removed)} dihapus, ${fmt(r.changed)} diubah, ${fmt(r.unchanged)} tetap.`,
        `Impor ${fileName} tersimpan`,
      )
      refreshAll()
      close()
    } catch (err) {
      setApplyError(toApiError(err))
      setState({ step: 'preview', fileName, contentBase64, preview, gantiNama })
    }
  }

  const preview = state.step === 'preview' || state.step === 'saving' ? state.preview : null
  const needsAck = preview !== null && preview.ok && preview.changes.removed > 0
  const kits = preview?.kits ?? []
  const blocked = kits.some((k) => k.kind === 'bertentangan' || k.kind === 'dihapus')
  const touched = kits.filter((k) => k.kind === 'lebih' || k.kind === 'kurang').length
  const canSave =
    state.step === 'preview' &&
    state.preview.ok &&
    !blocked &&
    (!needsAck || removalAcknowledged) &&
    (touched === 0 || applyToKits)

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Impor TPS"
      wide
      footer={
        <>
          {preview && !preview.ok && (
            <span className="wilayah-footer-note">Perbaiki galat pada berkas, lalu pilih berkas itu lagi.</span>
          )}
          <button type="button" className="btn btn-secondary" onClick={close}>
            Batal
          </button>
          <button type="button" className="btn btn-primary" onClick={save} disabled={!canSave}>
            {state.step === 'saving' ? 'Menyimpan…' : 'Simpan impor'}
          </button>
        </>
      }
    >
      <p>
        Unggah daftar TPS dalam berkas <strong>CSV</strong> atau <strong>XLSX</strong> dengan baris judul berisi kolom{' '}
        <code>kecamatan</code>, <code>desa</code> (atau <code>kelurahan</code>), <code>no_tps</code> dan{' '}
        <code>dpt</code>; kolom <code>kode_kecamatan</code> dan <code>kode_desa</code> boleh ada. Berkas diperiksa lebih
        dulu dan tidak ada yang disimpan sebelum Anda memilih <em>Simpan impor</em>.
      </p>
      <FilePicker
        key={inputKey}
        label="Berkas TPS (CSV atau XLSX)"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onFile={(f) => void onFile(f)}
        disabled={state.step === 'reading' || state.step === 'saving'}
        autoFocus
      />

      {state.step === 'reading' && <Loading label={`Memeriksa ${state.fileName}…`} />}
      {state.step === 'failed' && (
        <ErrorBanner error={state.error} title={`Berkas ${state.fileName} tidak dapat diperiksa`} />
      )}
      <ErrorBanner error={applyError} title="Impor belum tersimpan" />
      {preview && <PreviewView preview={preview} onRename={state.step === 'preview' ? takeRename : undefined} />}
      {preview && preview.ok && !blocked && touched > 0 && (
        <label className="check wilayah-ack">
          <input type="checkbox" checked={applyToKits} onChange={(e) => setApplyToKits(e.target.checked)} />
          <span>
            Terapkan pada kit: kebutuhan <strong>{fmt(touched)} kit</strong> yang sudah dikemas berubah. Kit itu
            ditandai <em>perlu diperiksa</em>; label dan serah terimanya ditolak sampai dikemas ulang sesuai kebutuhan
            baru.
          </span>
        </label>
      )}
      {needsAck && (
        <label className="check wilayah-ack">
          <input
            type="checkbox"
            checked={removalAcknowledged}
            onChange={(e) => setRemovalAcknowledged(e.target.checked)}
          />
          <span>
            Saya mengerti bahwa <strong>{fmt(preview.changes.removed)} TPS</strong> yang tidak ada di berkas ini akan
            dihapus dari data wilayah.
          </span>
        </label>
      )}
    </Dialog>
  )
}

function PreviewView({ preview, onRename }: { preview: ImportPreview; onRename?: (g: GantiNama) => void }) {
  const mapping = Object.entries(preview.columns)
  const c = preview.changes
  return (
    <div className="import-preview" data-testid="import-preview">
      {preview.ok && c.removed > 0 && (
        <Banner kind="warning" role="alert">
          <strong>
            {fmt(c.removed)} dari {fmt(c.removed + c.changed + c.unchanged)} TPS yang ada sekarang tidak terdapat di
            berkas ini
          </strong>
          <p>
            Bila disimpan, TPS tersebut dihapus. Pastikan berkas ini memuat seluruh TPS satker, bukan sebagian kecamatan
            saja. Konfirmasi di bagian bawah sebelum menyimpan.
          </p>
        </Banner>
      )}
      {preview.ok ? (
        <Banner kind="success" title="Berkas dapat disimpan">
          <p>
            {fmt(preview.totals.tps)} TPS di {fmt(preview.totals.desa)} desa/kelurahan dan{' '}
            {fmt(preview.totals.kecamatan)} kecamatan, dengan DPT {fmt(preview.totals.dpt)} pemilih.
          </p>
        </Banner>
      ) : (
        <Banner kind="error" title={<>Berkas belum dapat disimpan: {fmt(preview.errors.length)} galat</>}>
          <p>Perbaiki baris dan kolom berikut di berkas asal, simpan, lalu pilih berkas itu lagi.</p>
          <IssueTable issues={preview.errors} caption="Daftar galat" />
        </Banner>
      )}

      <div className="wilayah-preview-grid">
        <div>
          <h3>Berkas</h3>
          <dl className="dl">
            <dt>Format</dt>
            <dd>{preview.format}</dd>
          </dl>
          {mapping.length > 0 && (
            <table className="table table-compact">
              <caption>Pemetaan kolom</caption>
              <TableHead columns={['Data', 'Kolom di berkas']} />
              <tbody>
                {mapping.map(([field, header]) => (
                  <tr key={field}>
                    <td>{FIELD_LABEL[field] ?? field}</td>
                    <td>
                      <code>{header}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Isi berkas</h3>
          <dl className="dl dl-num" data-testid="import-totals">
            <dt>Kecamatan</dt>
            <dd>{fmt(preview.totals.kecamatan)}</dd>
            <dt>Desa/Kelurahan</dt>
            <dd>{fmt(preview.totals.desa)}</dd>
            <dt>TPS</dt>
            <dd data-testid="import-total-tps">{fmt(preview.totals.tps)}</dd>
            <dt>DPT</dt>
            <dd>{fmt(preview.totals.dpt)}</dd>
          </dl>
        </div>
        <div>
          <h3>Perubahan terhadap data sekarang</h3>
          <dl className="dl dl-num">
            <dt>Ditambah</dt>
            <dd>{fmt(c.added)}</dd>
            <dt>Dihapus</dt>
            <dd className={c.removed > 0 ? 'text-warn' : undefined}>{fmt(c.removed)}</dd>
            <dt>Diubah</dt>
            <dd>{fmt(c.changed)}</dd>
            <dt>Tetap</dt>
            <dd>{fmt(c.unchanged)}</dd>
          </dl>
        </div>
      </div>

      {preview.warnings.length > 0 && (
        <details className="banner banner-warning wilayah-warnings" open={preview.warnings.length <= 5}>
          <summary>{fmt(preview.warnings.length)} peringatan (tidak menghalangi penyimpanan)</summary>
          <IssueTable issues={preview.warnings} />
        </details>
      )}

      {preview.renames.length > 0 && (
        <Banner kind="info" title={<>{fmt(preview.renames.length)} nama baru untuk wilayah yang sama</>}>
          <p>TPS, kit dan buku besarnya tetap; hanya namanya yang berubah.</p>
          <ul>
            {preview.renames.map((r) => (
              <li key={`${r.tingkat}:${r.lama}`}>
                {r.tingkat === 'kecamatan' ? 'Kecamatan' : 'Desa/kelurahan'} {r.lama} → <strong>{r.baru}</strong>
                {r.kode && <span className="muted"> (kode {r.kode})</span>}
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {preview.likelyRenames.length > 0 && (
        <Banner kind="warning" title="Kemungkinan ganti nama kecamatan" testId="import-likely-renames">
          <p>
            Berkas tanpa kode wilayah tidak memuat kecamatan berikut, tetapi memuat kecamatan baru dengan jumlah TPS
            yang sama dan nama yang mirip. Bila memang ganti nama, pilih <em>Anggap ganti nama</em> agar TPS, kit dan
            buku besarnya tetap.
          </p>
          <ul>
            {preview.likelyRenames.map((r) => (
              <li key={r.lama}>
                {r.lama} → <strong>{r.baru}</strong> ({fmt(r.tps)} TPS){' '}
                {onRename && (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => onRename({ lama: r.lama, baru: r.baru })}
                  >
                    Anggap ganti nama
                  </button>
                )}
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {preview.kits.length > 0 && <KitEffects kits={preview.kits} />}

      {c.sample.length > 0 && (
        <>
          <h3>
            Contoh perubahan{' '}
            <span className="muted small">
              ({fmt(c.sample.length)} dari {fmt(c.added + c.removed + c.changed)})
            </span>
          </h3>
          <DataTable
            wrapClassName="table-scroll table-scroll-short"
            className="table-compact"
            columns={['Perubahan', 'Kecamatan', 'Desa/Kelurahan', 'TPS', numCol('DPT sebelum'), numCol('DPT sesudah')]}
          >
            {c.sample.map((s, n) => (
              <tr key={n}>
                <td>
                  <StatusBadge state={CHANGE_STATE[s.kind]}>{CHANGE_LABEL[s.kind]}</StatusBadge>
                </td>
                <td>{s.kecamatan}</td>
                <td>{s.desa}</td>
                <td>{formatTpsNumber(s.nomor)}</td>
                <td className="num">{fmt(s.dptBefore)}</td>
                <td className="num">{fmt(s.dptAfter)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  )
}

/** Kits already packed or handed over that the file would change: what happens to each, and why. */
function KitEffects({ kits }: { kits: ImportPreview['kits'] }) {
  const blocked = kits.filter((k) => k.kind === 'bertentangan' || k.kind === 'dihapus').length
  return (
    <section className="wilayah-kit-effects" data-testid="import-kits">
      {blocked > 0 ? (
        <Banner
          kind="error"
          role="alert"
          title={<>{fmt(blocked)} kit yang sudah dikemas atau diserahkan menghalangi impor</>}
        >
          <p>
            Berkas ini mengubah atau menghapus TPS yang kitnya sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan)
            atau masih berisi barang. Selesaikan dulu seperti tertulis pada setiap baris, atau perbaiki berkasnya.
          </p>
        </Banner>
      ) : (
        <Banner kind="warning" title={<>Kebutuhan {fmt(kits.length)} kit yang sudah dikemas berubah</>}>
          <p>Simpan hanya dengan keputusan &ldquo;terapkan pada kit&rdquo; di bawah.</p>
        </Banner>
      )}
      <DataTable
        wrapClassName="table-scroll table-scroll-short"
        className="table-compact"
        caption="Akibat pada kit TPS"
        columns={[
          'Akibat',
          'TPS',
          numCol('DPT'),
          'Barang: kebutuhan sebelum → sesudah, isi kit',
          'Yang harus dilakukan',
        ]}
      >
        {kits.map((k) => (
          <tr key={k.tpsId}>
            <td>
              <StatusBadge state={KIT_EFFECT_STATE[k.kind]}>{KIT_EFFECT_LABEL[k.kind]}</StatusBadge>
            </td>
            <td>
              {formatTpsNumber(k.nomor)} {k.desa}, Kec. {k.kecamatan}
              {k.baNomor && <div className="muted small">BA {k.baNomor}</div>}
            </td>
            <td className="num">
              {fmt(k.dptBefore)} → {k.dptAfter === null ? '—' : fmt(k.dptAfter)}
            </td>
            <td>
              {k.lines.map((l) => (
                <div key={l.variantId}>
                  {l.label}: {fmt(l.needBefore)} → {l.needAfter === null ? '—' : fmt(l.needAfter)}, isi {fmt(l.packed)}
                </div>
              ))}
            </td>
            <td>{k.message}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
