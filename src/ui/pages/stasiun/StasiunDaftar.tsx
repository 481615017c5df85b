import { useEffect, useId, useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { CAKUPAN, CAKUPAN_LABEL, CAKUPAN_SINGKAT, type Cakupan } from '../../../core/stasiun'
import { invoke } from '../../api'
import { Dialog, DialogActions, FormDialog } from '../../components/Dialog'
import { Banner, ErrorBanner } from '../../components/Feedback'
import { FormFields, placed, useFormState, type Fields } from '../../components/FormFields'
import { StatusBadge, type StatusState } from '../../components/StatusBadge'
import { fmtJamDari, fmtWaktu } from '../../format'
import { DataTable } from '../../components/TableHead'
import { useRun, useWrite } from '../../components/useWrite'

type Stasiun = MethodOutput<'stasiun.daftar'>[number]
type KodePasang = MethodOutput<'stasiun.buatKodePasang'>

const STATUS: Record<Stasiun['status'], { state: StatusState; label: string }> = {
  belum_dipasang: { state: 'belum', label: 'Belum dipasangkan' },
  terpasang: { state: 'success', label: 'Terpasang' },
  dicabut: { state: 'netral', label: 'Dicabut' },
}

/** "10.55": the hour a code lapses, on the day it was made. */
const jam = (iso: string) => fmtJamDari(iso)

const when = (iso: string | null) => (iso ? fmtWaktu(iso) : '—')

/** The stations this host knows: scope, state, last heard from; a pairing code for each, and revoking. */
export function StasiunDaftar({
  stations,
  hostOn,
  onChanged,
}: {
  stations: Stasiun[]
  hostOn: boolean
  onChanged(): void
}) {
  const [adding, setAdding] = useState(false)
  const [code, setCode] = useState<KodePasang | null>(null)
  const [revoking, setRevoking] = useState<Stasiun | null>(null)
  const { running: busy, error, run } = useRun<number>()

  const pair = (id: number) =>
    run(id, async () => {
      setCode(await invoke('stasiun.buatKodePasang', { id }))
      onChanged()
    })

  return (
    <div className="stasiun-daftar">
      <ErrorBanner error={error} title="Kode pasang tidak dapat dibuat" />
      {!hostOn && (
        <p className="muted small">
          Nyalakan mode induk dahulu: kode pasang membawa alamat dan sidik jari komputer ini.
        </p>
      )}
      <DataTable
        className="stasiun-table"
        testId="stasiun-table"
        columns={['Stasiun', 'Cakupan', 'Status', 'Terakhir terlihat', { label: 'Tindakan', hidden: true }]}
      >
        {stations.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              Belum ada stasiun. Tambahkan satu untuk setiap PC atau tablet di meja sortir, pintu keluar, atau ruang
              koordinator.
            </td>
          </tr>
        )}
        {stations.map((s) => (
          <tr key={s.id} className={s.status === 'dicabut' ? 'inactive' : undefined}>
            <th scope="row">
              {s.nama}
              {s.izinkanHttp && <span className="muted small block">boleh lewat HTTP biasa</span>}
            </th>
            <td title={CAKUPAN_LABEL[s.cakupan]}>{CAKUPAN_SINGKAT[s.cakupan]}</td>
            <td>
              <StatusBadge state={STATUS[s.status].state} dot>
                {STATUS[s.status].label}
              </StatusBadge>
            </td>
            <td>
              {s.terakhirTerlihat ? when(s.terakhirTerlihat) : <span className="muted">belum sejak dinyalakan</span>}
            </td>
            <td className="actions">
              <button
                type="button"
                className="btn btn-small btn-secondary"
                disabled={!hostOn || busy !== null}
                onClick={() => void pair(s.id)}
              >
                {busy === s.id ? 'Membuat…' : s.status === 'belum_dipasang' ? 'Buat kode pasang' : 'Pasangkan ulang'}
              </button>
              {s.status === 'terpasang' && (
                <button type="button" className="btn btn-small btn-secondary" onClick={() => setRevoking(s)}>
                  Cabut
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          Tambah stasiun
        </button>
      </div>
      <TambahDialog
        open={adding}
        hostOn={hostOn}
        onClose={() => setAdding(false)}
        onAdded={(kode) => {
          setAdding(false)
          setCode(kode)
          onChanged()
        }}
      />
      <KodeDialog kode={code} onClose={() => setCode(null)} />
      <CabutDialog
        stasiun={revoking}
        onClose={() => setRevoking(null)}
        onDone={() => {
          setRevoking(null)
          onChanged()
        }}
      />
    </div>
  )
}

function TambahDialog({
  open,
  hostOn,
  onClose,
  onAdded,
}: {
  open: boolean
  hostOn: boolean
  onClose(): void
  onAdded(kode: KodePasang | null): void
}) {
  const form = useFormState({ nama: '' })
  const { nama } = form.values
  const [cakupan, setCakupan] = useState<Cakupan>('tally')
  const [http, setHttp] = useState(false)
  const { error, errors, busy, run } = useWrite()
  const groupId = useId()

  async function submit(e?: FormEvent) {
    e?.preventDefault()
    let kode = null as KodePasang | null
    const added = await run(async () => {
      const s = await invoke('stasiun.tambah', { nama, cakupan, izinkanHttp: http })
      // A new station is paired next: its code is shown at once while the host listens.
      kode = hostOn ? await invoke('stasiun.buatKodePasang', { id: s.id }) : null
      if (!kode) return `Stasiun ${s.nama} ditambahkan; buat kode pasangnya setelah mode induk menyala.`
    })
    if (!added) return
    form.reset()
    setHttp(false)
    onAdded(kode)
  }

  return (
    <FormDialog
      open={open}
      title="Tambah stasiun"
      label={hostOn ? 'Tambah dan buat kode pasang' : 'Tambah'}
      onClose={onClose}
      busy={busy}
      onSave={(e) => void submit(e)}
      className="stasiun-form"
      banner={!placed(error, NAMA) && <ErrorBanner error={error} title="Stasiun tidak dapat ditambahkan" />}
    >
      <FormFields fields={NAMA} form={form} errors={errors} method="stasiun.tambah" />
      <fieldset className="stasiun-cakupan" aria-describedby={groupId}>
        <legend>Cakupan</legend>
        {CAKUPAN.map((c) => (
          <label key={c} className="stasiun-choice">
            <input type="radio" name="cakupan" value={c} checked={cakupan === c} onChange={() => setCakupan(c)} />
            <span>{CAKUPAN_LABEL[c]}</span>
          </label>
        ))}
        <p className="field-hint" id={groupId}>
          Peran pengguna tetap berlaku di dalam cakupan. Mengatur stasiun, cadangan dan pemulihan hanya dari komputer
          induk.
        </p>
      </fieldset>
      <label className="stasiun-choice">
        <input type="checkbox" checked={http} onChange={(e) => setHttp(e.target.checked)} />
        <span>Izinkan HTTP biasa (tanpa enkripsi) untuk tablet yang tidak dapat menerima sertifikat</span>
      </label>
      {http && (
        <Banner kind="warning" title="Lalu lintas stasiun ini dapat dibaca siapa pun di jaringan">
          <p>Gunakan hanya di jaringan gudang yang tertutup, dan hanya bila HTTPS benar-benar tidak bisa dipakai.</p>
        </Banner>
      )}
    </FormDialog>
  )
}

const NAMA: Fields<{ nama: string }> = [
  {
    name: 'nama',
    label: 'Nama stasiun',
    hint: 'Mis. "Meja sortir 1", "Pintu keluar", "Ruang koordinator"',
    autoFocus: true,
    input: { maxLength: 60 },
  },
]

/** The one-time code, large enough to read out, and its QR for a tablet's camera, with the time it lapses. */
function KodeDialog({ kode, onClose }: { kode: KodePasang | null; onClose(): void }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!kode) return
    const t = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(t)
  }, [kode])
  const left = kode ? Math.max(0, Math.round((Date.parse(kode.kedaluwarsa) - now) / 1_000)) : 0
  return (
    <Dialog open={kode !== null} title={kode ? `Kode pasang: ${kode.nama}` : 'Kode pasang'} onClose={onClose} wide>
      {kode && (
        <div className="stasiun-kode" data-testid="stasiun-kode">
          <QrCode baris={kode.qr.baris} label={`Kode QR pemasangan ${kode.nama}`} />
          <div className="stasiun-kode-text">
            <p className="muted small">Pindai kode QR dengan kamera tablet, atau ketik kode ini di stasiun:</p>
            <p className="stasiun-kode-value" data-testid="stasiun-kode-value">
              {kode.kode}
            </p>
            {left > 0 ? (
              <p>
                Berlaku sekali, sampai pukul {jam(kode.kedaluwarsa)} (
                <span className="stasiun-countdown">
                  {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
                </span>{' '}
                lagi).
              </p>
            ) : (
              <Banner kind="warning" title="Kode ini sudah kedaluwarsa">
                <p>Tutup dan buat kode pasang baru.</p>
              </Banner>
            )}
            <dl className="stasiun-facts">
              <div>
                <dt>Alamat</dt>
                <dd className="stasiun-mono">{kode.alamat.map((a) => `${a}:${kode.port}`).join(', ')}</dd>
              </div>
              <div>
                <dt>Sidik jari (16 karakter pertama)</dt>
                <dd className="stasiun-mono">{kode.sidikJari.slice(0, 23)}</dd>
              </div>
            </dl>
            <p className="muted small">
              Di PC stasiun: <em>Sambungkan ke komputer induk</em>, lalu tempel tautan ini atau isi alamat, port, kode
              dan sidik jari di atas.
            </p>
            <p className="stasiun-mono stasiun-link">{kode.tautan}</p>
          </div>
        </div>
      )}
    </Dialog>
  )
}

/** Rows of 0/1 from the host (1 = dark) drawn as one SVG path, with the quiet zone the standard asks for. */
function QrCode({ baris, label }: { baris: string[]; label: string }) {
  const quiet = 4
  const size = baris.length + quiet * 2
  let d = ''
  baris.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + quiet} ${y + quiet}h1v1h-1z`
  })
  return (
    <svg
      className="stasiun-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} className="stasiun-qr-light" />
      <path d={d} className="stasiun-qr-dark" />
    </svg>
  )
}

function CabutDialog({ stasiun, onClose, onDone }: { stasiun: Stasiun | null; onClose(): void; onDone(): void }) {
  const { error, busy, run } = useWrite()
  async function cabut() {
    if (!stasiun) return
    const done = await run(async () => {
      await invoke('stasiun.cabut', { id: stasiun.id })
      return `Kredensial ${stasiun.nama} dicabut; sambungannya diputus.`
    })
    if (done) onDone()
  }
  return (
    <Dialog
      open={stasiun !== null}
      title={stasiun ? `Cabut ${stasiun.nama}?` : 'Cabut stasiun'}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          label="Cabut sekarang"
          busyLabel="Mencabut…"
          onConfirm={() => void cabut()}
        />
      }
    >
      <ErrorBanner error={error} title="Stasiun tidak dapat dicabut" />
      <p>
        Stasiun ini langsung terputus dan tidak dapat menulis apa pun lagi. Isian yang masih menunggu di antreannya
        tidak akan diterima. Untuk memakainya lagi, buat kode pasang baru.
      </p>
    </Dialog>
  )
}
