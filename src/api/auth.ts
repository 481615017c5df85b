import type { ErrorBody } from '../core/errors'
import { ROLE_LABEL, roleAtLeast, type Access } from '../core/roles'
import { hasAdmin } from '../services/pengguna'
import type { ServiceContext } from '../services/context'
import type { SessionStore } from '../services/sesi'
import type { CallMeta } from './callMeta'

/** Methods a file without an admin still allows: setting up the election and making its first admin. */
const BOOTSTRAP = new Set(['pemilihan.buat', 'pengguna.tambahAdminPertama'])

/** Transports that are the machine's own (the CLI run by whoever has the file, tests): no session. */
const TRUSTED = new Set<CallMeta['transport']>(['cli', 'test'])

export type Authorizer = (
  method: string,
  access: Access,
  meta: CallMeta,
) => { ok: true; meta: CallMeta } | { ok: false; error: ErrorBody }

/**
 * Decides whether the user chosen in this window may call the method, and names that user as the actor
 * recorded on every ledger row, audit entry and document.
 */
export function createAuthorizer(ctx: ServiceContext, sessions: SessionStore): Authorizer {
  return (method, access, meta) => {
    const user = sessions.resolve(meta.session)
    if (user) meta = { ...meta, actor: user.nama, userId: user.id, role: user.role }
    if (access === 'semua') return { ok: true, meta }
    if (TRUSTED.has(meta.transport) && !meta.session) return { ok: true, meta }
    if (!hasAdmin(ctx)) {
      if (BOOTSTRAP.has(method)) return { ok: true, meta }
      return {
        ok: false,
        error: {
          code: 'AUTH_REQUIRED',
          need: 'admin',
          message: 'Berkas ini belum memiliki admin. Buat admin pertama (nama dan PIN) sebelum mencatat apa pun.',
        },
      }
    }
    if (!user) {
      return {
        ok: false,
        error: {
          code: 'AUTH_REQUIRED',
          need: access,
          message: meta.session
            ? 'Sesi pengguna sudah berakhir (tidak aktif terlalu lama). Pilih nama Anda lagi; tidak ada yang dicatat.'
            : 'Pilih nama Anda dulu (tombol pengguna di kanan atas); tidak ada yang dicatat.',
        },
      }
    }
    if (!roleAtLeast(user.role, access)) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          need: access,
          message: `Tindakan ini memerlukan ${ROLE_LABEL[access].toLowerCase()}; ${user.nama} adalah ${ROLE_LABEL[user.role].toLowerCase()}. Minta ${ROLE_LABEL[access].toLowerCase()} memasukkan PIN-nya; tidak ada yang dicatat.`,
        },
      }
    }
    return { ok: true, meta }
  }
}
