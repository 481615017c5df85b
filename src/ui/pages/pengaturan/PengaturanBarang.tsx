import { useState, type FormEvent } from 'react'
import type { Barang, MethodInput } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi, useRefreshAll } from '../../components/data'
import { FormDialog } from '../../components/Dialog'
import { Loaded } from '../../components/Loaded'
import { ErrorBanner, useToast } from '../../components/Feedback'
import { useDialogSave } from '../../components/useWrite'
import { FormFields, useFormState, type Fields } from '../../components/FormFields'
import { Section, Swatch } from '../../components/Page'
import { StatusBadge } from '../../components/StatusBadge'
import { DataTable, numCol, hiddenCol } from '../../components/TableHead'
import { fmt, RULE_LABEL } from '../../format'
import { RULES } from '../../../core/presets'
import { readNumbers } from './PengaturanShared'

/** Pengaturan › Barang dan aturan kebutuhan: the items, their rule of need, and adding or changing one. */

type LogisticsRule = Exclude<Barang['rule'], 'ballot'>
const LOGISTICS_RULES = RULES.filter((r): r is LogisticsRule => r !== 'ballot')

function ruleCell(i: Barang): string {
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
      actions={[{ label: 'Tambah barang logistik…', onClick: () => setAdding(true) }]}
    >
      <p className="muted">
        Surat suara selalu dihitung dari DPT ditambah cadangan. Jumlah barang lain adalah <strong>preset</strong> dari
        pengalaman satker lain dan perlu dikonfirmasi sesuai ketentuan yang berlaku sebelum dipakai untuk pengadaan atau
        pengepakan.
      </p>
      <Loaded query={items} title="Daftar barang tidak dapat dimuat">
        {(data) => (
          <DataTable
            className="pengaturan-items"
            testId="items-table"
            columns={[
              { label: 'Barang', className: 'pengaturan-col-item' },
              'Satuan',
              'Aturan',
              numCol('Jumlah'),
              numCol('PSU per dapil'),
              'Status',
              hiddenCol('Aksi'),
            ]}
          >
            {data.map((i) => (
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
        )}
      </Loaded>
      {editing && <ItemEditDialog item={editing} onClose={() => setEditing(null)} />}
      <ItemCreateDialog open={adding} onClose={() => setAdding(false)} />
    </Section>
  )
}

/** What the item dialogs edit, as typed. */
type ItemForm = {
  code: string
  name: string
  unit: string
  rule: string
  qty: string
  per: string
  psuPerDapil: string
  assembled: boolean
  active: boolean
  confirmed: boolean
}

const RULE_OPTIONS = LOGISTICS_RULES.map((r) => [r, RULE_LABEL[r]] as const)

/** An item's fields: its name and unit, then a ballot's PSU reserve or a logistics item's rule of need. */
function itemFields(ballot: boolean, unitHint: string): Fields<ItemForm> {
  return [
    { name: 'name', label: 'Nama barang', className: 'span-2' },
    { name: 'unit', hint: unitHint },
    ballot && {
      name: 'psuPerDapil',
      kind: 'numeric',
      hint: 'Surat suara pemungutan suara ulang yang disimpan di satker untuk setiap dapil (Pemilu: 1.000 menurut undang-undang).',
    },
  ]
}

/** A logistics item's rule of need: the rule, how many, and per how many voters where it goes by the DPT. */
function ruleFields(f: ItemForm): Fields<ItemForm> {
  const unit = f.unit || 'satuan'
  return [
    { name: 'rule', kind: 'select', options: RULE_OPTIONS },
    { name: 'qty', label: `Jumlah (${unit})`, kind: 'numeric' },
    f.rule === 'per_dpt' && {
      name: 'per',
      label: 'Untuk setiap … pemilih',
      kind: 'numeric',
      hint: `Mis. 1 ${unit} per 100 pemilih; dibulatkan ke atas per TPS`,
    },
  ]
}

/** A logistics item's numbers, read, or the refusal that names the one not read. */
const readRuleNumbers = (f: ItemForm) => readNumbers({ qty: f.qty, per: f.rule === 'per_dpt' ? f.per : '1' })

function ItemEditDialog({ item, onClose }: { item: Barang; onClose(): void }) {
  const form = useFormState({
    code: item.code,
    name: item.name,
    unit: item.unit,
    rule: item.rule === 'ballot' ? 'per_tps' : item.rule,
    qty: String(item.qty),
    per: String(item.per),
    psuPerDapil: String(item.psuPerDapil),
    assembled: item.assembled,
    active: item.active,
    confirmed: item.preset && !item.confirmed,
  })
  const f = form.values
  const { error, setError, errors, busy, run } = useDialogSave(onClose)
  const ballot = item.kind === 'ballot'
  const bound = { form, errors, method: 'barang.ubah' }

  function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = ballot ? readNumbers({ psuPerDapil: f.psuPerDapil }) : readRuleNumbers(f)
    if (nums.error) return setError(nums.error)
    void run(async () => {
      const v = nums.values as Record<string, number>
      const { id } = item
      const input: MethodInput<'barang.ubah'> = ballot
        ? { id, name: f.name, unit: f.unit, psuPerDapil: v.psuPerDapil, active: f.active }
        : { id, name: f.name, unit: f.unit, rule: f.rule as LogisticsRule, qty: v.qty, per: v.per, active: f.active }
      if (f.confirmed) input.confirmed = true
      await invoke('barang.ubah', input)
      return `${f.name} tersimpan.`
    })
  }

  return (
    <FormDialog
      title={`Ubah ${item.name}`}
      label="Simpan"
      onClose={onClose}
      busy={busy}
      onSave={save}
      banner={
        error &&
        (Object.keys(errors).length === 0 ? (
          <ErrorBanner error={error} title="Belum tersimpan" />
        ) : (
          <p className="field-error">{error.message}</p>
        ))
      }
    >
      <FormFields fields={itemFields(ballot, 'Mis. lembar, buah, botol, set')} {...bound} grid />
      {ballot ? (
        <p className="muted small">
          Kebutuhan surat suara selalu DPT + cadangan per TPS; persentase dan pembulatannya diatur di bagian Pemilihan
          dan satker.
        </p>
      ) : (
        <FormFields fields={ruleFields(f)} {...bound} grid />
      )}
      <FormFields
        fields={[
          { name: 'active', kind: 'checkbox', label: 'Aktif (dihitung dalam kebutuhan)' },
          item.preset &&
            !item.confirmed && {
              name: 'confirmed',
              kind: 'checkbox',
              label: 'Tandai jumlah ini sudah dikonfirmasi satker',
            },
        ]}
        {...bound}
      />
    </FormDialog>
  )
}

const EMPTY_ITEM: ItemForm = {
  code: '',
  name: '',
  unit: 'buah',
  rule: 'per_tps',
  qty: '1',
  per: '1',
  psuPerDapil: '0',
  assembled: false,
  active: true,
  confirmed: false,
}

function ItemCreateDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const form = useFormState(EMPTY_ITEM)
  const f = form.values
  const { error, setError, errors, busy, run, reset } = useDialogSave(close)
  const bound = { form, errors, method: 'barang.tambah' }

  // The dialog stays mounted: it opens again empty.
  function close() {
    form.reset()
    reset()
    onClose()
  }

  async function save(e?: FormEvent) {
    e?.preventDefault()
    const nums = readRuleNumbers(f)
    if (nums.error) return setError(nums.error)
    await run(async () => {
      const item = await invoke('barang.tambah', {
        code: f.code.trim().toUpperCase(),
        name: f.name,
        unit: f.unit,
        rule: f.rule as LogisticsRule,
        ...nums.values,
        assembled: f.assembled,
      })
      return `${item.name} ditambahkan ke daftar barang.`
    })
  }

  return (
    <FormDialog
      open={open}
      title="Tambah barang logistik"
      label="Tambah barang"
      onClose={close}
      busy={busy}
      onSave={(e) => void save(e)}
      banner={Object.keys(errors).length === 0 && <ErrorBanner error={error} title="Barang belum ditambahkan" />}
    >
      <FormFields
        fields={[
          {
            name: 'code',
            label: 'Kode barang',
            hint: 'Huruf besar, angka atau garis bawah, mis. KABEL_TIES',
            clean: (v) => v.toUpperCase(),
          },
          ...itemFields(false, 'Mis. buah, lembar, set, rol'),
        ]}
        {...bound}
        grid
      />
      <FormFields
        fields={[
          ...ruleFields(f),
          {
            name: 'assembled',
            kind: 'checkbox',
            label: 'Datang dalam bentuk lembaran dan dirakit di gudang (seperti kotak suara)',
          },
        ]}
        {...bound}
        grid
      />
    </FormDialog>
  )
}

/* --------------------------------------------------------------------- dapil */
