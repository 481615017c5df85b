import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { Cadangan, CadanganDipulihkan, MethodOutput } from '../../../api/contract'
import { invoke, pilihFolderCadangan } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { Banner, ErrorBanner, useToast } from '../../components/Feedback'
import { TextField } from '../../components/Form'
import { useJob } from '../../components/Jobs'
import { JobRunning } from '../../components/JobRunning'
import { PageHeader, Section } from '../../components/Page'
import { Loaded } from '../../components/Loaded'
import { useWrite } from '../../components/useWrite'
import { fmt, fmtBytes, fmtWaktuLokal } from '../../format'
import { BackupTable, OtherFolderForm, RestoreDialog, StoragePaths, type SystemStatus } from './backups'
import './cadangan.css'

export function CadanganPage({ system }: { system: SystemStatus | undefined }) {
  const [folder, setFolder] = useState<string | undefined>()
  const list = useApi('cadangan.daftar', folder ? { folder } : {})
  const info = useApi('sistem.lihatInfo', {})
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const backup = useJob('cadangan.buat', { resume: true })
  const [made, setMade] = useState<string | null>(null)
  const [toUsb, setToUsb] = useState(false)
  const [restoring, setRestoring] = useState<Cadangan | null>(null)
  const [restored, setRestored] = useState<CadanganDipulihkan | null>(null)

  async function backupNow() {
    const r = await backup.start({})
    if (!r) return
    setFolder(undefined)
    setMade(r.file)
    toast.showSuccess(
      `${r.name} (${fmtBytes(r.bytes)}, ${fmt(r.ledgerRows)} baris buku besar) lolos pemeriksaan.` +
        (r.dropped.length ? ` ${fmt(r.dropped.length)} cadangan lama dihapus menurut aturan penyimpanan.` : ''),
      'Cadangan dibuat',
    )
    refreshAll()
  }

  return (
    <>
      <PageHeader
        title="Cadangan basis data"
        lead="Salinan utuh berkas pemilihan, dibuat dengan cara SQLite sendiri dan diperiksa (integritas berkas dan rantai hash buku besar) sebelum dihitung sebagai cadangan."
        actions={
          <>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void backupNow()}
              disabled={backup.running}
            >
              {backup.running ? 'Mencadangkan…' : 'Cadangkan sekarang'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setToUsb(true)}>
              Cadangkan ke folder/USB…
            </button>
          </>
        }
      />

      <JobRunning
        job={backup}
        label="Membuat dan memeriksa cadangan"
        testId="backup-job"
        errorTitle="Cadangan tidak dapat dibuat"
      />
      {restored && <RestoredBanner result={restored} onDismiss={() => setRestored(null)} />}

      <Section title="Tempat penyimpanan" id="cadangan-tempat">
        {system && <StoragePaths status={system} />}
        <p className="muted small">
          Cadangan dibuat otomatis saat aplikasi dibuka, setiap 15 menit bila ada yang dicatat, sebelum pembaruan
          aplikasi dan saat aplikasi ditutup. Yang disimpan: 10 cadangan terbaru hari ini, satu per hari untuk 30 hari
          terakhir, paling banyak 45. Cadangan ke folder lain (USB) tidak pernah dihapus otomatis; simpan USB itu di
          luar gudang.
        </p>
      </Section>

      <Section
        title={folder ? 'Cadangan di folder lain' : 'Daftar cadangan'}
        id="cadangan-daftar"
        actions={
          folder ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setFolder(undefined)}>
              Kembali ke folder cadangan
            </button>
          ) : undefined
        }
      >
        {folder && (
          <p className="small">
            Folder: <code className="file-path">{folder}</code>
          </p>
        )}
        <OtherFolderForm current={folder} onShow={setFolder} />
        <Loaded
          query={list}
          title="Daftar cadangan tidak dapat dimuat"
          loadingLabel="Memeriksa cadangan…"
          empty={folder ? 'Tidak ada cadangan Gudang Pemilu di folder ini.' : 'Belum ada cadangan.'}
        >
          {(backups) => <BackupTable backups={backups} highlight={made} onRestore={setRestoring} />}
        </Loaded>
      </Section>

      <UsbDialog
        open={toUsb}
        onClose={() => setToUsb(false)}
        onDone={(r, dir) => {
          setToUsb(false)
          setFolder(dir)
          setMade(r.file)
          toast.showSuccess(`${r.name} tersimpan di ${dir} dan lolos pemeriksaan.`, 'Cadangan ke folder dibuat')
        }}
      />
      <RestoreDialog
        backup={restoring}
        dbPath={system?.dbPath ?? ''}
        currentRows={info.data?.ledgerRows ?? null}
        onClose={() => setRestoring(null)}
        onRestored={(r) => {
          setRestoring(null)
          setRestored(r)
          setFolder(undefined)
          setMade(null)
          refreshAll()
        }}
      />
    </>
  )
}
function UsbDialog({
  open,
  onClose,
  onDone,
}: {
  open: boolean
  onClose(): void
  onDone(r: MethodOutput<'cadangan.buat'>, folder: string): void
}) {
  const formId = useId()
  const [folder, setFolder] = useState('')
  const { busy, error, errors, run } = useWrite()

  function submit(e: FormEvent) {
    e.preventDefault()
    void run(async () => {
      // A folder is used only once it is picked (an admin remembers a typed one).
      await pilihFolderCadangan(folder)
      const r = await invoke('cadangan.buat', { folder })
      onDone(r, folder.trim())
    })
  }

  return (
    <Dialog
      open={open}
      title="Cadangkan ke folder atau USB"
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          label="Cadangkan ke folder ini"
          busyLabel="Mencadangkan…"
          formId={formId}
        />
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p>
          Salinan basis data ditulis ke folder yang Anda ketik, lalu diperiksa. Cadangan di folder ini tidak dihapus
          otomatis.
        </p>
        {busy && (
          // A backup takes seconds (a copy, then the whole chain checked): say so while it runs.
          <Banner kind="info" title="Mencadangkan…" role="status" testId="usb-backup-busy">
            Menyalin basis data ke folder itu, lalu memeriksa integritas berkas dan rantai hash buku besar. Biasanya
            beberapa detik; jangan cabut USB sampai selesai.
          </Banner>
        )}
        {error && !errors.folder && <ErrorBanner error={error} title="Cadangan tidak dapat dibuat" />}
        <TextField
          label="Folder tujuan"
          error={errors.folder ? error?.message : undefined}
          hint={
            <>
              Ketik alamat folder, mis. <code>E:\Cadangan Gudang</code> (Windows) atau <code>/media/usb/cadangan</code>.
              Dalam mode peramban aplikasi tidak dapat membuka jendela pemilih folder: folder yang diketik dicatat
              sebagai folder cadangan oleh admin (masukkan PIN admin bila diminta). Folder dibuat bila belum ada.
            </>
          }
          value={folder}
          onChange={setFolder}
          data-autofocus
          spellCheck={false}
          autoComplete="off"
        />
      </form>
    </Dialog>
  )
}

/**
 * Says exactly what a restore does before it is done: which file comes back, what is lost since, where
 * the current file goes (and that it can be restored back), and that everyone chooses their user again.
 */
export function RestoredBanner({
  result,
  onDismiss,
  children,
}: {
  result: CadanganDipulihkan
  onDismiss?: () => void
  children?: ReactNode
}) {
  return (
    <Banner
      kind="success"
      title="Basis data dipulihkan"
      testId="restore-result"
      actions={
        <>
          {onDismiss && (
            <button
              type="button"
              className="toast-close"
              onClick={onDismiss}
              aria-label="Tutup pemberitahuan pemulihan"
            >
              ×
            </button>
          )}
        </>
      }
    >
      <p>
        Dari {result.restored.name} ({fmtWaktuLokal(result.restored.at, { hari: true, detik: true })}); buku besar
        sekarang {fmt(result.restored.ledgerRows)} baris.
      </p>
      <p>
        Berkas sebelumnya disimpan sebagai <code className="file-path">{result.previous}</code>. Untuk membatalkan,
        pulihkan berkas itu dari daftar.
      </p>
      <p>Semua pengguna perlu memilih nama lagi.</p>
      {children}
    </Banner>
  )
}
