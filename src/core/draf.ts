/**
 * Drafts (draf): what a person has typed but not yet saved, kept in the election file so it survives a
 * page change, a reload, a crash and another window. A draft is never a record: nothing is counted from
 * it, it is not audited, and saving the real thing removes it.
 *
 * A draft is found by its kind and key and is kept in parts, so two windows typing different teams of one
 * grid do not overwrite each other: a tally grid's key is its shift and variant, a part is one row of the
 * grid (a team, or a present worker of a team). A new delivery (penerimaan) being typed is one draft,
 * "baru", whose parts are the form's head ("kepala") and each line ("baris:1", ...); it is written whole.
 * A form of Pengaturan (pengaturan) is one draft per form: "pemilihan" (Pemilihan dan satker), "kop" (Kop
 * surat dan dokumen) and "ttd:<jenis dokumen>" (the signers of one document type); its parts are the form's
 * fields ("isian") and, for signers, each signer ("penanda:1", ...); it is written whole.
 */
export const DRAF_JENIS = ['tally', 'penerimaan', 'pengaturan'] as const
export type DrafJenis = (typeof DRAF_JENIS)[number]

/** A draft's key per kind, and whether a key is one. */
export const DRAF_KUNCI: Record<DrafJenis, RegExp> = {
  tally: /^[1-9]\d{0,9}:[1-9]\d{0,9}$/,
  penerimaan: /^baru$/,
  pengaturan: /^(pemilihan|kop|ttd:[A-Z][A-Z0-9_]{0,35})$/,
}

/** A draft's parts per kind. */
export const DRAF_BAGIAN: Record<DrafJenis, RegExp> = {
  tally: /^[tw]:[1-9]\d{0,9}$/,
  penerimaan: /^(kepala|baris:[1-9]\d{0,2})$/,
  pengaturan: /^(isian|penanda:[1-9]\d{0,1})$/,
}

export const PENERIMAAN_DRAF_KUNCI = 'baru'

/** The draft of one form of Pengaturan: its fields, or a document type's signers. */
export const PENGATURAN_DRAF_KUNCI = { pemilihan: 'pemilihan', kop: 'kop' } as const
export const penandaTanganDrafKunci = (docType: string): string => `ttd:${docType}`

export const tallyDrafKunci = (shiftId: number, variantId: number): string => `${shiftId}:${variantId}`

export function tallyDrafKunciOf(kunci: string): { shiftId: number; variantId: number } | null {
  if (!DRAF_KUNCI.tally.test(kunci)) return null
  const [s, v] = kunci.split(':').map(Number)
  return { shiftId: s!, variantId: v! }
}

/** One row of a tally grid, and its part of the draft: a team ("t:3") or a present worker ("w:12"). */
export const tallyRowId = (teamId: number, workerId: number | null | undefined): string =>
  workerId != null ? `w:${workerId}` : `t:${teamId}`

/** A part with nothing typed in it is no part: saving it removes it. */
export const isiKosong = (isi: Record<string, string>): boolean => Object.values(isi).every((v) => v.trim() === '')
