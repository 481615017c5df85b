import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { type ApiError, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { saveDownload } from '../../components/files'
import { HistoryLink } from '../../components/History'
import { Section, Swatch } from '../../components/Page'
import { scanBeep } from '../../components/ScanField'
import { KitStatusBadge } from '../../components/StatusBadge'
import { fmt, formatTpsNumber, readCount, shortItemName } from '../../format'
import { href } from '../../router'
import { rememberKecamatan } from './KemasKemajuan'
import type { PackingShift } from './KemasShift'

type Kit = MethodOutput<'kemas.lihatKit'>
type Line = Kit['lines'][number]

/** Where a line is packed from, as the coordinator calls that stock. */
const SOURCE_LABEL: Record<string, string> = {
  BAIK: 'baik (tersortir)',
  SIAP: 'siap (dirakit)',
  DITERIMA: 'diterima',
}

const lineName = (l: Pick<Line, 'kind' | 'itemName'>) => (l.kind === 'ballot' ? shortItemName(l.itemName) : l.itemName)

/** The service numbers refused lines in the order they were sent ("row") or names them by input path. */
function issuesByLine(err: ApiError, sent: number[]): { perLine: Map<number, string[]>; rest: string[] } {
  const perLine = new Map<number, string[]>()
  const rest: string[] = []
  for (const d of err.details) {
    let v: number | undefined
    if (d.row !== undefined) v = sent[d.row - 1]
    else if (d.column) {
      const m = /^lines\.(\d+)\./.exec(d.column)
      if (m) v = sent[Number(m[1])]
    }
    if (v === undefined) rest.push(d.message)
    else perLine.set(v, [...(perLine.get(v) ?? []), d.message])
  }
  return { perLine, rest }
}

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
      {kit.status === 'lengkap' && <LengkapBanner kit={kit} />}
      <PackForm kit={kit} shift={shift} />
      <KotakSection kit={kit} scannedKotak={scannedKotak} />
    </>
  )
}

function KitIdentity({ kit }: { kit: Kit }) {
  return (
    <div className={`kemas-kit-id status-${kit.status}`} data-testid="kit-identity">
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

function PrintButtons({ kit, primary }: { kit: Kit; primary?: boolean }) {
  const [busy, setBusy] = useState<'label' | 'isi' | null>(null)
  const toast = useToast()
  const cls = primary ? 'btn btn-primary' : 'btn btn-secondary'
  async function print(what: 'label' | 'isi') {
    setBusy(what)
    try {
      const d =
        what === 'label'
          ? await invoke('kemas.cetakLabel', { tpsIds: [kit.tpsId] })
          : await invoke('kemas.cetakDaftarIsi', { scope: { tpsIds: [kit.tpsId] }, ringkas: false })
      saveDownload(d)
      toast.showSuccess(
        `${d.fileName}: ${what === 'label' ? `${fmt(d.count)} label kotak` : `daftar isi ${fmt(d.count)} TPS`}.`,
        'PDF siap dicetak',
      )
    } catch (err) {
      toast.showError(err, what === 'label' ? 'Label tidak dapat dibuat' : 'Daftar isi tidak dapat dibuat')
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="kemas-print">
      <button type="button" className={cls} onClick={() => void print('label')} disabled={busy !== null}>
        {busy === 'label' ? 'Membuat PDF…' : `Cetak label kotak (${fmt(kit.kotak.length)})`}
      </button>
      <button type="button" className={cls} onClick={() => void print('isi')} disabled={busy !== null}>
        {busy === 'isi' ? 'Membuat PDF…' : 'Cetak daftar isi kit'}
      </button>
    </div>
  )
}

/* ------------------------------------------------------------ packing */

function PackForm({ kit, shift }: { kit: Kit; shift: PackingShift['active'] }) {
  const [qty, setQty] = useState<Record<number, string>>({})
  const [refusal, setRefusal] = useState<{ error: ApiError; perLine: Map<number, string[]>; rest: string[] } | null>(
    null,
  )
  const [localErrors, setLocalErrors] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState<'lines' | 'sisa' | null>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const refusalRef = useRef<HTMLDivElement>(null)
  const locked = kit.handoverId !== null
  const remaining = kit.lines.reduce((s, l) => s + l.remaining, 0)
  const totals = useMemo(
    () =>
      kit.lines.reduce(
        (t, l) => ({ need: t.need + l.need, packed: t.packed + l.packed, remaining: t.remaining + l.remaining }),
        { need: 0, packed: 0, remaining: 0 },
      ),
    [kit],
  )

  async function pack(sisa: boolean) {
    if (!shift) return
    setRefusal(null)
    let lines: { variantId: number; qty: number }[] = []
    if (!sisa) {
      const bad: Record<number, string> = {}
      for (const l of kit.lines) {
        const n = readCount(qty[l.variantId] ?? '') ?? 0
        if (n === 'invalid') bad[l.variantId] = 'Isi bilangan bulat, mis. 150'
        else if (n > 0) lines.push({ variantId: l.variantId, qty: n })
      }
      setLocalErrors(bad)
      if (Object.keys(bad).length > 0) return
      if (lines.length === 0) {
        setLocalErrors(
          Object.fromEntries(
            kit.lines
              .filter((l) => l.remaining > 0)
              .slice(0, 1)
              .map((l) => [l.variantId, 'Isi jumlah yang dikemas sekarang, atau tekan "Kemas semua sisa"']),
          ),
        )
        return
      }
    } else {
      setLocalErrors({})
      lines = []
    }
    const sent = sisa ? kit.lines.filter((l) => l.remaining > 0).map((l) => l.variantId) : lines.map((l) => l.variantId)
    setBusy(sisa ? 'sisa' : 'lines')
    try {
      const after = await invoke('kemas.catat', { shiftId: shift.id, tpsId: kit.tpsId, lines, sisa })
      const packedNow = after.lines.reduce((s, l) => s + l.packed, 0) - totals.packed
      toast.showSuccess(
        `${formatTpsNumber(kit.nomor)} ${kit.desa}: ${fmt(packedNow)} barang dikemas dalam shift #${shift.id}.${after.status === 'lengkap' ? ' Kit lengkap.' : ''}`,
        'Tersimpan',
      )
      setQty({})
      refreshAll()
    } catch (err) {
      const e = toApiError(err)
      setRefusal({ error: e, ...issuesByLine(e, sent) })
      scanBeep('error')
      // Bring the refusal into view: it may be below the fold on a small screen.
      window.setTimeout(() => refusalRef.current?.scrollIntoView({ block: 'nearest' }), 0)
    } finally {
      setBusy(null)
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void pack(false)
  }
  const wrongDapil =
    refusal?.error.message.startsWith('SALAH DAPIL') ||
    refusal?.error.details.some((d) => d.message.startsWith('SALAH DAPIL'))
  const noShift = !shift && !locked
  const entry = !locked && remaining > 0

  return (
    <Section title="Isi kit">
      <form onSubmit={onSubmit} noValidate>
        <div className="table-wrap">
          <table className="table kemas-lines" data-testid="kit-lines">
            <thead>
              <tr>
                <th scope="col">Barang</th>
                <th scope="col" className="num">
                  Kebutuhan
                </th>
                <th scope="col" className="num">
                  Dikemas
                </th>
                <th scope="col" className="num">
                  Sisa
                </th>
                <th scope="col" className="num">
                  Stok siap kemas
                </th>
                {entry && (
                  <th scope="col" className="num kemas-col-entry">
                    Kemas sekarang
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {kit.lines.map((l) => {
                const issues = [
                  ...(refusal?.perLine.get(l.variantId) ?? []),
                  ...(localErrors[l.variantId] ? [localErrors[l.variantId]!] : []),
                ]
                const short = l.remaining > 0 && l.stock < l.remaining
                return (
                  <LineRow
                    key={l.variantId}
                    kit={kit}
                    line={l}
                    value={qty[l.variantId] ?? ''}
                    onChange={(v) => setQty((q) => ({ ...q, [l.variantId]: v }))}
                    issues={issues}
                    stockShort={short}
                    entry={entry}
                    disabled={locked || l.remaining === 0}
                  />
                )
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Jumlah</th>
                <td className="num" data-testid="kit-total-need">
                  {fmt(totals.need)}
                </td>
                <td className="num" data-testid="kit-total-packed">
                  {fmt(totals.packed)}
                </td>
                <td className="num" data-testid="kit-total-remaining">
                  {fmt(totals.remaining)}
                </td>
                <td />
                {entry && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
        {refusal && (
          <div ref={refusalRef} tabIndex={-1} className="kemas-refusal">
            <Banner
              kind="error"
              testId="pack-refusal"
              title={wrongDapil ? 'SALAH DAPIL' : 'Ditolak'}
              actions={
                <button
                  type="button"
                  className="dialog-close"
                  aria-label="Tutup pesan penolakan"
                  onClick={() => setRefusal(null)}
                >
                  ×
                </button>
              }
            >
              <p className="kemas-refusal-message">{refusal.error.message}</p>
              {[...refusal.perLine.values()].flat().concat(refusal.rest).length > 0 && (
                <ul>
                  {[...refusal.perLine.values()]
                    .flat()
                    .concat(refusal.rest)
                    .map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                </ul>
              )}
            </Banner>
          </div>
        )}
        {!locked && remaining > 0 && (
          <div className="kemas-actions">
            {noShift && (
              <Banner kind="warning" className="kemas-no-shift">
                Pengemasan dicatat dalam shift: pilih atau buka shift pengemasan di atas.
              </Banner>
            )}
            <button type="submit" className="btn btn-secondary" disabled={busy !== null || noShift}>
              {noShift
                ? 'Kemas yang diisi (perlu shift pengemasan)'
                : busy === 'lines'
                  ? 'Mengemas…'
                  : 'Kemas yang diisi'}
            </button>
            <button
              type="button"
              className="btn btn-primary kemas-pack-all"
              onClick={() => void pack(true)}
              disabled={busy !== null || noShift}
            >
              {noShift
                ? 'Kemas semua sisa (perlu shift pengemasan)'
                : busy === 'sisa'
                  ? 'Mengemas…'
                  : `Kemas semua sisa (${fmt(remaining)})`}
            </button>
          </div>
        )}
      </form>
    </Section>
  )
}

function LineRow({
  kit,
  line: l,
  value,
  onChange,
  issues,
  stockShort,
  entry,
  disabled,
}: {
  kit: Kit
  line: Line
  value: string
  onChange(v: string): void
  issues: string[]
  stockShort: boolean
  entry: boolean
  disabled: boolean
}) {
  const name = lineName(l)
  const done = l.remaining === 0
  return (
    <>
      <tr
        className={`${done ? 'kemas-line-done' : ''}${issues.length ? ' kemas-line-refused' : ''}`}
        data-variant={l.variantId}
      >
        <th scope="row">
          <span className="ballot-name">
            {l.kind === 'ballot' ? (
              <Swatch hex={l.colorHex} label={name} />
            ) : (
              <span className="swatch kemas-swatch-none" aria-hidden="true" />
            )}
            <span>
              {name}
              {l.dapil && <span className="kemas-dapil">Dapil {l.dapil}</span>}
            </span>
          </span>
        </th>
        <td className="num">
          {fmt(l.need)} <span className="kemas-unit">{l.unit}</span>
        </td>
        <td className="num">
          <HistoryLink
            value={l.packed}
            filter={{ variantId: l.variantId, place: `DIKEMAS:${kit.tpsId}` }}
            title={`${name} dikemas untuk ${formatTpsNumber(kit.nomor)} ${kit.desa}`}
          />
        </td>
        <td className={`num ${done ? 'kemas-text-ok' : 'strong'}`}>
          {done ? <span aria-label="Sisa 0, sudah lengkap">✓ 0</span> : fmt(l.remaining)}
        </td>
        <td className={`num${stockShort ? ' kemas-text-error' : ''}`}>
          <HistoryLink
            value={l.stock}
            filter={{ variantId: l.variantId, place: l.source }}
            title={`${name} ${SOURCE_LABEL[l.source] ?? l.source}`}
          />
          <span className="kemas-unit block">{SOURCE_LABEL[l.source] ?? l.source.toLowerCase()}</span>
        </td>
        {entry && (
          <td className="num kemas-col-entry">
            {!disabled && (
              <input
                className="kemas-qty"
                inputMode="numeric"
                autoComplete="off"
                value={value}
                placeholder={fmt(l.remaining)}
                onChange={(e) => onChange(e.target.value)}
                aria-label={`Jumlah ${name}${l.dapil ? ' Dapil ' + l.dapil : ''} yang dikemas sekarang`}
                aria-invalid={issues.length > 0}
              />
            )}
          </td>
        )}
      </tr>
      {issues.length > 0 && (
        <tr className="kemas-line-issue-row">
          <td colSpan={entry ? 6 : 5}>
            {issues.map((m, i) => (
              <p key={i} className="kemas-line-issue" role="alert">
                <strong>{m.startsWith('SALAH DAPIL') ? '⛔ ' : '✖ '}</strong>
                {m}
              </p>
            ))}
          </td>
        </tr>
      )}
    </>
  )
}

/* -------------------------------------------------------------- kotak */

function KotakSection({ kit, scannedKotak }: { kit: Kit; scannedKotak: { kotakNo: number; at: number } | null }) {
  const colors = new Map(kit.lines.map((l) => [l.variantId, l.colorHex]))
  return (
    <Section
      title="Kotak suara dan nomor segel"
      actions={kit.status !== 'lengkap' ? <PrintButtons kit={kit} /> : undefined}
    >
      {kit.kotak.length === 0 ? (
        <p className="empty">
          Kebutuhan TPS ini tidak memuat kotak suara (periksa aturan barang Kotak suara di Pengaturan).
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table kemas-kotak-table" data-testid="kotak-table">
            <thead>
              <tr>
                <th scope="col">Kotak</th>
                <th scope="col">Isi</th>
                <th scope="col">Nomor segel</th>
              </tr>
            </thead>
            <tbody>
              {kit.kotak.map((k) => (
                <tr
                  key={`${k.no}-${scannedKotak?.kotakNo === k.no ? scannedKotak.at : 0}`}
                  className={scannedKotak?.kotakNo === k.no ? 'kemas-kotak-scanned' : undefined}
                  data-kotak={k.no}
                >
                  <th scope="row" className="kemas-kotak-no">
                    Kotak {k.no} <span className="muted">dari {k.of}</span>
                  </th>
                  <td>
                    <span className="ballot-name">
                      {k.variantId !== null && <Swatch hex={colors.get(k.variantId) ?? null} />}
                      <span>{k.label ?? 'Kotak suara (tanpa jenis surat suara)'}</span>
                    </span>
                  </td>
                  <td>
                    <SegelInput kit={kit} kotakNo={k.no} saved={k.segel} disabled={kit.handoverId !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        Ketik nomor segel yang terpasang lalu tekan Enter. Nomor segel yang sudah dipakai kotak lain ditolak.
      </p>
    </Section>
  )
}

function SegelInput({
  kit,
  kotakNo,
  saved,
  disabled,
}: {
  kit: Kit
  kotakNo: number
  saved: string | null
  disabled: boolean
}) {
  const [value, setValue] = useState(saved ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const errorId = `segel-${kit.tpsId}-${kotakNo}-error`

  // A value saved elsewhere (or the first load) replaces the field unless someone is typing in it.
  const [lastSaved, setLastSaved] = useState(saved)
  if (saved !== lastSaved) {
    setLastSaved(saved)
    if (value === (lastSaved ?? '')) setValue(saved ?? '')
  }

  async function save() {
    setBusy(true)
    setError(null)
    try {
      await invoke('kemas.catatSegel', { tpsId: kit.tpsId, kotakNo, nomor: value.trim() })
      refreshAll()
    } catch (err) {
      setError(toApiError(err).message)
      scanBeep('error')
    } finally {
      setBusy(false)
    }
  }

  const dirty = value.trim() !== (saved ?? '')
  return (
    <div className="kemas-segel-field">
      <div className="kemas-segel-row">
        <input
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            setError(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              if (dirty) void save()
            }
          }}
          disabled={disabled || busy}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          placeholder="mis. KPU-1219-000123"
          aria-label={`Nomor segel kotak ${kotakNo}`}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
        />
        {dirty && !disabled && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void save()}
            disabled={busy || value.trim() === ''}
          >
            {busy ? 'Menyimpan…' : 'Simpan'}
          </button>
        )}
        {!dirty && saved && (
          <span className="kemas-segel-saved" data-testid={`segel-saved-${kotakNo}`}>
            ✓ Tercatat
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
