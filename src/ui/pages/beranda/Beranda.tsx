import { useMemo } from 'react'
import type { Pemilihan, Barang } from '../../../api/contract'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { DataNote, PageHeader, Section } from '../../components/Page'
import { fmt, JENIS_LABEL } from '../../format'
import { href } from '../../router'
import './beranda.css'
import { KemajuanSection } from './BerandaKemajuan'
import { BallotTable, LogisticsTable, SelisihNote, ShortfallBanner } from './BerandaRekon'
import { SerahTerimaSection } from './BerandaSerahTerima'
import { useBolehMembaca } from '../../components/cakupan'

export function BerandaPage({ election }: { election: Pemilihan }) {
  const summary = useApi('wilayah.lihatRingkasan', {})
  const items = useApi('barang.daftar', {})
  const recon = useApi('rekonsiliasi.lihat', {})
  const alasan = useApi('rusak.daftarAlasan', {})
  const variants = useApi('barang.daftarVarian', {})
  // A tally table's station reads no kits: the handover section is the door's and the host's.
  const kitsShown = useBolehMembaca('kemas.lihatKemajuan')
  const kode = useApi('ledger.lihatKodeSaksi', {})

  const unconfirmed = (items.data ?? []).filter((i) => i.active && i.preset && !i.confirmed)
  const noTps = summary.data !== undefined && summary.data.tps === 0
  const reasons = useMemo(() => new Map((alasan.data ?? []).map((r) => [r.code, r.short])), [alasan.data])

  return (
    <div className="beranda-page">
      <PageHeader
        title="Beranda"
        lead={`Posisi surat suara dan logistik ${JENIS_LABEL[election.jenis]} ${election.tahun} di gudang logistik KPU ${election.satker}: per jenis dan dapil, terhadap kebutuhan.`}
      />
      <DataNote note={election.dataNote} />
      {kode.data && (
        <p className="beranda-kode-saksi" data-testid="kode-saksi">
          Kode saksi: <code>{kode.data.kode}</code> — tulis di buku catatan gudang atau kirim ke KPU provinsi; kode yang
          dicatat dapat diperiksa kelak di <a href={href('integritas')}>Periksa integritas</a>.
        </p>
      )}

      <ErrorBanner error={summary.error} onRetry={summary.reload} title="Ringkasan wilayah tidak dapat dimuat" />
      {summary.data ? (
        <div className="beranda-cards" aria-label="Ringkasan wilayah">
          <StatCard
            label="Kecamatan"
            value={summary.data.kecamatan}
            note="wilayah PPK (Panitia Pemilihan Kecamatan)"
            href={href('wilayah')}
          />
          <StatCard label="Desa/Kelurahan" value={summary.data.desa} note="wilayah PPS" href={href('wilayah')} />
          <StatCard label="TPS" value={summary.data.tps} note="tempat pemungutan suara" href={href('wilayah')} />
          <StatCard
            label="DPT"
            value={summary.data.dpt}
            note="pemilih dalam daftar pemilih tetap"
            href={href('wilayah')}
          />
          <StatCard
            label="TPS di atas batas"
            value={summary.data.tpsOverMax}
            note={`lebih dari ${fmt(election.maxVotersPerTps)} pemilih per TPS`}
            href={href('wilayah')}
            tone={summary.data.tpsOverMax > 0 ? 'warn' : 'ok'}
          />
        </div>
      ) : (
        !summary.error && <Loading />
      )}

      {noTps && <NextSteps unconfirmed={unconfirmed} />}
      {recon.data && (
        <>
          {/* Without TPS the needs are only the PSU reserve: a shortfall against that would mislead. */}
          {!noTps && <ShortfallBanner rows={recon.data} />}
          <SelisihNote rows={recon.data} />
        </>
      )}
      {!noTps && unconfirmed.length > 0 && (
        <Banner kind="warning" title={<>{fmt(unconfirmed.length)} barang logistik masih berupa preset</>}>
          <p>
            Jumlah bawaan untuk {unconfirmed.map((i) => i.name.toLowerCase()).join(', ')} belum dikonfirmasi satker.
            Periksa dan konfirmasi di <a href={href('pengaturan')}>Pengaturan</a> sebelum angka kebutuhan dipakai untuk
            pengadaan atau pengepakan.
          </p>
        </Banner>
      )}

      <Section title="Rekonsiliasi surat suara per jenis dan dapil" id="rekon">
        <ErrorBanner error={recon.error} onRetry={recon.reload} title="Rekonsiliasi tidak dapat dimuat" />
        {recon.data ? (
          <BallotTable rows={recon.data} reasons={reasons} election={election} />
        ) : (
          !recon.error && <Loading />
        )}
      </Section>

      {/* The charts' and the kits' reads leave with the table's (src/ui/firstReads.ts), after it; they are
          shown once the table is, which the charts' figures need and which keeps the page from jumping. */}
      {(recon.data || recon.error) && (
        <>
          <KemajuanSection recon={recon.data} />
          {kitsShown && <SerahTerimaSection />}
        </>
      )}

      <Section title="Barang logistik" id="logistik">
        {recon.data ? <LogisticsTable rows={recon.data} variants={variants.data ?? []} /> : !recon.error && <Loading />}
      </Section>
    </div>
  )
}

function StatCard({
  label,
  value,
  note,
  href: link,
  tone,
}: {
  label: string
  value: number
  note: string
  href: string
  tone?: 'warn' | 'ok'
}) {
  return (
    <a className={`card beranda-stat${tone ? ` beranda-stat-${tone}` : ''}`} href={link}>
      <span className="beranda-stat-label">{label}</span>
      <span className="beranda-stat-value">{fmt(value)}</span>
      <span className="beranda-stat-note">{note}</span>
    </a>
  )
}

function NextSteps({ unconfirmed }: { unconfirmed: Barang[] }) {
  return (
    <Section title="Langkah berikutnya">
      <ol className="beranda-steps">
        <li>
          <strong>Impor daftar TPS.</strong> Buka <a href={href('wilayah')}>Wilayah &amp; TPS</a>, pilih{' '}
          <em>Impor TPS</em>, lalu unggah berkas CSV atau XLSX berisi kecamatan, desa/kelurahan, nomor TPS dan DPT.
          Kebutuhan logistik dihitung dari data ini.
        </li>
        <li>
          <strong>Periksa pengaturan.</strong> Pastikan persentase cadangan, cara pembulatan dan batas pemilih per TPS
          sesuai juknis di <a href={href('pengaturan')}>Pengaturan</a>.
        </li>
        <li>
          <strong>Konfirmasi barang preset.</strong>{' '}
          {unconfirmed.length > 0 ? (
            <>
              Jumlah bawaan berikut belum dikonfirmasi: {unconfirmed.map((i) => i.name).join(', ')}. Sesuaikan dengan
              ketentuan satker lalu pilih <em>Konfirmasi</em> di <a href={href('pengaturan')}>Pengaturan</a>.
            </>
          ) : (
            'Semua barang sudah dikonfirmasi.'
          )}
        </li>
      </ol>
    </Section>
  )
}
