import { useState } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { Brand } from '../../components/Brand'
import { Loaded } from '../../components/Loaded'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, useToast } from '../../components/Feedback'
import type { Cadangan } from '../../../api/contract'
import { BackupTable, OtherFolderForm, RestoreDialog, StoragePaths } from '../cadangan/backups'
import { useVerify, VerifyProgress, VerifyResult } from '../integritas/verify'
import './pemulihan.css'
import { fmtWaktuLokal } from '../../format'

/**
 * The only screen of an app that started on a file that failed its start check (or that SQLite cannot
 * open): what is wrong, where the file is, and the backups to restore from. Nothing else answers in this
 * mode, so nothing is shown that could invite a write.
 */
export function PemulihanPage({ status }: { status: MethodOutput<'sistem.lihatStatus'> }) {
  const [folder, setFolder] = useState<string | undefined>()
  const backups = useApi('cadangan.daftar', folder ? { folder } : {})
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const check = useVerify()
  const [restoring, setRestoring] = useState<Cadangan | null>(null)
  const latestGood = backups.data?.find((b) => b.ok) ?? null

  return (
    <main className="fullpage pemulihan">
      <div className="fullpage-card pemulihan-card">
        <Brand />
        <h1 tabIndex={-1}>Basis data perlu dipulihkan</h1>
        <Banner kind="error" title="Berkas pemilihan tidak lolos pemeriksaan saat dibuka" testId="recovery-problem">
          <p>{status.problem}</p>
        </Banner>
        <p className="lead">
          Gudang Pemilu tidak membuka berkas ini untuk mencatat, supaya angka yang salah tidak ikut tercetak di berita
          acara. Pulihkan cadangan terbaru yang lolos pemeriksaan. Berkas yang bermasalah tidak dihapus: dipindahkan ke
          folder cadangan dengan akhiran <code>-sebelum-pulih</code> untuk diperiksa.
        </p>
        <StoragePaths status={status} />

        <h2 className="pemulihan-h2">{folder ? 'Cadangan di folder lain' : 'Cadangan, terbaru dahulu'}</h2>
        {latestGood && (
          <p className="pemulihan-latest" data-testid="recovery-latest">
            Cadangan terbaru yang lolos pemeriksaan:{' '}
            <strong>{fmtWaktuLokal(latestGood.at, { hari: true, detik: true })}</strong> ({latestGood.name}
            ).
          </p>
        )}
        <Loaded
          query={backups}
          title="Daftar cadangan tidak dapat dimuat"
          loadingLabel="Memeriksa cadangan…"
          empty={
            folder
              ? 'Tidak ada cadangan Gudang Pemilu di folder ini.'
              : 'Tidak ada cadangan di folder cadangan. Bila ada cadangan di USB atau folder lain, ketik alamat foldernya di bawah.'
          }
        >
          {(list) => (
            <BackupTable
              backups={list}
              highlight={latestGood?.file ?? null}
              onRestore={setRestoring}
              restoreLabel={(b) => (b.file === latestGood?.file ? 'Pulihkan cadangan ini' : 'Pulihkan…')}
            />
          )}
        </Loaded>
        <OtherFolderForm
          current={folder}
          onShow={setFolder}
          label="Cadangan di folder lain (USB)"
          className="pemulihan-folder"
          askPin
        />
        {folder && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setFolder(undefined)}>
            Kembali ke folder cadangan
          </button>
        )}

        <h2 className="pemulihan-h2">Periksa integritas</h2>
        <p className="muted small">
          Membaca seluruh buku besar berkas ini dan menyebut baris pertama yang tidak cocok.
        </p>
        <button type="button" className="btn btn-secondary" onClick={() => void check.run()} disabled={check.busy}>
          {check.busy ? 'Memeriksa…' : 'Periksa integritas'}
        </button>
        <VerifyProgress check={check} />
        {check.report && (
          <div className="pemulihan-verify">
            <VerifyResult
              report={check.report}
              at={check.at}
              todo={
                <p>
                  Pulihkan cadangan terbaru yang lolos pemeriksaan dari daftar di atas, lalu catat ulang dari formulir
                  kertas apa yang tercatat sesudahnya.
                </p>
              }
            />
          </div>
        )}
      </div>

      <RestoreDialog
        backup={restoring}
        dbPath={status.dbPath}
        currentRows={null}
        recovery
        onClose={() => setRestoring(null)}
        onRestored={(r) => {
          setRestoring(null)
          toast.showSuccess(
            `Dari ${r.restored.name} (${fmtWaktuLokal(r.restored.at, { hari: true, detik: true })}). Berkas yang bermasalah disimpan sebagai ${r.previous}. Pilih nama Anda untuk mulai mencatat.`,
            'Basis data dipulihkan',
          )
          // The app asks sistem.lihatStatus again: a restored file that passes the check opens normally.
          refreshAll()
        }}
      />
    </main>
  )
}
