import { useMemo, useState, type FormEvent } from 'react'
import { KIT_STATUSES, type KitStatus } from '../../../core/kit'
import type { Dokumen, SerahTerimaPratinjau, VariantInfo } from '../../../api/contract'
import { fieldErrors, invoke, toApiError, type ApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { ConfirmPaper } from '../../components/ConfirmPaper'
import { TextField } from '../../components/Form'
import { PageHeader, Section, Swatch } from '../../components/Page'
import { ScanField } from '../../components/ScanField'
import { KitStatusBar, KitStatusLegend, StatusText } from '../../components/StatusBadge'
import { fmt, fmtTanggal, formatTpsNumber, shortItemName, todayIso } from '../../format'
import { href } from '../../router'
import { HandoverPrintButton, HandoverTable, HeldByPpk } from './SerahTerimaHandover'
import { type Kit, type KitChoice, SELECTABLE, serahTerimaHref } from './SerahTerimaShared'
import { DesaRows, useTpsHandover } from './SerahTerimaKit'
import { type Refusal, RefusalList, ScanProgress } from './SerahTerimaScan'
import { TableHead } from '../../components/TableHead'
import { BaNoteField } from '../dokumen/DokumenShared'
import { DateField } from '../../components/DateField'

/**
 * One PPK (Panitia Pemilihan Kecamatan): every TPS kit of the kecamatan by desa, a scan check of the
 * kotak going onto the truck, and the handover that moves the chosen kits to the PPK with its berita
 * acara. The service decides what may go; this page shows its answer where the coordinator looks.
 */
export function SerahTerimaKecamatan({ kecamatanId }: { kecamatanId: number }) {
  const q = useApi('serahTerima.lihatKecamatan', { kecamatanId })
  const needs = useApi('kebutuhan.daftarTps', { kecamatanId })
  const variants = useApi('barang.daftarVarian', {})
  const byVariant = useMemo(() => new Map((variants.data ?? []).map((v) => [v.variantId, v])), [variants.data])

  // null: the default selection, every complete kit. Set once the coordinator changes it.
  const [picked, setPicked] = useState<Set<number> | null>(null)
  const [exceptionOn, setExceptionOn] = useState<Set<number>>(new Set())
  const [reasons, setReasons] = useState<Record<number, string>>({})
  const [scanned, setScanned] = useState<Map<number, Set<number>>>(new Map())
  const [refusals, setRefusals] = useState<Refusal[]>([])
  const [submitError, setSubmitError] = useState<ApiError | undefined>()
  const handedBy = useTpsHandover(q.data?.handovers ?? [])

  const back = (
    <p className="serah-terima-back">
      <a href={serahTerimaHref()}>← Serah terima ke PPK</a>
    </p>
  )
  if (q.error) {
    return (
      <>
        {back}
        <ErrorBanner error={q.error} onRetry={q.reload} title="Kecamatan tidak dapat dimuat" />
      </>
    )
  }
  if (!q.data) return <Loading />
  const data = q.data
  const kits = data.tps
  const selectable = kits.filter((k) => SELECTABLE.has(k.status))
  const selected = new Set(
    (picked ? selectable.filter((k) => picked.has(k.tpsId)) : selectable.filter((k) => k.status === 'lengkap')).map(
      (k) => k.tpsId,
    ),
  )
  const needOf = new Map((needs.data?.rows ?? []).map((r) => [r.tpsId, r]))
  // The kotak to scan are those in the kit: a kit still lacking its kotak has none on the truck yet.
  const kotakVariants = new Set([...byVariant.values()].filter((v) => v.itemCode === 'KOTAK').map((v) => v.variantId))
  const missingKotak = (k: Kit) =>
    k.missing.filter((m) => kotakVariants.has(m.variantId)).reduce((s, m) => s + m.remaining, 0)
  const kitOf = new Map(kits.map((k) => [k.tpsId, k]))
  const kotakCount = (tpsId: number) =>
    Math.max(0, (needOf.get(tpsId)?.qty.KOTAK ?? 0) - (kitOf.has(tpsId) ? missingKotak(kitOf.get(tpsId)!) : 0))
  const counts = {
    tps: kits.length,
    ...(Object.fromEntries(KIT_STATUSES.map((st) => [st, kits.filter((k) => k.status === st).length])) as Record<
      KitStatus,
      number
    >),
  }

  const setSelected = (next: Set<number>) => {
    setPicked(next)
    setSubmitError(undefined)
  }
  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(selected)
    for (const id of ids) {
      if (on) next.add(id)
      else next.delete(id)
    }
    setSelected(next)
  }
  const setException = (tpsId: number, on: boolean) => {
    setSubmitError(undefined)
    setExceptionOn((s) => {
      const n = new Set(s)
      if (on) n.add(tpsId)
      else n.delete(tpsId)
      return n
    })
    if (on && !selected.has(tpsId)) toggle([tpsId], true)
  }

  async function onScan(code: string): Promise<string> {
    try {
      const r = await invoke('serahTerima.periksaScan', { kecamatanId, code })
      const already = scanned.get(r.tpsId)?.has(r.kotakNo) ?? false
      setScanned((m) => {
        const n = new Map(m)
        n.set(r.tpsId, new Set([...(n.get(r.tpsId) ?? []), r.kotakNo]))
        return n
      })
      document.querySelector(`[data-testid="tps-${r.tpsId}"]`)?.scrollIntoView({ block: 'nearest' })
      const note =
        r.status === 'belum'
          ? ' — kit ini belum dikemas'
          : r.status === 'sebagian'
            ? ' — kit ini belum lengkap'
            : !selected.has(r.tpsId)
              ? ' — TPS ini belum dicentang untuk diserahkan'
              : ''
      return `${already ? 'Sudah dipindai sebelumnya: ' : ''}${r.tps}, kotak ${r.kotakNo} dari ${r.kotakOf}${note}${r.catatan ? ` — ${r.catatan}` : ''}`
    } catch (err) {
      const e = toApiError(err)
      setRefusals((list) => [{ at: new Date(), code, message: e.message }, ...list].slice(0, 50))
      throw e
    }
  }

  const desaGroups: { desaId: number; desa: string; kits: Kit[] }[] = []
  for (const k of kits) {
    const g = desaGroups.at(-1)
    if (g && g.desaId === k.desaId) g.kits.push(k)
    else desaGroups.push({ desaId: k.desaId, desa: k.desa, kits: [k] })
  }
  const selectedKits = kits.filter((k) => selected.has(k.tpsId))
  const choice: KitChoice = { selected, kits: selectedKits, exceptionOn, reasons, scanned, kotakCount }
  // Refusal details name a TPS by its place in the list sent (row 1 = first TPS chosen).
  const rowErrors = new Map<number, string>()
  for (const d of submitError?.details ?? []) {
    const t = d.row !== undefined ? selectedKits[d.row - 1] : undefined
    if (t && !rowErrors.has(t.tpsId)) rowErrors.set(t.tpsId, d.message)
  }

  return (
    <>
      {back}
      <PageHeader
        title={`Serah terima ke PPK Kecamatan ${data.kecamatan}`}
        lead={
          <>
            {fmt(kits.length)} kit TPS di {fmt(desaGroups.length)} desa/kelurahan. Pilih kit yang diserahkan, periksa
            setiap kotak dengan pemindai saat dimuat, lalu terbitkan berita acara serah terima kepada Ketua PPK (Panitia
            Pemilihan Kecamatan).
          </>
        }
      />
      <div className="serah-terima-kec-status">
        <KitStatusBar p={counts} size="large" />
        <KitStatusLegend counts={counts} />
      </div>

      <Section title="Kit TPS per desa/kelurahan" id="serah-terima-kit">
        <div className="serah-terima-kit-layout">
          <div className="serah-terima-kit-main">
            <div className="toolbar">
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() =>
                  setSelected(new Set(selectable.filter((k) => k.status === 'lengkap').map((k) => k.tpsId)))
                }
              >
                Pilih semua yang lengkap
              </button>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setSelected(new Set())}>
                Kosongkan pilihan
              </button>
              <span className="toolbar-count" data-testid="serah-terima-selected-count">
                {fmt(selected.size)} dari {fmt(kits.length)} TPS dipilih
              </span>
            </div>
            <div className="table-scroll serah-terima-kit-scroll">
              <table className="table serah-terima-kit-table" data-testid="serah-terima-kit-table">
                <colgroup>
                  <col className="serah-terima-c-check" />
                  <col className="serah-terima-c-tps" />
                  <col className="serah-terima-c-status" />
                  <col />
                </colgroup>
                <TableHead
                  columns={[{ label: 'Serahkan', hidden: true }, 'TPS', 'Status · kotak dipindai', 'Keterangan']}
                />
                {desaGroups.map((g) => (
                  <DesaRows
                    key={g.desaId}
                    desa={g.desa}
                    kits={g.kits}
                    choice={choice}
                    onToggle={toggle}
                    onException={setException}
                    onReason={(tpsId, text) => {
                      setSubmitError(undefined)
                      setReasons((r) => ({ ...r, [tpsId]: text }))
                    }}
                    handovers={data.handovers}
                    handedBy={handedBy}
                    rowErrors={rowErrors}
                  />
                ))}
              </table>
            </div>
          </div>
          <aside className="serah-terima-scan-panel" aria-label="Pemeriksaan kotak dengan pemindai">
            <ScanField
              label="Periksa kotak dengan pemindai"
              onScan={onScan}
              testId="serah-terima-scan"
              placeholder="Pindai atau ketik kode"
              refusalTitle="KOTAK DITOLAK"
              hint={
                <>
                  Pindai label QR setiap kotak yang dimuat ke kendaraan PPK {data.kecamatan}. Kotak kecamatan lain,
                  dapil lain, atau yang sudah diserahkan ditolak.
                </>
              }
            />
            <ScanProgress selected={selectedKits} scanned={scanned} kotakCount={kotakCount} />
            <RefusalList refusals={refusals} />
          </aside>
        </div>
      </Section>

      <HandoverForm
        kecamatanId={kecamatanId}
        kecamatan={data.kecamatan}
        choice={choice}
        variants={byVariant}
        error={submitError}
        onError={setSubmitError}
        onDone={() => {
          setPicked(null)
          setExceptionOn(new Set())
          setReasons({})
        }}
      />

      <Section title="Serah terima yang sudah dilakukan" id="serah-terima-handovers">
        {data.handovers.length === 0 ? (
          <p className="empty">Belum ada serah terima untuk PPK {data.kecamatan}.</p>
        ) : (
          <HandoverTable rows={data.handovers} />
        )}
        <HeldByPpk kecamatanId={kecamatanId} kecamatan={data.kecamatan} variants={byVariant} />
      </Section>
    </>
  )
}

function HandoverForm({
  kecamatanId,
  kecamatan,
  choice: { kits: selectedKits, exceptionOn, reasons, scanned, kotakCount },
  variants,
  error,
  onError,
  onDone,
}: {
  kecamatanId: number
  kecamatan: string
  choice: KitChoice
  variants: Map<number, VariantInfo>
  error: ApiError | undefined
  onError(e: ApiError | undefined): void
  /** After the handover is recorded: the page starts a fresh selection. */
  onDone(): void
}) {
  const jenis = useApi('dokumen.daftarJenis', {})
  const [done, setDone] = useState<{ tps: number; document: Dokumen } | null>(null)
  const [tanggal, setTanggal] = useState(todayIso)
  const [ppkNama, setPpkNama] = useState('')
  const [ppkJabatan, setPpkJabatan] = useState<string | null>(null)
  const [kendaraan, setKendaraan] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const jabatan = ppkJabatan ?? `Ketua PPK Kecamatan ${kecamatan}`
  const errors = fieldErrors(error)
  const pihakPertama = jenis.data?.find((j) => j.type === 'BA_SERAH_TERIMA')?.signers.find((s) => s.posisi === 'pihak')

  // What goes out, as the BA will state it: the service's answer, never figures worked out here.
  const preview = useApi(
    'serahTerima.pratinjau',
    { kecamatanId, tpsIds: selectedKits.map((k) => k.tpsId) },
    selectedKits.length > 0,
  )
  const exceptions = selectedKits.filter((k) => k.status === 'sebagian')
  const kotakTotal = selectedKits.reduce((s, k) => s + kotakCount(k.tpsId), 0)
  const kotakDone = selectedKits.reduce((s, k) => s + Math.min(kotakCount(k.tpsId), scanned.get(k.tpsId)?.size ?? 0), 0)

  const [confirming, setConfirming] = useState(false)
  function submit(e: FormEvent) {
    e.preventDefault()
    onError(undefined)
    setConfirming(true)
  }

  async function handOver() {
    setBusy(true)
    onError(undefined)
    try {
      const ids = selectedKits.map((k) => k.tpsId)
      const exc = ids
        .filter((id) => exceptionOn.has(id) && (reasons[id] ?? '').trim() !== '')
        .map((id) => ({ tpsId: id, reason: reasons[id]!.trim() }))
      const r = await invoke('serahTerima.serahkan', {
        kecamatanId,
        tpsIds: ids,
        exceptions: exc,
        tanggal,
        ppkNama,
        ppkJabatan: jabatan,
        kendaraan,
        note,
      })
      toast.showSuccess(
        `${fmt(ids.length)} kit TPS diserahkan ke PPK ${kecamatan}.${r.document.nomor ? ` BA nomor ${r.document.nomor}.` : ''}`,
        'Serah terima tercatat',
      )
      setKendaraan('')
      setNote('')
      setDone({ tps: ids.length, document: r.document })
      onDone()
      refreshAll()
    } catch (err) {
      onError(toApiError(err))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <Section title="Berita acara serah terima" id="serah-terima-form">
      {done && (
        <Banner
          kind="success"
          testId="serah-terima-done"
          actions={
            <>
              <HandoverPrintButton
                h={{ documentId: done.document.id, nomor: done.document.nomor }}
                label="Unduh BA (PDF)"
                primary
              />
            </>
          }
        >
          <strong>
            Serah terima tercatat: {fmt(done.tps)} kit TPS kini di PPK {kecamatan}.
          </strong>
          <p>
            Berita acara serah terima nomor{' '}
            <span className="serah-terima-nomor" data-testid="serah-terima-done-nomor">
              {done.document.nomor ?? `DOK-${done.document.id}`}
            </span>{' '}
            terbit. Cetak, tanda tangani bersama Ketua PPK, lalu catat konfirmasinya di bawah setelah BA kembali.
          </p>
        </Banner>
      )}
      <form className="serah-terima-form-layout" onSubmit={submit} noValidate>
        <div>
          <p className="serah-terima-pihak">
            <strong>PIHAK PERTAMA:</strong>{' '}
            {pihakPertama ? (
              <>
                {pihakPertama.jabatan}
                {pihakPertama.nama ? `, ${pihakPertama.nama}` : <span className="text-warn"> (nama belum diisi)</span>}
              </>
            ) : (
              <span className="muted">—</span>
            )}
            <span className="muted small block">
              Penanda tangan pihak satker diatur di{' '}
              <a href={href('pengaturan')}>Pengaturan › Penanda tangan per jenis dokumen</a>.
            </span>
          </p>
          <div className="form-grid">
            <DateField
              label="Tanggal serah terima"
              error={errors.tanggal}
              value={tanggal}
              onChange={setTanggal}
              required
            />
            <TextField
              label="Nama Ketua PPK (PIHAK KEDUA)"
              error={errors.ppkNama}
              value={ppkNama}
              onChange={setPpkNama}
              autoComplete="off"
              required
            />
            <TextField
              label="Jabatan penerima"
              error={errors.ppkJabatan}
              value={jabatan}
              onChange={setPpkJabatan}
              required
            />
            <TextField
              label="Kendaraan"
              error={errors.kendaraan}
              hint="Jenis dan nomor polisi, mis. truk BK 8123 XY"
              value={kendaraan}
              onChange={setKendaraan}
            />
            <BaNoteField value={note} onChange={setNote} error={errors.note} />
          </div>
        </div>

        <div className="serah-terima-summary" data-testid="serah-terima-summary">
          <h3>Yang diserahkan</h3>
          {selectedKits.length === 0 ? (
            <p className="muted">Belum ada TPS yang dipilih. Centang kit TPS pada daftar di atas.</p>
          ) : (
            <>
              {preview.error && <ErrorBanner error={preview.error} onRetry={preview.reload} />}
              {preview.data ? (
                <SerahTerimaFigures
                  figures={preview.data}
                  partial={exceptions.length}
                  variants={variants}
                  busy={preview.loading}
                />
              ) : (
                !preview.error && <Loading />
              )}
              {exceptions.length > 0 && (
                <div className="serah-terima-exc-summary">
                  <strong>Pengecualian (tercetak di BA):</strong>
                  <ul>
                    {exceptions.map((k) => (
                      <li key={k.tpsId}>
                        {formatTpsNumber(k.nomor)} {k.desa}:{' '}
                        {exceptionOn.has(k.tpsId) && (reasons[k.tpsId] ?? '').trim() ? (
                          reasons[k.tpsId]
                        ) : (
                          <span className="text-warn">alasan belum diisi</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <p className="serah-terima-scan-note">
                {kotakDone < kotakTotal ? (
                  <StatusText state="warning">
                    {fmt(kotakTotal - kotakDone)} dari {fmt(kotakTotal)} kotak belum dipindai.
                  </StatusText>
                ) : (
                  <StatusText state="success">Semua {fmt(kotakTotal)} kotak sudah dipindai.</StatusText>
                )}
              </p>
            </>
          )}
        </div>

        <div className="serah-terima-submit">
          <ErrorBanner error={error} title="Serah terima ditolak" testId="serah-terima-refused" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || selectedKits.length === 0}>
              {busy ? 'Menyerahkan…' : 'Serahkan dan terbitkan BA…'}
            </button>
            <span className="muted small">
              Kit berpindah dari gudang ke PPK {kecamatan} dan berita acara bernomor terbit dalam satu langkah.
            </span>
          </div>
        </div>
      </form>
      <ConfirmPaper
        open={confirming}
        title={`Serahkan ${fmt(selectedKits.length)} kit ke PPK ${kecamatan}?`}
        lead={
          <>
            Kit berpindah dari gudang ke PPK (Panitia Pemilihan Kecamatan) {kecamatan} di buku besar, dan berita acara
            serah terima bernomor terbit dengan isi berikut. Langkah ini tidak dapat dibatalkan.
          </>
        }
        rows={[
          [
            'Kit TPS',
            `${fmt(selectedKits.length)} TPS${preview.data ? ` di ${fmt(preview.data.desa)} desa/kelurahan` : ''}`,
          ],
          [
            'Barang',
            preview.data ? (
              <ul key="items">
                {preview.data.items.map((it) => (
                  <li key={it.variantId}>
                    {shortItemName(it.name)}
                    {it.dapil ? ` Dapil ${it.dapil}` : ''}: {fmt(it.qty)} {it.unit}
                  </li>
                ))}
              </ul>
            ) : (
              'Memuat…'
            ),
          ],
          ['Jumlah seluruhnya', preview.data?.jumlah ?? '—'],
          ...(exceptions.length > 0
            ? ([['Dengan pengecualian', exceptions.map((k) => formatTpsNumber(k.nomor)).join(', ')]] as [
                string,
                string,
              ][])
            : []),
          ['PIHAK KEDUA', `${ppkNama || '—'}, ${jabatan}`],
          ['Tanggal', fmtTanggal(tanggal)],
          ['Dokumen', 'BA serah terima, nomor berikutnya dari register'],
        ]}
        confirmLabel="Serahkan dan terbitkan BA"
        busy={busy}
        onConfirm={() => void handOver()}
        onClose={() => setConfirming(false)}
      />
    </Section>
  )
}

/** The handover's figures from serahTerima.pratinjau, laid out as the BA states them. */
function SerahTerimaFigures({
  figures,
  partial,
  variants,
  busy,
}: {
  figures: SerahTerimaPratinjau
  partial: number
  variants: Map<number, VariantInfo>
  busy: boolean
}) {
  return (
    <div aria-busy={busy} data-testid="serah-terima-figures">
      <p>
        <strong>{fmt(figures.tps)} kit TPS</strong> di {fmt(figures.desa)} desa/kelurahan
        {partial > 0 && (
          <>
            , <span className="text-warn">{fmt(partial)} belum lengkap</span>
          </>
        )}
        .
      </p>
      <table className="table table-compact serah-terima-summary-table">
        <TableHead columns={['Barang', { label: 'Jumlah', num: true }, 'Satuan']} />
        <tbody>
          {figures.items.map((i) => (
            <tr key={i.variantId} data-testid={`sum-${i.code}`}>
              <th scope="row">
                <span className="ballot-name">
                  {i.kind === 'ballot' && <Swatch hex={variants.get(i.variantId)?.colorHex ?? null} />}
                  <span>
                    <span data-testid="item">{i.kind === 'ballot' ? shortItemName(i.name) : i.name}</span>
                    {i.dapil && (
                      <span className="muted small block" data-testid="dapil">
                        Dapil {i.dapil}
                      </span>
                    )}
                  </span>
                </span>
              </th>
              <td className="num" data-testid="qty">
                {fmt(i.qty)}
              </td>
              <td data-testid="unit">{i.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {figures.jumlah && (
        <p className="muted small" data-testid="serah-terima-jumlah">
          Jumlah seluruhnya {figures.jumlah}.
        </p>
      )}
    </div>
  )
}
