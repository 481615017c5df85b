import { useMemo } from 'react'
import { KIT_STATUS_LABEL, KIT_STATUS_SHORT, KIT_STATUSES } from '../../../core/kit'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { PageHeader, Section } from '../../components/Page'
import { KitStatusBar, KitStatusLegend, sumKitCounts, StatusText } from '../../components/StatusBadge'
import { fmt, fmtTanggal } from '../../format'
import { href, navigate } from '../../router'
import { SerahTerimaKecamatan } from './SerahTerimaKecamatan'
import { HandoverPrintButton } from './SerahTerimaHandover'
import { serahTerimaHref, type Handover, type KitProgress, PpkCell, ConfirmedBadge } from './SerahTerimaShared'
import { BaRegister } from '../dokumen/DokumenShared'
import './serahTerima.css'
import { Loaded } from '../../components/Loaded'
import { TableHead } from '../../components/TableHead'

/** '#/serah-terima' overview, '#/serah-terima/<kecamatanId>' one PPK's handover. */
export function SerahTerimaPage({ params }: { params: string[] }) {
  const [first] = params
  if (first !== undefined) {
    const id = Number(first)
    if (Number.isInteger(id) && id > 0) return <SerahTerimaKecamatan key={id} kecamatanId={id} />
  }
  return <Overview />
}

function Overview() {
  const status = useApi('kemas.lihatKemajuan', { level: 'kecamatan' })
  const handovers = useApi('serahTerima.daftar', {})
  const byKec = useMemo(() => {
    const m = new Map<number, Handover[]>()
    for (const h of handovers.data ?? []) m.set(h.kecamatanId, [...(m.get(h.kecamatanId) ?? []), h])
    return m
  }, [handovers.data])
  const rows = status.data ?? []
  const total = sumKitCounts(rows)

  return (
    <>
      <PageHeader
        title="Serah Terima"
        lead="Kit TPS yang sudah dikemas diserahkan per kecamatan kepada PPK (Panitia Pemilihan Kecamatan) dengan berita acara serah terima. Pilih kecamatan untuk memeriksa kotak dengan pemindai dan menyerahkan kitnya."
      />

      <Section title="Kemajuan kit TPS per kecamatan" id="serah-terima-kemajuan">
        <ErrorBanner error={status.error} onRetry={status.reload} title="Kemajuan serah terima tidak dapat dimuat" />
        {!status.data ? (
          !status.error && <Loading />
        ) : rows.length === 0 ? (
          <div className="empty-state">
            <p>
              <strong>Belum ada TPS.</strong> Impor daftar TPS di <a href={href('wilayah')}>Wilayah &amp; TPS</a>; kit
              setiap TPS dikemas di <a href={href('kemas')}>Pengemasan</a> sebelum diserahkan ke PPK.
            </p>
          </div>
        ) : (
          <>
            <KitStatusLegend />
            <div className="table-wrap">
              <table className="table serah-terima-progress-table" data-testid="serah-terima-progress">
                <colgroup>
                  <col className="serah-terima-c-kec" />
                  <col className="serah-terima-c-n" />
                  <col className="serah-terima-c-bar" />
                  {KIT_STATUSES.map((s) => (
                    <col key={s} className="serah-terima-c-status-n" />
                  ))}
                </colgroup>
                <TableHead
                  columns={[
                    'Kecamatan (PPK)',
                    { label: 'TPS', num: true },
                    'Kemajuan',
                    ...KIT_STATUSES.map((s) => ({ label: KIT_STATUS_SHORT[s], num: true, title: KIT_STATUS_LABEL[s] })),
                  ]}
                />
                <tbody>
                  {rows.map((r) => (
                    <ProgressRow key={r.id} r={r} handovers={byKec.get(r.id) ?? []} />
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Jumlah</th>
                    <td className="num">{fmt(total.tps)}</td>
                    <td>
                      <KitStatusBar p={total} />
                    </td>
                    {KIT_STATUSES.map((s) => (
                      <td key={s} className="num">
                        {fmt(total[s])}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section title="Serah terima yang sudah dilakukan" id="serah-terima-riwayat">
        <Loaded
          query={handovers}
          title="Daftar serah terima tidak dapat dimuat"
          empty="Belum ada kit yang diserahkan ke PPK. Buka salah satu kecamatan di atas untuk memulai serah terima."
        >
          {(rows) => (
            <BaRegister
              className="serah-terima-handover-table"
              testId="serah-terima-handover-list"
              rows={rows}
              columns={['Tanggal', 'Kecamatan', 'Diterima oleh', { label: 'TPS', num: true }, 'Konfirmasi PPK']}
              actions={(h) => <HandoverPrintButton h={h} />}
              cells={(h) => (
                <>
                  <td>{fmtTanggal(h.tanggal, 'date')}</td>
                  <td>
                    <a href={serahTerimaHref(h.kecamatanId)}>{h.kecamatan}</a>
                  </td>
                  <PpkCell h={h} />
                  <td className="num">
                    {fmt(h.tps)}
                    {h.exceptions > 0 && <span className="muted small block">{fmt(h.exceptions)} pengecualian</span>}
                  </td>
                  <td>
                    <ConfirmedBadge confirmed={Boolean(h.confirmed)} />
                  </td>
                </>
              )}
            />
          )}
        </Loaded>
      </Section>
    </>
  )
}

function ProgressRow({ r, handovers }: { r: KitProgress; handovers: Handover[] }) {
  return (
    <tr
      className="serah-terima-progress-row"
      onClick={(e) => {
        // The name is the keyboard way in; the whole row is a bigger target for the mouse.
        if (!(e.target as HTMLElement).closest('a, button')) navigate('serah-terima', r.id)
      }}
    >
      <th scope="row">
        <a href={serahTerimaHref(r.id)}>{r.nama}</a>
        {handovers.length > 0 && (
          <span className="serah-terima-ba-mini">
            {fmt(handovers.length)} BA serah terima
            {handovers.some((h) => !h.confirmed) ? (
              <StatusText state="diserahkan">
                {' '}
                · {fmt(handovers.filter((h) => !h.confirmed).length)} menunggu konfirmasi
              </StatusText>
            ) : (
              <StatusText state="diterima"> · ✓ diterima</StatusText>
            )}
          </span>
        )}
      </th>
      <td className="num">{fmt(r.tps)}</td>
      <td>
        <KitStatusBar p={r} />
      </td>
      {KIT_STATUSES.map((s) => (
        <td key={s} className={`num${r[s] === 0 ? ' serah-terima-zero' : ''}`}>
          {fmt(r[s])}
        </td>
      ))}
    </tr>
  )
}
