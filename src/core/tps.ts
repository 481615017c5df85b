/**
 * How a TPS is written everywhere: on screens, berita acara, kotak labels, daftar isi and file names. KPU forms
 * and box labels print the number three digits wide ("TPS 001"); a larger number keeps all its digits.
 */
export function formatTpsNumber(nomor: number): string {
  return `TPS ${String(nomor).padStart(3, '0')}`
}
