import { useMemo, useState, type FormEvent } from 'react'
import type { Pemilihan, Penerimaan, PenerimaanBaris, ReconRow, VariantInfo } from '../../../api/contract'
import { ApiError, invoke } from '../../api'
import { useApi } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { FormFields, notPlacedIn, useFormState, type Fields } from '../../components/FormFields'
import { HistoryLink } from '../../components/History'
import { Loaded } from '../../components/Loaded'
import { PageHeader, Section } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { TableHead, DataTable } from '../../components/TableHead'
import { fmt, fmtWaktu, fmtWaktuLokal, readCount } from '../../format'
import { href, navigate } from '../../router'
import { PenerimaanDetail } from './PenerimaanDetail'
import { PenerimaanForm } from './PenerimaanForm'
import { KirimanSection } from './PenerimaanKiriman'
import { SelisihBadge, tidyCount, VariantLabel, variantName } from './PenerimaanShared'
import './penerimaan.css'

/** '#/penerimaan' lists deliveries, '#/penerimaan/baru' records one, '#/penerimaan/<id>' shows one. */
export function PenerimaanPage({ election, params }: { election: Pemilihan; params: string[] }) {
  void election
  const [first] = params
  if (first === 'baru') return <PenerimaanForm />
  if (first !== undefined) {
    const id = Number(first)
    if (Number.isInteger(id) && id > 0) return <PenerimaanDetail key={id} id={id} />
  }
  return <PenerimaanList />
}

function PenerimaanList() {
  const deliveries = useApi('penerimaan.daftar', {})
  const variants = useApi('barang.daftarVarian', {})
  const byId = useMemo(() => new Map((variants.data ?? []).map((v) => [v.variantId, v])), [variants.data])
  const open = (deliveries.data ?? []).flatMap((d) =>
    d.lines.filter((l) => l.selisih !== 0 && !l.selesai).map((l) => ({ d, l })),
  )

  return (
    <>
      <PageHeader
        title="Penerimaan dari penyedia"
        lead="Setiap kiriman dicatat sesuai surat jalan dan BTTB beserta hasil hitung di gudang. Selisih kurang/lebih tetap tampil sampai dinyatakan selesai; surat suara milik satker atau dapil lain disisihkan sebagai tertukar."
        actions={[{ label: 'Catat penerimaan…', onClick: () => navigate('penerimaan', 'baru'), kind: 'primary' }]}
      />

      {open.length > 0 && (
        <Banner kind="warning" title={<>{fmt(open.length)} selisih belum dinyatakan selesai</>} testId="open-selisih">
          <p>
            {open.map(({ d, l }, i) => (
              <span key={l.lineId}>
                {i > 0 && '; '}
                <a href={href('penerimaan', d.id)}>
                  #{d.id} {d.suratJalan}
                </a>
                : {byId.get(l.variantId) ? variantName(byId.get(l.variantId)!) : l.label}{' '}
                {l.selisih < 0 ? 'kurang' : 'lebih'} {fmt(Math.abs(l.selisih))} {l.unit}
              </span>
            ))}
          </p>
        </Banner>
      )}

      <Section title="Daftar penerimaan">
        <ErrorBanner
          error={deliveries.error}
          onRetry={deliveries.reload}
          title="Daftar penerimaan tidak dapat dimuat"
        />
        {deliveries.data ? (
          deliveries.data.length === 0 ? (
            <div className="empty-state">
              <p>
                <strong>Belum ada penerimaan.</strong> Catat kiriman pertama dari penyedia saat truk tiba, dengan surat
                jalan di tangan.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => navigate('penerimaan', 'baru')}>
                Catat penerimaan…
              </button>
            </div>
          ) : (
            <DeliveryTable rows={deliveries.data} variants={byId} />
          )
        ) : (
          !deliveries.error && <Loading />
        )}
      </Section>

      <KirimanSection deliveries={deliveries.data ?? []} variants={byId} />

      <TertukarSection deliveries={deliveries.data ?? []} variants={byId} />
    </>
  )
}

function DeliveryTable({ rows, variants }: { rows: Penerimaan[]; variants: Map<number, VariantInfo> }) {
  return (
    <div className="table-wrap">
      <table className="table penerimaan-list" data-testid="delivery-table">
        <colgroup>
          <col className="penerimaan-c-when" />
          <col className="penerimaan-c-sj" />
          <col />
          <col className="penerimaan-c-num" />
          <col className="penerimaan-c-num" />
          <col className="penerimaan-c-num" />
          <col className="penerimaan-c-selisih" />
          <col className="penerimaan-c-ba" />
        </colgroup>
        <TableHead
          columns={[
            'Diterima',
            'Surat jalan · penyedia',
            'Barang',
            { label: 'Menurut surat jalan', num: true },
            { label: 'Terhitung', num: true },
            { label: 'Tertukar', num: true },
            'Selisih',
            'BA penerimaan',
          ]}
        />
        {rows.map((d) => (
          <DeliveryRows key={d.id} d={d} variants={variants} />
        ))}
      </table>
    </div>
  )
}

/**
 * One tbody per delivery: its header cells span its lines, so a delivery of Gubernur and Bupati ballots
 * reads as one delivery with two lines, and a total line when the units agree.
 */
function DeliveryRows({ d, variants }: { d: Penerimaan; variants: Map<number, VariantInfo> }) {
  const total = d.lines.length > 1 && new Set(d.lines.map((l) => l.unit)).size === 1
  const span = d.lines.length + (total ? 1 : 0)
  const sum = (f: (l: PenerimaanBaris) => number) => d.lines.reduce((s, l) => s + f(l), 0)
  return (
    <tbody
      className="penerimaan-delivery"
      data-testid={`delivery-${d.id}`}
      onClick={(e) => {
        // The surat jalan link is the keyboard way in; the whole delivery is a bigger target for the mouse.
        if (!(e.target as HTMLElement).closest('a')) navigate('penerimaan', d.id)
      }}
    >
      {d.lines.map((l, i) => (
        <tr key={l.lineId} className={i === 0 ? 'penerimaan-first' : undefined}>
          {i === 0 && (
            <>
              <td rowSpan={span} className="penerimaan-when">
                {fmtWaktuLokal(d.receivedAt, { hari: true })}
              </td>
              <td rowSpan={span}>
                <a href={href('penerimaan', d.id)} className="penerimaan-sj">
                  {d.suratJalan}
                </a>
                <span className="block">{d.penyedia}</span>
                {d.bttb && <span className="muted small block">BTTB {d.bttb}</span>}
                {d.kind === 'pengganti' && (
                  <StatusBadge state="info" className="penerimaan-pengganti" title={d.penggantiUntuk}>
                    Pengganti
                  </StatusBadge>
                )}
              </td>
            </>
          )}
          <td>
            <VariantLabel v={variants.get(l.variantId)} fallback={l.label} stacked />
          </td>
          <td className="num">{fmt(l.statedQty)}</td>
          <td className="num">{fmt(l.countedQty)}</td>
          <td className="num">{l.tertukarQty ? fmt(l.tertukarQty) : <span className="muted">0</span>}</td>
          <td>
            <SelisihBadge selisih={l.selisih} settled={l.selesai !== null} />
          </td>
          {i === 0 && (
            <td rowSpan={span}>
              {d.baNomor ? (
                <span className="penerimaan-nomor">{d.baNomor}</span>
              ) : d.baDocumentId ? (
                'Terbit'
              ) : (
                <StatusBadge state="belum">Belum terbit</StatusBadge>
              )}
            </td>
          )}
        </tr>
      ))}
      {total && (
        <tr className="penerimaan-total">
          <td>Jumlah</td>
          <td className="num">{fmt(sum((l) => l.statedQty))}</td>
          <td className="num">{fmt(sum((l) => l.countedQty))}</td>
          <td className="num">{fmt(sum((l) => l.tertukarQty))}</td>
          <td />
        </tr>
      )}
    </tbody>
  )
}

/* ----------------------------------------------------------------- tertukar */

function TertukarSection({ deliveries, variants }: { deliveries: Penerimaan[]; variants: Map<number, VariantInfo> }) {
  const recon = useApi('rekonsiliasi.lihat', {})
  const returs = useApi('penerimaan.daftarRetur', {})
  const [returning, setReturning] = useState(false)
  const rows = (recon.data ?? []).filter((r) => r.tertukar > 0 || r.tertukarDikembalikan > 0)
  const held = rows.filter((r) => r.tertukar > 0)

  // Whose sheets they are, as written at the truck: the return note needs it.
  const notes = useMemo(() => {
    const m = new Map<number, string[]>()
    for (const d of deliveries) {
      for (const l of d.lines) {
        if (l.tertukarQty <= 0 || !l.tertukarNote) continue
        const list = m.get(l.variantId) ?? []
        if (!list.includes(l.tertukarNote)) list.push(l.tertukarNote)
        m.set(l.variantId, list)
      }
    }
    return m
  }, [deliveries])

  return (
    <Section
      title="Surat suara tertukar"
      id="tertukar"
      actions={[{ label: 'Kembalikan ke penyedia…', onClick: () => setReturning(true), disabled: held.length === 0 }]}
    >
      <p className="muted small penerimaan-explain">
        Disisihkan dari stok sampai dikembalikan kepada penyedia dengan nota pengembalian.
      </p>
      <Loaded query={recon} title="Posisi tertukar tidak dapat dimuat">
        {() =>
          rows.length === 0 ? (
            <p className="empty">Tidak ada surat suara tertukar.</p>
          ) : (
            <DataTable
              className="table-compact penerimaan-tertukar"
              testId="tertukar-table"
              columns={[
                'Barang',
                'Milik',
                { label: 'Disisihkan', num: true },
                { label: 'Sudah dikembalikan', num: true },
              ]}
            >
              {rows.map((r) => (
                <tr key={r.variantId} data-testid={`tertukar-${r.variantId}`}>
                  <th scope="row">
                    <VariantLabel v={variants.get(r.variantId)} fallback={r.itemName} />
                  </th>
                  <td>{(notes.get(r.variantId) ?? []).join('; ') || <span className="muted">—</span>}</td>
                  <td className="num" data-testid="held">
                    <HistoryLink
                      value={r.tertukar}
                      filter={{ variantId: r.variantId, place: 'TERTUKAR' }}
                      title={`${r.itemName}${r.dapil ? ' · ' + r.dapil : ''}, tertukar`}
                    />
                  </td>
                  <td className="num" data-testid="returned">
                    {fmt(r.tertukarDikembalikan)}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>

      <h3>Pengembalian yang sudah dicatat</h3>
      <Loaded query={returs} title="Daftar pengembalian tidak dapat dimuat">
        {(data) =>
          data.length === 0 ? (
            <p className="empty">Belum ada pengembalian.</p>
          ) : (
            <DataTable
              className="table-compact"
              testId="retur-table"
              columns={['Waktu', 'Penyedia', 'Barang', { label: 'Jumlah', num: true }, 'Keterangan', 'Petugas']}
            >
              {data.map((r) => (
                <tr key={r.id}>
                  <td>{fmtWaktu(r.at)}</td>
                  <td>{r.penyedia}</td>
                  <td>
                    {r.lines.map((l) => (
                      <div key={l.variantId} className="penerimaan-stack">
                        <VariantLabel v={variants.get(l.variantId)} fallback={l.label} />
                      </div>
                    ))}
                  </td>
                  <td className="num">
                    {r.lines.map((l) => (
                      <div key={l.variantId} className="penerimaan-stack">
                        <HistoryLink
                          value={l.qty}
                          filter={{ documentId: `RETUR:${r.id}`, variantId: l.variantId }}
                          title={`${l.label}, pengembalian #${r.id}`}
                        />
                      </div>
                    ))}
                  </td>
                  <td>{r.note}</td>
                  <td>{r.actor}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>

      {returning && (
        <ReturDialog
          held={held}
          deliveries={deliveries}
          variants={variants}
          notes={notes}
          onClose={() => setReturning(false)}
        />
      )}
    </Section>
  )
}

function ReturDialog({
  held,
  deliveries,
  variants,
  notes,
  onClose,
}: {
  held: ReconRow[]
  deliveries: Penerimaan[]
  variants: Map<number, VariantInfo>
  notes: Map<number, string[]>
  onClose(): void
}) {
  // The printer that brought them is the one they go back to, most of the time.
  const lastPenyedia = deliveries.find((d) => d.lines.some((l) => l.tertukarQty > 0))?.penyedia ?? ''
  const form = useFormState(() => {
    const whose = [...new Set(held.flatMap((r) => notes.get(r.variantId) ?? []))]
    return { penyedia: lastPenyedia, note: whose.length ? `Surat suara tertukar ${whose.join('; ')}` : '' }
  })
  const { penyedia } = form.values
  const [qty, setQty] = useState<Record<number, string>>(() =>
    Object.fromEntries(held.map((r) => [r.variantId, fmt(r.tertukar)])),
  )
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const [sentOrder, setSentOrder] = useState<number[]>([])
  const lineError = (variantId: number) => {
    const i = sentOrder.indexOf(variantId)
    return i >= 0 ? (errors[`lines.${i}.qty`] ?? errors[`lines.${i}.variantId`]) : undefined
  }
  const placed = new Set(sentOrder.flatMap((_, i) => [`lines.${i}.qty`, `lines.${i}.variantId`]))

  function save(e?: FormEvent) {
    e?.preventDefault()
    const lines: { variantId: number; qty: number }[] = []
    for (const r of held) {
      const n = readCount(qty[r.variantId] ?? '')
      if (n === 'invalid') {
        setSentOrder([r.variantId])
        setError(
          new ApiError('INVALID_INPUT', 'Periksa jumlah yang ditandai', [
            { column: 'lines.0.qty', message: 'Isi dengan angka bulat' },
          ]),
        )
        return
      }
      if (n) lines.push({ variantId: r.variantId, qty: n })
    }
    setSentOrder(lines.map((l) => l.variantId))
    void run(async () => {
      const r = await invoke('penerimaan.catatRetur', { ...form.values, lines })
      return [
        `${lines.map((l) => `${fmt(l.qty)} ${variants.get(l.variantId)?.unit ?? ''}`.trim()).join(', ')} dikembalikan kepada ${penyedia}.`,
        `Pengembalian #${r.id} tercatat`,
      ] as const
    })
  }

  return (
    <FormDialog
      title="Kembalikan surat suara tertukar"
      label="Catat pengembalian"
      wide
      onClose={onClose}
      busy={busy}
      onSave={save}
    >
      <p>
        Surat suara tertukar keluar dari gudang kembali kepada penyedia (TERTUKAR → PENYEDIA). Isi 0 untuk yang belum
        dikembalikan.
      </p>
      <ErrorBanner
        error={error}
        title="Pengembalian belum tercatat"
        shown={(d) => notPlacedIn(RETUR)(d) && !placed.has(d.column!)}
      />
      <FormFields fields={RETUR} form={form} errors={errors} method="penerimaan.catatRetur" grid />
      <table className="table table-compact penerimaan-retur-lines">
        <TableHead
          columns={['Barang', { label: 'Disisihkan', num: true }, { label: 'Dikembalikan sekarang', num: true }]}
        />
        <tbody>
          {held.map((r) => {
            const err = lineError(r.variantId)
            const v = variants.get(r.variantId)
            return (
              <tr key={r.variantId}>
                <th scope="row">
                  <VariantLabel v={v} fallback={r.itemName} />
                </th>
                <td className="num">{fmt(r.tertukar)}</td>
                <td className="num">
                  <input
                    className="penerimaan-num-input"
                    inputMode="numeric"
                    aria-label={`Jumlah ${v ? variantName(v) : r.itemName} yang dikembalikan`}
                    aria-invalid={Boolean(err)}
                    value={qty[r.variantId] ?? ''}
                    onChange={(e) => setQty({ ...qty, [r.variantId]: e.target.value })}
                    onBlur={() => setQty((q) => ({ ...q, [r.variantId]: tidyCount(q[r.variantId] ?? '') }))}
                  />
                  {err && <p className="field-error">{err}</p>}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </FormDialog>
  )
}

const RETUR: Fields<{ penyedia: string; note: string }> = [
  { name: 'penyedia', autoFocus: true },
  {
    name: 'note',
    label: 'Keterangan pengembalian',
    className: 'span-2',
    hint: 'Tercetak pada nota pengembalian, mis. milik siapa dan nomor surat jalannya',
  },
]
