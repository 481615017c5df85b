import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { DocType, Dokumen, IssueInput, MethodOutput, Penerimaan } from '../../../api/contract'
import { type ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { type Query, useApi, useRefreshAll } from '../../components/data'
import { ConfirmPaper } from '../../components/ConfirmPaper'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { StatusBadge } from '../../components/StatusBadge'
import { DOC_SHORT_LABEL, signerIssues } from '../../../core/documents'
import { fmt, fmtTanggal, fmtWaktu, fmtWaktuLokal, tanggalDari, todayIso } from '../../format'
import { href } from '../../router'
import { docCode, readableSubject, usePrint } from './DokumenShared'
import { DateField } from '../../components/DateField'
import { Options } from '../../components/Options'

type Jenis = MethodOutput<'dokumen.daftarJenis'>[number]
type Retur = MethodOutput<'penerimaan.daftarRetur'>[number]

/** One card per document type; each knows which inputs its document needs. */
export function IssueCards({ jenis }: { jenis: Jenis[] }) {
  const of = (t: DocType) => jenis.find((j) => j.type === t)
  return (
    <div className="dokumen-cards">
      <PenerimaanCard setting={of('BA_PENERIMAAN')} />
      <SortirCard setting={of('BA_SORTIR')} />
      <RusakCard setting={of('BA_RUSAK')} />
      <ReturCard setting={of('NOTA_RETUR')} />
      <UpahCard setting={of('REKAP_UPAH')} />
    </div>
  )
}

/* ---------------------------------------------------------------- the card */

interface CardProps {
  type: DocType
  setting: Jenis | undefined
  /** Null while the inputs are not ready (nothing to choose yet); the button stays disabled. */
  input: IssueInput | null
  /**
   * The date the paper carries ("Pada hari ini … tanggal …"), asked last on the card and repeated in the
   * question before issuing; `label` names it where it is not a BA ("Tanggal nota").
   */
  tanggal?: { value: string; onChange(v: string): void; label?: string }
  /** The card's fields, marked with the refusal's field errors. */
  children(errors: Record<string, string>): ReactNode
  /** Shown above the button, e.g. that this delivery already has a BA. */
  notice?: ReactNode
  onIssued?(doc: Dokumen): void
  /** What the paper will be about, as chosen on the card, for the one question before it is issued. */
  summary?: [string, ReactNode][]
}

function IssueCard({ type, setting, input: fields, tanggal, children, notice, onIssued, summary = [] }: CardProps) {
  const [error, onError] = useState<ApiError | undefined>()
  const errors = fieldErrors(error)
  const input = fields && tanggal?.value ? { ...fields, tanggal: tanggal.value } : fields
  const dated: [string, ReactNode][] =
    fields && tanggal ? [[tanggal.label ?? 'Tanggal BA', fmtTanggal(tanggal.value)]] : []
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<Dokumen | null>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const titleId = useId()
  const unnamed = setting?.signers.filter((s) => s.nama.trim() === '').length ?? 0
  // A party without a name (or a NIP that cannot be one) blocks issuing; only the others print as dots.
  const blocking = setting ? signerIssues(setting.signers) : []

  const [confirming, setConfirming] = useState(false)

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!input || busy) return
    onError(undefined)
    setConfirming(true)
  }

  async function issue() {
    if (!input) return
    setBusy(true)
    onError(undefined)
    try {
      const doc = await invoke('dokumen.terbitkan', input)
      setIssued(doc)
      onIssued?.(doc)
      toast.showSuccess(
        doc.nomor
          ? `Nomor ${doc.nomor} diambil dari register. Unduh PDF untuk mencetak aslinya.`
          : `Tercatat di register sebagai ${docCode(doc)}.`,
        `${DOC_SHORT_LABEL[type]} terbit`,
      )
      refreshAll()
    } catch (err) {
      onError(toApiError(err))
      toast.showError(err, `${DOC_SHORT_LABEL[type]} belum terbit`)
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <form className="card dokumen-card" aria-labelledby={titleId} onSubmit={submit} noValidate data-doc-type={type}>
      <h3 id={titleId}>{DOC_SHORT_LABEL[type]}</h3>
      {setting && <p className="dokumen-card-desc">{setting.description}.</p>}
      <div className="dokumen-card-fields">
        {children(errors)}
        {fields && tanggal && (
          <DateField
            className="dokumen-date"
            label={tanggal.label ?? 'Tanggal berita acara'}
            value={tanggal.value}
            onChange={tanggal.onChange}
            error={errors.tanggal}
            hint="Tertulis di dokumen; kosong berarti hari ini. Tahunnya dipakai pada nomor."
          />
        )}
      </div>
      {blocking.length > 0 ? (
        <p className="dokumen-unnamed" data-testid={`ttd-kurang-${type}`}>
          Belum dapat diterbitkan: {blocking.map((b) => b.message).join('; ')}.{' '}
          <a href={href('pengaturan', 'ttd')}>Atur penanda tangan</a>
        </p>
      ) : (
        unnamed > 0 && (
          <p className="dokumen-unnamed">
            {fmt(unnamed)} dari {fmt(setting!.signers.length)} penanda tangan belum diisi namanya dan akan dicetak
            sebagai garis titik-titik. <a href={href('pengaturan', 'ttd')}>Atur penanda tangan</a>
          </p>
        )
      )}
      {notice}
      <div className="dokumen-card-foot">
        <button type="submit" className="btn btn-primary" disabled={busy || !input}>
          {busy ? 'Menerbitkan…' : `Terbitkan ${inSentence(DOC_SHORT_LABEL[type])}`}
        </button>
        <span className="muted small">
          {setting?.numbered === false ? (
            <>Tanpa nomor surat; dicatat di register dengan kode DOK.</>
          ) : (
            <span title={setting ? `Pola nomor: ${setting.nomorPattern}` : undefined}>
              Mengambil nomor berikutnya dari register.
            </span>
          )}
        </span>
      </div>
      {issued && <IssuedBox doc={issued} onDismiss={() => setIssued(null)} />}
      <ConfirmPaper
        open={confirming}
        title={`Terbitkan ${inSentence(DOC_SHORT_LABEL[type])}?`}
        lead={
          <>
            Isinya dibekukan dari buku besar saat ini beserta kepala rantainya, dan nomornya diambil dari register.
            Nomor yang sudah diambil tidak dipakai ulang, juga bila dokumennya tidak jadi ditandatangani.
          </>
        }
        rows={[
          ['Dokumen', setting ? setting.title.join(' ') : DOC_SHORT_LABEL[type]],
          [
            'Nomor',
            setting?.numbered === false
              ? 'Tanpa nomor surat; dicatat di register dengan kode DOK'
              : `Nomor berikutnya menurut pola ${setting?.nomorPattern ?? '—'}`,
          ],
          ...summary,
          ...dated,
          [
            'Penanda tangan',
            setting && setting.signers.length > 0 ? (
              <ul key="ttd">
                {setting.signers.map((sg, i) => (
                  <li key={i}>
                    {sg.jabatan}: {sg.nama.trim() || 'nama belum diisi (garis titik-titik)'}
                  </li>
                ))}
              </ul>
            ) : (
              'Tanpa kolom tanda tangan'
            ),
          ],
          ['Cetakan', 'Unduhan pertama setiap format adalah ASLI, berikutnya SALINAN'],
        ]}
        confirmLabel={`Terbitkan ${inSentence(DOC_SHORT_LABEL[type])}`}
        busy={busy}
        onConfirm={() => void issue()}
        onClose={() => setConfirming(false)}
      />
    </form>
  )
}

/** What was just issued, with its downloads right there: the first download of each format is the ASLI. */
function IssuedBox({ doc, onDismiss }: { doc: Dokumen; onDismiss(): void }) {
  const register = useApi('dokumen.daftar', { type: doc.type })
  const current = register.data?.find((d) => d.id === doc.id) ?? doc
  const { print, isBusy } = usePrint()
  return (
    <Banner
      kind="success"
      testId={`issued-${doc.type}`}
      className="dokumen-issued"
      actions={
        <button type="button" className="dialog-close" onClick={onDismiss} aria-label="Tutup keterangan dokumen terbit">
          ×
        </button>
      }
    >
      <span className="dokumen-issued-label">{doc.nomor ? 'Terbit dengan nomor' : 'Terbit dan tercatat sebagai'}</span>
      <strong className="dokumen-nomor" data-testid="issued-nomor">
        {doc.nomor ?? docCode(doc)}
      </strong>
      <span className="muted small block">
        {readableSubject(doc.subject)} · {docCode(doc)} · {fmtWaktu(doc.issuedAt)}
      </span>
      <div className="dokumen-issued-actions">
        {current.formats.map((f) => (
          <button
            key={f}
            type="button"
            className={f === 'pdf' ? 'btn btn-primary btn-small' : 'btn btn-secondary btn-small'}
            onClick={() => void print(current, f)}
            disabled={isBusy(current.id, f)}
          >
            {isBusy(current.id, f) ? 'Menyiapkan…' : `Unduh ${f.toUpperCase()}`}
          </button>
        ))}
        <span className="muted small">
          {current.formats.length > 1
            ? `Unduhan pertama setiap format adalah cetakan ASLI, berikutnya SALINAN${current.prints > 0 ? ` (sudah dicetak ${fmt(current.prints)}×)` : ''}.`
            : current.prints === 0
              ? 'Unduhan pertama adalah cetakan ASLI.'
              : `Sudah dicetak ${fmt(current.prints)}×; unduhan berikutnya bertanda SALINAN.`}
        </span>
      </div>
    </Banner>
  )
}

/* ----------------------------------------------------------- helpers */

/** "BA penerimaan" stays as it is; "Nota pengembalian" becomes "nota pengembalian" inside a sentence. */
const inSentence = (label: string) => (label.startsWith('BA ') ? label : label.charAt(0).toLowerCase() + label.slice(1))

/**
 * The recorded event a card issues for (a delivery, a return), chosen from its list or the card's default,
 * and the date its paper carries: the event's own day until another is typed; choosing again follows the
 * new event's day.
 */
function useEventChoice<T extends { id: number }>(
  query: Query<T[]>,
  fallback: (items: T[]) => T | undefined,
  dayOf: (item: T) => string,
) {
  const [chosen, setChosen] = useState<number | null>(null)
  const [tanggalOwn, setTanggal] = useState<string | null>(null)
  const all = query.data ?? []
  const current = all.find((x) => x.id === chosen) ?? fallback(all)
  return {
    query,
    current,
    tanggal: { value: tanggalOwn ?? (current ? dayOf(current) : ''), onChange: setTanggal },
    choose(id: number) {
      setChosen(id)
      setTanggal(null)
    },
    /** Holds the current event, where the default would move on after issuing. */
    hold: () => setChosen(current?.id ?? null),
  }
}

/**
 * Which recorded event a paper is issued for (a delivery, a return), from its list as loaded: the list's
 * error, a note when there is none yet, or the choice with its field error and what the card says under it.
 */
function EventChoice<T extends { id: number }>({
  choice: { query, current, choose },
  failedTitle,
  empty,
  label,
  optionLabel,
  error,
  children,
}: {
  choice: ReturnType<typeof useEventChoice<T>>
  failedTitle: string
  empty: ReactNode
  label: string
  optionLabel(item: T): string
  error: string | undefined
  children: ReactNode
}) {
  const selectId = useId()
  return (
    <>
      <ErrorBanner error={query.error} onRetry={query.reload} title={failedTitle} />
      {query.data ? (
        query.data.length === 0 ? (
          <p className="empty dokumen-empty">{empty}</p>
        ) : (
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={selectId}>{label}</label>
            <select
              id={selectId}
              value={current?.id ?? ''}
              onChange={(e) => choose(Number(e.target.value))}
              aria-invalid={Boolean(error)}
            >
              <Options of={query.data} value={(item) => item.id} label={optionLabel} />
            </select>
            {error && <p className="field-error">{error}</p>}
            {children}
          </div>
        )
      ) : (
        !query.error && <Loading />
      )}
    </>
  )
}

/* ----------------------------------------------------------- the types */

function PenerimaanCard({ setting }: { setting: Jenis | undefined }) {
  const list = useApi('penerimaan.daftar', {})
  // Default: the newest delivery that has no BA yet; its date is the day the goods were received and checked.
  const choice = useEventChoice(
    list,
    (all) => all.find((d) => d.baDocumentId === null) ?? all[0],
    (d) => d.receivedAt.slice(0, 10),
  )
  const { current, tanggal, hold } = choice
  const { print, isBusy } = usePrint()

  return (
    <IssueCard
      type="BA_PENERIMAAN"
      setting={setting}
      input={current ? { type: 'BA_PENERIMAAN', deliveryId: current.id } : null}
      tanggal={tanggal}
      summary={current ? [['Penerimaan', deliveryOption(current)]] : []}
      // Keep the issued delivery selected; the default would jump to the next one without a BA.
      onIssued={hold}
      notice={
        current?.baDocumentId != null && (
          <Banner kind="warning" className="dokumen-notice">
            BA penerimaan untuk kiriman ini sudah terbit
            {current.baNomor ? (
              <>
                {' '}
                dengan nomor <strong>{current.baNomor}</strong>
              </>
            ) : null}
            . Menerbitkan lagi mengambil nomor baru; untuk mencetak ulang yang sudah ada gunakan{' '}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() =>
                void print({ id: current.baDocumentId!, nomor: current.baNomor, type: 'BA_PENERIMAAN' }, 'pdf')
              }
              disabled={isBusy(current.baDocumentId, 'pdf')}
            >
              Cetak ulang (SALINAN)
            </button>
          </Banner>
        )
      }
    >
      {(errors) => (
        <EventChoice
          choice={choice}
          failedTitle="Daftar penerimaan tidak dapat dimuat"
          empty={
            <>
              Belum ada penerimaan. Catat kiriman di <a href={href('penerimaan', 'baru')}>Penerimaan</a>.
            </>
          }
          label="Kiriman dari penyedia"
          optionLabel={deliveryOption}
          error={errors.deliveryId}
        >
          {current && <DeliverySummary d={current} />}
        </EventChoice>
      )}
    </IssueCard>
  )
}

const deliveryOption = (d: Penerimaan) =>
  `${fmtWaktuLokal(d.receivedAt)} · ${d.suratJalan} · ${d.penyedia}${d.baDocumentId !== null ? ' · BA sudah terbit' : ''}`

function DeliverySummary({ d }: { d: Penerimaan }) {
  const counted = d.lines.reduce((s, l) => s + l.countedQty, 0)
  return (
    <p className="field-hint dokumen-delivery-summary">
      {d.baDocumentId === null ? (
        <StatusBadge state="belum">Belum ada BA</StatusBadge>
      ) : (
        <StatusBadge state="success">BA sudah terbit</StatusBadge>
      )}{' '}
      Penerimaan #{d.id}
      {d.kind === 'pengganti' ? ' (pengganti)' : ''} · {fmt(d.lines.length)} baris barang, {fmt(counted)} terhitung
      {d.bttb ? ` · BTTB ${d.bttb}` : ''} ·{' '}
      <a href={href('penerimaan', d.id)} className="dokumen-inline-link">
        lihat rincian
      </a>
    </p>
  )
}

/** The days a paper covers (its shifts), today to today at first, and how the question before issuing says them. */
function useDateRange() {
  const [range, setRange] = useState(() => ({ from: todayIso(), to: todayIso() }))
  return {
    ...range,
    set: (end: 'from' | 'to', day: string) => setRange((r) => ({ ...r, [end]: day })),
    words: `${fmtTanggal(range.from, 'short')} sampai ${fmtTanggal(range.to, 'short')}`,
  }
}

function RangeFields({ range, errors }: { range: ReturnType<typeof useDateRange>; errors: Record<string, string> }) {
  const ends = [
    ['from', 'Dari tanggal'],
    ['to', 'Sampai tanggal'],
  ] as const
  return (
    <div className="dokumen-range">
      {ends.map(([end, label]) => (
        <DateField
          key={end}
          className="dokumen-date"
          label={label}
          value={range[end]}
          onChange={(day) => range.set(end, day)}
          error={errors[end]}
          hint=""
        />
      ))}
    </div>
  )
}

function SortirCard({ setting }: { setting: Jenis | undefined }) {
  const range = useDateRange()
  const [tanggal, setTanggal] = useState(todayIso)
  return (
    <IssueCard
      type="BA_SORTIR"
      setting={setting}
      input={{ type: 'BA_SORTIR', from: range.from, to: range.to }}
      tanggal={{ value: tanggal, onChange: setTanggal }}
      summary={[['Shift sortir-lipat', range.words]]}
    >
      {(errors) => (
        <>
          <RangeFields range={range} errors={errors} />
          <p className="field-hint dokumen-hint">Semua shift sortir-lipat pada rentang ini harus sudah ditutup.</p>
        </>
      )}
    </IssueCard>
  )
}

function RusakCard({ setting }: { setting: Jenis | undefined }) {
  const [tanggal, setTanggal] = useState(todayIso)
  return (
    <IssueCard
      type="BA_RUSAK"
      setting={setting}
      input={{ type: 'BA_RUSAK' }}
      tanggal={{ value: tanggal, onChange: setTanggal }}
      summary={[['Isi', 'Posisi surat suara saat ini: rusak per kriteria, kurang kirim, kekurangan']]}
    >
      {() => (
        <p className="field-hint dokumen-hint">
          Memuat posisi surat suara saat diterbitkan: rusak per kriteria, kurang kirim dan kekurangan per jenis dan
          dapil.
        </p>
      )}
    </IssueCard>
  )
}

function ReturCard({ setting }: { setting: Jenis | undefined }) {
  const list = useApi('penerimaan.daftarRetur', {})
  // The nota's date is the day the sheets were handed back, which is what it attests.
  const choice = useEventChoice(
    list,
    (all) => all[0],
    (r) => tanggalDari(r.at),
  )
  const { current, tanggal } = choice
  return (
    <IssueCard
      type="NOTA_RETUR"
      setting={setting}
      input={current ? { type: 'NOTA_RETUR', returId: current.id } : null}
      tanggal={{ ...tanggal, label: 'Tanggal nota' }}
      summary={current ? [['Pengembalian', returOption(current)]] : []}
    >
      {(errors) => (
        <EventChoice
          choice={choice}
          failedTitle="Daftar pengembalian tidak dapat dimuat"
          empty={
            <>
              Belum ada pengembalian surat suara tertukar. Catat pengembalian di{' '}
              <a href={href('penerimaan')}>Penerimaan</a>.
            </>
          }
          label="Pengembalian kepada penyedia"
          optionLabel={returOption}
          error={errors.returId}
        >
          {current && <p className="field-hint">{current.lines.map((l) => `${l.label}: ${fmt(l.qty)}`).join('; ')}</p>}
        </EventChoice>
      )}
    </IssueCard>
  )
}

const returOption = (r: Retur) =>
  `${fmtWaktu(r.at)} · ${r.penyedia} · ${fmt(r.lines.reduce((s, l) => s + l.qty, 0))} lembar`

function UpahCard({ setting }: { setting: Jenis | undefined }) {
  const range = useDateRange()
  return (
    <IssueCard
      type="REKAP_UPAH"
      setting={setting}
      input={{ type: 'REKAP_UPAH', from: range.from, to: range.to }}
      summary={[['Shift', range.words]]}
    >
      {(errors) => (
        <>
          <RangeFields range={range} errors={errors} />
          <p className="field-hint dokumen-hint">
            Upah per lembar/unit dan potongan pajak diatur di <a href={href('pengaturan', 'upah')}>Pengaturan</a>. Semua
            shift pada rentang ini harus sudah ditutup. Tersedia sebagai PDF dan XLSX.
          </p>
        </>
      )}
    </IssueCard>
  )
}
