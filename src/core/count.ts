/**
 * A count as a person types or pastes it: "1234", or grouped by thousands the Indonesian way, "1.234",
 * "12.345.678" (spaces as some spreadsheets copy them, "1 234", too). Anything else ("2,5", "1.23", "-4",
 * "dua") is not a whole number of sheets, and the message says why. Empty reads as null: a form decides
 * whether that is 0 or a missing field. Every form and the tally grid read counts here.
 */
export type CountRead = { ok: true; value: number | null } | { ok: false; message: string }

/** The most sheets or units one count may say: far above any satker's stock, so a slip of the keyboard is caught. */
export const MAX_COUNT = 100_000_000

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

export function parseCount(raw: string | null | undefined): CountRead {
  const s = (raw ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()
  if (s === '') return { ok: true, value: null }
  if (/^\d+$/.test(s) || /^\d{1,3}([. ]\d{3})+$/.test(s)) {
    const n = Number(s.replace(/[. ]/g, ''))
    if (n <= MAX_COUNT) return { ok: true, value: n }
    return { ok: false, message: `"${s}" terlalu besar; paling banyak ${grouped(MAX_COUNT)}` }
  }
  if (/^[-−]\s*\d/.test(s)) return { ok: false, message: `"${s}": jumlah tidak boleh negatif` }
  if (/^\d[\d., ]*$/.test(s))
    return { ok: false, message: `"${s}" bukan bilangan bulat; tulis tanpa desimal, mis. 1234 atau 1.234` }
  return { ok: false, message: `"${s}" bukan angka; isi dengan bilangan bulat, mis. 1234` }
}
