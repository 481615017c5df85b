import { useEffect } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { KitStatusBadge, kitState, StatusBadge } from '../../components/StatusBadge'
import { fmt, formatTpsNumber } from '../../format'
import { href } from '../../router'
import { rememberKecamatan } from './KemasKemajuan'
import type { PackingShift } from './KemasShift'
import { PackForm } from './KemasKitIsi'
import { KotakSection, PrintButtons } from './KemasKitKotak'

type Kit = MethodOutput<'kemas.lihatKit'>

export function KitView({
  tpsId,
  shift,
  scannedKotak,
}: {
  tpsId: number
  shift: PackingShift['active']
  scannedKotak: { kotakNo: number; at: number } | null
}) {
  const q = useApi('kemas.lihatKit', { tpsId })
  const kit = q.data
  const siblings = useApi('kemas.daftarKit', { kecamatanId: kit?.kecamatanId ?? 0 }, kit !== undefined)

  const kecamatanId = kit?.kecamatanId
  useEffect(() => {
    if (kecamatanId !== undefined) rememberKecamatan(kecamatanId)
  }, [kecamatanId])

  const back = (
    <p className="back-link">
      <a href={href('kemas')}>← Kemajuan per kecamatan{kit ? ` (Kec. ${kit.kecamatan})` : ''}</a>
    </p>
  )
  if (!kit) {
    return (
      <>
        {back}
        {q.error ? (
          <ErrorBanner
            error={q.error}
            onRetry={q.error.code === 'NOT_FOUND' ? undefined : q.reload}
            title="Kit TPS tidak dapat dibuka"
          />
        ) : (
          <Loading label="Memuat kit TPS…" />
        )}
      </>
    )
  }

  const list = siblings.data ?? []
  const at = list.findIndex((s) => s.tpsId === tpsId)
  const prev = at > 0 ? list[at - 1] : undefined
  const next = at >= 0 ? list[at + 1] : undefined

  return (
    <>
      <div className="kemas-kit-nav">
        {back}
        <p className="kemas-sibling-links">
          {prev && (
            <a href={href('kemas', prev.tpsId)} title={`${formatTpsNumber(prev.nomor)} ${prev.desa}`}>
              ← {formatTpsNumber(prev.nomor)} {prev.desa}
            </a>
          )}
          {next && (
            <a
              href={href('kemas', next.tpsId)}
              title={`${formatTpsNumber(next.nomor)} ${next.desa}`}
              data-testid="kit-next"
            >
              {formatTpsNumber(next.nomor)} {next.desa} →
            </a>
          )}
        </p>
      </div>
      <KitIdentity kit={kit} />
      {kit.handoverId !== null && (
        <Banner kind="info" title={<>Kit ini sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan) {kit.kecamatan}</>}>
          <p>
            Isinya tidak dapat diubah lagi dari halaman ini.
            {kit.exception && ` Pengecualian saat serah terima: ${kit.exception}`}
          </p>
        </Banner>
      )}
      {kit.belumDipetakan.length > 0 && (
        <Banner kind="warning" title="Dapil belum dipetakan" testId="kit-belum-dipetakan">
          <p>
            {kit.belumDipetakan.join(', ')} untuk Kecamatan {kit.kecamatan} belum dipetakan ke dapil. Pengemasan surat
            suara itu dan label kotak ditolak sampai pemetaan dapil diimpor di Pengaturan › Dapil.
          </p>
        </Banner>
      )}
      {kit.periksa && <PeriksaBanner periksa={kit.periksa} />}
      {kit.status === 'lengkap' && <LengkapBanner kit={kit} />}
      <PackForm kit={kit} shift={shift} />
      <KotakSection kit={kit} scannedKotak={scannedKotak} />
    </>
  )
}

/** Why the kit is "perlu diperiksa" and what settles it, line by line. */
function PeriksaBanner({ periksa }: { periksa: NonNullable<Kit['periksa']> }) {
  return (
    <Banner kind="warning" title="Kit ini perlu diperiksa" testId="kit-periksa">
      <p>
        {periksa.alasan}. Label dan serah terima ditolak sampai setiap baris di bawah berisi tepat sebanyak
        kebutuhannya.
      </p>
      <ul className="kemas-periksa-list">
        {periksa.lines.map((l) => (
          <li key={l.variantId}>
            <StatusBadge state={l.kind}>{l.kind === 'lebih' ? 'Kelebihan' : 'Kekurangan'}</StatusBadge> {l.label}:
            kebutuhan {fmt(l.need)}, di kit {fmt(l.packed)} —{' '}
            {l.kind === 'lebih'
              ? `keluarkan ${fmt(l.packed - l.need)} (koreksi baris pengemasan pada riwayat di bawah)`
              : `tambahkan ${fmt(l.need - l.packed)}`}
          </li>
        ))}
        {periksa.foreign > 0 && (
          <li>
            <StatusBadge state="tertukar">Bukan untuk TPS ini</StatusBadge> {fmt(periksa.foreign)} lembar/buah barang
            yang tidak termasuk kebutuhan kit ini; keluarkan dengan koreksi
          </li>
        )}
      </ul>
    </Banner>
  )
}

function KitIdentity({ kit }: { kit: Kit }) {
  return (
    <div className={`kemas-kit-id status-${kitState(kit.status)}`} data-testid="kit-identity">
      <div className="kemas-kit-id-tps">{formatTpsNumber(kit.nomor)}</div>
      <div className="kemas-kit-id-place">
        <span className="kemas-kit-id-desa">{kit.desa}</span>
        <span>
          Desa/Kel. (PPS) · Kecamatan <strong>{kit.kecamatan}</strong> (PPK, Panitia Pemilihan Kecamatan)
        </span>
        <span>
          DPT <strong className="num">{fmt(kit.dpt)}</strong> pemilih
        </span>
      </div>
      <div className="kemas-kit-id-status">
        <KitStatusBadge status={kit.status} large />
      </div>
    </div>
  )
}

function LengkapBanner({ kit }: { kit: Kit }) {
  const kotakWithoutSeal = kit.kotak.filter((k) => !k.segel).length
  return (
    <div className="kemas-lengkap status-lengkap" role="status" data-testid="kit-lengkap">
      <svg viewBox="0 0 24 24" className="kemas-lengkap-icon" aria-hidden="true">
        <circle cx="12" cy="12" r="11" fill="currentColor" />
        <path className="icon-mark" d="M6.5 12.5l3.6 3.6L17.5 8.7" strokeWidth="2.6" />
      </svg>
      <div className="kemas-lengkap-body">
        <strong>Lengkap</strong>
        <p>
          Semua barang kit {formatTpsNumber(kit.nomor)} {kit.desa} sudah dikemas.{' '}
          {kotakWithoutSeal > 0
            ? `Catat nomor segel ${kotakWithoutSeal === kit.kotak.length ? 'setiap kotak' : `${fmt(kotakWithoutSeal)} kotak lagi`}, lalu cetak daftar isinya.`
            : 'Nomor segel setiap kotak sudah tercatat; cetak daftar isinya.'}
        </p>
      </div>
      <PrintButtons kit={kit} primary />
    </div>
  )
}

/* ------------------------------------------------------------ packing */
