import { useId, useState } from 'react'
import type { Cadangan, CadanganDipulihkan, MethodOutput } from '../../../api/contract'
import { fieldErrors, hasFolderDialog, invoke, pilihFolderCadangan } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorBanner } from '../../components/Feedback'
import { PinField } from '../../components/Form'
import { StatusBadge } from '../../components/StatusBadge'
import { useWrite } from '../../components/useWrite'
import { DataTable } from '../../components/TableHead'
import { fmt, fmtBytes, fmtWaktuLokal } from '../../format'
import './cadangan.css'

/**
 * The backups as both the Cadangan page and the recovery screen (Pemulihan, loaded with the app) show them.
 * Kept apart from the page so the page's own chunk stays out of the first screen's bundle.
 */

export type SystemStatus = MethodOutput<'sistem.lihatStatus'>

/** The reason in a backup's file name, in words (src/services/cadangan.ts BackupReason). */
export const REASON_LABEL: Record<string, string> = {
  mulai: 'Saat aplikasi dibuka',
  berkala: 'Berkala',
  migrasi: 'Sebelum pembaruan aplikasi',
  tutup: 'Saat aplikasi ditutup',
  manual: 'Dibuat manual',
  'sebelum-pulih': 'Berkas sebelum pemulihan',
  lain: 'Berkas lain',
}
export const reasonLabel = (r: string) => REASON_LABEL[r] ?? r

/** The stem a restore gives the file it replaces: <stem>-<waktu>-sebelum-pulih.sqlite. */
export const dbStem = (dbPath: string) => (dbPath.split(/[\\/]/).pop() ?? dbPath).replace(/\.[^.]+$/, '')

/** Where the election file and its backups live: what an admin copies by hand or looks for on the disk. */
export function StoragePaths({ status }: { status: Pick<SystemStatus, 'dbPath' | 'backupDir'> }) {
  return (
    <dl className="dl dl-block">
      <dt>Berkas basis data</dt>
      <dd>
        <code className="file-path">{status.dbPath}</code>
      </dd>
      <dt>Folder cadangan</dt>
      <dd>
        <code className="file-path" data-testid="backup-dir">
          {status.backupDir}
        </code>
      </dd>
    </dl>
  )
}

/**
 * Another folder to list (a USB stick): picked in the system's folder dialog in the desktop app, or typed
 * and remembered by an admin (browser mode). A folder never picked is refused by the app.
 */
export function OtherFolderForm({
  current,
  onShow,
  label = 'Lihat cadangan di folder lain',
  className,
  askPin = false,
}: {
  current: string | undefined
  onShow(folder: string): void
  label?: string
  /** Added to cadangan-folder, e.g. for another page's spacing. */
  className?: string
  /** Recovery mode: no one is signed in, so a typed folder goes with an admin's PIN. */
  askPin?: boolean
}) {
  const [text, setText] = useState(current ?? '')
  const [pin, setPin] = useState('')
  const { busy, error, run } = useWrite()
  const id = useId()
  const pick = (typed?: string) =>
    run(async () => {
      const folder = await pilihFolderCadangan(typed, askPin ? pin : undefined)
      if (folder) onShow(folder)
    })
  return (
    <>
      <form
        className={`row-wrap cadangan-folder${className ? ' ' + className : ''}`}
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) void pick(text)
        }}
      >
        <label htmlFor={id}>{label}</label>
        {hasFolderDialog() ? (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void pick()}>
            Pilih folder…
          </button>
        ) : (
          <>
            <input
              id={id}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Mis. E:\Cadangan Gudang"
              spellCheck={false}
              autoComplete="off"
            />
            {askPin && (
              <PinField
                label="PIN admin"
                value={pin}
                onChange={setPin}
                error={fieldErrors(error).pin}
                hint="PIN admin dari berkas ini; kosongkan bila tabel penggunanya tidak terbaca."
              />
            )}
            <button type="submit" className="btn btn-secondary" disabled={!text.trim() || busy}>
              Tampilkan
            </button>
          </>
        )}
      </form>
      {error && <ErrorBanner error={error} title="Folder tidak dapat dipakai" />}
    </>
  )
}

/** Backups newest first: when, why, size, ledger rows and the check. `highlight` marks one file (the newest good one, the one just made). */
export function BackupTable({
  backups,
  highlight,
  onRestore,
  restoreLabel,
}: {
  backups: Cadangan[]
  highlight: string | null
  onRestore(b: Cadangan): void
  restoreLabel?: (b: Cadangan) => string
}) {
  return (
    <DataTable
      className="cadangan-table"
      testId="backup-table"
      columns={[
        'Waktu',
        'Alasan',
        { label: 'Ukuran', num: true },
        { label: 'Baris buku besar', num: true },
        'Pemeriksaan',
        { label: 'Tindakan', hidden: true },
      ]}
    >
      {backups.map((b) => (
        <tr key={b.file} className={b.file === highlight ? 'cadangan-highlight' : undefined} data-name={b.name}>
          <th scope="row">
            <span className="block">{fmtWaktuLokal(b.at, { hari: true, detik: true })}</span>
            <span className="muted small cadangan-name" title={b.file}>
              {b.name}
            </span>
          </th>
          <td>{reasonLabel(b.reason)}</td>
          <td className="num">{fmtBytes(b.bytes)}</td>
          <td className="num">{b.ok ? fmt(b.ledgerRows) : '—'}</td>
          <td>
            {b.ok ? (
              <StatusBadge state="success">Lolos</StatusBadge>
            ) : (
              <span className="cadangan-problem">
                <StatusBadge state="error">Rusak</StatusBadge> {b.problem}
              </span>
            )}
          </td>
          <td className="actions">
            {b.ok && (
              <button
                type="button"
                className={b.file === highlight ? 'btn btn-primary btn-small' : 'btn btn-secondary btn-small'}
                onClick={() => onRestore(b)}
              >
                {restoreLabel ? restoreLabel(b) : 'Pulihkan…'}
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

export function RestoreDialog({
  backup,
  dbPath,
  currentRows,
  recovery = false,
  onClose,
  onRestored,
}: {
  backup: Cadangan | null
  dbPath: string
  currentRows: number | null
  recovery?: boolean
  onClose(): void
  onRestored(r: CadanganDipulihkan): void
}) {
  const { busy, error, errors, run, reset } = useWrite()
  const [pin, setPin] = useState('')
  const stem = dbStem(dbPath)

  const restore = () =>
    run(async () => {
      if (!backup) return
      // In recovery no one is signed in: an admin's PIN (of the broken file or of this backup) is asked for.
      onRestored(await invoke('cadangan.pulihkan', { file: backup.file, ...(recovery && pin ? { pin } : {}) }))
    })

  const lost = backup && currentRows !== null ? currentRows - backup.ledgerRows : null
  const close = () => {
    reset()
    setPin('')
    onClose()
  }
  return (
    <Dialog
      open={backup !== null}
      title="Pulihkan cadangan ini?"
      onClose={close}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={close} disabled={busy}>
            Batal
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void restore()}
            disabled={busy}
            data-autofocus
          >
            {busy ? 'Memulihkan…' : 'Pulihkan cadangan ini'}
          </button>
        </>
      }
    >
      {backup && (
        <div className="cadangan-restore-explain">
          <ErrorBanner error={error} title="Pemulihan tidak dilakukan" />
          <p>
            Basis data <code className="file-path">{dbPath}</code> diganti dengan cadangan{' '}
            <strong>{backup.name}</strong>, dibuat {fmtWaktuLokal(backup.at, { hari: true, detik: true })} (
            {reasonLabel(backup.reason).toLowerCase()}), berisi {fmt(backup.ledgerRows)} baris buku besar
            {backup.satker ? ` milik ${backup.satker}` : ''}.
          </p>
          <ul className="plain-list">
            {recovery ? (
              <li>
                Berkas yang bermasalah tidak dihapus: dipindahkan ke folder cadangan sebagai{' '}
                <code>{stem}-…-sebelum-pulih.sqlite</code> untuk diperiksa.
              </li>
            ) : (
              <li>
                Berkas yang sekarang dipakai <strong>tidak dihapus</strong>: dipindahkan ke folder cadangan sebagai{' '}
                <code>{stem}-…-sebelum-pulih.sqlite</code> dan muncul di daftar cadangan. Bila pemulihan ini keliru,
                pulihkan berkas itu untuk kembali ke keadaan sekarang.
              </li>
            )}
            {lost !== null && lost > 0 && (
              <li>
                Basis data sekarang berisi {fmt(currentRows)} baris buku besar: <strong>{fmt(lost)} baris</strong> yang
                dicatat setelah cadangan ini dibuat tidak ada di cadangan. Catat ulang dari formulir kertas bila perlu.
              </li>
            )}
            {lost !== null && lost <= 0 && <li>Buku besar cadangan ini tidak lebih pendek dari yang sekarang.</li>}
            <li>Setelah pemulihan, semua pengguna di semua jendela harus memilih nama lagi.</li>
          </ul>
          {recovery && (
            <PinField
              label="PIN admin"
              value={pin}
              onChange={setPin}
              error={errors.pin}
              hint="PIN admin dari berkas ini atau dari cadangan itu. Bila tabel pengguna keduanya tidak terbaca, kosongkan: pemulihan dicatat tanpa PIN."
            />
          )}
        </div>
      )}
    </Dialog>
  )
}
