import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { PenerimaanHeader, type MethodInput } from '../../../api/contract'
import { ApiError, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, ErrorBanner, IssueTable, Loading, useToast } from '../../components/Feedback'
import { RadioCard } from '../../components/Form'
import { FormFields, type FieldSpec, type Fields } from '../../components/FormFields'
import { PageHeader, Section } from '../../components/Page'
import { fmt, fmtWaktu, nowLocal, readCount } from '../../format'
import { href, navigateAfterSave, useLeaveGuard } from '../../router'
import { useFormDraft } from '../../components/FormDraft'
import { DraftRestored } from '../../components/DraftRestored'
import { PENERIMAAN_DRAF_KUNCI } from '../../../core/draf'
import { LINE_FIELDS, type LineDraft, LineEditor, type LineField, emptyLine, statedOf } from './PenerimaanFormBaris'
import { DateTimeField } from '../../components/DateField'

const HEADER_FIELDS = PenerimaanHeader.keyof().options
type HeaderField = (typeof HEADER_FIELDS)[number]
type HeaderDraft = PenerimaanHeader

/**
 * Sorts the API's refusal details onto the form: the service names a line by `row` (1-based) and the
 * field by `column`; input validation names it by path ("lines.0.countedQty"). What fits nowhere is
 * listed above the form.
 */
function placeIssues(err: ApiError) {
  const header: Partial<Record<HeaderField, string>> = {}
  const lines = new Map<string, string>()
  const rest: ApiError['details'] = []
  for (const d of err.details) {
    const path = d.column ? /^lines\.(\d+)\.(\w+)$/.exec(d.column) : null
    const row = path ? Number(path[1]) + 1 : d.row
    const column = path ? path[2] : d.column
    if (row !== undefined && column && (LINE_FIELDS as readonly string[]).includes(column)) {
      const key = `${row}:${column}`
      if (!lines.has(key)) lines.set(key, d.message)
    } else if (row === undefined && column && (HEADER_FIELDS as readonly string[]).includes(column)) {
      header[column as HeaderField] ??= d.message
    } else rest.push(d)
  }
  return { header, lines, rest }
}

const emptyHeader = (): HeaderDraft => ({
  kind: 'biasa',
  receivedAt: nowLocal(),
  penyedia: '',
  suratJalan: '',
  bttb: '',
  kendaraan: '',
  pengemudi: '',
  wakilNama: '',
  wakilJabatan: '',
  penggantiUntuk: '',
  note: '',
})

/** The form as a draft's parts (core/draf.ts): its head, and each line as text. */
function draftParts(h: HeaderDraft, lines: readonly LineDraft[]): Record<string, Record<string, string>> {
  const parts: Record<string, Record<string, string>> = { kepala: { ...h } }
  lines.forEach(({ key, statedTyped, ...l }, i) => {
    void key
    parts[`baris:${i + 1}`] = { ...l, statedTyped: statedTyped ? '1' : '' }
  })
  return parts
}

/** Typed into at all: what the person wrote, not the defaults a new form starts with. */
function formDirty(h: HeaderDraft, lines: readonly LineDraft[]): boolean {
  const { kind, receivedAt, ...typed } = h
  void kind
  void receivedAt
  return (
    Object.values(typed).some((v) => v.trim() !== '') ||
    lines.some(({ key, statedTyped, ...l }) => {
      void key
      void statedTyped
      return Object.values(l).some((v) => v.trim() !== '')
    })
  )
}

const PENGGANTI: FieldSpec<HeaderDraft> = {
  name: 'penggantiUntuk',
  className: 'span-2',
  hint: 'Mis. nomor BA surat suara rusak/kurang yang diganti',
}

/** The surat jalan's head as it is copied at the truck; the penyedia offered from earlier deliveries. */
const headerFields = (penyediaNames: string[]): Fields<HeaderDraft> => [
  { name: 'penyedia', hint: 'Nama perusahaan percetakan/penyedia', suggestions: penyediaNames },
  { name: 'suratJalan' },
  { name: 'bttb', hint: 'Bukti tanda terima barang, bila ada' },
  { name: 'kendaraan', hint: 'Jenis dan nomor polisi, mis. truk BK 8123 AB' },
  { name: 'pengemudi' },
  { name: 'wakilNama', hint: 'Yang menandatangani BA penerimaan' },
  { name: 'wakilJabatan' },
]

const NOTE: Fields<HeaderDraft> = [
  {
    name: 'note',
    label: 'Catatan penerimaan',
    hint: 'Mis. kondisi dus, saksi yang hadir (Bawaslu, Polres, Kodim), segel',
  },
]

export function PenerimaanForm() {
  const variants = useApi('barang.daftarVarian', {})
  const deliveries = useApi('penerimaan.daftar', {})
  const [h, setH] = useState<HeaderDraft>(emptyHeader)
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()])
  const dirty = formDirty(h, lines)
  const parts = useMemo(() => draftParts(h, lines), [h, lines])
  const restoreDraft = useCallback((p: Record<string, Record<string, string>>) => {
    const head = p.kepala ?? {}
    setH((d) => ({ ...d, ...head, kind: head.kind === 'pengganti' ? 'pengganti' : 'biasa' }))
    const rows = Object.entries(p)
      .filter(([k]) => k.startsWith('baris:'))
      .sort(([a], [b]) => Number(a.slice(6)) - Number(b.slice(6)))
      .map(([, l]) => ({ ...emptyLine(), ...l, statedTyped: l.statedTyped === '1' }))
    if (rows.length) setLines(rows)
  }, [])
  const draft = useFormDraft({
    jenis: 'penerimaan',
    kunci: PENERIMAAN_DRAF_KUNCI,
    parts,
    dirty,
    onRestore: restoreDraft,
  })
  useLeaveGuard(
    dirty
      ? 'Penerimaan ini belum disimpan. Isiannya tetap disimpan sebagai draf dan muncul lagi saat formulir dibuka.'
      : null,
  )
  const [error, setError] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const saveRef = useRef<HTMLButtonElement>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  // After a refusal, take the coordinator to the first field named (or to the message when none is).
  useEffect(() => {
    if (!error) return
    const form = formRef.current
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]')
    target?.scrollIntoView({ block: 'center' })
    if (target?.matches('input, select')) target.focus()
  }, [error])

  const active = useMemo(() => (variants.data ?? []).filter((v) => v.active), [variants.data])
  const byId = useMemo(() => new Map(active.map((v) => [String(v.variantId), v])), [active])
  const penyediaNames = useMemo(
    () => [...new Set((deliveries.data ?? []).map((d) => d.penyedia))].sort(),
    [deliveries.data],
  )
  const placed = error ? placeIssues(error) : { header: {}, lines: new Map<string, string>(), rest: [] }
  const lineError = (row: number, f: LineField) => placed.lines.get(`${row}:${f}`)

  const set = <K extends keyof HeaderDraft>(k: K, v: HeaderDraft[K]) => setH((d) => ({ ...d, [k]: v }))
  const setLine = (key: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)))

  function addLine() {
    const l = emptyLine()
    setLines((ls) => [...ls, l])
    // Focus the new line's item chooser once it is rendered.
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-line="${l.key}"] select`)?.focus(), 0)
  }

  function removeLine(key: number) {
    setLines((ls) => (ls.length > 1 ? ls.filter((l) => l.key !== key) : [emptyLine()]))
  }

  /**
   * At the truck the hands hold a surat jalan: Enter goes to the next field (as on a tally sheet),
   * and from the last field to the save button; Ctrl+Enter saves from anywhere.
   */
  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter') return
    const t = e.target as HTMLElement
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault()
      formRef.current?.requestSubmit()
      return
    }
    if (t.tagName === 'BUTTON' || t.tagName === 'TEXTAREA' || t.tagName === 'A') return
    e.preventDefault()
    const fields = [
      ...(formRef.current?.querySelectorAll<HTMLElement>(
        'input:not([disabled]):not([type=radio]), select:not([disabled]), textarea',
      ) ?? []),
    ]
    const i = fields.indexOf(t)
    const next = fields.slice(i + 1).find((f) => !f.hasAttribute('readonly')) ?? saveRef.current
    next?.focus()
    if (next instanceof HTMLInputElement) next.select()
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    // Only unreadable numbers are caught here; every rule (required stated quantity, whose tertukar, …) is the service's.
    const local: ApiError['details'] = []
    const num = (row: number, column: LineField, text: string, empty: number | null): number | null => {
      const n = readCount(text)
      if (n === 'invalid') {
        local.push({ row, column, message: 'Isi dengan angka bulat, mis. 2.000' })
        return null
      }
      return n ?? empty
    }
    const out: MethodInput<'penerimaan.catat'>['lines'] = lines.map((l, i) => {
      const row = i + 1
      if (!l.variantId) local.push({ row, column: 'variantId', message: 'Pilih barang' })
      if (l.counted.trim() === '')
        local.push({ row, column: 'countedQty', message: 'Isi hasil hitung (0 bila tidak ada)' })
      const dus = num(row, 'dus', l.dus, null)
      const isiPerDus = num(row, 'isiPerDus', l.isi, null)
      const statedQty = l.statedTyped ? num(row, 'statedQty', l.stated, null) : null
      return {
        variantId: Number(l.variantId) || 0,
        dus,
        isiPerDus,
        statedQty,
        countedQty: num(row, 'countedQty', l.counted, 0) ?? 0,
        tertukarQty: num(row, 'tertukarQty', l.tertukar, 0) ?? 0,
        tertukarNote: l.tertukarNote,
      }
    })
    if (local.length) {
      setError(new ApiError('INVALID_INPUT', 'Periksa isian yang ditandai', local))
      return
    }
    setBusy(true)
    setError(undefined)
    // The service removes the draft with the save; nothing may be written from this form meanwhile.
    draft.settle()
    try {
      const d = await invoke('penerimaan.catat', {
        ...h,
        penggantiUntuk: h.kind === 'pengganti' ? h.penggantiUntuk : '',
        lines: out,
      })
      toast.showSuccess(
        `Surat jalan ${d.suratJalan} dari ${d.penyedia}: ${fmt(d.lines.length)} barang tercatat.`,
        `Penerimaan #${d.id} tersimpan`,
      )
      refreshAll()
      navigateAfterSave('penerimaan', d.id)
    } catch (err) {
      draft.resume()
      setError(toApiError(err))
      setBusy(false)
    }
  }

  if (variants.error)
    return <ErrorBanner error={variants.error} onRetry={variants.reload} title="Daftar barang tidak dapat dimuat" />
  if (!variants.data) return <Loading />

  const hErr = placed.header
  const header = { form: { values: h, set }, errors: hErr, method: 'penerimaan.catat' }
  const totals = lines.reduce(
    (t, l) => {
      const s = statedOf(l)
      const c = readCount(l.counted)
      const x = readCount(l.tertukar)
      return {
        stated: t.stated + (typeof s === 'number' ? s : 0),
        counted: t.counted + (typeof c === 'number' ? c : 0),
        tertukar: t.tertukar + (typeof x === 'number' ? x : 0),
      }
    },
    { stated: 0, counted: 0, tertukar: 0 },
  )
  const oneUnit = new Set(lines.map((l) => byId.get(l.variantId)?.unit).filter(Boolean)).size <= 1

  return (
    <>
      <p className="penerimaan-back">
        <a href={href('penerimaan')}>← Daftar penerimaan</a>
      </p>
      <PageHeader
        title="Catat penerimaan"
        lead="Salin dari surat jalan dan BTTB, lalu isi hasil hitung di gudang. Enter berpindah ke isian berikutnya; Ctrl+Enter menyimpan. Catatan penerimaan tidak dapat diubah setelah disimpan; angka hitung dikoreksi melalui riwayat."
      />
      <form
        ref={formRef}
        className="penerimaan-form"
        onSubmit={submit}
        onKeyDown={onKeyDown}
        noValidate
        data-testid="penerimaan-form"
      >
        {draft.restored && (
          <DraftRestored
            restored={draft.restored}
            testId="penerimaan-draf-dipulihkan"
            next={
              <>
                Periksa isiannya, lalu <strong>Simpan penerimaan</strong>.
              </>
            }
            onDiscard={() => {
              draft.discard()
              setH(emptyHeader())
              setLines([emptyLine()])
            }}
          />
        )}
        {error && (
          <Banner kind="error" title="Penerimaan belum tersimpan">
            <p>
              {placed.rest.length || error.details.length === 0
                ? error.message
                : 'Periksa isian yang ditandai di bawah.'}
            </p>
            <IssueTable issues={placed.rest} />
          </Banner>
        )}

        <Section title="Surat jalan dan pengiriman">
          <fieldset className="penerimaan-kind">
            <legend>Jenis pengiriman</legend>
            <RadioCard
              name="kind"
              value="biasa"
              checked={h.kind === 'biasa'}
              onChoose={() => set('kind', 'biasa')}
              title="Pengiriman biasa"
              explain="Surat suara atau barang logistik sesuai kontrak dengan penyedia"
            />
            <RadioCard
              name="kind"
              value="pengganti"
              checked={h.kind === 'pengganti'}
              onChoose={() => set('kind', 'pengganti')}
              title="Pengganti"
              explain="Pengganti surat suara rusak atau kurang; tetap disortir seperti kiriman lain"
            />
          </fieldset>
          <div className="form-grid penerimaan-header-grid">
            <FormFields fields={[h.kind === 'pengganti' && PENGGANTI]} {...header} />
            <DateTimeField
              label="Waktu diterima"
              dateLabel="Tanggal diterima"
              timeLabel="Jam diterima"
              value={h.receivedAt}
              onChange={(v) => set('receivedAt', v)}
              error={hErr.receivedAt}
            />
            <FormFields fields={headerFields(penyediaNames)} {...header} />
          </div>
        </Section>

        <Section title="Barang yang diterima" actions={[{ label: 'Tambah baris', onClick: addLine }]}>
          <p className="muted small penerimaan-explain">
            <strong>Menurut surat jalan</strong> dihitung dari dus × isi per dus; ketik jumlahnya langsung bila dus
            terakhir tidak penuh. <strong>Terhitung</strong> adalah lembar/buah milik satker ini yang benar-benar
            dihitung. Surat suara satker atau dapil lain dicatat sebagai <strong>tertukar</strong>: disisihkan, tidak
            menjadi stok, dan dikembalikan kepada penyedia.
          </p>
          <ol className="penerimaan-lines">
            {lines.map((l, i) => (
              <LineEditor
                key={l.key}
                row={i + 1}
                line={l}
                variants={active}
                variant={byId.get(l.variantId)}
                error={(f) => lineError(i + 1, f)}
                onChange={(patch) => setLine(l.key, patch)}
                onRemove={() => removeLine(l.key)}
                canRemove={lines.length > 1}
              />
            ))}
          </ol>
          {lines.length > 1 && (
            <p className="penerimaan-form-totals" aria-live="polite">
              {oneUnit ? (
                <>
                  Jumlah: menurut surat jalan <strong>{fmt(totals.stated)}</strong> · terhitung{' '}
                  <strong>{fmt(totals.counted)}</strong> · tertukar <strong>{fmt(totals.tertukar)}</strong>
                </>
              ) : (
                <>{fmt(lines.length)} baris dengan satuan berbeda</>
              )}
            </p>
          )}
        </Section>

        <Section title="Catatan">
          <FormFields fields={NOTE} {...header} />
          <div className="form-actions">
            <button ref={saveRef} type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Menyimpan…' : 'Simpan penerimaan'}
            </button>
            <a className="btn btn-secondary" href={href('penerimaan')}>
              Batal
            </a>
            <span className="muted small" data-testid="penerimaan-draf">
              Satu penerimaan dicatat sekaligus; bila ditolak, tidak ada yang tersimpan.
              {dirty && draft.savedAt && !draft.failure && ` Draf tersimpan ${fmtWaktu(draft.savedAt)}.`}
              {dirty && draft.failure && ` Draf tidak tersimpan: ${draft.failure}`}
            </span>
          </div>
        </Section>
      </form>
    </>
  )
}
