import { useId, useState, type MouseEvent } from 'react'
import type { DocType, Dokumen, Pemilihan } from '../../../api/contract'
import { invoke } from '../../api'
import { useApi } from '../../components/data'
import { Banner, ErrorBanner, Loading } from '../../components/Feedback'
import { PageHeader, Section } from '../../components/Page'
import { DataTable } from '../../components/TableHead'
import { DOC_SHORT_LABEL, DOC_TYPE_CODES } from '../../../core/documents'
import { fmt, fmtTanggal, fmtWaktu, todayIso } from '../../format'
import { href } from '../../router'
import { IssueCards } from './DokumenTerbitkan'
import { chainLabel, docCode, isDocType, readableSubject, useDownload, usePrint } from './DokumenShared'
import './dokumen.css'
import { RunButton } from '../../components/RunButton'
import { DateInput } from '../../components/DateField'
import { Options } from '../../components/Options'
import { Loaded } from '../../components/Loaded'

/** '#/dokumen' issues documents and lists the register; '#/dokumen/BA_SORTIR' opens the register filtered to one type. */
export function DokumenPage({ election, params }: { election: Pemilihan; params: string[] }) {
  const jenis = useApi('dokumen.daftarJenis', {})
  const [first] = params
  return (
    <>
      <PageHeader
        title="Dokumen"
        lead="Berita acara, nota dan rekap dibuat dari catatan buku besar. Setiap dokumen yang diterbitkan mendapat nomor dari register, isinya dibekukan saat itu dan dapat dicetak ulang kapan saja dengan isi yang sama."
        actions={
          <a className="btn btn-secondary" href={href('pengaturan', 'kop')}>
            Kop, nomor dan penanda tangan…
          </a>
        }
      />
      <nav className="page-toc" aria-label="Bagian halaman">
        {TOC.map(([id, label]) => (
          <a key={id} href={href('dokumen')} onClick={(e) => jumpTo(e, id)}>
            {label}
          </a>
        ))}
      </nav>

      <Section title="Terbitkan dokumen" id="dokumen-terbitkan">
        <Banner kind="info" title="Menerbitkan mengambil nomor berikutnya dari register" className="dokumen-rules">
          <p>
            Nomor yang sudah diambil tidak dipakai ulang, juga bila dokumennya tidak jadi ditandatangani. Isi dokumen
            dan kepala rantai buku besar dibekukan saat terbit. Cetakan pertama setiap format bertanda{' '}
            <strong>ASLI</strong>; setiap cetakan berikutnya bertanda <strong>SALINAN</strong> beserta nomor cetakannya.
            {!election.kotaTtd && (
              <>
                {' '}
                Tempat penandatanganan belum diatur; dokumen memakai nama satker. Atur di{' '}
                <a href={href('pengaturan', 'pemilihan')}>Pengaturan</a>.
              </>
            )}
          </p>
        </Banner>
        <Loaded query={jenis} title="Jenis dokumen tidak dapat dimuat">
          {(all) => <IssueCards jenis={all} />}
        </Loaded>
      </Section>

      <RekapHarianSection />

      <RegisterSection initialType={isDocType(first) ? first : undefined} />
    </>
  )
}

const TOC: [string, string][] = [
  ['dokumen-terbitkan', 'Terbitkan dokumen'],
  ['dokumen-rekap', 'Rekap harian'],
  ['dokumen-register', 'Register dokumen'],
]

/** In-page jumps must not touch location.hash: the hash is the router's. */
function jumpTo(e: MouseEvent, id: string) {
  e.preventDefault()
  const heading = document.getElementById(id + '-title')
  heading?.scrollIntoView({ block: 'start' })
  heading?.setAttribute('tabindex', '-1')
  heading?.focus({ preventScroll: true })
}

/* ------------------------------------------------------------- rekap harian */

function RekapHarianSection() {
  const [tanggal, setTanggal] = useState(todayIso)
  const { busy, download } = useDownload<'xlsx' | 'csv'>()
  const dateId = useId()
  const rekap = (format: 'xlsx' | 'csv') =>
    download(
      format,
      () => invoke('rekap.eksporHarian', { tanggal, format }),
      (fileName) => [`${fileName} diunduh.`, `Rekap harian ${fmtTanggal(tanggal, 'date')}`],
      'Rekap harian tidak dapat dibuat',
    )

  return (
    <Section title="Rekap harian" id="dokumen-rekap">
      <p className="muted explain">
        Yang masuk, yang disortir dan posisi kumulatif per jenis surat suara dan dapil sampai akhir tanggal yang
        dipilih, dihitung dari buku besar. XLSX berisi lembar Ringkasan, Per Shift, Per Regu, Per Alasan Rusak,
        Penerimaan dan Silog; CSV hanya berisi kolom Silog untuk dipindahkan ke Silog. Rekap harian tidak bernomor dan
        tidak dicatat di register.
      </p>
      <div className="toolbar dokumen-rekap">
        <label htmlFor={dateId} className="strong">
          Tanggal rekap
        </label>
        <DateInput id={dateId} value={tanggal} onChange={setTanggal} />
        <RunButton run="xlsx" busy={busy} onRun={rekap} disabled={!tanggal} label="Unduh XLSX" />
        <RunButton run="csv" busy={busy} onRun={rekap} disabled={!tanggal} label="Unduh CSV (kolom Silog)" secondary />
      </div>
    </Section>
  )
}

/* ----------------------------------------------------------------- register */

function RegisterSection({ initialType }: { initialType: DocType | undefined }) {
  const [type, setType] = useState<DocType | ''>(initialType ?? '')
  const list = useApi('dokumen.daftar', type ? { type } : {})
  const filterId = useId()
  const rows = list.data ?? []

  return (
    <Section title="Register dokumen" id="dokumen-register">
      <div className="toolbar">
        <label htmlFor={filterId} className="strong">
          Jenis dokumen
        </label>
        <select id={filterId} value={type} onChange={(e) => setType(e.target.value as DocType | '')}>
          <option value="">Semua jenis</option>
          <Options of={DOC_TYPE_CODES} value={(t) => t} label={(t) => DOC_SHORT_LABEL[t]} />
        </select>
        {list.data && (
          <span className="toolbar-count" aria-live="polite">
            {fmt(rows.length)} dokumen
          </span>
        )}
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} title="Register dokumen tidak dapat dimuat" />
      {list.data ? (
        rows.length === 0 ? (
          <p className="empty">
            {type ? `Belum ada ${DOC_SHORT_LABEL[type]} yang diterbitkan.` : 'Belum ada dokumen yang diterbitkan.'}
          </p>
        ) : (
          <DataTable
            className="dokumen-register"
            testId="register-table"
            columns={[
              'Nomor',
              { label: 'Jenis', className: 'dokumen-c-jenis' },
              'Perihal',
              { label: 'Diterbitkan', className: 'dokumen-c-when' },
              {
                label: 'Kepala rantai buku besar',
                title: 'Baris buku besar terakhir saat dokumen diterbitkan dan awal hash-nya',
              },
              { label: 'Jumlah cetak', num: true, className: 'dokumen-c-prints' },
              { label: 'Aksi', hidden: true },
            ]}
          >
            {rows.map((d) => (
              <RegisterRow key={d.id} d={d} />
            ))}
          </DataTable>
        )
      ) : (
        !list.error && <Loading />
      )}
    </Section>
  )
}

function RegisterRow({ d }: { d: Dokumen }) {
  const { print, isBusy } = usePrint()
  const reprint = d.prints > 0
  return (
    <tr data-document={d.id}>
      <th scope="row" className="dokumen-nomor-cell">
        {d.nomor ? <span className="dokumen-nomor">{d.nomor}</span> : <span className="muted">tanpa nomor</span>}
        <span className="muted small block">{docCode(d)}</span>
      </th>
      <td>{DOC_SHORT_LABEL[d.type]}</td>
      <td>{readableSubject(d.subject)}</td>
      <td>
        {fmtWaktu(d.issuedAt)}
        <span className="muted small block">oleh {d.issuedBy}</span>
      </td>
      <td>
        <code className="dokumen-chain" title={`Baris #${d.chainSeq}, hash ${d.chainHash}`}>
          {chainLabel(d)}
        </code>
      </td>
      <td className="num">{d.prints === 0 ? <span className="muted">belum</span> : `${fmt(d.prints)}×`}</td>
      <td className="actions dokumen-actions">
        {d.formats.map((f) => (
          <button
            key={f}
            type="button"
            className={`btn btn-small ${f === 'pdf' && !reprint ? 'btn-primary' : 'btn-secondary'}`}
            onClick={() => void print(d, f)}
            disabled={isBusy(d.id, f)}
            aria-label={`${f === 'pdf' ? (reprint ? 'Cetak ulang (SALINAN)' : 'Cetak') : 'Cetak XLSX'} ${DOC_SHORT_LABEL[d.type]} ${d.nomor ?? docCode(d)}`}
          >
            {isBusy(d.id, f) ? 'Menyiapkan…' : f === 'pdf' ? (reprint ? 'Cetak ulang (SALINAN)' : 'Cetak') : 'XLSX'}
          </button>
        ))}
      </td>
    </tr>
  )
}
