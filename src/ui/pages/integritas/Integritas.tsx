import { useState, type FormEvent, type ReactNode } from 'react'
import type { ChainReport, MethodOutput } from '../../../api/contract'
import { saksiDicocokkan } from '../../../core/jejak'
import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { TextField } from '../../components/Form'
import { Verdict } from '../../components/Feedback'
import { useJob } from '../../components/Jobs'
import { Loaded } from '../../components/Loaded'
import { JobRunning } from '../../components/JobRunning'
import { PageHeader, Section } from '../../components/Page'
import { fmt, fmtWaktu } from '../../format'
import { href } from '../../router'
import './integritas.css'

/**
 * "Periksa integritas": the full walk of the ledger's hash chain, SQLite's integrity check and the
 * balances recomputed from the ledger. The start of the app only checks the head of the chain; a row
 * changed deep inside is found here.
 */
export function IntegritasPage() {
  const info = useApi('sistem.lihatInfo', {})
  const check = useVerify()

  return (
    <>
      <PageHeader
        title="Periksa integritas"
        lead="Memeriksa bahwa buku besar tidak diubah di luar aplikasi: setiap baris disambung ke baris sebelumnya dengan hash, sehingga satu angka yang diubah, baris yang dihapus atau disisipkan langsung terlihat."
      />
      <Section title="Buku besar yang dibuka" id="integritas-berkas">
        <Loaded query={info} title="Keterangan basis data tidak dapat dimuat">
          {(db) => (
            <dl className="dl dl-block">
              <dt>Berkas basis data</dt>
              <dd>
                <code className="file-path">{db.dbPath}</code>
              </dd>
              <dt>Baris buku besar</dt>
              <dd className="num">{fmt(db.ledgerRows)}</dd>
              <dt>Kepala rantai</dt>
              <dd>
                <code title={db.chainHead}>{db.chainHead.slice(0, 16)}…</code>
              </dd>
            </dl>
          )}
        </Loaded>
        <div className="row-wrap integritas-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void check.run()}
            disabled={check.busy}
            autoFocus
            data-testid="verify-run"
          >
            {check.busy ? 'Memeriksa…' : check.report ? 'Periksa lagi' : 'Periksa sekarang'}
          </button>
          <span className="muted small">
            Seluruh baris dibaca satu per satu; pada sejuta baris pemeriksaan memerlukan beberapa detik.
          </span>
        </div>
      </Section>

      <VerifyProgress check={check} />
      {check.report && (
        <VerifyResult
          report={check.report}
          at={check.at}
          todo={
            <ol>
              <li>
                Hentikan pencatatan di semua komputer sampai masalah ini selesai; jangan mencetak berita acara dari
                basis data ini.
              </li>
              <li>
                Buka <a href={href('cadangan')}>Cadangan</a> dan pulihkan cadangan terbaru yang lolos pemeriksaan
                (dibuat sebelum perubahan). Berkas yang sekarang tidak dihapus: disimpan sebagai{' '}
                <code>…-sebelum-pulih.sqlite</code> untuk diperiksa.
              </li>
              <li>
                Catat ulang apa yang tercatat setelah cadangan itu dari formulir kertas (tally regu, surat jalan), lalu
                periksa integritas lagi.
              </li>
              <li>
                Laporkan kejadian ini kepada Kasubbag Keuangan, Umum dan Logistik: ada yang mengubah berkas di luar
                aplikasi.
              </li>
            </ol>
          }
        />
      )}

      <KodeSaksiSection />

      <Section title="Yang diperiksa" id="integritas-cara">
        <ul className="plain-list">
          <li>
            <strong>Berkas SQLite</strong> tidak rusak (<code>integrity_check</code>).
          </li>
          <li>
            <strong>Rantai hash buku besar</strong>: setiap baris memuat hash baris sebelumnya, dan hash isinya sendiri
            cocok. Baris yang diubah, dihapus atau disisipkan disebut nomornya.
          </li>
          <li>
            <strong>Jejak berantai</strong>: setiap perubahan data induk (TPS dan DPT, pengguna, pengaturan, register
            dokumen, penerimaan) dan setiap catatan jejak disambung dengan hash yang sama; tabel yang diubah di luar
            aplikasi disebut namanya. Pemicu pelindung dan susunan tabel dibandingkan dengan yang seharusnya.
          </li>
          <li>
            <strong>Saldo dan rekap</strong> (stok per tempat, rekap kerja lantai) sama dengan jumlah yang dihitung
            ulang dari buku besar.
          </li>
          <li>
            <strong>Saksi di luar berkas</strong>: cadangan di folder cadangan, jurnal saksi di folder data aplikasi
            (dokumen terbit, cadangan dibuat, kode saksi yang ditampilkan atau diketik) harus sesuai dengan riwayat
            berkas ini.
          </li>
        </ul>
        <p className="muted small">
          Orang yang memegang berkas dan alat SQLite dapat menghitung ulang semua hash sehingga berkas tampak utuh bila
          diperiksa sendirian. Yang tidak dapat ia ubah adalah saksi di luar berkas: kertas berita acara, cadangan di
          flashdisk dan kode saksi di buku catatan. Catat kode saksi dari Beranda setiap hari dan cocokkan di atas.
        </p>
      </Section>
    </>
  )
}

type HasilKode = MethodOutput<'ledger.periksaKodeSaksi'>

/**
 * A kode saksi typed from the paper logbook, a BA's footer or a message to the KPU provinsi, checked
 * against this file's history; a code that holds is kept as a witness from then on.
 */
function KodeSaksiSection() {
  const [kode, setKode] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [hasil, setHasil] = useState<{ kode: string; hasil: HasilKode } | null>(null)
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!kode.trim()) return setError('Ketik kode saksi yang tercatat, mis. J-18422-7KQ2M-9XH4C')
    setBusy(true)
    setError(undefined)
    setHasil(null)
    try {
      setHasil({ kode: kode.trim(), hasil: await invoke('ledger.periksaKodeSaksi', { kode }) })
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Section title="Cocokkan kode saksi" id="integritas-kode-saksi">
      <p>
        Kode saksi (mis. <code>J-18422-7KQ2M-9XH4C</code>) tertulis di Beranda, di kaki setiap berita acara dan di rekap
        harian. Ketik kode yang tercatat di buku catatan gudang atau yang dikirim ke KPU provinsi: kode itu hanya cocok
        bila riwayat berkas ini sampai saat kode dicatat tidak diubah.
      </p>
      <form className="row-wrap integritas-kode" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Kode saksi"
          value={kode}
          onChange={(v) => {
            setKode(v)
            setError(undefined)
          }}
          error={error}
          hint="Huruf besar atau kecil, dengan atau tanpa tanda hubung"
          autoComplete="off"
          spellCheck={false}
          data-testid="kode-saksi-input"
        />
        <button type="submit" className="btn" disabled={busy} data-testid="kode-saksi-periksa">
          {busy ? 'Mencocokkan…' : 'Cocokkan'}
        </button>
      </form>
      {hasil && (
        <Verdict
          ok={hasil.hasil.cocok}
          title={
            hasil.hasil.cocok
              ? 'Kode saksi cocok'
              : hasil.hasil.hasil === 'tidak-dikenal'
                ? 'Kode saksi tidak dikenal berkas ini'
                : 'Kode saksi tidak cocok'
          }
          headingId="kode-saksi-title"
          testId="kode-saksi-result"
        >
          <p>{hasil.hasil.pesan}</p>
          {!hasil.hasil.cocok && (
            <p>
              Periksa lagi salinan kodenya. Bila kode itu benar dari buku catatan berkas ini, jalankan pemeriksaan di
              atas dan ikuti langkah yang disarankan.
            </p>
          )}
        </Verdict>
      )}
    </Section>
  )
}

/** The full check as a background job: a million rows take seconds, and the bar shows how far it is. */
export function useVerify() {
  const verifyJob = useJob('ledger.periksa')
  const [at, setAt] = useState<Date | undefined>()
  const [report, setReport] = useState<ChainReport | undefined>()
  async function run() {
    setReport(undefined)
    const r = await verifyJob.start({})
    if (r) {
      setReport(r)
      setAt(new Date())
    }
  }
  return { job: verifyJob, report, busy: verifyJob.running, at, run }
}

/** The check while it runs (its bar, Batal) and why it could not run, for every page that offers it. */
export function VerifyProgress({ check }: { check: ReturnType<typeof useVerify> }) {
  return (
    <JobRunning
      job={check.job}
      label="Memeriksa buku besar"
      testId="verify-job"
      errorTitle="Pemeriksaan tidak dapat dijalankan"
    />
  )
}

/** The verdict of ledger.periksa: green and short when all is well, red with the first bad row and what to do otherwise. */
export function VerifyResult({ report, at, todo }: { report: ChainReport; at?: Date | undefined; todo: ReactNode }) {
  const when = at ? fmtWaktu(at, { detik: true }) : null
  if (report.ok) {
    return (
      <Verdict ok title="Buku besar utuh" headingId="verify-title" testId="verify-result">
        <p>
          Semua {fmt(report.rows)} baris tersambung dan isinya sesuai hash-nya; saldo dan rekap sama dengan buku besar;
          berkas SQLite tidak rusak.
        </p>
        <dl className="dl dl-block">
          <dt>Baris diperiksa</dt>
          <dd className="num" data-testid="verify-rows">
            {fmt(report.rows)}
          </dd>
          <dt>Kepala rantai</dt>
          <dd>
            <code title={report.head}>{report.head.slice(0, 16)}…</code>
          </dd>
          <dt>Saksi di luar berkas</dt>
          <dd data-testid="verify-saksi">{saksiDicocokkan(report.saksi)}</dd>
          {when && (
            <>
              <dt>Diperiksa</dt>
              <dd>{when}</dd>
            </>
          )}
        </dl>
      </Verdict>
    )
  }
  const goodUntil = report.firstBadSeq !== null ? report.firstBadSeq - 1 : null
  return (
    <Verdict ok={false} title="Buku besar tidak utuh" headingId="verify-title" testId="verify-result">
      {report.firstBadSeq !== null && (
        <p className="integritas-bad-seq" data-testid="verify-bad-seq">
          Baris pertama yang bermasalah: #{fmt(report.firstBadSeq)}
        </p>
      )}
      {report.problem && <p className="integritas-problem">{report.problem}</p>}
      {report.integrity !== 'ok' && report.integrity !== '' && (
        <p className="integritas-problem">
          Pemeriksaan SQLite: <code>{report.integrity}</code>
        </p>
      )}
      <dl className="dl dl-block">
        {goodUntil !== null && (
          <>
            <dt>Rantai utuh sampai</dt>
            <dd>{goodUntil > 0 ? `baris #${fmt(goodUntil)}` : 'tidak ada baris yang utuh'}</dd>
          </>
        )}
        <dt>Tabel saldo</dt>
        <dd>{report.balancesMatch ? 'sama dengan buku besar' : 'tidak sama dengan buku besar'}</dd>
        {when && (
          <>
            <dt>Diperiksa</dt>
            <dd>{when}</dd>
          </>
        )}
      </dl>
      <h3>Yang perlu dilakukan</h3>
      {todo}
    </Verdict>
  )
}
