/**
 * The numbers a bendahara needs to pay a worker and report the tax withheld (issue 13): NIK, NPWP, bank
 * account. Written as people and spreadsheets write them (spaces, dots, dashes between the digits), kept as
 * digits only.
 */
export const digitsOnly = (s: string) => s.replace(/[\s.\-/]/g, '')

/**
 * Why a NIK (digits only) is not one, or null: 16 digits, the 7th to 12th the birth date DDMMYY with 40
 * added to the day for a woman (Permendagri on the NIK; DOMAIN.md §10). The province code is not 00.
 */
export function nikProblem(nik: string): string | null {
  if (!/^\d{16}$/.test(nik)) return 'NIK harus 16 angka'
  if (nik.startsWith('00')) return 'NIK diawali kode provinsi; 00 bukan kode provinsi'
  const dd = Number(nik.slice(6, 8))
  const mm = Number(nik.slice(8, 10))
  const day = dd > 40 ? dd - 40 : dd
  // A two-digit year: any century has 29 February in year 00 or a leap year, so only the month's length is checked.
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]
  if (days === undefined || day < 1 || day > days)
    return `Tanggal lahir dalam NIK (${nik.slice(6, 12)}) bukan tanggal yang ada`
  return null
}

/** Why an NPWP (digits only) is not one, or null: 15 digits, or 16 (the NIK serving as NPWP since 2024). */
export function npwpProblem(npwp: string): string | null {
  return /^\d{15,16}$/.test(npwp) ? null : `NPWP harus 15 atau 16 angka, bukan ${npwp.length}`
}

/** Why a bank account number (digits only) is not one, or null: 6 to 20 digits. */
export function rekeningProblem(no: string): string | null {
  return /^\d{6,20}$/.test(no) ? null : 'Nomor rekening berisi 6 sampai 20 angka'
}
