import { useMemo, useState, type FormEvent } from 'react'
import type { Dokumen, Pemilihan, PemusnahanKandidat } from '../../../api/contract'
import { jumlahTerbilang } from '../../../core/terbilang'
import { fieldErrors, invoke } from '../../api'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { ConfirmPaper } from '../../components/ConfirmPaper'
import { FormFields, useFormState, type Fields } from '../../components/FormFields'
import { HistoryLink } from '../../components/History'
import { PageHeader, Section, Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { fmt, fmtTanggal, readCount, shortItemName, todayIso } from '../../format'
import { href } from '../../router'
import { BA_NOTE, BaRegister, PrintBaButton } from '../dokumen/DokumenShared'
import './pemusnahan.css'
import { Loaded } from '../../components/Loaded'
import { TableHead } from '../../components/TableHead'
import { useWrite } from '../../components/useWrite'

/** One input per source a sheet can be destroyed from: each damage reason, and the surplus of good sheets. */
interface Source {
  key: string
  variantId: number
  from: string
  available: number
  /** What it says on the paper: "Surat suara Gubernur Dapil X, rusak Cetak tidak jelas". */
  label: string
}

const ballotOf = (c: PemusnahanKandidat) => `${shortItemName(c.itemName)}${c.dapil ? ' Dapil ' + c.dapil : ''}`

/** Every source starts empty: destroying is chosen line by line (or with "Isi semua yang rusak"), never preset. */
const sourcesOf = (c: PemusnahanKandidat): Source[] => [
  ...c.rusak.map((r) => ({
    key: `${c.variantId}|RUSAK:${r.reason}`,
    variantId: c.variantId,
    from: `RUSAK:${r.reason}`,
    available: r.qty,
    label: `${ballotOf(c)}, rusak ${r.label}`,
  })),
  {
    key: `${c.variantId}|BAIK`,
    variantId: c.variantId,
    from: 'BAIK',
    available: c.surplus,
    label: `${ballotOf(c)}, baik (kelebihan)`,
  },
]

const METODE = [
  { value: 'dibakar', label: 'Dibakar' },
  { value: 'dicacah', label: 'Dicacah (mesin penghancur kertas)' },
  { value: 'lainnya', label: 'Cara lain…' },
] as const

/**
 * Destroying damaged ballots and surplus good ones before witnesses. Every damaged sheet may go; good
 * sheets only beyond what unpacked kits and the PSU reserve still need, as the service computes it.
 */
export function PemusnahanPage({ election }: { election: Pemilihan }) {
  const kandidat = useApi('pemusnahan.daftarKandidat', {})
  const list = useApi('pemusnahan.daftar', {})
  const variants = useApi('barang.daftarVarian', {})
  const jenis = useApi('dokumen.daftarJenis', {})
  const byVariant = useMemo(() => new Map((variants.data ?? []).map((v) => [v.variantId, v])), [variants.data])

  const [qty, setQty] = useState<Record<string, string>>({})
  const form = useFormState(() => ({ metode: 'dibakar', metodeLain: '', tanggal: todayIso(), tempat: '', note: '' }))
  const { metode, metodeLain, tanggal, tempat, note } = form.values
  const { error, setError, busy, run } = useWrite()
  const [done, setDone] = useState<{ qty: number; document: Dokumen } | null>(null)

  const rows = kandidat.data ?? []
  const sources = rows.flatMap(sourcesOf)
  const [confirming, setConfirming] = useState(false)
  const valueOf = (s: Source) => qty[s.key] ?? ''
  const numberOf = (s: Source) => {
    const n = readCount(valueOf(s))
    return n === 'invalid' ? Number.NaN : (n ?? 0)
  }
  const lines = sources.map((s) => ({ s, n: numberOf(s) })).filter((l) => l.n !== 0)
  const total = lines.reduce((sum, l) => sum + (Number.isNaN(l.n) ? 0 : l.n), 0)
  const signers = jenis.data?.find((j) => j.type === 'BA_PEMUSNAHAN')?.signers ?? []
  const errors = fieldErrors(error)
  // Service details name a line by its place in the list sent (row 1 = first line); the contract by "lines.0.qty".
  const lineError = (key: string) => {
    const i = lines.findIndex((l) => l.s.key === key)
    if (i < 0) return undefined
    return error?.details.find((d) => d.row === i + 1 || d.column?.startsWith(`lines.${i}.`))?.message
  }

  const other = metode === 'lainnya'
  const fields: Fields<typeof form.values> = [
    {
      name: 'metode',
      kind: 'select',
      label: 'Cara pemusnahan',
      options: METODE.map((m) => [m.value, m.label] as const),
    },
    other && { name: 'metodeLain', label: 'Cara lain', hint: 'Ditulis di BA: “dengan cara …”' },
    { name: 'tanggal', kind: 'date' },
    {
      name: 'tempat',
      label: 'Tempat pemusnahan',
      className: 'span-2',
      hint: 'mis. Halaman gudang logistik KPU, Jl. Perintis Kemerdekaan No. 1',
    },
    BA_NOTE,
  ]

  const metodeText = metode === 'lainnya' ? metodeLain : (METODE.find((m) => m.value === metode)?.label ?? metode)
  const fillAllRusak = () =>
    setQty((q) => ({
      ...q,
      ...Object.fromEntries(sources.filter((s) => s.from.startsWith('RUSAK:')).map((s) => [s.key, fmt(s.available)])),
    }))
  const rusakAvailable = sources.filter((s) => s.from.startsWith('RUSAK:')).reduce((n, s) => n + s.available, 0)

  function submit(e: FormEvent) {
    e.preventDefault()
    setError(undefined)
    setConfirming(true)
  }

  async function destroy() {
    await run(async () => {
      const payload = lines.map((l) => ({
        variantId: l.s.variantId,
        from: l.s.from,
        qty: Number.isNaN(l.n) ? -1 : l.n,
      }))
      const r = await invoke('pemusnahan.catat', {
        tanggal,
        metode: metode === 'lainnya' ? metodeLain : metode,
        tempat,
        note,
        lines: payload,
      })
      setDone({ qty: total, document: r.document })
      setQty({})
      form.set('note', '')
      return [
        `${fmt(total)} lembar surat suara dimusnahkan.${r.document.nomor ? ` BA nomor ${r.document.nomor}.` : ''}`,
        'Pemusnahan tercatat',
      ]
    })
    setConfirming(false)
  }

  return (
    <>
      <PageHeader
        title="Pemusnahan surat suara"
        lead={`Surat suara rusak dan surat suara lebih ${election.jenis === 'pilkada' ? 'Pilkada' : 'Pemilu'} ${election.tahun} disimpan terpisah sampai dimusnahkan di hadapan saksi, dengan berita acara bernomor. Jumlah dimusnahkan dicatat per jenis surat suara dan dapil.`}
      />

      {done && (
        <Banner
          kind="success"
          title={<>{fmt(done.qty)} lembar surat suara dimusnahkan.</>}
          testId="pemusnahan-done"
          actions={
            <>
              <PrintBaButton doc={done.document} label="Unduh BA (PDF)" primary />
            </>
          }
        >
          <p>
            Berita acara pemusnahan nomor{' '}
            <span className="pemusnahan-nomor" data-testid="pemusnahan-done-nomor">
              {done.document.nomor ?? `DOK-${done.document.id}`}
            </span>{' '}
            terbit. Cetak dan tanda tangani bersama para saksi.
          </p>
        </Banner>
      )}

      <form onSubmit={submit} noValidate>
        <Section title="Surat suara yang dapat dimusnahkan" id="pemusnahan-kandidat">
          <ErrorBanner
            error={kandidat.error}
            onRetry={kandidat.reload}
            title="Surat suara yang dapat dimusnahkan tidak dapat dimuat"
          />
          {!kandidat.data ? (
            !kandidat.error && <Loading />
          ) : rows.length === 0 ? (
            <p className="empty">Belum ada jenis surat suara.</p>
          ) : (
            <div className="table-wrap">
              <table className="table pemusnahan-table" data-testid="pemusnahan-table">
                <colgroup>
                  <col className="pemusnahan-c-jenis" />
                  <col />
                  <col className="pemusnahan-c-num" />
                  <col className="pemusnahan-c-input" />
                </colgroup>
                <TableHead
                  columns={[
                    'Jenis surat suara · dapil',
                    'Asal',
                    { label: 'Tersedia', num: true },
                    { label: 'Dimusnahkan', num: true },
                  ]}
                />
                {rows.map((c) => {
                  const src = sourcesOf(c)
                  const sub = src.reduce((s, x) => s + (Number.isNaN(numberOf(x)) ? 0 : numberOf(x)), 0)
                  const v = byVariant.get(c.variantId)
                  const ballotName = shortItemName(c.itemName)
                  return (
                    <tbody
                      key={c.variantId}
                      className="pemusnahan-variant"
                      data-testid={`pemusnahan-variant-${c.variantId}`}
                    >
                      {src.map((s, i) => {
                        const reason = c.rusak.find((r) => `RUSAK:${r.reason}` === s.from)
                        const err = lineError(s.key)
                        const inputLabel = `Dimusnahkan: ${ballotName}${c.dapil ? ' Dapil ' + c.dapil : ''}, ${reason ? 'rusak ' + reason.label : 'baik (kelebihan)'}`
                        return (
                          <tr key={s.key} className={reason ? 'pemusnahan-rusak' : 'pemusnahan-baik'}>
                            {i === 0 && (
                              <th scope="rowgroup" rowSpan={src.length + 1} className="pemusnahan-jenis">
                                <span className="ballot-name">
                                  <Swatch hex={v?.colorHex ?? null} label={c.itemName} />
                                  <span>
                                    {ballotName}
                                    {c.dapil && <span className="muted small block">Dapil {c.dapil}</span>}
                                  </span>
                                </span>
                              </th>
                            )}
                            <td>
                              {reason ? (
                                <>
                                  <StatusBadge state="rusak">Rusak</StatusBadge> {reason.label}
                                </>
                              ) : (
                                <>
                                  <StatusBadge state="lebih">Baik</StatusBadge> kelebihan
                                  <span className="pemusnahan-why block" data-testid="pemusnahan-why">
                                    Baik di gudang {fmt(c.baik)} lembar; masih dibutuhkan kit TPS {fmt(c.kitSisa)} dan
                                    cadangan PSU {fmt(c.psu)}
                                    {c.surplus > 0
                                      ? `, sehingga hanya kelebihannya (${fmt(c.surplus)} lembar) yang boleh dimusnahkan.`
                                      : ', sehingga belum ada kelebihan yang boleh dimusnahkan.'}
                                  </span>
                                </>
                              )}
                            </td>
                            <td className="num">
                              {reason ? (
                                <HistoryLink
                                  value={s.available}
                                  filter={{ variantId: c.variantId, place: s.from }}
                                  title={`${c.label}, rusak ${reason.label}`}
                                />
                              ) : (
                                fmt(s.available)
                              )}
                            </td>
                            <td className="num">
                              <input
                                className="pemusnahan-qty"
                                inputMode="numeric"
                                aria-label={inputLabel}
                                value={valueOf(s)}
                                disabled={s.available === 0 && valueOf(s) === ''}
                                placeholder="0"
                                aria-invalid={
                                  err || Number.isNaN(numberOf(s)) || numberOf(s) > s.available ? true : undefined
                                }
                                onChange={(e) => setQty((q) => ({ ...q, [s.key]: e.target.value }))}
                                onBlur={(e) => {
                                  const n = readCount(e.target.value)
                                  if (typeof n === 'number') setQty((q) => ({ ...q, [s.key]: fmt(n) }))
                                }}
                              />
                              {numberOf(s) > s.available && !err && (
                                <span className="field-error block">Paling banyak {fmt(s.available)}</span>
                              )}
                              {err && <span className="field-error block">{err}</span>}
                            </td>
                          </tr>
                        )
                      })}
                      <tr className="pemusnahan-subtotal">
                        <td colSpan={2}>Jumlah {ballotName}</td>
                        <td className="num" data-testid="pemusnahan-subtotal">
                          {fmt(sub)}
                        </td>
                      </tr>
                    </tbody>
                  )
                })}
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Jumlah seluruhnya
                    </th>
                    <td className="num" data-testid="pemusnahan-total">
                      {fmt(total)}
                    </td>
                  </tr>
                </tfoot>
              </table>
              <p className="pemusnahan-terbilang" data-testid="pemusnahan-terbilang">
                {total > 0 ? (
                  <>Jumlah yang akan dimusnahkan: {jumlahTerbilang(total)} lembar.</>
                ) : (
                  'Belum ada jumlah yang akan dimusnahkan. Isi jumlah per baris, atau isi semua yang rusak sekaligus.'
                )}
              </p>
              {rusakAvailable > 0 && (
                <button type="button" className="btn btn-secondary" onClick={fillAllRusak}>
                  Isi semua yang rusak ({fmt(rusakAvailable)} lembar)
                </button>
              )}
            </div>
          )}
        </Section>

        <Section title="Pelaksanaan dan berita acara" id="pemusnahan-form">
          <div className="pemusnahan-form-layout">
            <div>
              <div className="form-grid">
                <FormFields
                  fields={fields}
                  form={form}
                  // A method typed by hand is the metode the service checks: its error stands under that box.
                  errors={{
                    ...errors,
                    metode: other ? undefined : errors.metode,
                    metodeLain: other ? errors.metode : undefined,
                  }}
                  method="pemusnahan.catat"
                />
              </div>
            </div>
            <div className="pemusnahan-saksi" data-testid="pemusnahan-saksi">
              <h3>Penanda tangan dan saksi</h3>
              <p className="muted small">
                Saksi dari Bawaslu, Polres dan Kodim serta pejabat yang melaksanakan diambil dari penanda tangan{' '}
                <em>BA pemusnahan</em> di <a href={href('pengaturan')}>Pengaturan › Penanda tangan per jenis dokumen</a>
                . Periksa namanya sebelum menerbitkan BA.
              </p>
              {signers.length === 0 ? (
                <p className="text-warn">Belum ada penanda tangan untuk BA pemusnahan.</p>
              ) : (
                <ul className="pemusnahan-signers">
                  {signers.map((s, i) => (
                    <li key={i}>
                      <span className="muted small">{s.peran}</span>
                      <span>
                        {s.jabatan}
                        {s.instansi && `, ${s.instansi}`}
                      </span>
                      {s.nama ? <strong>{s.nama}</strong> : <span className="text-warn">nama belum diisi</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>

          <ErrorBanner error={error} title="Pemusnahan ditolak" testId="pemusnahan-refused" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || total === 0}>
              {busy ? 'Memusnahkan…' : 'Musnahkan dan terbitkan BA…'}
            </button>
            <span className="muted small">
              {total > 0
                ? `${fmt(total)} lembar berpindah ke “dimusnahkan” dan berita acara bernomor terbit dalam satu langkah.`
                : 'Isi jumlah yang dimusnahkan pada tabel di atas.'}
            </span>
          </div>
        </Section>
      </form>
      <ConfirmPaper
        open={confirming}
        title="Musnahkan dan terbitkan BA pemusnahan?"
        lead={
          <>
            Yang berikut dicatat sebagai <strong>dimusnahkan</strong> di buku besar dan dinyatakan dalam berita acara
            pemusnahan bernomor. Langkah ini tidak dapat dibatalkan.
          </>
        }
        rows={[
          [
            'Surat suara',
            <ul key="l">
              {lines.map((l) => (
                <li key={l.s.key}>
                  {l.s.label}: {fmt(l.n)} lembar
                </li>
              ))}
            </ul>,
          ],
          ['Jumlah', `${fmt(total)} (${jumlahTerbilang(total)}) lembar`],
          ['Cara', metodeText || '—'],
          ['Tempat', tempat || '—'],
          ['Tanggal', fmtTanggal(tanggal)],
          ['Dokumen', 'BA pemusnahan, nomor berikutnya dari register'],
        ]}
        confirmLabel="Musnahkan dan terbitkan BA"
        busy={busy}
        onConfirm={() => void destroy()}
        onClose={() => setConfirming(false)}
      />

      <Section title="Pemusnahan yang sudah dilaksanakan" id="pemusnahan-riwayat">
        <Loaded query={list} title="Daftar pemusnahan tidak dapat dimuat" empty="Belum ada pemusnahan.">
          {(rows) => (
            <BaRegister
              testId="pemusnahan-list"
              rows={rows}
              columns={['Tanggal', 'Cara · tempat', { label: 'Lembar', num: true }, 'Dicatat oleh']}
              actions={(p) =>
                p.documentId !== null && (
                  <PrintBaButton doc={{ id: p.documentId, nomor: p.nomor, type: 'BA_PEMUSNAHAN' }} />
                )
              }
              cells={(p) => (
                <>
                  <td>{fmtTanggal(p.tanggal, 'date')}</td>
                  <td>
                    {p.metode}
                    <span className="muted small block">{p.tempat}</span>
                    {p.note && <span className="muted small block">{p.note}</span>}
                  </td>
                  <td className="num">
                    <HistoryLink
                      value={p.qty}
                      filter={{ documentId: `PEMUSNAHAN:${p.id}` }}
                      title={`pemusnahan${p.nomor ? ' ' + p.nomor : ' #' + p.id}`}
                    />
                  </td>
                  <td>{p.actor}</td>
                </>
              )}
            />
          )}
        </Loaded>
      </Section>
    </>
  )
}
