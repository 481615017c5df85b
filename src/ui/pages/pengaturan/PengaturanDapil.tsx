import { useId, useMemo, useState, type FormEvent } from 'react'
import type { MethodOutput } from '../../../api/contract'
import { invoke, toApiError } from '../../api'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { useWrite } from '../../components/useWrite'
import { readFileBase64 } from '../../components/files'
import { DraftActions, FilePicker } from '../../components/Form'
import { Section, Swatch } from '../../components/Page'
import { DataTable, numCol } from '../../components/TableHead'
import { parseCount } from '../../../core/count'
import { fmt } from '../../format'
import { href } from '../../router'

/** Pengaturan › Dapil per jenis surat suara: which kecamatan belong to which dapil, by hand or from a file. */

type DapilOfBallot = MethodOutput<'dapil.daftar'>[number]
type KecamatanRow = MethodOutput<'wilayah.daftarKecamatan'>[number]

export function DapilSection() {
  const dapil = useApi('dapil.daftar', {})
  const kecamatan = useApi('wilayah.daftarKecamatan', {})
  const items = useApi('barang.daftar', {})
  const [selected, setSelected] = useState<number | null>(null)
  const selectId = useId()

  const ballots = dapil.data ?? []
  const current = ballots.find((b) => b.itemId === selected) ?? ballots[0]
  const colorOf = new Map((items.data ?? []).map((i) => [i.id, i]))

  return (
    <Section title="Dapil per jenis surat suara" id="pengaturan-dapil">
      <p className="muted">
        Surat suara yang berbeda untuk setiap daerah pemilihan (mis. DPRD kabupaten/kota) dihitung dan dikemas per jenis
        × dapil. Tetapkan dapil setiap kecamatan di sini, atau impor dari berkas.
      </p>
      <ErrorBanner
        error={dapil.error ?? kecamatan.error}
        onRetry={() => (dapil.reload(), kecamatan.reload())}
        title="Data dapil tidak dapat dimuat"
      />
      <DapilImport />
      {dapil.data && kecamatan.data ? (
        ballots.length === 0 ? (
          <p className="empty">Belum ada jenis surat suara.</p>
        ) : kecamatan.data.length === 0 ? (
          <p className="empty">
            Belum ada kecamatan. Impor daftar TPS di <a href={href('wilayah')}>Wilayah &amp; TPS</a>, lalu tetapkan
            dapil setiap kecamatan.
          </p>
        ) : (
          current && (
            <>
              <div className="field inline-field">
                <label htmlFor={selectId}>Jenis surat suara</label>
                <select id={selectId} value={current.itemId} onChange={(e) => setSelected(Number(e.target.value))}>
                  {ballots.map((b) => (
                    <option key={b.itemId} value={b.itemId}>
                      {b.itemName} ({b.dipetakan ? `${fmt(b.dapil.length)} dapil` : 'belum dipetakan'})
                    </option>
                  ))}
                </select>
                <Swatch
                  hex={colorOf.get(current.itemId)?.colorHex ?? null}
                  label={colorOf.get(current.itemId)?.color}
                />
              </div>
              {current.belumDipetakan.length > 0 && (
                <Banner kind="warning" title={`${current.itemName} belum dipetakan`} testId="dapil-belum-dipetakan">
                  <p>
                    {fmt(current.belumDipetakan.length)} kecamatan belum memiliki dapil {current.itemName}. Kebutuhannya
                    tampil sebagai &ldquo;belum dipetakan&rdquo;; pengemasan surat suara ini dan label kotak ditolak
                    sampai pemetaan dapil diimpor (berkas dapil memuat setiap kecamatan) atau ditetapkan di bawah.
                  </p>
                </Banner>
              )}
              <DapilMappingEditor
                key={current.itemId + ':' + JSON.stringify(current.dapil)}
                ballot={current}
                kecamatan={kecamatan.data}
              />
              {current.dapil.length > 0 && (
                <DapilPsuEditor
                  key={'psu:' + JSON.stringify(current.dapil)}
                  ballot={current}
                  psuJenis={colorOf.get(current.itemId)?.psuPerDapil}
                />
              )}
            </>
          )
        )
      ) : (
        !(dapil.error ?? kecamatan.error) && <Loading />
      )}
    </Section>
  )
}

function DapilMappingEditor({ ballot, kecamatan }: { ballot: DapilOfBallot; kecamatan: KecamatanRow[] }) {
  const initial = useMemo(() => {
    const m: Record<number, string> = {}
    for (const d of ballot.dapil) for (const k of d.kecamatanIds) m[k] = d.name
    return m
  }, [ballot])
  const [mapping, setMapping] = useState<Record<number, string>>(initial)
  const { error, setError, errors, busy, run } = useWrite()
  const listId = useId()
  const dirty = kecamatan.some((k) => (mapping[k.id] ?? '') !== (initial[k.id] ?? ''))
  const names = [
    ...new Set([...ballot.dapil.map((d) => d.name), ...Object.values(mapping).filter((v) => v.trim())]),
  ].sort()

  function save(e: FormEvent) {
    e.preventDefault()
    return run(async () => {
      const result = await invoke('dapil.aturPemetaan', {
        itemId: ballot.itemId,
        // A kecamatan left blank stays "belum dipetakan"; one already mapped is sent as it stands.
        mapping: kecamatan
          .filter((k) => (mapping[k.id] ?? '').trim() !== '')
          .map((k) => ({ kecamatanId: k.id, dapil: mapping[k.id]! })),
      })
      const count = result.find((b) => b.itemId === ballot.itemId)?.dapil.length ?? 0
      return `Dapil ${ballot.itemName} tersimpan: ${fmt(count)} dapil.`
    })
  }

  return (
    <form onSubmit={save} noValidate>
      <div className="pengaturan-dapil-chips" aria-label="Dapil saat ini">
        {ballot.dapil.map((d) => (
          <span key={d.id} className="chip">
            {d.name} · {fmt(d.kecamatanIds.length)} kecamatan
          </span>
        ))}
      </div>
      <ErrorBanner error={error} title="Dapil belum tersimpan" shown={() => false} />
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <DataTable
        className="table-compact pengaturan-dapil-table"
        columns={['Kecamatan', numCol('TPS'), numCol('DPT'), 'Dapil']}
      >
        {kecamatan.map((k, i) => {
          const err = errors[`mapping.${i}.dapil`] ?? errors[`mapping.${i}.kecamatanId`]
          return (
            <tr key={k.id}>
              <th scope="row">{k.nama}</th>
              <td className="num">{fmt(k.tps)}</td>
              <td className="num">{fmt(k.dpt)}</td>
              <td>
                <input
                  className="pengaturan-input-dapil"
                  list={listId}
                  value={mapping[k.id] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [k.id]: e.target.value })}
                  aria-label={`Dapil ${ballot.itemName} untuk Kecamatan ${k.nama}`}
                  aria-invalid={Boolean(err)}
                  placeholder={initial[k.id] ? 'Nama dapil, mis. Batu Bara 1' : 'Belum dipetakan'}
                />
                {err && <p className="field-error">{err}</p>}
              </td>
            </tr>
          )
        })}
      </DataTable>
      <DraftActions
        busy={busy}
        dirty={dirty}
        label="Simpan dapil"
        onDiscard={() => (setMapping(initial), setError(undefined))}
        noteUnsaved={false}
      />
    </form>
  )
}

/**
 * The PSU reserve of each dapil: the ballot type's (1.000 in a Pemilu) unless set here, e.g. 0 for a DPR
 * dapil shared with a neighbouring satker that holds the reserve of the whole dapil.
 */
function DapilPsuEditor({ ballot, psuJenis }: { ballot: DapilOfBallot; psuJenis: number | undefined }) {
  const initial = useMemo(
    () => Object.fromEntries(ballot.dapil.map((d) => [d.id, d.psuSendiri === null ? '' : String(d.psuSendiri)])),
    [ballot],
  )
  const [value, setValue] = useState<Record<number, string>>(initial)
  const { error, setError, errors, busy, run } = useWrite()
  const changed = ballot.dapil.filter((d) => (value[d.id] ?? '') !== (initial[d.id] ?? ''))

  function save(e: FormEvent) {
    e.preventDefault()
    return run(async () => {
      for (const d of changed) {
        const read = parseCount(value[d.id])
        if (!read.ok) throw new Error(`Cadangan PSU Dapil ${d.name}: ${read.message}`)
        await invoke('dapil.aturPsu', { dapilId: d.id, psu: read.value })
      }
      return `Cadangan PSU ${ballot.itemName} tersimpan untuk ${fmt(changed.length)} dapil.`
    })
  }

  return (
    <form onSubmit={save} noValidate className="pengaturan-dapil-psu">
      <h3>Cadangan PSU per dapil</h3>
      <p className="muted">
        Kosongkan untuk memakai cadangan PSU jenis surat suara ini. Isi 0 bila cadangan PSU dapil ini disimpan satker
        lain dalam dapil yang sama.
      </p>
      <ErrorBanner error={error} title="Cadangan PSU belum tersimpan" />
      <DataTable className="table-compact" columns={['Dapil', numCol('Kecamatan'), numCol('Cadangan PSU')]}>
        {ballot.dapil.map((d) => (
          <tr key={d.id}>
            <th scope="row">{d.name}</th>
            <td className="num">{fmt(d.kecamatanIds.length)}</td>
            <td className="num">
              <input
                inputMode="numeric"
                value={value[d.id] ?? ''}
                placeholder={psuJenis === undefined ? '' : fmt(psuJenis)}
                onChange={(e) => setValue({ ...value, [d.id]: e.target.value })}
                aria-label={`Cadangan PSU Dapil ${d.name}`}
                aria-invalid={Boolean(errors.psu)}
              />
            </td>
          </tr>
        ))}
      </DataTable>
      <DraftActions
        busy={busy}
        dirty={changed.length > 0}
        label="Simpan cadangan PSU"
        onDiscard={() => (setValue(initial), setError(undefined))}
        noteUnsaved={false}
      />
    </form>
  )
}

type DapilPreview = MethodOutput<'dapil.pratinjauImpor'>

/**
 * A dapil file is checked first: its problems, the kecamatan it leaves out, and the dapil names it would
 * create, which are saved only when the coordinator confirms them (a typo must not become a new dapil).
 */
function DapilImport() {
  const { error, setError, busy, run } = useWrite()
  const [reading, setReading] = useState(false)
  const [file, setFile] = useState<{ fileName: string; contentBase64: string; preview: DapilPreview } | null>(null)
  const [confirmed, setConfirmed] = useState(false)

  async function onFile(f: File | undefined) {
    setError(undefined)
    setConfirmed(false)
    setFile(null)
    if (!f) return
    setReading(true)
    try {
      const contentBase64 = await readFileBase64(f)
      const preview = await invoke('dapil.pratinjauImpor', { fileName: f.name, contentBase64 })
      setFile({ fileName: f.name, contentBase64, preview })
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setReading(false)
    }
  }

  function save() {
    if (!file) return
    return run(async () => {
      const r = await invoke('dapil.impor', {
        fileName: file.fileName,
        contentBase64: file.contentBase64,
        dapilBaru: confirmed ? file.preview.dapilBaru.map((d) => d.nama) : [],
      })
      setFile(null)
      return [
        `${fmt(r.updated)} pemetaan kecamatan ke dapil diperbarui dari ${file.fileName}.`,
        'Impor dapil tersimpan',
      ] as const
    })
  }

  const p = file?.preview
  const needsConfirm = (p?.dapilBaru.length ?? 0) > 0
  return (
    <div className="pengaturan-import-box">
      <FilePicker
        label="Impor dapil dari berkas (CSV atau XLSX)"
        accept=".csv,.xlsx"
        onFile={(f) => void onFile(f)}
        disabled={busy || reading}
        hint={
          <>
            Kolom: <code>surat_suara</code> (mis. DPRD_KAB atau nama jenisnya), <code>kecamatan</code>,{' '}
            <code>dapil</code>. Satu baris untuk setiap kecamatan dan jenis surat suara. Berkas diperiksa dulu; seluruh
            berkas disimpan atau tidak sama sekali.
          </>
        }
      />
      {reading && <Loading label="Memeriksa berkas dapil…" />}
      {busy && <Loading label="Menyimpan pemetaan dapil…" />}
      <ErrorBanner error={error} title="Impor dapil gagal; tidak ada yang diubah" />
      {p && !p.ok && (
        <Banner kind="error" title={<>Berkas belum dapat disimpan: {fmt(p.errors.length)} galat</>}>
          <ul>
            {p.errors.map((e, n) => (
              <li key={n}>
                {e.row !== undefined && <>Baris {e.row}: </>}
                {e.message}
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {p && p.ok && (
        <>
          {needsConfirm && (
            <label className="check">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>
                Buat dapil baru:{' '}
                {p.dapilBaru.map((d, n) => (
                  <span key={`${d.itemCode}:${d.nama}`}>
                    {n > 0 && ', '}
                    <strong>{d.nama}</strong> ({d.itemCode}
                    {d.mirip.length > 0 && <>; mirip {d.mirip.join(', ')}</>})
                  </span>
                ))}
              </span>
            </label>
          )}
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || (needsConfirm && !confirmed)}
            onClick={() => void save()}
          >
            Simpan {fmt(p.updated)} pemetaan
          </button>
        </>
      )}
    </div>
  )
}
