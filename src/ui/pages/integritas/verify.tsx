import { useState, type ReactNode } from 'react'
import type { ChainReport } from '../../../api/contract'
import { saksiDicocokkan } from '../../../core/jejak'
import { Verdict } from '../../components/Feedback'
import { useJob } from '../../components/Jobs'
import { JobRunning } from '../../components/JobRunning'
import { fmt, fmtWaktu } from '../../format'
import './integritas.css'

/*
 * The ledger check as both the Integritas page and the recovery screen (Pemulihan, loaded with the app) run
 * it. Kept apart from the page so the page's own chunk stays out of the first screen's bundle.
 */

/** The full check as a background job: a million rows take seconds, and the bar shows how far it is. */
export function useVerify() {
  const verifyJob = useJob('ledger.periksa')
  const [at, setAt] = useState<Date | undefined>()
  const [report, setReport] = useState<ChainReport | undefined>()
  async function run() {
    setReport(undefined)
    const r = await verifyJob.start({})
    if (r) {
      setReport(r)
      setAt(new Date())
    }
  }
  return { job: verifyJob, report, busy: verifyJob.running, at, run }
}

/** The check while it runs (its bar, Batal) and why it could not run, for every page that offers it. */
export function VerifyProgress({ check }: { check: ReturnType<typeof useVerify> }) {
  return (
    <JobRunning
      job={check.job}
      label="Memeriksa buku besar"
      testId="verify-job"
      errorTitle="Pemeriksaan tidak dapat dijalankan"
    />
  )
}

/** The verdict of ledger.periksa: green and short when all is well, red with the first bad row and what to do otherwise. */
export function VerifyResult({ report, at, todo }: { report: ChainReport; at?: Date | undefined; todo: ReactNode }) {
  const when = at ? fmtWaktu(at, { detik: true }) : null
  if (report.ok) {
    return (
      <Verdict ok title="Buku besar utuh" headingId="verify-title" testId="verify-result">
        <p>
          Semua {fmt(report.rows)} baris tersambung dan isinya sesuai hash-nya; saldo dan rekap sama dengan buku besar;
          berkas SQLite tidak rusak.
        </p>
        <dl className="dl dl-block">
          <dt>Baris diperiksa</dt>
          <dd className="num" data-testid="verify-rows">
            {fmt(report.rows)}
          </dd>
          <dt>Kepala rantai</dt>
          <dd>
            <code title={report.head}>{report.head.slice(0, 16)}…</code>
          </dd>
          <dt>Saksi di luar berkas</dt>
          <dd data-testid="verify-saksi">{saksiDicocokkan(report.saksi)}</dd>
          {when && (
            <>
              <dt>Diperiksa</dt>
              <dd>{when}</dd>
            </>
          )}
        </dl>
      </Verdict>
    )
  }
  const goodUntil = report.firstBadSeq !== null ? report.firstBadSeq - 1 : null
  return (
    <Verdict ok={false} title="Buku besar tidak utuh" headingId="verify-title" testId="verify-result">
      {report.firstBadSeq !== null && (
        <p className="integritas-bad-seq" data-testid="verify-bad-seq">
          Baris pertama yang bermasalah: #{fmt(report.firstBadSeq)}
        </p>
      )}
      {report.problem && <p className="integritas-problem">{report.problem}</p>}
      {report.integrity !== 'ok' && report.integrity !== '' && (
        <p className="integritas-problem">
          Pemeriksaan SQLite: <code>{report.integrity}</code>
        </p>
      )}
      <dl className="dl dl-block">
        {goodUntil !== null && (
          <>
            <dt>Rantai utuh sampai</dt>
            <dd>{goodUntil > 0 ? `baris #${fmt(goodUntil)}` : 'tidak ada baris yang utuh'}</dd>
          </>
        )}
        <dt>Tabel saldo</dt>
        <dd>{report.balancesMatch ? 'sama dengan buku besar' : 'tidak sama dengan buku besar'}</dd>
        {when && (
          <>
            <dt>Diperiksa</dt>
            <dd>{when}</dd>
          </>
        )}
      </dl>
      <h3>Yang perlu dilakukan</h3>
      {todo}
    </Verdict>
  )
}
