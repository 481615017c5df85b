import { Fragment, useId, useState } from 'react'
import type { Pemilihan, ReconRow, VariantInfo } from '../../../api/contract'
import { StockBar } from '../../components/charts/StockBar'
import { HistoryLink } from '../../components/History'
import { Banner } from '../../components/Feedback'
import { Swatch } from '../../components/Page'
import { TableHead } from '../../components/TableHead'
import { ROUNDING_LABELS } from '../../../core/reserve'
import { fmt, fmtPercent, lowerFirst, shortItemName } from '../../format'
import { href } from '../../router'

/**
 * The reconciliation of the dashboard: where every sheet of every ballot type x dapil is against
 * what it needs, and the warnings a coordinator must act on today. Figures come as they are from
 * rekonsiliasi.lihat; every ledger figure opens the rows behind it.
 */

export type ReasonLabels = ReadonlyMap<string, string>

const where = (r: ReconRow) => (r.dapil ? `${shortItemName(r.itemName)} · dapil ${r.dapil}` : r.itemName)

/** Dapil that will run short even if every sheet still to be sorted turns out good. */
export function ShortfallBanner({ rows }: { rows: ReconRow[] }) {
  const short = rows.filter((r) => r.kind === 'ballot' && r.kekurangan > 0)
  if (short.length === 0) return null
  // Nothing received yet is a delivery still to come, not a case for replacement: say so apart.
  const started = short.filter((r) => r.diterima > 0)
  const notYet = short.filter((r) => r.diterima === 0)
  return (
    <Banner
      kind="warning"
      icon
      role="alert"
      testId="shortfall-banner"
      className="beranda-shortfall"
      title={
        short.length === 1
          ? '1 jenis/dapil akan kekurangan surat suara'
          : `${fmt(short.length)} jenis/dapil akan kekurangan surat suara`
      }
    >
      <ul className="beranda-shortfall-list">
        {short.map((r) => (
          <li key={r.variantId} data-variant-id={r.variantId}>
            <span className="beranda-shortfall-what">
              <Swatch hex={r.colorHex} />
              {shortItemName(r.itemName)} · dapil <strong>{r.dapil}</strong>
            </span>
            <span className="beranda-shortfall-qty">
              kurang <strong>{fmt(r.kekurangan)}</strong> {r.unit}
            </span>
            <span className="beranda-shortfall-why">
              {r.diterima === 0
                ? `kebutuhan ${fmt(r.kebutuhan)} · belum ada penerimaan dari penyedia`
                : `kebutuhan ${fmt(r.kebutuhan)}, tersedia ${fmt(r.tersedia)}` +
                  (r.diterima < r.kebutuhan ? ` · baru diterima ${fmt(r.diterima)}` : '') +
                  (r.rusakTotal > 0 ? ` · rusak ${fmt(r.rusakTotal)}` : '')}
            </span>
          </li>
        ))}
      </ul>
      {started.length > 0 && (
        <p>
          <strong>Ajukan penggantian:</strong> terbitkan <a href={href('dokumen')}>BA surat suara rusak dan kurang</a>.
          Bila pengiriman penyedia belum lengkap, catat sisanya di <a href={href('penerimaan')}>Penerimaan</a> begitu
          tiba.
        </p>
      )}
      {notYet.length > 0 && (
        <p>
          {started.length > 0 ? 'Yang belum diterima sama sekali: catat' : 'Catat'} pengiriman penyedia di{' '}
          <a href={href('penerimaan')}>Penerimaan</a> begitu tiba; bila tidak akan dikirim, ajukan lewat{' '}
          <a href={href('dokumen')}>BA surat suara rusak dan kurang</a>.
        </p>
      )}
      {started.length > 0 && (
        <p className="beranda-shortfall-note">
          Tersedia = baik + belum disortir + dalam proses: dihitung seolah semua yang belum disortir ternyata baik, jadi
          kekurangan sebenarnya bisa lebih besar.
        </p>
      )}
    </Banner>
  )
}

/** Kurang/lebih against the surat jalan that nobody has settled yet. */
export function SelisihNote({ rows }: { rows: ReconRow[] }) {
  const open = rows.filter((r) => r.selisihTerbuka !== 0)
  if (open.length === 0) return null
  return (
    <Banner kind="info" icon testId="selisih-note" title="Selisih penerimaan terhadap surat jalan belum diselesaikan">
      <ul className="beranda-selisih-list">
        {open.map((r) => (
          <li key={r.variantId}>
            {where(r)}: {r.selisihTerbuka < 0 ? 'kurang' : 'lebih'} <strong>{fmt(Math.abs(r.selisihTerbuka))}</strong>{' '}
            {r.unit} dari yang tertulis di surat jalan
          </li>
        ))}
      </ul>
      <p>
        Cocokkan dengan penyedia, lalu nyatakan selesai (dengan keterangan) di{' '}
        <a href={href('penerimaan')}>Penerimaan</a>.
      </p>
    </Banner>
  )
}

type Extra = 'dikemas' | 'dikirim'

export function BallotTable({
  rows,
  reasons,
  election,
}: {
  rows: ReconRow[]
  reasons: ReasonLabels
  election: Pemilihan
}) {
  const ballots = rows.filter((r) => r.kind === 'ballot')
  if (ballots.length === 0)
    return (
      <p className="empty">
        Belum ada jenis surat suara. Tambahkan di <a href={href('pengaturan')}>Pengaturan</a>.
      </p>
    )
  // Later stages appear only once something got there, so today's table stays narrow.
  const extras: Extra[] = (['dikemas', 'dikirim'] as const).filter((k) => ballots.some((r) => r[k] !== 0))
  const groups = new Map<string, ReconRow[]>()
  for (const r of ballots) groups.set(r.itemCode, [...(groups.get(r.itemCode) ?? []), r])
  const cols = 10 + extras.length

  return (
    <>
      <div className="table-wrap" data-testid="ballot-need-table">
        <table className="table beranda-rekon-table" data-testid="rekon-ballot-table">
          <caption className="visually-hidden">Rekonsiliasi surat suara per jenis dan dapil</caption>
          <TableHead
            columns={[
              <>
                Jenis / dapil
                <span className="beranda-th-sub">batang: sudah disortir</span>
              </>,
              { label: 'Kebutuhan', num: true, title: 'Kebutuhan TPS (DPT + cadangan) ditambah cadangan PSU' },
              { label: 'Diterima', num: true, title: 'Hasil hitung bersih dari penyedia' },
              { label: 'Belum disortir', num: true },
              { label: 'Dalam proses', num: true },
              { label: 'Baik', num: true },
              extras.includes('dikemas') && { label: 'Dikemas', num: true },
              extras.includes('dikirim') && { label: 'Dikirim', num: true },
              { label: 'Rusak', num: true },
              { label: 'Tertukar', num: true, title: 'Milik satker atau dapil lain; bukan stok' },
              { label: 'Kekurangan', num: true },
              { label: 'Kelebihan', num: true },
            ]}
          />
          <tbody>
            {[...groups.values()].map((list) => (
              <Fragment key={list[0]!.itemCode}>
                <tr className="beranda-group-row">
                  <th scope="colgroup" colSpan={cols}>
                    <span className="ballot-name" title={list[0]!.itemName}>
                      <Swatch hex={list[0]!.colorHex} />
                      {shortItemName(list[0]!.itemName)}
                    </span>
                    {list.length > 1 && <span className="muted small"> · {fmt(list.length)} dapil</span>}
                  </th>
                </tr>
                {list.map((r) => (
                  <BallotRow key={r.variantId} r={r} reasons={reasons} extras={extras} cols={cols} />
                ))}
                {list.length > 1 && <Subtotal list={list} extras={extras} />}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <StockLegend done="Sudah disortir baik" />
      <p className="muted small">
        Kebutuhan = DPT + cadangan {fmtPercent(election.reservePercent)} per TPS (
        {lowerFirst(ROUNDING_LABELS[election.rounding])}) ditambah cadangan PSU per dapil; rinciannya di{' '}
        <a href={href('kebutuhan')}>Kebutuhan</a>. Kekurangan = kebutuhan − (baik + belum disortir + dalam proses
        {extras.length ? ' + ' + extras.join(' + ') : ''}). Tertukar dipisahkan dan tidak dihitung sebagai stok. Klik
        angka untuk melihat riwayat buku besarnya.
      </p>
    </>
  )
}

/** A cell of one of a variant's figures, which opens the ledger rows behind it, titled "<what>, <name>". */
const figureCell =
  (variantId: number, name: string) =>
  (col: string, value: number, at: { place: string } | { placePrefix: string }, what: string, className = 'num') => (
    <td className={className} data-col={col}>
      <HistoryLink value={value} filter={{ variantId, ...at }} title={`${what}, ${name}`} />
    </td>
  )

function BallotRow({
  r,
  reasons,
  extras,
  cols,
}: {
  r: ReconRow
  reasons: ReasonLabels
  extras: Extra[]
  cols: number
}) {
  const [open, setOpen] = useState(false)
  const detailId = useId()
  const name = where(r)
  const v = r.variantId
  const cell = figureCell(v, name)
  const breakdown = Object.entries(r.rusak)
    .filter(([, q]) => q !== 0)
    .sort((a, b) => b[1] - a[1])
  const breakdownText = breakdown.map(([c, q]) => `${reasons.get(c) ?? c}: ${fmt(q)}`).join('\n')
  return (
    <>
      <tr data-variant-id={v} className={r.kekurangan > 0 ? 'beranda-row-short' : undefined}>
        <th scope="row" className="beranda-dapil-cell">
          <span className="beranda-dapil-name">{r.dapil}</span>
          <StockBar
            width={132}
            subject={name}
            doneLabel="sudah disortir"
            parts={{
              kebutuhan: r.kebutuhan,
              selesai: r.baik + r.dikemas + r.dikirim,
              proses: r.proses,
              belum: r.belumDiproses,
              kekurangan: r.kekurangan,
            }}
          />
        </th>
        <td className="num" data-col="kebutuhan">
          {fmt(r.kebutuhan)}
        </td>
        {cell('diterima', r.diterima, { place: 'PENYEDIA' }, 'diterima dari penyedia')}
        {cell('belumDiproses', r.belumDiproses, { place: 'DITERIMA' }, 'belum disortir')}
        {cell('proses', r.proses, { placePrefix: 'PROSES:' }, 'dalam proses')}
        {cell('baik', r.baik, { place: 'BAIK' }, 'baik', 'num strong')}
        {extras.includes('dikemas') && cell('dikemas', r.dikemas, { placePrefix: 'DIKEMAS:' }, 'dikemas')}
        {extras.includes('dikirim') && cell('dikirim', r.dikirim, { placePrefix: 'DIKIRIM:' }, 'dikirim')}
        <td className="num beranda-rusak-cell" data-col="rusak" title={breakdownText || undefined}>
          <HistoryLink value={r.rusakTotal} filter={{ variantId: v, placePrefix: 'RUSAK:' }} title={`rusak, ${name}`} />
          {breakdown.length > 0 && (
            <button
              type="button"
              className="beranda-disclosure"
              aria-expanded={open}
              aria-controls={detailId}
              aria-label={`Rincian rusak per alasan, ${name}`}
              title={open ? 'Sembunyikan rincian rusak' : 'Tampilkan rincian rusak per alasan'}
              onClick={() => setOpen((o) => !o)}
            >
              <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                <path
                  d={open ? 'M2 4l4 4 4-4' : 'M4 2l4 4-4 4'}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            </button>
          )}
        </td>
        {cell('tertukar', r.tertukar, { place: 'TERTUKAR' }, 'tertukar')}
        <td className={`num${r.kekurangan > 0 ? ' beranda-cell-short' : ''}`} data-col="kekurangan">
          {fmt(r.kekurangan)}
        </td>
        <td className={`num${r.kelebihan > 0 ? ' beranda-cell-over' : ' muted'}`} data-col="kelebihan">
          {fmt(r.kelebihan)}
        </td>
      </tr>
      {open && (
        <tr className="beranda-detail-row" id={detailId}>
          <td colSpan={cols}>
            <span className="beranda-detail-title">Rusak per alasan:</span>
            <ul className="beranda-reason-chips">
              {breakdown.map(([code, q]) => (
                <li key={code}>
                  <span>{reasons.get(code) ?? code}</span>{' '}
                  <HistoryLink
                    value={q}
                    filter={{ variantId: v, place: `RUSAK:${code}` }}
                    title={`rusak "${reasons.get(code) ?? code}", ${name}`}
                    className="strong"
                  />
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  )
}

function Subtotal({ list, extras }: { list: ReconRow[]; extras: Extra[] }) {
  const sum = (
    k:
      | 'kebutuhan'
      | 'diterima'
      | 'belumDiproses'
      | 'proses'
      | 'baik'
      | Extra
      | 'rusakTotal'
      | 'tertukar'
      | 'kekurangan'
      | 'kelebihan',
  ) => list.reduce((s, r) => s + r[k], 0)
  return (
    <tr className="subtotal">
      <td>Jumlah {fmt(list.length)} dapil</td>
      <td className="num">{fmt(sum('kebutuhan'))}</td>
      <td className="num">{fmt(sum('diterima'))}</td>
      <td className="num">{fmt(sum('belumDiproses'))}</td>
      <td className="num">{fmt(sum('proses'))}</td>
      <td className="num">{fmt(sum('baik'))}</td>
      {extras.map((k) => (
        <td key={k} className="num">
          {fmt(sum(k))}
        </td>
      ))}
      <td className="num">{fmt(sum('rusakTotal'))}</td>
      <td className="num">{fmt(sum('tertukar'))}</td>
      <td className="num">{fmt(sum('kekurangan'))}</td>
      <td className="num">{fmt(sum('kelebihan'))}</td>
    </tr>
  )
}

export function StockLegend({ done }: { done: string }) {
  return (
    <ul className="chart-legend chart-stock-legend" aria-label="Keterangan batang kemajuan">
      {[
        [done, 'chart-baik'],
        ['Dalam proses', 'chart-proses'],
        ['Belum diproses', 'chart-belum'],
        ['Kekurangan', 'chart-gap'],
      ].map(([label, cls]) => (
        <li key={cls}>
          <svg width="22" height="12" aria-hidden="true" className={`chart-legend-mark ${cls}`}>
            <rect x="3" y="1" width="16" height="10" rx="1.5" />
          </svg>
          <span>{label}</span>
        </li>
      ))}
    </ul>
  )
}

/** Kotak, bilik, tinta and the rest: fewer columns; "siap" means assembled for kotak/bilik, in stock for the rest. */
export function LogisticsTable({ rows, variants }: { rows: ReconRow[]; variants: VariantInfo[] }) {
  const items = rows.filter((r) => r.kind === 'logistics')
  if (items.length === 0)
    return (
      <p className="empty">
        Belum ada barang logistik. Tambahkan di <a href={href('pengaturan')}>Pengaturan</a>.
      </p>
    )
  const assembled = new Set(variants.filter((v) => v.assembled).map((v) => v.variantId))
  return (
    <>
      <div className="table-wrap">
        <table
          className="table table-compact beranda-rekon-table beranda-logistics-table"
          data-testid="rekon-logistics-table"
        >
          <caption className="visually-hidden">Rekonsiliasi barang logistik</caption>
          <TableHead
            columns={[
              'Barang',
              'Satuan',
              { label: 'Kebutuhan', num: true },
              { label: 'Diterima', num: true },
              { label: 'Belum dirakit', num: true, title: 'Kotak dan bilik yang diterima tetapi belum dirakit' },
              { label: 'Siap', num: true, title: 'Kotak dan bilik: sudah dirakit; barang lain: stok di gudang' },
              { label: 'Rusak', num: true },
              { label: 'Kekurangan', num: true },
              { label: 'Sudah siap', className: 'beranda-col-bar' },
            ]}
          />
          <tbody>
            {items.map((r) => {
              const v = r.variantId
              const isAssembled = assembled.has(v)
              const siap = isAssembled ? r.baik : r.belumDiproses
              const name = r.itemName
              const cell = figureCell(v, name)
              return (
                <tr key={v} data-variant-id={v} className={r.kekurangan > 0 ? 'beranda-row-short' : undefined}>
                  <th scope="row">{r.itemName}</th>
                  <td className="muted">{r.unit}</td>
                  <td className="num" data-col="kebutuhan">
                    {fmt(r.kebutuhan)}
                  </td>
                  {cell('diterima', r.diterima, { place: 'PENYEDIA' }, 'diterima dari penyedia')}
                  <td className="num" data-col="belumDiproses">
                    {isAssembled ? (
                      <HistoryLink
                        value={r.belumDiproses}
                        filter={{ variantId: v, place: 'DITERIMA' }}
                        title={`belum dirakit, ${name}`}
                      />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num strong" data-col="siap">
                    <HistoryLink
                      value={siap}
                      filter={{ variantId: v, place: isAssembled ? 'SIAP' : 'DITERIMA' }}
                      title={`siap, ${name}`}
                    />
                  </td>
                  {cell('rusak', r.rusakTotal, { placePrefix: 'RUSAK:' }, 'rusak')}
                  <td className={`num${r.kekurangan > 0 ? ' beranda-cell-short' : ''}`} data-col="kekurangan">
                    {fmt(r.kekurangan)}
                  </td>
                  <td className="beranda-col-bar">
                    <StockBar
                      subject={name}
                      doneLabel="siap"
                      parts={{
                        kebutuhan: r.kebutuhan,
                        selesai: siap + r.dikemas + r.dikirim,
                        proses: r.proses,
                        belum: isAssembled ? r.belumDiproses : 0,
                        kekurangan: r.kekurangan,
                      }}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Kotak dan bilik suara dihitung siap setelah dirakit; barang lain siap sejak diterima. Kekurangan dihitung
        terhadap kebutuhan seluruh TPS (dan per desa/kecamatan bila aturannya demikian).
      </p>
    </>
  )
}
