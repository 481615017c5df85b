import { useEffect, useRef, useState, type FormEvent } from 'react'
import { bacaTautanPasang, formatKodePasang, normalKodePasang, normalSidikJari } from '../../../core/stasiun'
import { Brand } from '../../components/Brand'
import { Banner } from '../../components/Feedback'
import { TextField } from '../../components/Form'
import { ingatStasiun } from '../../stasiunIni'
import './stasiun.css'

/** Set after pairing: the station's first screen asks who is at it (sign-in by name, PIN where the role has one). */
export const PILIH_PENGGUNA_KEY = 'gudang.stasiun.pilihPengguna'

interface Paired {
  stasiun: { id: number; nama: string; cakupan: 'tally' | 'pintu' | 'dasbor' | 'penuh' }
  kredensial: string
  sidikJari: string | null
}

/** What the pairing link in the address holds: `#/pasang?kode=…&sidik=…` (the QR code's text). */
function fromAddress(): { kode: string; sidik: string | null } | null {
  const link = bacaTautanPasang(window.location.href)
  return link ? { kode: link.kode, sidik: link.sidikJari } : null
}

/**
 * A tablet (or a PC's browser) at the host's address becomes a station here: the pairing code — typed, or
 * the whole link scanned or pasted — is traded once for this station's own credential (POST /stasiun/pasang),
 * kept in the page's storage. Then the usual sign-in follows.
 */
export function StasiunPasangPage({ onPaired, revoked }: { onPaired(): void; revoked: boolean }) {
  const [linked] = useState(fromAddress)
  const [text, setText] = useState(() => (linked ? formatKodePasang(linked.kode) : ''))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const tried = useRef(false)

  async function pasang(raw: string, expectedSidik: string | null) {
    const link = bacaTautanPasang(raw)
    const kode = link?.kode ?? normalKodePasang(raw)
    const sidik = link?.sidikJari ?? expectedSidik
    if (!kode) {
      setError(
        'Kode pasang terdiri dari 26 huruf dan angka (boleh dengan tanda hubung), seperti yang tampil di komputer induk.',
      )
      return
    }
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/stasiun/pasang', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kode }),
      })
      const body = (await res.json()) as { ok: boolean; result?: Paired; error?: { message: string } }
      if (!body.ok || !body.result) {
        setError(body.error?.message ?? `Komputer induk menjawab HTTP ${res.status}`)
        return
      }
      const got = body.result.sidikJari ? normalSidikJari(body.result.sidikJari) : null
      if (sidik && got && got !== sidik) {
        setError(
          'Sidik jari sertifikat komputer ini tidak sama dengan yang dibawa kode pasang: ini bukan komputer induk yang membuat kode. Stasiun tidak dipasangkan; buat kode baru di komputer induk.',
        )
        return
      }
      ingatStasiun({
        kredensial: body.result.kredensial,
        id: body.result.stasiun.id,
        nama: body.result.stasiun.nama,
        cakupan: body.result.stasiun.cakupan,
        sidikJari: got,
      })
      try {
        sessionStorage.setItem(PILIH_PENGGUNA_KEY, '1')
      } catch {
        /* the sign-in is then asked at the first write */
      }
      window.history.replaceState(null, '', window.location.pathname + '#/beranda')
      onPaired()
    } catch {
      setError('Komputer induk tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.')
    } finally {
      setBusy(false)
    }
  }

  // Opened from the QR code: the link carries the code, so the page pairs at once, once.
  useEffect(() => {
    if (!linked || tried.current) return
    tried.current = true
    void pasang(window.location.href, linked.sidik)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the link the page was opened with
  }, [linked])

  function submit(e: FormEvent) {
    e.preventDefault()
    void pasang(text, linked?.sidik ?? null)
  }

  return (
    <main className="fullpage">
      <div className="fullpage-card">
        <Brand />
        <h1>Pasangkan stasiun ini</h1>
        {revoked && (
          <Banner kind="warning" title="Stasiun ini tidak lagi dikenal komputer induk">
            <p>
              Kredensialnya dicabut atau stasiun dipasangkan ulang di tempat lain. Minta admin membuat kode pasang baru.
            </p>
          </Banner>
        )}
        <p>
          Di komputer induk, admin membuka <strong>Pengaturan › Stasiun LAN</strong> dan memilih{' '}
          <em>Buat kode pasang</em>. Pindai kode QR-nya dengan kamera tablet, atau ketik kodenya di sini.
        </p>
        <form className="stasiun-pasang-form" onSubmit={submit} noValidate>
          {error && (
            <Banner kind="error" title="Stasiun belum dipasangkan">
              <p>{error}</p>
            </Banner>
          )}
          <TextField
            label="Kode pasang"
            hint="Berlaku 10 menit dan hanya sekali. Tautan dari kode QR juga dapat ditempel di sini."
            value={text}
            onChange={setText}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-X"
            aria-invalid={Boolean(error)}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
              {busy ? 'Memasangkan…' : 'Pasangkan'}
            </button>
          </div>
        </form>
        <p className="muted small">
          Peramban memperingatkan sertifikat komputer induk karena dibuat sendiri oleh aplikasi; terima sekali di
          jaringan gudang. Setelah dipasangkan, pilih nama Anda seperti di komputer induk.
        </p>
      </div>
    </main>
  )
}
