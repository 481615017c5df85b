import { PenerimaanBarisInput, type VariantInfo } from '../../../api/contract'
import { Field, TextField } from '../../components/Form'
import { Swatch } from '../../components/Page'
import { fmt, readCount } from '../../format'
import { SelisihBadge, tidyCount, variantName } from './PenerimaanShared'

/** One line of a delivery as typed at the truck: item, boxes × contents, stated and counted, tertukar. */

export interface LineDraft {
  key: number
  variantId: string
  dus: string
  isi: string
  /** The surat jalan total; follows dus × isi until typed over (a partial last box). */
  stated: string
  statedTyped: boolean
  counted: string
  tertukar: string
  tertukarNote: string
}

/** The fields of a line and of the header, as the contract lists them: a refusal naming one is shown at its input. */
export const LINE_FIELDS = PenerimaanBarisInput.keyof().options
export type LineField = (typeof LINE_FIELDS)[number]
let nextKey = 1
export const emptyLine = (variantId = ''): LineDraft => ({
  key: nextKey++,
  variantId,
  dus: '',
  isi: '',
  stated: '',
  statedTyped: false,
  counted: '',
  tertukar: '',
  tertukarNote: '',
})

function fromDus(l: LineDraft): number | null {
  const dus = readCount(l.dus)
  const isi = readCount(l.isi)
  return typeof dus === 'number' && typeof isi === 'number' ? dus * isi : null
}

export function statedOf(l: LineDraft): number | null | 'invalid' {
  return l.statedTyped ? readCount(l.stated) : fromDus(l)
}

export function LineEditor({
  row,
  line: l,
  variants,
  variant,
  error,
  onChange,
  onRemove,
  canRemove,
}: {
  row: number
  line: LineDraft
  variants: VariantInfo[]
  variant: VariantInfo | undefined
  error(f: LineField): string | undefined
  onChange(patch: Partial<LineDraft>): void
  onRemove(): void
  canRemove: boolean
}) {
  const computed = fromDus(l)
  const stated = statedOf(l)
  const counted = readCount(l.counted)
  const tertukar = readCount(l.tertukar)
  const selisih = typeof stated === 'number' && typeof counted === 'number' ? counted - stated : null
  const unit = variant?.unit ?? 'lembar'
  const ballots = variants.filter((v) => v.kind === 'ballot')
  const logistics = variants.filter((v) => v.kind === 'logistics')
  const p = `Baris ${row}: `
  /** A count typed on the line: numeric keypad, tidied to "2.000" on leaving, its error by the contract's field. */
  const countBox = (key: 'dus' | 'isi' | 'counted' | 'tertukar', field: LineField, label: string, spoken: string) => ({
    label,
    error: error(field),
    className: `penerimaan-f-${key}`,
    'aria-label': p + spoken,
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    value: l[key],
    onChange: (v: string) => onChange({ [key]: v }),
    onBlur: () => onChange({ [key]: tidyCount(l[key]) }),
  })

  const statedHint =
    l.statedTyped && computed !== null
      ? typeof stated === 'number' && stated < computed
        ? `Dus terakhir tidak penuh: ${fmt(computed - stated)} kurang dari ${fmt(computed)}`
        : `${l.dus} dus × ${l.isi} = ${fmt(computed)}`
      : computed !== null
        ? `${tidyCount(l.dus)} dus × ${tidyCount(l.isi)}`
        : 'atau isi dus dan isi per dus'

  return (
    <li
      className={`penerimaan-line${selisih !== null && selisih !== 0 ? (selisih < 0 ? ' penerimaan-line-kurang' : ' penerimaan-line-lebih') : ''}`}
      data-line={l.key}
      data-testid={`line-${row}`}
    >
      <div className="penerimaan-line-head">
        <span className="penerimaan-line-no" aria-hidden="true">
          {row}
        </span>
        <Field label="Barang" error={error('variantId')} className="penerimaan-f-variant">
          {(id, d, inv) => (
            <div className="penerimaan-select-swatch">
              <Swatch hex={variant?.colorHex ?? null} label={variant?.itemName} />
              <select
                id={id}
                aria-label={`${p}barang`}
                aria-describedby={d}
                aria-invalid={inv}
                value={l.variantId}
                onChange={(e) => onChange({ variantId: e.target.value })}
              >
                <option value="">— Pilih jenis surat suara atau barang —</option>
                {ballots.length > 0 && (
                  <optgroup label="Surat suara (jenis · dapil)">
                    {ballots.map((v) => (
                      <option key={v.variantId} value={v.variantId}>
                        {variantName(v)}
                      </option>
                    ))}
                  </optgroup>
                )}
                {logistics.length > 0 && (
                  <optgroup label="Barang logistik">
                    {logistics.map((v) => (
                      <option key={v.variantId} value={v.variantId}>
                        {v.itemName} ({v.unit})
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
          )}
        </Field>
        <button
          type="button"
          className="btn btn-small btn-secondary penerimaan-remove"
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={`Hapus baris ${row}`}
          title="Hapus baris ini"
        >
          Hapus
        </button>
      </div>
      <div className="penerimaan-line-grid">
        <TextField {...countBox('dus', 'dus', 'Dus', 'jumlah dus')} />
        <span className="penerimaan-op penerimaan-op-x" aria-hidden="true">
          ×
        </span>
        <TextField {...countBox('isi', 'isiPerDus', 'Isi per dus', 'isi per dus')} />
        <span className="penerimaan-op penerimaan-op-eq" aria-hidden="true">
          =
        </span>
        <Field label="Menurut surat jalan" error={error('statedQty')} hint={statedHint} className="penerimaan-f-stated">
          {(id, d, inv) => (
            <input
              id={id}
              aria-label={`${p}jumlah menurut surat jalan`}
              aria-describedby={d}
              aria-invalid={inv}
              inputMode="numeric"
              autoComplete="off"
              className={l.statedTyped ? 'penerimaan-typed' : 'penerimaan-computed'}
              value={l.statedTyped ? l.stated : computed !== null ? fmt(computed) : ''}
              placeholder="jumlah"
              onChange={(e) =>
                onChange(
                  e.target.value.trim() === ''
                    ? { stated: '', statedTyped: false }
                    : { stated: e.target.value, statedTyped: true },
                )
              }
              onBlur={() => l.statedTyped && onChange({ stated: tidyCount(l.stated) })}
            />
          )}
        </Field>
        <TextField
          {...countBox('counted', 'countedQty', 'Terhitung', 'jumlah terhitung')}
          hint={`${unit} milik satker ini`}
        />
        <div className="penerimaan-f-selisih" aria-live="polite">
          <span className="penerimaan-selisih-label">Selisih</span>
          <span className="penerimaan-selisih-value" data-testid={`selisih-${row}`}>
            {selisih === null ? <span className="muted">—</span> : <SelisihBadge selisih={selisih} />}
          </span>
        </div>
        <TextField
          {...countBox('tertukar', 'tertukarQty', 'Tertukar', 'jumlah tertukar')}
          hint="milik satker/dapil lain"
          placeholder="0"
        />
        <TextField
          label="Tertukar milik siapa"
          error={error('tertukarNote')}
          hint={
            typeof tertukar === 'number' && tertukar > 0
              ? 'Wajib: untuk nota pengembalian'
              : 'Isi bila ada yang tertukar'
          }
          className="penerimaan-f-note"
          aria-label={`${p}tertukar milik siapa`}
          value={l.tertukarNote}
          placeholder="mis. milik KPU Kab. Asahan"
          onChange={(v) => onChange({ tertukarNote: v })}
        />
      </div>
    </li>
  )
}
