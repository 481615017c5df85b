import { Fragment } from 'react'
import type { Election, Item, MethodOutput } from '../../api/contract'
import { useApi } from '../components/data'
import { ErrorBanner, Loading } from '../components/Feedback'
import { DataNote, PageHeader, Section, Swatch } from '../components/Page'
import { fmt, fmtPercent, JENIS_LABEL } from '../format'
import { href } from '../router'

const ROUNDING_NOTE: Record<Election['rounding'], string> = {
  up: 'dibulatkan ke atas',
  nearest: 'dibulatkan ke terdekat',
  down: 'dibulatkan ke bawah',
  up_even: 'dibulatkan ke atas lalu digenapkan',
}

type VariantRow = MethodOutput<'kebutuhan.perDapil'>[number]

export function BerandaPage({ election }: { election: Election }) {
  const summary = useApi('wilayah.summary', {})
  const perDapil = useApi('kebutuhan.perDapil', {})
  const items = useApi('items.list', {})

  const unconfirmed = (items.data ?? []).filter((i) => i.active && i.preset && !i.confirmed)
  const noTps = summary.data !== undefined && summary.data.tps === 0

  return (
    <>
      <PageHeader
        title="Beranda"
        lead={`Ringkasan ${JENIS_LABEL[election.jenis]} ${election.tahun} di gudang logistik KPU ${election.satker}.`}
      />
      <DataNote note={election.dataNote} />

      <ErrorBanner error={summary.error} onRetry={summary.reload} title="Ringkasan wilayah tidak dapat dimuat" />
      {summary.data ? (
        <div className="cards" aria-label="Ringkasan wilayah">
          <StatCard label="Kecamatan" value={summary.data.kecamatan} note="wilayah PPK (Panitia Pemilihan Kecamatan)" href={href('wilayah')} />
          <StatCard label="Desa/Kelurahan" value={summary.data.desa} note="wilayah PPS" href={href('wilayah')} />
          <StatCard label="TPS" value={summary.data.tps} note="tempat pemungutan suara" href={href('wilayah')} />
          <StatCard label="DPT" value={summary.data.dpt} note="pemilih dalam daftar pemilih tetap" href={href('wilayah')} />
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
      {!noTps && unconfirmed.length > 0 && (
        <div className="banner banner-warn" role="note">
          <div className="banner-body">
            <strong>{fmt(unconfirmed.length)} barang logistik masih berupa preset</strong>
            <p>
              Jumlah bawaan untuk {unconfirmed.map((i) => i.name.toLowerCase()).join(', ')} belum dikonfirmasi satker. Periksa dan konfirmasi di{' '}
              <a href={href('pengaturan')}>Pengaturan</a> sebelum angka kebutuhan dipakai untuk pengadaan atau pengepakan.
            </p>
          </div>
        </div>
      )}

      <Section title="Kebutuhan surat suara per jenis dan dapil">
        <ErrorBanner error={perDapil.error} onRetry={perDapil.reload} title="Kebutuhan surat suara tidak dapat dimuat" />
        {perDapil.data ? (
          <BallotNeedTable rows={perDapil.data} items={items.data ?? []} election={election} />
        ) : (
          !perDapil.error && <Loading />
        )}
      </Section>
    </>
  )
}

function StatCard({ label, value, note, href: link, tone }: { label: string; value: number; note: string; href: string; tone?: 'warn' | 'ok' }) {
  return (
    <a className={`card stat-card${tone ? ' stat-' + tone : ''}`} href={link}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{fmt(value)}</span>
      <span className="stat-note">{note}</span>
    </a>
  )
}

function NextSteps({ unconfirmed }: { unconfirmed: Item[] }) {
  return (
    <Section title="Langkah berikutnya">
      <ol className="steps">
        <li>
          <strong>Impor daftar TPS.</strong> Buka <a href={href('wilayah')}>Wilayah &amp; TPS</a>, pilih <em>Impor TPS</em>, lalu unggah berkas CSV atau XLSX
          berisi kecamatan, desa/kelurahan, nomor TPS dan DPT. Kebutuhan logistik dihitung dari data ini.
        </li>
        <li>
          <strong>Periksa pengaturan.</strong> Pastikan persentase cadangan, cara pembulatan dan batas pemilih per TPS sesuai juknis di{' '}
          <a href={href('pengaturan')}>Pengaturan</a>.
        </li>
        <li>
          <strong>Konfirmasi barang preset.</strong>{' '}
          {unconfirmed.length > 0 ? (
            <>
              Jumlah bawaan berikut belum dikonfirmasi: {unconfirmed.map((i) => i.name).join(', ')}. Sesuaikan dengan ketentuan satker lalu pilih{' '}
              <em>Konfirmasi</em> di <a href={href('pengaturan')}>Pengaturan</a>.
            </>
          ) : (
            'Semua barang sudah dikonfirmasi.'
          )}
        </li>
      </ol>
    </Section>
  )
}

function BallotNeedTable({ rows, items, election }: { rows: VariantRow[]; items: Item[]; election: Election }) {
  if (rows.length === 0) {
    return <p className="empty">Belum ada jenis surat suara. Tambahkan di Pengaturan.</p>
  }
  const byCode = new Map(items.map((i) => [i.code, i]))
  const groups = new Map<string, VariantRow[]>()
  for (const r of rows) groups.set(r.itemCode, [...(groups.get(r.itemCode) ?? []), r])

  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="ballot-need-table">
          <thead>
            <tr>
              <th scope="col">Jenis surat suara</th>
              <th scope="col">Dapil</th>
              <th scope="col" className="num">TPS</th>
              <th scope="col" className="num">DPT</th>
              <th scope="col" className="num">Cadangan {fmtPercent(election.reservePercent)}</th>
              <th scope="col" className="num">Kebutuhan TPS</th>
              <th scope="col" className="num">Cadangan PSU</th>
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {[...groups.entries()].map(([code, list]) => {
              const item = byCode.get(code)
              const sum = (k: 'tps' | 'dpt' | 'reserve' | 'kits' | 'psu' | 'total') => list.reduce((s, r) => s + r[k], 0)
              return (
                <Fragment key={code}>
                  {list.map((r, n) => (
                    <tr key={r.variantId} data-item-code={r.itemCode}>
                      <td>
                        {n === 0 && (
                          <span className="ballot-name">
                            <Swatch hex={item?.colorHex ?? null} label={item?.color} />
                            {r.itemName}
                          </span>
                        )}
                      </td>
                      <td>{r.dapil}</td>
                      <td className="num">{fmt(r.tps)}</td>
                      <td className="num">{fmt(r.dpt)}</td>
                      <td className="num">{fmt(r.reserve)}</td>
                      <td className="num">{fmt(r.kits)}</td>
                      <td className="num">{fmt(r.psu)}</td>
                      <td className="num strong">{fmt(r.total)}</td>
                    </tr>
                  ))}
                  {list.length > 1 && (
                    <tr className="subtotal">
                      <td colSpan={2}>Jumlah {list.length} dapil</td>
                      <td className="num">{fmt(sum('tps'))}</td>
                      <td className="num">{fmt(sum('dpt'))}</td>
                      <td className="num">{fmt(sum('reserve'))}</td>
                      <td className="num">{fmt(sum('kits'))}</td>
                      <td className="num">{fmt(sum('psu'))}</td>
                      <td className="num strong">{fmt(sum('total'))}</td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Kebutuhan TPS = DPT + cadangan {fmtPercent(election.reservePercent)} yang dihitung di setiap TPS ({ROUNDING_NOTE[election.rounding]}).
        Cadangan PSU (pemungutan suara ulang) disimpan di satker untuk setiap dapil dan tidak dikemas ke kotak TPS.
      </p>
    </>
  )
}
