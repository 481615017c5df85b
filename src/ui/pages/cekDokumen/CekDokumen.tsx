import { useState } from 'react'
import type { DokumenPeriksa } from '../../../api/contract'
import { ApiError, invoke } from '../../api'
import { Verdict } from '../../components/Feedback'
import { PageHeader, Section } from '../../components/Page'
import { ScanField } from '../../components/ScanField'
import { fmt, fmtWaktu } from '../../format'
import { href } from '../../router'

/**
 * "Cek dokumen": a berita acara on paper is checked against the ledger by its number or by scanning the
 * QR code in its footer. The answer is whether the ledger still holds, unaltered, the state it was
 * printed from — the check an auditor, Bawaslu or a PPK makes when a printed figure is contested.
 */
export function CekDokumenPage() {
  const [checked, setChecked] = useState<{ kode: string; result: DokumenPeriksa } | null>(null)

  return (
    <>
      <PageHeader
        title="Cek dokumen tercetak"
        lead="Setiap berita acara mencetak kepala rantai buku besar dan kode QR di kaki halamannya. Pindai kode QR itu, atau ketik nomor dokumennya, untuk memeriksa apakah buku besar masih memuat keadaan saat dokumen dicetak."
      />
      <Section title="Dokumen yang diperiksa" id="cek-dokumen-isian">
        <ScanField
          label="Kode QR atau nomor dokumen"
          placeholder="Pindai kode QR di kaki halaman, atau ketik nomornya (mis. 12/PP.09.4-BA/1219/2024) lalu tekan Enter"
          hint="Nomor tertulis di bawah judul berita acara. Dokumen dari basis data lain tidak ditemukan di sini."
          refusalTitle="Perhatian"
          testId="cek-dokumen-scan"
          onScan={async (kode) => {
            const result = await invoke('dokumen.periksa', { kode })
            setChecked({ kode, result })
            // A document that no longer matches is refused as loudly as a wrong kotak on the packing floor.
            if (!result.found) throw new ApiError('NOT_FOUND', result.verdict)
            if (!result.intact)
              throw new ApiError('REFUSED', `${result.nomor ?? result.title}: TIDAK sesuai buku besar`)
            return `${result.nomor ?? result.title}: sesuai buku besar`
          }}
        />
      </Section>
      {checked?.result.found && <CheckResult result={checked.result} />}
    </>
  )
}

function CheckResult({ result }: { result: DokumenPeriksa }) {
  const ok = result.intact
  return (
    <Verdict
      ok={ok}
      title={ok ? 'Dokumen sesuai buku besar' : 'Dokumen tidak sesuai buku besar'}
      headingId="cek-title"
      testId="cek-dokumen-result"
    >
      <p>{result.verdict}</p>
      <dl className="dl dl-block">
        <dt>Dokumen</dt>
        <dd>{result.title}</dd>
        {result.subject && (
          <>
            <dt>Perihal</dt>
            <dd>{result.subject}</dd>
          </>
        )}
        <dt>Nomor</dt>
        <dd>{result.nomor ?? <span className="muted">tanpa nomor</span>}</dd>
        {result.issuedAt && (
          <>
            <dt>Diterbitkan</dt>
            <dd>{fmtWaktu(result.issuedAt, { panjang: true })}</dd>
          </>
        )}
        {result.chainSeq !== null && (
          <>
            <dt>Dibuat dari buku besar sampai</dt>
            <dd className="num">baris #{fmt(result.chainSeq)}</dd>
          </>
        )}
        {ok && (
          <>
            <dt>Baris baru sejak dicetak</dt>
            <dd className="num" data-testid="cek-dokumen-later">
              {fmt(result.laterRows)}
            </dd>
          </>
        )}
      </dl>
      {!ok && (
        <>
          <h3>Yang perlu dilakukan</h3>
          <ol>
            <li>Jangan memakai angka dari basis data ini untuk dokumen baru sampai masalahnya jelas.</li>
            <li>
              Jalankan <a href={href('integritas')}>Periksa integritas</a> untuk menemukan baris pertama yang berubah.
            </li>
            <li>
              Pulihkan cadangan yang dibuat sebelum perubahan itu di halaman <a href={href('cadangan')}>Cadangan</a>,
              lalu periksa dokumen ini lagi.
            </li>
          </ol>
        </>
      )}
    </Verdict>
  )
}
