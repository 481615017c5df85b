import { useId, useState, type FormEvent } from 'react'
import type { Pemilihan, Barang } from '../../../api/contract'
import { pph21Harian, taxOf, type Pph21Metode } from '../../../core/pay'
import { ApiError, fieldErrors, invoke, toApiError } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Banner, useToast } from '../../components/Feedback'
import { Loaded } from '../../components/Loaded'
import { Section, Swatch } from '../../components/Page'
import { DraftActions } from '../../components/Form'
import { DataTable } from '../../components/TableHead'
import { fmt, shortItemName } from '../../format'
import { readNumber } from './PengaturanShared'

const rupiah = (n: number) => `Rp${fmt(n)}`
const EXAMPLE_QTY = 1_000

/** Only what the floor processes is paid per lembar/unit: ballots (sortir-lipat) and assembled items (rakit). */
const isPaid = (i: Barang) => i.kind === 'ballot' || i.assembled

const rateText = (r: number | null) => (r === null ? '' : fmt(r))
/** Null for empty, NaN for text that is not a number (so it counts as changed and is caught on save). */
const rateValue = (raw: string) => (raw.trim() === '' ? null : (readNumber(raw) ?? Number.NaN))
const taxText = (t: number) => String(t).replace('.', ',')

export function UpahSection({ election }: { election: Pemilihan }) {
  const items = useApi('barang.daftar', {})
  const paid = (items.data ?? []).filter(isPaid)

  return (
    <Section title="Upah pekerja" id="pengaturan-upah">
      <p className="muted pengaturan-explain">
        Upah sortir-lipat dibayar per lembar surat suara yang diperiksa (baik dan rusak), upah rakit per kotak atau
        bilik yang dirakit, menurut tarif dalam SK KPU provinsi/RI (mis. Pilkada 2024 di Banyuwangi Rp188 per lembar
        Gubernur dan Rp164 per lembar Bupati; rakit kotak Rp2.000 per kotak). Hasil regu dibagi rata kepada anggota yang
        hadir, kecuali tally dicatat per pekerja. Rekap upah dibuat oleh Bendahara Pengeluaran dan disetujui PPK
        (Pejabat Pembuat Komitmen), bukan PPK (Panitia Pemilihan Kecamatan).
      </p>
      <Loaded query={items} title="Daftar barang tidak dapat dimuat">
        {() => <UpahForm key={paid.map((i) => i.id).join(',')} election={election} items={paid} />}
      </Loaded>
    </Section>
  )
}

function UpahForm({ election, items }: { election: Pemilihan; items: Barang[] }) {
  // Untouched, the field shows the tax as it is now; a typed value is kept apart.
  const [taxEdit, setTax] = useState<string | null>(null)
  const tax = taxEdit ?? taxText(election.taxPercent)
  const [rates, setRates] = useState<Record<number, string>>(() =>
    Object.fromEntries(items.map((i) => [i.id, rateText(i.payRate)])),
  )
  // The method: as it is now, until chosen; typing a percentage chooses the flat percentage.
  const [metodeEdit, setMetode] = useState<Pph21Metode | null>(null)
  const [taxError, setTaxError] = useState<ApiError | undefined>()
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({})
  const [failed, setFailed] = useState<ApiError | undefined>()
  const [busy, setBusy] = useState(false)
  const refreshAll = useRefreshAll()
  const toast = useToast()
  const taxId = useId()

  const changedItems = items.filter((i) => !Object.is(rateValue(rates[i.id] ?? ''), i.payRate))
  const taxChanged = readNumber(tax, true) !== election.taxPercent
  const metode: Pph21Metode = metodeEdit ?? (taxEdit !== null ? 'persen' : election.pph21Metode)
  const metodeChanged = metode !== election.pph21Metode
  const metodeId = useId()
  const dirty = taxChanged || metodeChanged || changedItems.length > 0
  const taxValue = readNumber(tax, true)
  const taxFieldError = fieldErrors(taxError).taxPercent

  async function save(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setTaxError(undefined)
    setRowErrors({})
    setFailed(undefined)
    const errs: Record<number, string> = {}
    let saved = 0
    let firstError: ApiError | undefined
    // Each rate is its own write: one refused rate must not hold back the others, and each error lands on its row.
    for (const i of changedItems) {
      const raw = (rates[i.id] ?? '').trim()
      const value = raw === '' ? null : readNumber(raw)
      if (value === null && raw !== '') {
        errs[i.id] = 'Isi dengan angka rupiah, mis. 188, atau kosongkan'
        continue
      }
      try {
        await invoke('barang.ubah', { id: i.id, payRate: value })
        // Written back in the one display form ("2000" -> "2.000").
        setRates((r) => ({ ...r, [i.id]: rateText(value) }))
        saved++
      } catch (err) {
        const api = toApiError(err)
        firstError ??= api
        errs[i.id] = fieldErrors(api).payRate ?? api.message
      }
    }
    if (taxChanged || metodeChanged) {
      if (taxValue === null) {
        setTaxError(
          new ApiError('INVALID_INPUT', 'Periksa persentase pajak', [
            {
              column: 'taxPercent',
              message: tax.trim() === '' ? 'Wajib diisi (0 bila tidak dipotong)' : 'Isi dengan angka, mis. 6 atau 2,5',
            },
          ]),
        )
      } else {
        try {
          const e = await invoke('pemilihan.ubah', { taxPercent: taxValue, pph21Metode: metode })
          setTax(taxText(e.taxPercent))
          setMetode(e.pph21Metode)
          saved++
        } catch (err) {
          const api = toApiError(err)
          firstError ??= api
          setTaxError(api)
        }
      }
    }
    setRowErrors(errs)
    setBusy(false)
    if (Object.keys(errs).length || firstError)
      setFailed(firstError ?? new ApiError('INVALID_INPUT', 'Periksa isian yang ditandai'))
    else
      toast.showSuccess(
        'Upah per satuan dan potongan pajak tersimpan. Berlaku untuk rekap upah yang diterbitkan sesudahnya.',
      )
    if (saved) refreshAll()
  }

  return (
    <form onSubmit={save} noValidate className="pengaturan-upah">
      {failed && (
        <Banner kind="error" title="Sebagian upah belum tersimpan">
          <p>Periksa isian yang ditandai di bawah{failed.message ? `: ${failed.message}` : ''}.</p>
        </Banner>
      )}
      <div className="field pengaturan-tax">
        <label htmlFor={metodeId}>Cara pemotongan PPh 21</label>
        <select
          id={metodeId}
          value={metode}
          onChange={(e) => setMetode(e.target.value as Pph21Metode)}
          aria-describedby={`${metodeId}-hint`}
        >
          <option value="ter_harian">Tarif efektif harian pegawai tidak tetap (PMK 168/2023)</option>
          <option value="persen">Persentase tetap dari upah bruto</option>
        </select>
        <p className="field-hint" id={`${metodeId}-hint`}>
          {metode === 'ter_harian'
            ? 'Per hari kerja: bruto sehari sampai Rp450.000 tidak dipotong; di atasnya sampai Rp2.500.000 dipotong 0,5%.'
            : 'Persentase di bawah dipotong dari seluruh upah bruto setiap pekerja.'}
        </p>
      </div>
      <div className={`field pengaturan-tax${taxFieldError ? ' field-invalid' : ''}`}>
        <label htmlFor={taxId}>Potongan pajak penghasilan (%)</label>
        <div className="pengaturan-input-suffix">
          <input
            id={taxId}
            inputMode="decimal"
            value={tax}
            onChange={(e) => setTax(e.target.value)}
            aria-invalid={Boolean(taxFieldError)}
            aria-describedby={`${taxId}-hint${taxFieldError ? ` ${taxId}-err` : ''}`}
          />
          <span aria-hidden="true">%</span>
        </div>
        {taxFieldError && (
          <p className="field-error" id={`${taxId}-err`}>
            {taxFieldError}
          </p>
        )}
        <p className="field-hint" id={`${taxId}-hint`}>
          Dipotong dari upah kotor setiap pekerja (2019: Rp6 dari setiap Rp100, yaitu 6%). Isi 0 bila tidak dipotong.
        </p>
      </div>

      <DataTable
        className="pengaturan-rate-table"
        testId="rate-table"
        columns={[
          'Barang',
          'Pekerjaan',
          { label: 'Upah per satuan', num: true },
          { label: <>Contoh untuk {fmt(EXAMPLE_QTY)} satuan</>, num: true },
        ]}
      >
        {items.map((i) => {
          const raw = rates[i.id] ?? ''
          const value = raw.trim() === '' ? null : readNumber(raw)
          const err = rowErrors[i.id]
          const gross = value === null ? null : value * EXAMPLE_QTY
          // The example as one day's work: the daily rule taxes a day's gross.
          const cut =
            gross === null
              ? null
              : metode === 'ter_harian'
                ? pph21Harian(gross)
                : taxValue === null
                  ? null
                  : taxOf(gross, Math.round(taxValue * 100))
          return (
            <tr key={i.id} data-code={i.code}>
              <th scope="row">
                <span className="ballot-name">
                  <Swatch hex={i.colorHex} label={i.color} />
                  <span title={i.name}>{i.kind === 'ballot' ? shortItemName(i.name) : i.name}</span>
                </span>
              </th>
              <td>{i.kind === 'ballot' ? 'Sortir dan lipat, per lembar' : `Rakit, per ${i.unit}`}</td>
              <td className="num">
                <div className="pengaturan-input-prefix">
                  <span aria-hidden="true">Rp</span>
                  <input
                    inputMode="numeric"
                    value={raw}
                    onChange={(e) => setRates((r) => ({ ...r, [i.id]: e.target.value }))}
                    aria-label={`Upah ${i.name} per ${i.kind === 'ballot' ? 'lembar' : i.unit} (rupiah)`}
                    aria-invalid={Boolean(err)}
                    placeholder="belum diatur"
                  />
                </div>
                {err && <p className="field-error">{err}</p>}
              </td>
              <td className="num">
                {gross === null ? (
                  <span className="muted">tidak dibayar</span>
                ) : (
                  <>
                    {rupiah(gross)}
                    {cut !== null && cut > 0 && (
                      <span className="muted small block">
                        pajak {rupiah(cut)}, diterima {rupiah(gross - cut)}
                      </span>
                    )}
                  </>
                )}
              </td>
            </tr>
          )
        })}
      </DataTable>
      <p className="muted small">
        Kosongkan upah barang yang tidak dibayar per satuan; rekap upah mencatat bahwa tarifnya belum diatur.
      </p>

      <DraftActions
        busy={busy}
        dirty={dirty}
        label="Simpan upah"
        onDiscard={() => {
          setTax(null)
          setMetode(null)
          setRates(Object.fromEntries(items.map((i) => [i.id, rateText(i.payRate)])))
          setTaxError(undefined)
          setRowErrors({})
          setFailed(undefined)
        }}
      />
    </form>
  )
}
