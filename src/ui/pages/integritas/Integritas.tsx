import { useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { TextField } from '../../components/Form'
import { Verdict } from '../../components/Feedback'
import { Loaded } from '../../components/Loaded'
import { PageHeader, Section } from '../../components/Page'
import { fmt } from '../../format'
import { href } from '../../router'
import { useVerify, VerifyProgress, VerifyResult } from './verify'
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
