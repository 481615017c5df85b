import { useId, useState } from 'react'
import type { KemajuanSortir, ReconRow } from '../../../api/contract'
import { dayLabel, dayLongLabel, fmtRate, fmtShare } from '../../components/charts/ChartKit'
import { CumulativeChart } from '../../components/charts/CumulativeChart'
import { DailyChart } from '../../components/charts/DailyChart'
import { DamageChart } from '../../components/charts/DamageChart'
import { TeamChart } from '../../components/charts/TeamChart'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { Section } from '../../components/Page'
import { fmt } from '../../format'
import { href } from '../../router'
import { targetProgress } from '../../../core/regu'

interface Range {
  from: string
  to: string
}

const ALL: Range = { from: '', to: '' }

/**
 * Sortir-lipat progress as pictures: per day against the plan, cumulative against the needs,
 * damage by reason and output per team. The date range narrows everything except the cumulative
 * chart, which only means something from the first day.
 */
export function KemajuanSection({ recon }: { recon: ReconRow[] | undefined }) {
  const [range, setRange] = useState<Range>(ALL)
  const filtered = range.from !== '' || range.to !== ''
  const all = useApi('rekonsiliasi.lihatKemajuan', {})
  const input = { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) }
  const part = useApi('rekonsiliasi.lihatKemajuan', input, filtered)
  const shown = filtered ? part : all
  const allDays = all.data?.days ?? []
  const rangeControls =
    allDays.length > 0 ? (
      <RangePicker range={range} onChange={setRange} days={allDays.map((d) => d.tanggal)} />
    ) : undefined

  return (
    <Section title="Kemajuan sortir-lipat" id="kemajuan" actions={rangeControls}>
      <ErrorBanner
        error={all.error ?? (filtered ? part.error : undefined)}
        onRetry={() => (all.reload(), part.reload())}
        title="Kemajuan sortir-lipat tidak dapat dimuat"
      />
      {!all.data ? (
        !all.error && <Loading />
      ) : allDays.length === 0 ? (
        <div className="empty-state" data-testid="kemajuan-empty">
          <div>
            <strong>Belum ada shift sortir-lipat.</strong>
            <p className="muted">
              Buka shift di <a href={href('shift')}>Sortir &amp; Rakit</a>, catat regu yang bekerja, lalu isi tally
              hasil baik dan rusak. Grafik kemajuan muncul di sini setelah tally pertama disimpan.
            </p>
          </div>
          <a className="btn btn-secondary" href={href('shift')}>
            Buka Sortir &amp; Rakit
          </a>
        </div>
      ) : !shown.data ? (
        !shown.error && <Loading />
      ) : (
        <Charts data={shown.data} all={all.data} recon={recon} range={filtered ? range : null} />
      )}
    </Section>
  )
}

/**
 * Presets and two lists of the days that had sortir-lipat shifts: a date field would offer days with
 * nothing to show and, in Chromium, follows the OS language rather than id-ID.
 */
function RangePicker({ range, onChange, days }: { range: Range; onChange(r: Range): void; days: string[] }) {
  const id = useId()
  const last = days.at(-1)
  const isAll = range.from === '' && range.to === ''
  const isLast = last !== undefined && range.from === last && range.to === last
  const option = (d: string) => {
    const [wd, dm] = dayLabel(d)
    return (
      <option key={d} value={d}>
        {wd}, {dm} {d.slice(0, 4)}
      </option>
    )
  }
  return (
    <div className="beranda-range-picker" role="group" aria-label="Rentang tanggal grafik">
      <div className="beranda-segmented">
        <button type="button" className="beranda-seg" aria-pressed={isAll} onClick={() => onChange(ALL)}>
          Semua tanggal
        </button>
        {last && (
          <button
            type="button"
            className="beranda-seg"
            aria-pressed={isLast}
            onClick={() => onChange({ from: last, to: last })}
            title={dayLongLabel(last)}
          >
            Hari terakhir
          </button>
        )}
      </div>
      <label htmlFor={id + 'from'}>Dari</label>
      <select id={id + 'from'} value={range.from} onChange={(e) => onChange({ ...range, from: e.target.value })}>
        <option value="">hari pertama</option>
        {days.map(option)}
      </select>
      <label htmlFor={id + 'to'}>sampai</label>
      <select id={id + 'to'} value={range.to} onChange={(e) => onChange({ ...range, to: e.target.value })}>
        <option value="">hari terakhir</option>
        {days.map(option)}
      </select>
    </div>
  )
}

function Charts({
  data,
  all,
  recon,
  range,
}: {
  data: KemajuanSortir
  all: KemajuanSortir
  recon: ReconRow[] | undefined
  range: Range | null
}) {
  const ballots = (recon ?? []).filter((r) => r.kind === 'ballot')
  const kebutuhan = ballots.reduce((s, r) => s + r.kebutuhan, 0)
  const diterima = ballots.reduce((s, r) => s + r.diterima, 0)
  const baik = data.days.reduce((s, d) => s + d.baik, 0)
  const rusak = data.days.reduce((s, d) => s + d.rusak, 0)
  const target = data.days.reduce((s, d) => s + d.target, 0)
  const progress = targetProgress(baik, target)
  const allBaik = all.days.reduce((s, d) => s + d.baik, 0)
  const perDay = data.days.length > 0 ? baik / data.days.length : 0
  // What is in the warehouse still to be sorted, at the pace of the chosen days: a rough horizon, not a plan.
  const remaining = ballots.reduce((s, r) => s + r.belumDiproses + r.proses, 0)
  const daysLeft = perDay > 0 ? Math.ceil(remaining / perDay) : null
  const rangeText = range
    ? range.from && range.to && range.from === range.to
      ? dayLongLabel(range.from)
      : `${range.from ? dayLongLabel(range.from) : 'hari pertama'} sampai ${range.to ? dayLongLabel(range.to) : 'hari terakhir'}`
    : 'seluruh tanggal'

  return (
    <>
      <dl className="beranda-kpis" aria-label={`Ringkasan sortir-lipat, ${rangeText}`}>
        <div className="beranda-kpi">
          <dt>Baik</dt>
          <dd>
            {fmt(baik)} <span className="beranda-kpi-unit">lembar</span>
          </dd>
          <dd className="beranda-kpi-note">
            {progress.share !== null ? (
              <span className={progress.met ? undefined : 'text-warn'}>
                {fmtShare(progress.share)} dari target {fmt(target)}
              </span>
            ) : (
              'belum ada target regu'
            )}
          </dd>
        </div>
        <div className="beranda-kpi">
          <dt>Rusak</dt>
          <dd>
            {fmt(rusak)} <span className="beranda-kpi-unit">lembar</span>
          </dd>
          <dd className="beranda-kpi-note" data-testid="damage-rate">
            {fmtRate(data.damageRate)} dari yang disortir
          </dd>
        </div>
        <div className="beranda-kpi">
          <dt>Hari kerja</dt>
          <dd>{fmt(data.days.length)}</dd>
          <dd className="beranda-kpi-note">rata-rata {fmt(Math.round(perDay))} lembar baik per hari</dd>
        </div>
        <div className="beranda-kpi">
          <dt>Belum disortir di gudang</dt>
          <dd>
            {fmt(remaining)} <span className="beranda-kpi-unit">lembar</span>
          </dd>
          <dd className="beranda-kpi-note">
            {daysLeft === null
              ? '—'
              : remaining === 0
                ? 'semua sudah disortir'
                : `± ${fmt(daysLeft)} hari kerja lagi pada laju ini`}
          </dd>
        </div>
      </dl>
      <p className="muted small beranda-range-note">
        Menampilkan: <strong>{rangeText}</strong>
        {range && ` (${fmt(data.days.length)} hari kerja)`}.
      </p>

      <div className="beranda-charts">
        <figure className="chart-card">
          <figcaption>
            <h3>Hasil per hari terhadap target</h3>
          </figcaption>
          <DailyChart days={data.days} />
        </figure>
        <figure className="chart-card">
          <figcaption>
            <h3>Kumulatif baik terhadap kebutuhan</h3>
            <span className="muted small">
              seluruh tanggal ·{' '}
              {kebutuhan > 0
                ? `${fmtShare(allBaik / kebutuhan)} dari kebutuhan surat suara`
                : 'kebutuhan belum dihitung'}
            </span>
          </figcaption>
          <CumulativeChart days={all.days} kebutuhan={kebutuhan} diterima={diterima} />
        </figure>
        <figure className="chart-card">
          <figcaption>
            <h3>Rusak per alasan</h3>
            <span className="muted small">
              <strong className="chart-rate">{fmtRate(data.damageRate)}</strong> dari yang disortir ({fmt(rusak)} dari{' '}
              {fmt(baik + rusak)} lembar)
            </span>
          </figcaption>
          <DamageChart reasons={data.byReason} />
        </figure>
        <figure className="chart-card">
          <figcaption>
            <h3>Hasil per regu</h3>
            <span className="muted small">yang paling jauh di bawah target lebih dulu</span>
          </figcaption>
          <TeamChart teams={data.teams} />
        </figure>
      </div>
    </>
  )
}
