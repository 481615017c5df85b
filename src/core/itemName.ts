// Its own module, not core/text.ts: the UI's first screen needs this and not the look-alike tables that
// core/names.ts (through text.ts) brings along.

/**
 * Ballot names are long ("Surat Suara Pemilihan Bupati dan Wakil Bupati"); tables, headers and cards use
 * "Surat suara Bupati" and keep the full name where there is room (a tooltip, the BA's own sentences).
 */
export function shortItemName(name: string): string {
  return name
    .replace(/^Surat Suara (Pemilihan )?/i, 'Surat suara ')
    .replace(/ dan Wakil [^(]*?(?=\s*\(|$)/i, '')
    .trim()
}
