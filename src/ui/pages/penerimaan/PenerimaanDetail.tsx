import { useMemo, useState, type FormEvent } from 'react'
import type { Penerimaan, PenerimaanBaris } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { ConfirmPaper } from '../../components/ConfirmPaper'
import { FormDialog } from '../../components/Dialog'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { saveDownload } from '../../components/files'
import { FormFields, placed, useFormState, type Fields } from '../../components/FormFields'
import { HistoryLink, useHistory } from '../../components/History'
import { PageHeader, Section } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { DataTable } from '../../components/TableHead'
import { fmt, fmtWaktu, fmtWaktuLokal } from '../../format'
import { href } from '../../router'
import { SelisihBadge, VariantLabel } from './PenerimaanShared'

export function PenerimaanDetail({ id }: { id: number }) {
  const q = useApi('penerimaan.lihat', { id })
  const variants = useApi('barang.daftarVarian', {})
  const byId = useMemo(() => new Map((variants.data ?? []).map((v) => [v.variantId, v])), [variants.data])
  const [settling, setSettling] = useState<PenerimaanBaris | null>(null)
  const history = useHistory()

  const back = (
    <p className="penerimaan-back">
      <a href={href('penerimaan')}>← Daftar penerimaan</a>
    </p>
  )
  if (q.error) {
    return (
      <>
        {back}
        <ErrorBanner error={q.error} onRetry={q.reload} title={`Penerimaan #${id} tidak dapat dimuat`} />
      </>
    )
  }
  if (!q.data) return <Loading />
  const d = q.data
  const ref = `PENERIMAAN:${d.id}`

  return (
    <>
      {back}
      <PageHeader
        title={`Penerimaan #${d.id}`}
        lead={
          <>
            {d.penyedia} · surat jalan <strong>{d.suratJalan}</strong> · diterima{' '}
            {fmtWaktuLokal(d.receivedAt, { hari: true })}
            {d.kind === 'pengganti' && (
              <>
                {' '}
                <StatusBadge state="info">Pengganti</StatusBadge>
              </>
            )}
          </>
        }
        actions={<BaButtons delivery={d} />}
      />

      <div className="penerimaan-detail-layout">
        <Section
          title="Barang diterima"
          actions={[
            { label: 'Riwayat buku besar…', onClick: () => history.open({ documentId: ref }, `penerimaan #${d.id}`) },
          ]}
        >
          <DataTable
            className="penerimaan-lines-table"
            testId="delivery-lines"
            columns={[
              'Barang',
              { label: 'Dus × isi', num: true },
              { label: 'Menurut surat jalan', num: true },
              { label: 'Terhitung', num: true },
              'Selisih',
              { label: 'Tertukar', num: true },
              'Penyelesaian selisih',
            ]}
          >
            {d.lines.map((l) => (
              <tr key={l.lineId} data-testid={`delivery-line-${l.variantId}`}>
                <th scope="row">
                  <VariantLabel v={byId.get(l.variantId)} fallback={l.label} stacked />
                </th>
                <td className="num">
                  {l.dus !== null && l.isiPerDus !== null ? `${fmt(l.dus)} × ${fmt(l.isiPerDus)}` : '—'}
                </td>
                <td className="num" data-testid="stated">
                  {fmt(l.statedQty)}
                </td>
                <td className="num" data-testid="counted">
                  <HistoryLink
                    value={l.countedQty}
                    filter={{ documentId: ref, variantId: l.variantId, place: 'DITERIMA' }}
                    title={`${l.label}, terhitung pada penerimaan #${d.id}`}
                  />
                </td>
                <td data-testid="selisih">
                  <SelisihBadge selisih={l.selisih} settled={l.selesai !== null} unit={l.unit} />
                </td>
                <td className="num" data-testid="tertukar">
                  {l.tertukarQty > 0 ? (
                    <>
                      <HistoryLink
                        value={l.tertukarQty}
                        filter={{ documentId: ref, variantId: l.variantId, place: 'TERTUKAR' }}
                        title={`${l.label}, tertukar pada penerimaan #${d.id}`}
                      />
                      {l.tertukarNote && <span className="muted small block">{l.tertukarNote}</span>}
                    </>
                  ) : (
                    fmt(0)
                  )}
                </td>
                <td>
                  {l.selisih === 0 ? (
                    <span className="muted">—</span>
                  ) : l.selesai ? (
                    <span className="penerimaan-settled" data-testid="selesai">
                      {l.selesai.note}
                      <span className="muted small block">
                        {l.selesai.actor}, {fmtWaktu(l.selesai.at)}
                      </span>
                    </span>
                  ) : (
                    <button type="button" className="btn btn-small btn-secondary" onClick={() => setSettling(l)}>
                      Nyatakan selisih selesai…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <p className="muted small penerimaan-explain">
            Catatan penerimaan tidak pernah diubah. Angka terhitung dan tertukar berasal dari buku besar: klik angkanya
            untuk melihat riwayat, lalu pilih <em>Koreksi…</em> bila hasil hitung ternyata salah.
          </p>
        </Section>

        <Section title="Surat jalan dan pengiriman">
          <dl className="dl penerimaan-dl">
            <dt>Jenis</dt>
            <dd>{d.kind === 'pengganti' ? 'Pengganti' : 'Pengiriman biasa'}</dd>
            {d.kind === 'pengganti' && (
              <>
                <dt>Penggantian untuk</dt>
                <dd>{d.penggantiUntuk}</dd>
              </>
            )}
            <dt>Waktu diterima</dt>
            <dd>{fmtWaktuLokal(d.receivedAt, { hari: true })}</dd>
            <dt>Penyedia</dt>
            <dd>{d.penyedia}</dd>
            <dt>Nomor surat jalan</dt>
            <dd>{d.suratJalan}</dd>
            <dt>Nomor BTTB</dt>
            <dd>{d.bttb || <span className="muted">—</span>}</dd>
            <dt>Kendaraan</dt>
            <dd>{d.kendaraan || <span className="muted">—</span>}</dd>
            <dt>Pengemudi</dt>
            <dd>{d.pengemudi || <span className="muted">—</span>}</dd>
            <dt>Wakil penyedia</dt>
            <dd>{[d.wakilNama, d.wakilJabatan].filter(Boolean).join(', ') || <span className="muted">—</span>}</dd>
            <dt>Catatan</dt>
            <dd>{d.note || <span className="muted">—</span>}</dd>
            <dt>Dicatat oleh</dt>
            <dd>
              {d.recordedBy}, {fmtWaktu(d.recordedAt)}
            </dd>
            <dt>BA penerimaan</dt>
            <dd data-testid="ba-status">
              {d.baNomor ??
                (d.baDocumentId ? 'Terbit (tanpa nomor)' : <span className="muted">Belum diterbitkan</span>)}
            </dd>
          </dl>
        </Section>
      </div>

      {settling && <SettleDialog line={settling} deliveryId={d.id} onClose={() => setSettling(null)} />}
    </>
  )
}

/** The BA is issued once (taking a number from the register); every later print is marked SALINAN by the service. */
function BaButtons({ delivery: d }: { delivery: Penerimaan }) {
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  const [confirming, setConfirming] = useState(false)

  async function issue() {
    setBusy(true)
    try {
      const doc = await invoke('dokumen.terbitkan', { type: 'BA_PENERIMAAN', deliveryId: d.id })
      refreshAll()
      toast.showSuccess(doc.nomor ? `Nomor ${doc.nomor}.` : 'BA penerimaan diterbitkan.', 'BA penerimaan terbit')
      saveDownload(await invoke('dokumen.cetak', { id: doc.id, format: 'pdf' }))
    } catch (err) {
      toast.showError(err, 'BA penerimaan tidak dapat diterbitkan')
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  async function reprint(id: number) {
    setBusy(true)
    try {
      saveDownload(await invoke('dokumen.cetak', { id, format: 'pdf' }))
      refreshAll()
    } catch (err) {
      toast.showError(err, 'BA penerimaan tidak dapat dicetak')
    } finally {
      setBusy(false)
    }
  }

  return d.baDocumentId === null ? (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)} disabled={busy}>
        {busy ? 'Menerbitkan…' : 'Terbitkan BA penerimaan…'}
      </button>
      <ConfirmPaper
        open={confirming}
        title="Terbitkan BA penerimaan?"
        lead="Isinya dibekukan dari buku besar saat ini dan nomornya diambil dari register; nomor yang sudah diambil tidak dipakai ulang. Cetakan pertama (ASLI) langsung diunduh."
        rows={[
          ['Penerimaan', `${d.suratJalan} · ${d.penyedia}`],
          ['Diterima', fmtWaktuLokal(d.receivedAt, { hari: true })],
          ['Dokumen', 'BA penerimaan, nomor berikutnya dari register'],
        ]}
        confirmLabel="Terbitkan BA penerimaan"
        busy={busy}
        onConfirm={() => void issue()}
        onClose={() => setConfirming(false)}
      />
    </>
  ) : (
    <button
      type="button"
      className="btn btn-secondary"
      onClick={() => void reprint(d.baDocumentId!)}
      disabled={busy}
      title={d.baNomor ? `BA nomor ${d.baNomor}` : undefined}
    >
      {busy ? 'Mencetak…' : 'Cetak ulang (SALINAN)'}
    </button>
  )
}

const SETTLE: Fields<{ note: string }> = [
  {
    name: 'note',
    label: 'Keterangan penyelesaian',
    hint: 'Mis. kekurangan dikirim dengan surat jalan berikutnya, atau hitung ulang bersama penyedia',
    autoFocus: true,
  },
]

function SettleDialog({ line, deliveryId, onClose }: { line: PenerimaanBaris; deliveryId: number; onClose(): void }) {
  const form = useFormState({ note: '' })
  const { error, errors, busy, run } = useDialogSave(onClose)
  const word = line.selisih < 0 ? 'kurang' : 'lebih'

  function save(e?: FormEvent) {
    e?.preventDefault()
    void run(async () => {
      await invoke('penerimaan.selesaikanSelisih', { lineId: line.lineId, ...form.values })
      return [
        `${line.label}: ${word} ${fmt(Math.abs(line.selisih))} ${line.unit} dinyatakan selesai.`,
        `Penerimaan #${deliveryId}`,
      ] as const
    })
  }

  return (
    <FormDialog title="Nyatakan selisih selesai" label="Nyatakan selesai" onClose={onClose} busy={busy} onSave={save}>
      <p>
        {line.label}: menurut surat jalan {fmt(line.statedQty)}, terhitung {fmt(line.countedQty)}, jadi{' '}
        <SelisihBadge selisih={line.selisih} unit={line.unit} />. Selisih tetap tampil sampai dinyatakan selesai.
      </p>
      {!placed(error, SETTLE) && <ErrorBanner error={error} title="Belum tersimpan" />}
      <FormFields fields={SETTLE} form={form} errors={errors} method="penerimaan.selesaikanSelisih" />
    </FormDialog>
  )
}
