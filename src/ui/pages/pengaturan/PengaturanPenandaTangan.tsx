import { useRef, useState, type FormEvent } from 'react'
import type { DocType, Pemilihan, MethodOutput, Signer } from '../../../api/contract'
import { DOC_SHORT_LABEL, SIGNER_POSITION_LABEL } from '../../../core/documents'
import { invoke, type Issue } from '../../api'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner } from '../../components/Feedback'
import { useWrite } from '../../components/useWrite'
import { Loaded } from '../../components/Loaded'
import { Section } from '../../components/Page'
import { TabPanel, Tabs } from '../../components/Tabs'
import { DraftActions } from '../../components/Form'
import { fmt } from '../../format'
import { href, useLeaveGuard } from '../../router'
import { useFormDraft } from '../../components/FormDraft'
import { DraftRestored, DraftStatus } from '../../components/DraftRestored'
import { penandaTanganDrafKunci } from '../../../core/draf'
import { PENGATURAN_LEAVE_MESSAGE } from './usePemilihanDraft'
import { NomorPatternField } from './PengaturanKop'

/** Pengaturan › Penanda tangan: who signs each document type, in which position and order. */

type Jenis = MethodOutput<'dokumen.daftarJenis'>[number]

/* ------------------------------------------------------------ nomor pattern */

const POSITION_NOTE: Partial<Record<DocType, string>> = {
  BA_PENERIMAAN:
    'PIHAK PERTAMA adalah wakil penyedia; namanya diambil dari data setiap penerimaan, jadi tidak diisi di sini.',
  REKAP_UPAH:
    'PPK di sini adalah PPK (Pejabat Pembuat Komitmen), pejabat pengelola anggaran yang menyetujui pembayaran upah, bukan PPK (Panitia Pemilihan Kecamatan).',
}

export function SignersSection({ election }: { election: Pemilihan }) {
  const jenis = useApi('dokumen.daftarJenis', {})
  const [tab, setTab] = useState<DocType>('BA_PENERIMAAN')
  const [dirty, setDirty] = useState<Partial<Record<DocType, boolean>>>({})
  const types = jenis.data ?? []

  return (
    <Section title="Penanda tangan per jenis dokumen" id="pengaturan-ttd">
      <p className="muted pengaturan-explain">
        Siapa yang menandatangani setiap jenis dokumen dan urutannya. <strong>Pihak</strong> menandatangani di kolom
        utama (mis. yang membuat dan yang memeriksa), <strong>Saksi</strong> di baris saksi, dan{' '}
        <strong>Mengetahui</strong> di tengah bawah. Perubahan berlaku untuk dokumen yang diterbitkan sesudahnya.
      </p>
      <Loaded query={jenis} title="Jenis dokumen tidak dapat dimuat">
        {() => (
          <>
            <Tabs
              label="Jenis dokumen"
              idBase="ttd"
              wrap
              selected={tab}
              onSelect={setTab}
              items={types.map((t) => ({
                id: t.type,
                label: (
                  <>
                    {DOC_SHORT_LABEL[t.type]}
                    {dirty[t.type] && (
                      <span className="pengaturan-dirty" title="Ada perubahan yang belum disimpan">
                        {' '}
                        •<span className="visually-hidden"> belum disimpan</span>
                      </span>
                    )}
                  </>
                ),
              }))}
            />
            {types.map((t) => (
              // Every editor stays mounted so edits survive switching tabs until saved.
              <TabPanel key={t.type} idBase="ttd" id={t.type} selected={tab === t.type} keepMounted>
                <SignerEditor
                  key={JSON.stringify([t.ownPattern, t.signers])}
                  setting={t}
                  election={election}
                  onDirty={(d) => setDirty((m) => (m[t.type] === d ? m : { ...m, [t.type]: d }))}
                />
              </TabPanel>
            ))}
          </>
        )}
      </Loaded>
    </Section>
  )
}

const emptySigner = (): Signer => ({ peran: '', jabatan: '', nama: '', nip: '', instansi: '', posisi: 'pihak' })
type SignerField = Exclude<keyof Signer, 'posisi'>

/** The editor as a draft's parts: its own pattern ("isian") and each signer in order ("penanda:1", ...). */
function signerParts(signers: readonly Signer[], pattern: string): Record<string, Record<string, string>> {
  const parts: Record<string, Record<string, string>> = { isian: { pola: pattern } }
  signers.forEach((s, i) => {
    parts[`penanda:${i + 1}`] = { ...s }
  })
  return parts
}

/** The signers a draft holds, in order; a position it does not know is read as a party (pihak). */
function signersOfParts(parts: Record<string, Record<string, string>>): Signer[] {
  return Object.entries(parts)
    .filter(([k]) => k.startsWith('penanda:'))
    .sort(([a], [b]) => Number(a.slice(8)) - Number(b.slice(8)))
    .map(([, p]) => {
      const s = emptySigner()
      for (const c of SIGNER_COLUMNS) s[c.key] = p[c.key] ?? ''
      if (p.posisi && Object.hasOwn(SIGNER_POSITION_LABEL, p.posisi)) s.posisi = p.posisi as Signer['posisi']
      return s
    })
}

const SIGNER_COLUMNS: { key: SignerField; label: string; placeholder: string }[] = [
  { key: 'peran', label: 'Peran', placeholder: 'Mis. Yang Membuat' },
  { key: 'jabatan', label: 'Jabatan', placeholder: 'Mis. Sekretaris KPU' },
  { key: 'nama', label: 'Nama', placeholder: 'Nama dan gelar' },
  { key: 'nip', label: 'NIP', placeholder: '18 angka' },
  { key: 'instansi', label: 'Instansi', placeholder: 'Mis. Bawaslu' },
]

function SignerEditor({
  setting,
  election,
  onDirty,
}: {
  setting: Jenis
  election: Pemilihan
  onDirty(dirty: boolean): void
}) {
  const [signers, setSigners] = useState<Signer[]>(setting.signers)
  // Stable row keys, so a moved row keeps keyboard focus on its button.
  const nextKey = useRef(setting.signers.length)
  const tableRef = useRef<HTMLTableElement>(null)
  const addRef = useRef<HTMLButtonElement>(null)
  const [keys, setKeys] = useState<number[]>(() => setting.signers.map((_, i) => i))
  const [pattern, setPattern] = useState(setting.ownPattern ?? '')
  const { error, setError, errors, busy, run } = useWrite()
  const isDirty = (list: Signer[], p: string) =>
    JSON.stringify(list) !== JSON.stringify(setting.signers) || p.trim() !== (setting.ownPattern ?? '')
  const dirty = isDirty(signers, pattern)
  const label = DOC_SHORT_LABEL[setting.type]
  // Kept as this type's draft while typed (core/draf.ts): the pattern, and each signer in its order.
  const draft = useFormDraft({
    jenis: 'pengaturan',
    kunci: penandaTanganDrafKunci(setting.type),
    parts: signerParts(signers, pattern),
    dirty,
    onRestore: (parts) => {
      const list = signersOfParts(parts)
      change(
        list,
        list.map(() => nextKey.current++),
        parts.isian?.pola ?? '',
      )
    },
  })
  useLeaveGuard(dirty ? PENGATURAN_LEAVE_MESSAGE : null)

  /** Every edit goes through here, so the tab's "not saved" mark follows it. */
  const change = (list: Signer[], rowKeys: number[], p: string) => {
    setSigners(list)
    setKeys(rowKeys)
    setPattern(p)
    onDirty(isDirty(list, p))
  }

  /** A refusal names a row (1-based) and a column; a schema error names "signers.<i>.<field>". */
  const cellError = (i: number, field: keyof Signer): string | undefined =>
    errors[`signers.${i}.${field}`] ?? error?.details.find((d) => d.row === i + 1 && d.column === field)?.message
  const rowErrors = (i: number) =>
    error?.details.filter(
      (d) => d.row === i + 1 && !['peran', 'jabatan', 'nama', 'nip', 'instansi', 'posisi'].includes(d.column ?? ''),
    ) ?? []
  const general = (d: Issue) =>
    d.row === undefined && !(d.column ?? '').startsWith('signers.') && d.column !== 'nomorPattern'

  const update = (i: number, patch: Partial<Signer>) =>
    change(
      signers.map((s, n) => (n === i ? { ...s, ...patch } : s)),
      keys,
      pattern,
    )
  const swap = <T,>(list: T[], i: number, j: number): T[] => {
    if (j < 0 || j >= list.length) return list
    const next = [...list]
    ;[next[i], next[j]] = [next[j]!, next[i]!]
    return next
  }
  const move = (i: number, by: -1 | 1) => change(swap(signers, i, i + by), swap(keys, i, i + by), pattern)
  const remove = (i: number) => {
    change(
      signers.filter((_, n) => n !== i),
      keys.filter((_, n) => n !== i),
      pattern,
    )
    // The removed row took the focused button with it; the add button is the nearest sensible place.
    requestAnimationFrame(() => addRef.current?.focus())
  }
  const add = () => {
    change([...signers, emptySigner()], [...keys, nextKey.current++], pattern)
    requestAnimationFrame(() => tableRef.current?.querySelector<HTMLInputElement>('tbody tr:last-child input')?.focus())
  }
  const reset = () =>
    change(
      setting.signers,
      setting.signers.map(() => nextKey.current++),
      setting.ownPattern ?? '',
    )

  function save(e: FormEvent) {
    e.preventDefault()
    return run(async () => {
      // The service removes the draft with the save; nothing may be written from this form meanwhile.
      draft.settle()
      try {
        await invoke('dokumen.aturJenis', {
          type: setting.type,
          nomorPattern: pattern.trim() === '' ? null : pattern.trim(),
          signers,
        })
      } catch (err) {
        draft.resume()
        throw err
      }
      // The reload brings the saved setting, and with it a fresh editor.
      onDirty(false)
      return `Penanda tangan dan pola nomor ${label} tersimpan.`
    })
  }

  const mentionsPejabat = signers.some((s) => /pejabat pembuat komitmen|\bPPK\b/i.test(`${s.peran} ${s.jabatan}`))
  const note = POSITION_NOTE[setting.type] ?? (mentionsPejabat ? POSITION_NOTE.REKAP_UPAH : undefined)

  return (
    <form onSubmit={save} noValidate className="pengaturan-signers" data-doc-type={setting.type}>
      <p className="pengaturan-doc-desc">
        <strong>{setting.title.join(' ')}</strong>
        <span className="muted small block">{setting.description}.</span>
      </p>
      {draft.restored && (
        <DraftRestored
          restored={draft.restored}
          testId="pengaturan-draf-dipulihkan"
          next={
            <>
              Periksa isiannya, lalu <strong>Simpan {label}</strong>.
            </>
          }
          onDiscard={() => {
            draft.discard()
            reset()
            setError(undefined)
          }}
        />
      )}
      <ErrorBanner error={error} title={`${label} belum tersimpan`} shown={general} />
      {note && (
        <Banner kind="info">
          <p>{note}</p>
        </Banner>
      )}
      <div className="table-wrap">
        <table className="table table-compact pengaturan-signer-table" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col" className="num pengaturan-col-no">
                No.
              </th>
              {SIGNER_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={`pengaturan-col-${c.key}`}>
                  {c.label}
                </th>
              ))}
              <th scope="col" className="pengaturan-col-posisi">
                Posisi
              </th>
              <th scope="col" className="pengaturan-col-act">
                <span className="visually-hidden">Urutan dan hapus</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {signers.map((s, i) => {
              const who = s.nama || s.jabatan || s.peran || `baris ${i + 1}`
              const posisiError = cellError(i, 'posisi')
              return (
                <tr key={keys[i] ?? `n${i}`} data-row={i + 1}>
                  <td className="num">{fmt(i + 1)}</td>
                  {SIGNER_COLUMNS.map((c) => {
                    const err = cellError(i, c.key)
                    return (
                      <td key={c.key}>
                        <input
                          value={s[c.key]}
                          onChange={(e) => update(i, { [c.key]: e.target.value })}
                          aria-label={`${c.label} penanda tangan ${i + 1}`}
                          aria-invalid={Boolean(err)}
                          placeholder={c.placeholder}
                          inputMode={c.key === 'nip' ? 'numeric' : undefined}
                          autoComplete="off"
                        />
                        {err && <p className="field-error">{err}</p>}
                      </td>
                    )
                  })}
                  <td>
                    <select
                      value={s.posisi}
                      onChange={(e) => update(i, { posisi: e.target.value as Signer['posisi'] })}
                      aria-label={`Posisi penanda tangan ${i + 1}`}
                      aria-invalid={Boolean(posisiError)}
                    >
                      {(Object.keys(SIGNER_POSITION_LABEL) as Signer['posisi'][]).map((p) => (
                        <option key={p} value={p}>
                          {SIGNER_POSITION_LABEL[p]}
                        </option>
                      ))}
                    </select>
                    {posisiError && <p className="field-error">{posisiError}</p>}
                    {rowErrors(i).map((d, n) => (
                      <p key={n} className="field-error">
                        {d.message}
                      </p>
                    ))}
                  </td>
                  <td className="pengaturan-row-actions">
                    {[
                      { mark: '↑', verb: 'Naikkan', step: -1 as const, off: i === 0 },
                      { mark: '↓', verb: 'Turunkan', step: 1 as const, off: i === signers.length - 1 },
                      { mark: '×', verb: 'Hapus', step: 0 as const, off: false },
                    ].map((b) => (
                      <button
                        key={b.verb}
                        type="button"
                        className={b.verb === 'Hapus' ? 'pengaturan-icon-btn pengaturan-remove' : 'pengaturan-icon-btn'}
                        onClick={() => (b.step === 0 ? remove(i) : move(i, b.step))}
                        disabled={b.off}
                        aria-label={`${b.verb} ${who}`}
                        title={b.verb}
                      >
                        {b.mark}
                      </button>
                    ))}
                  </td>
                </tr>
              )
            })}
            {signers.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  Belum ada penanda tangan; dokumen akan dicetak tanpa kolom tanda tangan.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        ref={addRef}
        className="btn btn-secondary btn-small pengaturan-add"
        onClick={add}
        disabled={signers.length >= 12}
      >
        + Tambah penanda tangan
      </button>

      {setting.numbered ? (
        <NomorPatternField
          label={`Pola nomor ${label}`}
          value={pattern}
          onChange={(p) => change(signers, keys, p)}
          error={errors.nomorPattern}
          election={election}
          no={election.nomorStart}
          kodeDokumen={setting.kode}
          placeholder="Kosong: memakai pola bawaan"
          fallback={election.nomorPattern}
          hint={`Kosong: memakai pola bawaan ${election.nomorPattern}. {kode_dokumen} untuk jenis ini adalah ${setting.kode}. Klik kode untuk menyisipkannya.`}
        />
      ) : (
        <p className="muted small">{label} tidak bernomor surat; di register dicatat dengan kode DOK.</p>
      )}

      <DraftActions
        busy={busy}
        dirty={dirty}
        label={`Simpan ${label}`}
        onDiscard={() => {
          draft.discard()
          reset()
          setError(undefined)
        }}
      >
        <DraftStatus draft={draft} dirty={dirty} />
        <a className="pengaturan-right-link small" href={href('dokumen')}>
          Terbitkan dokumen →
        </a>
      </DraftActions>
    </form>
  )
}
