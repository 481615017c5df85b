import type { DokumenJenis } from '../api/contract/dokumen'
import {
  DOC_TYPES,
  DOC_TYPE_CODES,
  defaultNomorPattern,
  readSigners,
  type DocType,
  type Signer,
} from '../core/documents'
import { refused } from '../core/errors'
import { validateNomorPattern } from '../core/nomorSurat'
import { jenisSetting, setJenisSetting } from '../db/dokumen'
import { hapusDraf } from '../db/draf'
import { penandaTanganDrafKunci } from '../core/draf'
import { writeTx, type Actor, type ReadContext, type ServiceContext } from './context'
import { requireElection } from './pemilihan'
import { reading } from './reading'

/**
 * Per document type: its own number pattern (or the election's default) and who signs it. Signers are
 * kept as JSON; they are checked on the way in (the API schema) and read back leniently, so a
 * hand-edited row cannot break printing.
 */

export function jenisOf(ctx: ReadContext, type: DocType): DokumenJenis {
  const election = requireElection(reading(ctx))
  const spec = DOC_TYPES[type]
  const row = jenisSetting(ctx.db, type)
  let signers: Signer[] = spec.defaultSigners
  if (row) signers = readSigners(safeJson(row.signers)) ?? signers
  return {
    type,
    title: spec.title,
    kode: spec.kode,
    numbered: spec.numbered,
    description: spec.description,
    nomorPattern: row?.pattern ?? defaultNomorPattern(type, election.nomorPattern),
    ownPattern: row?.pattern ?? null,
    signers,
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export function daftarJenis(ctx: ReadContext): DokumenJenis[] {
  return DOC_TYPE_CODES.map((t) => jenisOf(ctx, t))
}

export function aturJenis(
  ctx: ServiceContext,
  who: Actor,
  type: DocType,
  nomorPattern: string | null,
  signers: Signer[],
): DokumenJenis {
  requireElection(ctx)
  if (nomorPattern !== null && nomorPattern !== '') {
    const problems = validateNomorPattern(nomorPattern)
    if (problems.length)
      throw refused(
        'Pola nomor dokumen tidak sah',
        problems.map((message) => ({ column: 'nomorPattern', message })),
      )
  }
  const issues = signers.flatMap((s, i) =>
    s.nama.trim() === '' && s.jabatan.trim() === ''
      ? [{ row: i + 1, column: 'nama', message: 'Isi nama atau jabatan penanda tangan, atau hapus barisnya' }]
      : [],
  )
  if (issues.length) throw refused('Penanda tangan tidak lengkap', issues)
  writeTx(ctx, who, 'dokumen.aturJenis', () => {
    setJenisSetting(ctx.db, type, nomorPattern || null, JSON.stringify(signers))
    // The form that typed it is no longer a draft.
    hapusDraf(ctx.db, 'pengaturan', penandaTanganDrafKunci(type))
    return { result: null, detail: { type, nomorPattern, signers } }
  })
  return jenisOf(ctx, type)
}
