import { useState, type FormEvent } from 'react'
import type { Barang, MethodInput } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { Dialog, DialogActions } from '../../components/Dialog'
import { ErrorBanner, Loading, useToast } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { Field, TextField } from '../../components/Form'
import { Section, Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { DataTable } from '../../components/TableHead'
import { fmt, RULE_LABEL } from '../../format'
import { readNumbers } from './PengaturanShared'

/** Pengaturan › Barang dan aturan kebutuhan: the items, their rule of need, and adding or changing one. */

type LogisticsRule = Exclude<Barang['rule'], 'ballot'>
const LOGISTICS_RULES: LogisticsRule[] = ['per_tps', 'per_dpt', 'per_desa', 'per_kecamatan']

function ruleCell(i: Barang): string {
  if (i.rule === 'ballot') return 'DPT + cadangan'
  if (i.rule === 'per_dpt') return `1 per ${fmt(i.per)} pemilih`
  return RULE_LABEL[i.rule]
}

export function ItemsSection() {
  const items = useApi('barang.daftar', {})
  const [editing, setEditing] = useState<Barang | null>(null)
  const [adding, setAdding] = useState(false)
  const [confirming, setConfirming] = useState<number | null>(null)
  const refreshAll = useRefreshAll()
  const toast = useToast()

  async function confirm(item: Barang) {
    setConfirming(item.id)
    try {
      await invoke('barang.ubah', { id: item.id, confirmed: true })
      toast.showSuccess(`${item.name}: ${item.qty} ${item.unit} ${ruleCell(item).toLowerCase()} dikonfirmasi.`)
      refreshAll()
    } catch (err) {
      toast.showError(err, `${item.name} belum dikonfirmasi`)
    } finally {
      setConfirming(null)
    }
  }

  return (
    <Section
      title="Barang dan aturan kebutuhan"
      id="pengaturan-barang"
      actions={
        <button type="button" className="btn btn-secondary" onClick={() => setAdding(true)}>
          Tambah barang logistik…
        </button>
      }
    >
      <p className="muted">
        Surat suara selalu dihitung dari DPT ditambah cadangan. Jumlah barang lain adalah <strong>preset</strong> dari
        pengalaman satker lain dan perlu dikonfirmasi sesuai ketentuan yang berlaku sebelum dipakai untuk pengadaan atau
        pengepakan.
      </p>
      <ErrorBanner error={items.error} onRetry={items.reload} title="Daftar barang tidak dapat dimuat" />
      {items.data ? (
        <DataTable
          className="pengaturan-items"
          testId="items-table"
          columns={[
            { label: 'Barang', className: 'pengaturan-col-item' },
            'Satuan',
            'Aturan',
            { label: 'Jumlah', num: true },
            { label: 'PSU per dapil', num: true },
            'Status',
            { label: 'Aksi', hidden: true },
          ]}
        >
          {items.data.map((i) => (
            <tr key={i.id} className={i.active ? undefined : 'inactive'} data-code={i.code}>
              <th scope="row">
                <span className="ballot-name">
                  <Swatch hex={i.colorHex} label={i.color} />
                  <span>
                    {i.name}
                    <span className="muted small block">
                      {i.kind === 'ballot' ? 'Surat suara' : 'Logistik'} · {i.code}
                      {i.color ? ` · ${i.color}` : ''}
                      {i.assembled ? ' · dirakit di gudang' : ''}
                    </span>
                  </span>
                </span>
              </th>
              <td>{i.unit}</td>
              <td>{ruleCell(i)}</td>
              <td className="num">{i.kind === 'ballot' ? '—' : fmt(i.qty)}</td>
              <td className="num">{i.kind === 'ballot' ? fmt(i.psuPerDapil) : '—'}</td>
              <td>
                <span className="pengaturan-badges">
                  {i.preset && !i.confirmed && (
                    <StatusBadge state="perlu-diperiksa">Preset — perlu dikonfirmasi</StatusBadge>
                  )}
                  {i.confirmed && i.kind === 'logistics' && <StatusBadge state="success">Dikonfirmasi</StatusBadge>}
                  {!i.active && <StatusBadge state="netral">Tidak aktif</StatusBadge>}
                </span>
              </td>
              <td className="actions">
                {i.preset && !i.confirmed && (
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() => void confirm(i)}
                    disabled={confirming === i.id}
                    aria-label={`Konfirmasi ${i.name}`}
                  >
                    Konfirmasi
                  </button>
                )}
                <button
                  type="button"
                  className="btn btn-small btn-secondary"
                  onClick={() => setEditing(i)}
                  aria-label={`Ubah ${i.name}`}
                >
                  Ubah
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        !items.error && <Loading />
      )}
      {editing && <ItemEditDialog item={editing} onClose={() => setEditing(null)} />}
      <ItemCreateDialog open={adding} onClose={() => setAdding(false)} />
    </Section>
  )
}

function RuleFields({
  rule,
  qty,
  per,
  unit,
  errors,
  onRule,
  onQty,
  onPer,
}: {
  rule: LogisticsRule
  qty: string
  per: string
  unit: string
  errors: Record<string, string>
  onRule(r: LogisticsRule): void
  onQty(v: string): void
  onPer(v: string): void
}) {
  return (
    <div className="form-grid">
      <Field label="Aturan kebutuhan" error={errors.rule}>
        {(id, d, inv) => (
          <select
            id={id}
            aria-describedby={d}
            aria-invalid={inv}
            value={rule}
            onChange={(e) => onRule(e.target.value as LogisticsRule)}
          >
            {LOGISTICS_RULES.map((r) => (
              <option key={r} value={r}>
                {RULE_LABEL[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label={`Jumlah (${unit || 'satuan'})`}
        error={errors.qty}
        inputMode="numeric"
        value={qty}
        onChange={onQty}
      />
      {rule === 'per_dpt' && (
        <TextField
          label="Untuk setiap … pemilih"
          error={errors.per}
          hint={`Mis. 1 ${unit || 'satuan'} per 100 pemilih; dibulatkan ke atas per TPS`}
          inputMode="numeric"
          value={per}
          onChange={onPer}
        />
      )}
    </div>
  )
}

function ItemEditDialog({ item, onClose }: { item: Barang; onClose(): void }) {
  const [name, setName] = useState(item.name)
  const [unit, setUnit] = useState(item.unit)
  const [rule, setRule] = useState<LogisticsRule>(item.rule === 'ballot' ? 'per_tps' : item.rule)
  const [qty, setQty] = useState(String(item.qty))
  const [per, setPer] = useState(String(item.per))
  const [psu, setPsu] = useState(String(item.psuPerDapil))
  const [active, setActive] = useState(item.active)
  const [confirmNow, setConfirmNow] = useState(item.preset && !item.confirmed)
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const ballot = item.kind === 'ballot'

  function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = ballot
      ? readNumbers({ psuPerDapil: psu })
      : readNumbers(rule === 'per_dpt' ? { qty, per } : { qty, per: '1' })
    if (nums.error) return setError(nums.error)
    void run(async () => {
      const v = nums.values as Record<string, number>
      const input: MethodInput<'barang.ubah'> = ballot
        ? { id: item.id, name, unit, psuPerDapil: v.psuPerDapil, active }
        : { id: item.id, name, unit, rule, qty: v.qty, per: v.per, active }
      if (confirmNow) input.confirmed = true
      await invoke('barang.ubah', input)
      return `${name} tersimpan.`
    })
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Ubah ${item.name}`}
      footer={<DialogActions onCancel={onClose} busy={busy} label="Simpan" onConfirm={() => void save()} />}
    >
      <form onSubmit={save} noValidate>
        {error && Object.keys(errors).length === 0 && <ErrorBanner error={error} title="Belum tersimpan" />}
        {error && Object.keys(errors).length > 0 && <p className="field-error">{error.message}</p>}
        <div className="form-grid">
          <TextField label="Nama barang" error={errors.name} className="span-2" value={name} onChange={setName} />
          <TextField
            label="Satuan"
            error={errors.unit}
            hint="Mis. lembar, buah, botol, set"
            value={unit}
            onChange={setUnit}
          />
          {ballot && (
            <TextField
              label="Cadangan PSU per dapil"
              error={errors.psuPerDapil}
              hint="Surat suara pemungutan suara ulang yang disimpan di satker untuk setiap dapil (Pemilu: 1.000 menurut undang-undang)."
              inputMode="numeric"
              value={psu}
              onChange={setPsu}
            />
          )}
        </div>
        {ballot ? (
          <p className="muted small">
            Kebutuhan surat suara selalu DPT + cadangan per TPS; persentase dan pembulatannya diatur di bagian Pemilihan
            dan satker.
          </p>
        ) : (
          <RuleFields
            rule={rule}
            qty={qty}
            per={per}
            unit={unit}
            errors={errors}
            onRule={setRule}
            onQty={setQty}
            onPer={setPer}
          />
        )}
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Aktif (dihitung dalam kebutuhan)
        </label>
        {item.preset && !item.confirmed && (
          <label className="check">
            <input type="checkbox" checked={confirmNow} onChange={(e) => setConfirmNow(e.target.checked)} />
            Tandai jumlah ini sudah dikonfirmasi satker
          </label>
        )}
        {/* Enter in a field submits. */}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

function ItemCreateDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const empty = {
    code: '',
    name: '',
    unit: 'buah',
    rule: 'per_tps' as LogisticsRule,
    qty: '1',
    per: '1',
    assembled: false,
  }
  const [f, setF] = useState(empty)
  const { error, setError, errors, busy, run, reset } = useDialogSave(close)

  // The dialog stays mounted: it opens again empty.
  function close() {
    setF(empty)
    reset()
    onClose()
  }

  async function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = readNumbers({ qty: f.qty, per: f.rule === 'per_dpt' ? f.per : '1' })
    if (nums.error) return setError(nums.error)
    await run(async () => {
      const item = await invoke('barang.tambah', {
        code: f.code.trim().toUpperCase(),
        name: f.name,
        unit: f.unit,
        rule: f.rule,
        ...nums.values,
        assembled: f.assembled,
      })
      return `${item.name} ditambahkan ke daftar barang.`
    })
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Tambah barang logistik"
      footer={<DialogActions onCancel={close} busy={busy} label="Tambah barang" onConfirm={() => void save()} />}
    >
      <form onSubmit={save} noValidate>
        {error && Object.keys(errors).length === 0 && <ErrorBanner error={error} title="Barang belum ditambahkan" />}
        <div className="form-grid">
          <TextField
            label="Kode barang"
            error={errors.code}
            hint="Huruf besar, angka atau garis bawah, mis. KABEL_TIES"
            value={f.code}
            onChange={(v) => setF({ ...f, code: v.toUpperCase() })}
            autoComplete="off"
          />
          <TextField label="Nama barang" error={errors.name} value={f.name} onChange={(v) => setF({ ...f, name: v })} />
          <TextField
            label="Satuan"
            error={errors.unit}
            hint="Mis. buah, lembar, set, rol"
            value={f.unit}
            onChange={(v) => setF({ ...f, unit: v })}
          />
        </div>
        <RuleFields
          rule={f.rule}
          qty={f.qty}
          per={f.per}
          unit={f.unit}
          errors={errors}
          onRule={(rule) => setF({ ...f, rule })}
          onQty={(qty) => setF({ ...f, qty })}
          onPer={(per) => setF({ ...f, per })}
        />
        <label className="check">
          <input type="checkbox" checked={f.assembled} onChange={(e) => setF({ ...f, assembled: e.target.checked })} />
          Datang dalam bentuk lembaran dan dirakit di gudang (seperti kotak suara)
        </label>
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </Dialog>
  )
}

/* --------------------------------------------------------------------- dapil */
