import { useApi } from '../../components/data'
import { ErrorBanner } from '../../components/Feedback'
import { Section } from '../../components/Page'
import { KitStatusBar, KitStatusLegend, kitCountsText, sumKitCounts } from '../../components/StatusBadge'
import { fmt } from '../../format'
import { serahTerimaHref } from '../serahTerima/SerahTerimaShared'

/** "Serah terima ke PPK" on the Beranda: kit status per kecamatan, from packing to the PPK's receipt. */
export function SerahTerimaSection() {
  const q = useApi('kemas.lihatKemajuan', { level: 'kecamatan' })
  const rows = q.data ?? []
  const total = sumKitCounts(rows)
  if (q.error) {
    return (
      <Section title="Serah terima ke PPK" id="serah-terima">
        <ErrorBanner error={q.error} onRetry={q.reload} title="Kemajuan serah terima tidak dapat dimuat" />
      </Section>
    )
  }
  // Without TPS there are no kits to distribute; the Beranda's next steps say what to do first.
  if (total.tps === 0) return null
  const out = total.diserahkan + total.diterima
  return (
    <Section
      title="Serah terima ke PPK"
      id="serah-terima"
      actions={
        <a className="btn btn-secondary btn-small" href={serahTerimaHref()}>
          Buka Serah Terima
        </a>
      }
    >
      <p className="beranda-serah-terima-total" data-testid="beranda-serah-terima-total">
        <strong>{fmt(out)}</strong> dari {fmt(total.tps)} kit TPS sudah diserahkan ke PPK (Panitia Pemilihan Kecamatan)
        {total.diterima > 0 && <>, {fmt(total.diterima)} di antaranya sudah dikonfirmasi diterima</>}. Di gudang:{' '}
        {fmt(total.lengkap)} kit lengkap siap diserahkan, {fmt(total.sebagian)} dikemas sebagian, {fmt(total.belum)}{' '}
        belum dikemas.
      </p>
      <KitStatusLegend />
      <ul className="beranda-serah-terima-list" data-testid="beranda-serah-terima">
        {rows.map((r) => (
          <li key={r.id}>
            <a href={serahTerimaHref(r.id)} className="beranda-serah-terima-name">
              {r.nama}
            </a>
            <KitStatusBar p={r} size="slim" />
            <span className="beranda-serah-terima-counts">{kitCountsText(r, ' · ')}</span>
          </li>
        ))}
        <li className="beranda-serah-terima-sum">
          <span className="beranda-serah-terima-name">Jumlah</span>
          <KitStatusBar p={total} size="slim" />
          <span className="beranda-serah-terima-counts">{kitCountsText(total, ' · ')}</span>
        </li>
      </ul>
    </Section>
  )
}
