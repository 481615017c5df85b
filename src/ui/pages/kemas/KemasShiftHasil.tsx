import { useMemo } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { useApi } from '../../components/data'
import { ErrorBanner, Loading } from '../../components/Feedback'
import { HistoryLink } from '../../components/History'
import { Section } from '../../components/Page'
import { DataTable, numCol } from '../../components/TableHead'
import { fmt, shortItemName } from '../../format'
import { href } from '../../router'

type Shift = MethodOutput<'shift.lihat'>

const LIMIT = 5000

/** "Surat Suara Pemilihan Gubernur dan Wakil Gubernur · Dapil X" -> "Surat suara Gubernur · Dapil X" */
const shortVariant = (label: string) => {
  const [name = '', ...rest] = label.split(' · ')
  return [shortItemName(name), ...rest].join(' · ')
}

interface TpsPacked {
  place: string
  tpsId: number
  name: string
  qty: number
  variants: Map<number, { label: string; qty: number }>
}

/**
 * What a packing shift packed, per TPS kit: summed from the shift's ledger rows, so a correction
 * (a BATAL row out of DIKEMAS) lowers the figure as it should.
 */
export function PackingShiftResult({ shift }: { shift: Shift }) {
  const q = useApi('ledger.lihatRiwayat', { shiftId: shift.id, limit: LIMIT })
  const kits = useMemo(() => {
    const m = new Map<string, TpsPacked>()
    for (const r of q.data?.rows ?? []) {
      const into = r.to.startsWith('DIKEMAS:')
      const place = into ? r.to : r.from.startsWith('DIKEMAS:') ? r.from : null
      if (!place) continue
      const label = (into ? r.toLabel : r.fromLabel).replace(/^Dikemas /, '')
      let k = m.get(place)
      if (!k)
        m.set(
          place,
          (k = { place, tpsId: Number(place.slice('DIKEMAS:'.length)), name: label, qty: 0, variants: new Map() }),
        )
      const signed = into ? r.qty : -r.qty
      k.qty += signed
      k.variants.set(r.variantId, { label: r.variant, qty: (k.variants.get(r.variantId)?.qty ?? 0) + signed })
    }
    // In stacking order (TPS ids follow kecamatan, desa and number), not in the order they were packed.
    return [...m.values()].filter((k) => k.qty !== 0).sort((a, b) => a.tpsId - b.tpsId)
  }, [q.data])

  return (
    <Section
      title="Hasil pengemasan dalam shift ini"
      actions={
        <a className="btn btn-primary" href={href('kemas')}>
          Buka halaman Pengemasan
        </a>
      }
    >
      <p className="muted small">
        Shift pengemasan tidak memakai tally per regu: setiap kit TPS dikemas di halaman Pengemasan dan tercatat atas
        shift ini.
      </p>
      <ErrorBanner error={q.error} onRetry={q.reload} title="Hasil pengemasan tidak dapat dimuat" />
      {!q.data ? (
        !q.error && <Loading />
      ) : kits.length === 0 ? (
        <p className="empty">Belum ada kit yang dikemas dalam shift ini.</p>
      ) : (
        <DataTable
          className="table-compact"
          testId="packing-shift-result"
          columns={['Kit TPS', 'Barang yang dikemas', numCol('Jumlah')]}
          foot={
            <tfoot>
              <tr>
                <th scope="row">{fmt(kits.length)} kit TPS</th>
                <td />
                <td className="num">{fmt(kits.reduce((s, k) => s + k.qty, 0))}</td>
              </tr>
            </tfoot>
          }
        >
          {kits.map((k) => (
            <tr key={k.place}>
              <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                <a href={href('kemas', k.tpsId)}>{k.name}</a>
              </th>
              <td className="small">
                {[...k.variants.entries()]
                  .sort(([a], [b]) => a - b)
                  .filter(([, v]) => v.qty !== 0)
                  .map(([, v]) => `${shortVariant(v.label)} ${fmt(v.qty)}`)
                  .join('; ')}
              </td>
              <td className="num">
                <HistoryLink
                  value={k.qty}
                  filter={{ shiftId: shift.id, place: k.place }}
                  title={`dikemas ${k.name} dalam shift #${shift.id}`}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {q.data?.truncated && (
        <p className="muted small">Hanya {fmt(LIMIT)} baris buku besar terbaru yang dijumlahkan.</p>
      )}
    </Section>
  )
}
