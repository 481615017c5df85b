import { useState, useSyncExternalStore } from 'react'
import { hapusIsian, ikutiKeadaan, keadaanStasiun, type Isian } from '../../antrean'
import { invoke, kirimAntrean, kirimUlangIsian, toApiError } from '../../api'
import { Banner, IssueTable } from '../../components/Feedback'
import { StatusBadge } from '../../components/StatusBadge'
import { fmt, fmtWaktu } from '../../format'
import './stasiun.css'

const METHOD_WORDS: Record<string, string> = {
  'tally.simpan': 'Tally',
  'kemas.catat': 'Pengemasan kit',
  'kemas.catatSegel': 'Nomor segel',
  'serahTerima.serahkan': 'Serah terima ke PPK (Panitia Pemilihan Kecamatan)',
  'serahTerima.konfirmasi': 'Konfirmasi PPK',
  'serahTerima.catatPengembalian': 'Pengembalian dari PPK',
}

const what = (i: Isian) => METHOD_WORDS[i.method] ?? i.method

/** What a refused tally held, so the user knows which numbers are meant: "shift #5 · 1 regu · serahkan 20". */
function ringkasan(i: Isian): string | null {
  if (i.method !== 'tally.simpan') return null
  const t = i.input as { shiftId: number; rows: { serahkan?: number; hasil?: number; kembali?: number }[] }
  const sum = (k: 'serahkan' | 'hasil' | 'kembali') => t.rows.reduce((s, r) => s + (r[k] ?? 0), 0)
  const parts = [`shift #${t.shiftId}`, `${fmt(t.rows.length)} baris`]
  for (const [k, label] of [
    ['serahkan', 'serahkan'],
    ['hasil', 'baik'],
    ['kembali', 'kembali'],
  ] as const)
    if (sum(k)) parts.push(`${label} ${fmt(sum(k))}`)
  return parts.join(' · ')
}

/**
 * A station's line at the top of every page: whether the host answers, how many entries wait in the
 * outbox, the entries the host refused (kept until the user resolves them) and the witness alarm.
 */
export function StasiunBar({ nama }: { nama: string }) {
  const state = useSyncExternalStore(ikutiKeadaan, keadaanStasiun)
  const offline = state.tersambung === false
  return (
    <div className="stasiun-bar-wrap">
      {state.alarm && (
        <Banner kind="error" large title="ALARM: buku besar komputer induk berubah" testId="stasiun-alarm">
          <p>{state.alarm}</p>
        </Banner>
      )}
      <div
        className={`stasiun-bar${offline ? ' stasiun-bar-offline' : ''}`}
        role="status"
        data-testid="stasiun-bar"
        data-tersambung={state.tersambung === null ? '' : String(state.tersambung)}
        data-menunggu={state.menunggu}
      >
        <span className="stasiun-bar-name">Stasiun {nama}</span>
        {offline ? (
          <StatusBadge state="error" dot>
            terputus — {fmt(state.menunggu)} isian menunggu
          </StatusBadge>
        ) : state.menunggu > 0 ? (
          <StatusBadge state="warning" dot>
            mengirim {fmt(state.menunggu)} isian…
          </StatusBadge>
        ) : (
          <StatusBadge state="success" dot>
            tersambung ke komputer induk
          </StatusBadge>
        )}
        {offline && (
          <span className="muted small">
            Isian yang disimpan tetap di stasiun ini dan dikirim sendiri saat komputer induk tersambung lagi.
          </span>
        )}
        {!offline && state.menunggu > 0 && (
          <button type="button" className="btn btn-small btn-secondary" onClick={() => void kirimAntrean()}>
            Kirim sekarang
          </button>
        )}
      </div>
      {state.ditolak.length > 0 && <Ditolak items={state.ditolak} />}
    </div>
  )
}

function Ditolak({ items }: { items: Isian[] }) {
  return (
    <Banner
      kind="warning"
      title={`${fmt(items.length)} isian dari antrean ditolak komputer induk`}
      testId="stasiun-ditolak"
    >
      <p>
        Isian ini disimpan saat stasiun terputus, lalu ditolak ketika dikirim (mis. stok berubah, atau regu yang sama
        sudah diubah stasiun lain). Tidak ada yang tercatat dari isian ini. Periksa, lalu kirim ulang atau buang.
      </p>
      <ul className="stasiun-ditolak-list">
        {items.map((i) => (
          <DitolakItem key={i.kunci} isian={i} />
        ))}
      </ul>
    </Banner>
  )
}

function DitolakItem({ isian }: { isian: Isian }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const stale = isian.method === 'tally.simpan' && isian.penolakan?.code === 'CONFLICT'

  async function run(action: () => Promise<unknown>) {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(toApiError(err).message)
    } finally {
      setBusy(false)
    }
  }

  /** The grid was saved on figures that changed meanwhile: the same entry on the shift as it is now. */
  async function onLatest() {
    const input = isian.input as { shiftId: number }
    const shift = await invoke('shift.lihat', { id: input.shiftId })
    await kirimUlangIsian(isian, { ...input, basisSeq: shift.versi })
  }

  return (
    <li className="stasiun-ditolak-item" data-testid="stasiun-ditolak-item">
      <p>
        <strong>{what(isian)}</strong>
        {ringkasan(isian) && <span data-testid="stasiun-ditolak-isi"> ({ringkasan(isian)})</span>}{' '}
        <span className="muted small">
          diisi {fmtWaktu(isian.dibuat)}
          {isian.oleh ? ` oleh ${isian.oleh}` : ''}
        </span>
      </p>
      <p>{isian.penolakan?.message}</p>
      {isian.penolakan?.details && <IssueTable issues={isian.penolakan.details} />}
      {error && <p className="field-error">{error}</p>}
      <div className="form-actions">
        {stale && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            onClick={() => void run(onLatest)}
          >
            Kirim atas angka terbaru
          </button>
        )}
        <button
          type="button"
          className="btn btn-small btn-secondary"
          disabled={busy}
          onClick={() => void run(() => kirimUlangIsian(isian))}
        >
          Kirim ulang
        </button>
        <button
          type="button"
          className="btn btn-small btn-secondary"
          disabled={busy}
          onClick={() => void run(() => hapusIsian(isian.kunci))}
        >
          Buang (sudah diselesaikan)
        </button>
      </div>
    </li>
  )
}
