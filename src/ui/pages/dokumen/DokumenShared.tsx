import { useState, type ReactNode } from 'react'
import type { DocType, Dokumen, Download } from '../../../api/contract'
import { DOC_SHORT_LABEL, DOC_TYPE_CODES } from '../../../core/documents'
import { invoke } from '../../api'
import { useRefreshAll } from '../../components/data'
import { useToast } from '../../components/Feedback'
import { saveDownload } from '../../components/files'
import { TextField } from '../../components/Form'
import { DataTable, type Column } from '../../components/TableHead'
import { fmtTanggal } from '../../format'

export const isDocType = (s: string | undefined): s is DocType => DOC_TYPE_CODES.includes(s as DocType)

/** The service writes dates in a subject as ISO ("Rekap upah 2026-11-23"); a coordinator reads "23 November 2026". */
export const readableSubject = (subject: string) =>
  subject.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => fmtTanggal(iso, 'date'))

export const docCode = (d: Pick<Dokumen, 'id'>) => `DOK-${d.id}`

/** "#11 · 765c4f9c463b": the ledger row the document was made from and the start of its hash. */
export const chainLabel = (d: Pick<Dokumen, 'chainSeq' | 'chainHash'>) => `#${d.chainSeq} · ${d.chainHash.slice(0, 12)}`

/**
 * A file made by the service and saved here: `busy` names the one being made (a format, a document), the toast
 * says what was saved (the message from the file) or why not; `after` runs either way.
 */
export function useDownload<K extends string>(after?: () => void) {
  const [busy, setBusy] = useState<K | null>(null)
  const toast = useToast()

  async function download(
    key: K,
    make: () => Promise<Download>,
    saved: (fileName: string) => readonly [message: string, title: string],
    failed: string,
  ) {
    setBusy(key)
    try {
      const file = await make()
      saveDownload(file)
      toast.showSuccess(...saved(file.fileName))
    } catch (err) {
      toast.showError(err, failed)
    } finally {
      after?.()
      setBusy(null)
    }
  }

  return { busy, download }
}

/**
 * Printing from the register. The service decides ASLI or SALINAN and says so in the file name, so the
 * message is read from there rather than guessed here.
 */
export function usePrint() {
  // Prints are counted in the register; the count (and ASLI/SALINAN) must show at once.
  const { busy, download } = useDownload<`${number}:${'pdf' | 'xlsx'}`>(useRefreshAll())

  const print = (doc: Pick<Dokumen, 'id' | 'nomor' | 'type'>, format: 'pdf' | 'xlsx') =>
    download(
      `${doc.id}:${format}`,
      () => invoke('dokumen.cetak', { id: doc.id, format }),
      (fileName) => [
        `${fileName} diunduh${/SALINAN/.test(fileName) ? ' sebagai SALINAN: dokumen ini sudah pernah dicetak.' : ' sebagai cetakan ASLI.'}`,
        `${DOC_SHORT_LABEL[doc.type]}${doc.nomor ? ' ' + doc.nomor : ''}`,
      ],
      `${DOC_SHORT_LABEL[doc.type]} tidak dapat dicetak`,
    )

  return { print, busy, isBusy: (id: number, format: 'pdf' | 'xlsx') => busy === `${id}:${format}` }
}

/** The note a numbered BA prints as its keterangan, across the form (handover, pemusnahan): a form table's entry. */
export const BA_NOTE = {
  name: 'note',
  className: 'span-2',
  hint: 'Tercetak di berita acara sebagai keterangan.',
} as const

/** BA_NOTE for a form that is not drawn from a table. */
export function BaNoteField({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string }) {
  return (
    <TextField
      label="Catatan"
      error={error}
      className={BA_NOTE.className}
      hint={BA_NOTE.hint}
      value={value}
      onChange={onChange}
    />
  )
}

/** A numbered document's number in a list, or its record's #id while it has none. */
export const NomorCell = ({ nomor, id }: { nomor: string | null; id: number }) => (
  <td className="serah-terima-nomor">{nomor ?? <span className="muted">#{id}</span>}</td>
)

/**
 * A numbered BA's PDF from the register (the first print is the ASLI, later ones SALINAN): the one button
 * of the handover and pemusnahan pages, in a list or after the BA is issued.
 */
export function PrintBaButton({
  doc,
  label = 'Unduh BA',
  primary,
}: {
  doc: Pick<Dokumen, 'id' | 'nomor' | 'type'>
  label?: string
  primary?: boolean
}) {
  const { print, isBusy } = usePrint()
  return (
    <button
      type="button"
      className={`btn ${primary ? 'btn-primary' : 'btn-secondary'} btn-small`}
      disabled={isBusy(doc.id, 'pdf')}
      onClick={() => void print(doc, 'pdf')}
    >
      {isBusy(doc.id, 'pdf') ? 'Mengunduh…' : label}
    </button>
  )
}

/**
 * A register of numbered BAs (serah terima, pemusnahan): the number first (or the record's #id while it
 * has none), the rows' own columns, and the actions last.
 */
export function BaRegister<T extends { id: number; nomor: string | null }>({
  rows,
  columns,
  cells,
  actions,
  className,
  actionsClassName = 'actions',
  testId,
  rowTestId,
}: {
  rows: T[]
  /** The columns between the number and the actions. */
  columns: Column[]
  cells(row: T): ReactNode
  actions(row: T): ReactNode
  className?: string
  actionsClassName?: string
  testId: string
  rowTestId?(row: T): string
}) {
  return (
    <DataTable
      className={className}
      testId={testId}
      columns={['Nomor BA', ...columns, { label: 'Tindakan', hidden: true }]}
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid={rowTestId?.(r)}>
          <NomorCell nomor={r.nomor} id={r.id} />
          {cells(r)}
          <td className={actionsClassName}>{actions(r)}</td>
        </tr>
      ))}
    </DataTable>
  )
}
