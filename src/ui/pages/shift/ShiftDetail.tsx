import { useMemo, useState } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { PageHeader, Section, Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { TabPanel, Tabs } from '../../components/Tabs'
import { useKeyed } from '../../components/useKeyed'
import { TallyGrid, variantShort } from '../../components/TallyGrid'
import { reasonsForVariant } from '../../components/TallyGridModel'
import { fmt, fmtJamRentang, fmtTanggal, fmtWaktu } from '../../format'
import { href } from '../../router'
import { PackingShiftResult } from '../kemas/KemasShiftHasil'
import { BukaKembaliDialog, HadirDialog, TutupDialog } from './ShiftDialogs'
import { ShiftStatusBadge } from './ShiftForms'
import { ReklasifikasiDialog } from './ShiftReklasifikasi'
import { reguName, targetProgress } from '../../../core/regu'
import { fmtShare } from '../../components/charts/ChartKit'

type Shift = MethodOutput<'shift.lihat'>
const columnsKeyOf = (shift: Shift) => shift.variants.map((v) => `${v.variantId}:${v.kind}`).join()
type DialogName = 'hadir' | 'tutup' | 'bukaKembali' | 'reklasifikasi'

const EVENT_LABEL: Record<Shift['events'][number]['event'], string> = {
  buka: 'Dibuka',
  tutup: 'Ditutup',
  buka_kembali: 'Dibuka kembali',
}

export function ShiftDetailPage({ id }: { id: number }) {
  const q = useApi('shift.lihat', { id })
  const reasons = useApi('rusak.daftarAlasan', {})
  const [dialog, setDialog] = useState<DialogName | null>(null)

  const back = (
    <p className="back-link">
      <a href={href('shift')}>← Semua shift</a>
    </p>
  )
  if (!q.data) {
    return (
      <>
        {back}
        <PageHeader title={`Shift #${id}`} />
        {q.error ? (
          <ErrorBanner
            error={q.error}
            onRetry={q.error.code === 'NOT_FOUND' ? undefined : q.reload}
            title="Shift tidak dapat dibuka"
          />
        ) : (
          <Loading />
        )}
      </>
    )
  }
  const shift = q.data
  const open = shift.status === 'open'
  const workers = shift.teams.reduce((n, t) => n + t.workers.length, 0)

  return (
    <>
      {back}
      <PageHeader
        title={`Shift #${shift.id} · ${shift.kindLabel}`}
        lead={
          <span className="shift-lead">
            <span>
              <ShiftStatusBadge status={shift.status} />
              {fmtTanggal(shift.tanggal)}, pukul {fmtJamRentang(shift.mulai, shift.selesai)}
              {shift.lokasi && <> · {shift.lokasi}</>}
            </span>
            <span>
              Pengawas: {shift.pengawas || <span className="muted">belum diisi</span>} · {fmt(shift.teams.length)} regu,{' '}
              {fmt(workers)} pekerja hadir
            </span>
          </span>
        }
        actions={
          <>
            {open && (
              <button type="button" className="btn btn-secondary" onClick={() => setDialog('hadir')}>
                Daftar hadir…
              </button>
            )}
            {shift.kind !== 'packing' && (
              <button type="button" className="btn btn-secondary" onClick={() => setDialog('reklasifikasi')}>
                Reklasifikasi rusak…
              </button>
            )}
            {open ? (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('tutup')}>
                Tutup shift…
              </button>
            ) : (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('bukaKembali')}>
                Buka kembali shift…
              </button>
            )}
          </>
        }
      />

      {shift.kind === 'sortir_lipat' && <TargetStrip shift={shift} />}

      {shift.kind === 'packing' ? (
        // Kits are packed per TPS on the Pengemasan page, not tallied per team.
        <PackingShiftResult shift={shift} />
      ) : (
        <>
          <ErrorBanner error={reasons.error} onRetry={reasons.reload} title="Kriteria rusak tidak dapat dimuat" />
          {reasons.data ? (
            <VariantTabs shift={shift} reasons={reasons.data} onReopen={() => setDialog('bukaKembali')} />
          ) : (
            !reasons.error && <Loading />
          )}
        </>
      )}

      <div className="shift-meta">
        <Section title="Kehadiran">
          {shift.teams.length === 0 ? (
            <p className="empty">Tidak ada regu.</p>
          ) : (
            <ul className="shift-attendance">
              {shift.teams.map((t) => (
                <li key={t.teamId}>
                  <strong>{reguName(t.nama)}</strong> <span className="muted">({fmt(t.workers.length)} pekerja)</span>
                  {t.workers.length > 0 && (
                    <span className="block small">{t.workers.map((w) => w.nama).join(', ')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {open && (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setDialog('hadir')}>
              Ubah daftar hadir…
            </button>
          )}
        </Section>
        <Section title="Riwayat shift">
          <ol className="shift-events" data-testid="shift-events">
            {shift.events.map((e, i) => (
              <li key={i} className={`shift-event shift-event-${e.event}`}>
                <strong>{EVENT_LABEL[e.event]}</strong> oleh {e.actor} · {fmtWaktu(e.at)}
                {e.note && (
                  <span className="block small">
                    {e.event === 'buka_kembali' ? 'Alasan: ' : 'Catatan: '}
                    {e.note}
                  </span>
                )}
              </li>
            ))}
          </ol>
          {shift.note && <p className="muted small">Catatan shift: {shift.note}</p>}
        </Section>
      </div>

      {dialog === 'hadir' && <HadirDialog shift={shift} onClose={() => setDialog(null)} />}
      {dialog === 'tutup' && <TutupDialog shift={shift} onClose={() => setDialog(null)} />}
      {dialog === 'bukaKembali' && <BukaKembaliDialog shift={shift} onClose={() => setDialog(null)} />}
      {dialog === 'reklasifikasi' && <ReklasifikasiDialog shift={shift} onClose={() => setDialog(null)} />}
    </>
  )
}

function VariantTabs({
  shift,
  reasons,
  onReopen,
}: {
  shift: Shift
  reasons: MethodOutput<'rusak.daftarAlasan'>
  onReopen(): void
}) {
  const [selected, setSelected] = useState<number | null>(null)
  const [dirty, setDirty] = useState<Set<number>>(() => new Set())
  // One stable callback per variant, keyed like the columns.
  const dirtySetters = useKeyed(
    columnsKeyOf(shift),
    () =>
      new Map(
        shift.variants.map((v) => [
          v.variantId,
          (d: boolean) =>
            setDirty((prev) => {
              if (prev.has(v.variantId) === d) return prev
              const next = new Set(prev)
              if (d) next.add(v.variantId)
              else next.delete(v.variantId)
              return next
            }),
        ]),
      ),
  )
  // Once for every sheet of the shift: what is still unsorted/unassembled in the warehouse.
  const recon = useApi('rekonsiliasi.lihat', {})
  const current = shift.variants.find((v) => v.variantId === selected) ?? shift.variants[0]
  const inProcess = useMemo(() => {
    const m = new Map<number, number>()
    for (const t of shift.teams) for (const x of t.tallies) m.set(x.variantId, (m.get(x.variantId) ?? 0) + x.proses)
    return m
  }, [shift])
  // Stable per variant: new column definitions would reset the grid under the user's fingers.
  // Keyed on what decides the columns, not on each refresh's new objects.
  const columnsKey = JSON.stringify([shift.variants.map((v) => [v.variantId, v.kind]), reasons])
  const reasonsOf = useKeyed(
    columnsKey,
    () => new Map(shift.variants.map((v) => [v.variantId, reasonsForVariant(reasons, v)])),
  )

  if (!current)
    return <p className="empty">Shift ini belum mengerjakan barang apa pun. Tambahkan melalui Daftar hadir.</p>

  return (
    <section className="section shift-tally" aria-label="Tally per jenis barang">
      <Tabs
        label={shift.kind === 'sortir_lipat' ? 'Jenis surat suara' : 'Barang'}
        idBase="variant"
        wrap
        selected={current.variantId}
        onSelect={(id: number) => setSelected(id)}
        items={shift.variants.map((v) => ({
          id: v.variantId,
          label: (
            <span className="shift-tab">
              <Swatch hex={v.colorHex} />
              <span>{variantShort(v)}</span>
              {(inProcess.get(v.variantId) ?? 0) > 0 && (
                <StatusBadge state="sebagian" title="Dalam proses">
                  {fmt(inProcess.get(v.variantId))}
                </StatusBadge>
              )}
              {dirty.has(v.variantId) && (
                <span className="shift-tab-dirty" title="Ada isian yang belum disimpan">
                  ●<span className="visually-hidden"> belum disimpan</span>
                </span>
              )}
            </span>
          ),
        }))}
      />
      {/* Every sheet stays mounted: switching tabs must not lose numbers typed but not yet saved. */}
      {shift.variants.map((v) => (
        <TabPanel
          key={v.variantId}
          idBase="variant"
          id={v.variantId}
          selected={v.variantId === current.variantId}
          keepMounted
        >
          <TallyGrid
            shift={shift}
            variant={v}
            reasons={reasonsOf.get(v.variantId)!}
            active={v.variantId === current.variantId}
            stock={recon.data?.find((r) => r.variantId === v.variantId)?.belumDiproses}
            onReopen={onReopen}
            onDirtyChange={dirtySetters.get(v.variantId)}
          />
        </TabPanel>
      ))}
    </section>
  )
}

/** Each team's target for the day against its good sheets that day (core/regu.ts targetProgress, as on Beranda). */
function TargetStrip({ shift }: { shift: Shift }) {
  const targets = useApi('regu.lihatTarget', { tanggal: shift.tanggal })
  const progress = useApi('rekonsiliasi.lihatKemajuan', { from: shift.tanggal, to: shift.tanggal })
  if (!targets.data || !progress.data) return null
  const rows = shift.teams.map((t) => {
    const target = targets.data!.find((x) => x.teamId === t.teamId)?.target ?? 0
    const p = progress.data!.teams.find((x) => x.teamId === t.teamId)
    return { teamId: t.teamId, nama: reguName(t.nama), ...targetProgress(p?.baik ?? 0, target) }
  })
  return (
    <div className="row-wrap shift-targets" aria-label="Target regu hari ini" data-testid="targets">
      <span className="shift-targets-title">Target hari ini</span>
      {rows.map((r) => (
        <div key={r.teamId} className="shift-target">
          <span className="shift-target-name">{r.nama}</span>
          {r.share !== null ? (
            <>
              <span
                className={`shift-target-bar${r.met ? ' shift-target-met' : ''}`}
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={r.target}
                aria-valuenow={r.done}
                aria-label={`${r.nama}: ${fmt(r.done)} lembar baik dari target ${fmt(r.target)} lembar`}
              >
                {/* The bar fills at the target; the figure beside it says how far past. */}
                <span style={{ width: `${Math.min(100, r.share * 100)}%` }} />
              </span>
              <span className="shift-target-num">
                {fmt(r.done)} / {fmt(r.target)} <span className="muted">({fmtShare(r.share)})</span>
              </span>
            </>
          ) : (
            <span className="shift-target-num muted">{fmt(r.done)} lembar baik · belum ada target</span>
          )}
        </div>
      ))}
    </div>
  )
}
