/**
 * NIP, the civil servant number (DOMAIN.md §10): 18 digits = date of birth (yyyymmdd) + year and month
 * of appointment, TMT CPNS (yyyymm) + sex (1 male, 2 female) + a 3-digit sequence, written on papers
 * with spaces as 8-6-1-3 ("19800101 200501 1 001"). A signer's NIP that cannot be one is refused rather
 * than printed under a signature.
 */
export type NipCheck = { ok: true; value: string } | { ok: false; message: string }

const isDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** The NIP as printed (8-6-1-3), or why the text is not one. Empty text is no NIP and passes. */
export function checkNip(raw: string, today: Date = new Date()): NipCheck {
  const digits = raw.replace(/\s+/g, '')
  if (digits === '') return { ok: true, value: '' }
  if (!/^\d+$/.test(digits)) return { ok: false, message: 'NIP hanya berisi angka (boleh dengan spasi)' }
  if (digits.length !== 18) return { ok: false, message: `NIP harus 18 angka, bukan ${digits.length}` }
  const n = (a: number, b: number) => Number(digits.slice(a, b))
  const [by, bm, bd] = [n(0, 4), n(4, 6), n(6, 8)]
  if (!isDate(by, bm, bd))
    return { ok: false, message: `Tanggal lahir dalam NIP (${digits.slice(0, 8)}) bukan tanggal yang ada` }
  const [ty, tm] = [n(8, 12), n(12, 14)]
  if (tm < 1 || tm > 12) return { ok: false, message: `Bulan TMT dalam NIP (${digits.slice(8, 14)}) tidak ada` }
  // Appointed as a civil servant at 18 at the earliest, and not after today.
  if (ty * 12 + tm < (by + 18) * 12 + bm)
    return {
      ok: false,
      message: `TMT dalam NIP (${digits.slice(8, 14)}) sebelum usia 18 tahun menurut tanggal lahirnya`,
    }
  if (ty * 12 + tm > today.getFullYear() * 12 + today.getMonth() + 1)
    return { ok: false, message: `TMT dalam NIP (${digits.slice(8, 14)}) belum terjadi` }
  if (digits[14] !== '1' && digits[14] !== '2')
    return { ok: false, message: 'Angka ke-15 NIP (jenis kelamin) harus 1 atau 2' }
  if (digits.slice(15) === '000')
    return { ok: false, message: 'Nomor urut dalam NIP (3 angka terakhir) tidak boleh 000' }
  return { ok: true, value: `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits[14]} ${digits.slice(15)}` }
}
