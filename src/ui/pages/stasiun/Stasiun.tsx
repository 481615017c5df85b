import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { Section } from '../../components/Page'
import { useSession } from '../../components/session'
import { StasiunDaftar } from './StasiunDaftar'
import { StasiunHost } from './StasiunHost'
import { StasiunLepaskan, StasiunSambung } from './StasiunSambung'
import './stasiun.css'

export const STASIUN_SECTION_ID = 'pengaturan-stasiun'

/**
 * Pengaturan › Stasiun: host mode and the LAN stations (docs/lan.md). Only an admin at the host's own
 * window manages them; a station, whatever its scope, is told so instead of being refused call by call.
 */
export function StasiunSection() {
  const { user, openSwitcher } = useSession()
  const saya = useApi('stasiun.lihatSaya', {})
  const admin = user?.role === 'admin'
  const atStation = saya.data?.stasiun != null
  return (
    <Section title="Stasiun LAN" id={STASIUN_SECTION_ID}>
      <p className="muted stasiun-explain">
        PC lain dan tablet di jaringan gudang dapat bekerja pada basis data komputer ini sebagai stasiun: meja tally,
        pintu keluar (pengemasan dan serah terima), atau dasbor. Setiap stasiun dipasangkan sekali dengan kode pasang
        dan dapat dicabut kapan saja. Lihat docs/lan.md untuk menyiapkan jaringan.
      </p>
      {atStation ? (
        <>
          <p className="muted">
            Ini stasiun <strong>{saya.data?.stasiun?.nama}</strong>. Stasiun diatur dari komputer induk.
          </p>
          <StasiunLepaskan />
        </>
      ) : !admin ? (
        <>
          <div className="form-actions">
            <span className="muted">Hanya admin yang mengatur mode induk dan stasiun.</span>
            <button type="button" className="btn btn-secondary" onClick={openSwitcher}>
              Masuk sebagai admin
            </button>
          </div>
          <StasiunSambung />
        </>
      ) : (
        <>
          <StasiunAdmin />
          <StasiunSambung />
        </>
      )}
    </Section>
  )
}

function StasiunAdmin() {
  const host = useApi('stasiun.lihatHost', {})
  const stations = useApi('stasiun.daftar', {})
  if (host.error || stations.error)
    return <ErrorBanner error={host.error ?? stations.error} onRetry={() => (host.reload(), stations.reload())} />
  if (!host.data || !stations.data) return <Loading />
  return (
    <>
      <StasiunHost host={host.data} onChanged={() => (host.reload(), stations.reload())} />
      <h3 className="stasiun-subtitle">Stasiun</h3>
      <StasiunDaftar
        stations={stations.data}
        hostOn={host.data.berjalan}
        onChanged={() => (stations.reload(), host.reload())}
      />
    </>
  )
}
