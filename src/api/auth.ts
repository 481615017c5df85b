import type { ErrorBody } from '../core/errors'
import { ROLE_LABEL, roleAtLeast, type Access } from '../core/roles'
import { hasAdmin } from '../services/pengguna'
import type { ServiceContext } from '../services/context'
import type { SessionStore } from '../services/sesi'
import type { CallMeta } from './callMeta'
import { contract, type MethodName } from './contract'
import { aktorDiStasiun, cakupanMengizinkan, CAKUPAN_LABEL, hanyaDiHost } from '../core/stasiun'

/** Methods a file without an admin still allows: setting up the election and making its first admin. */
const BOOTSTRAP = new Set(['pemilihan.buat', 'pengguna.tambahAdminPertama'])

/** Transports that are the machine's own (the CLI run by whoever has the file, tests): no session. */
const TRUSTED = new Set<CallMeta['transport']>(['cli', 'test'])

/** A call of the machine itself: the CLI or a test, with no window's session. */
export const isMachine = (meta: CallMeta): boolean => TRUSTED.has(meta.transport) && !meta.session

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
    const station = meta.stasiun
    const user = sessions.resolve(meta.session, station?.id ?? null)
    if (user)
      meta = {
        ...meta,
        actor: station ? aktorDiStasiun(user.nama, station.nama) : user.nama,
        userId: user.id,
        role: user.role,
      }
    if (station) {
      const refusal = stationRefusal(method, station)
      if (refusal) return { ok: false, error: refusal }
    }
    if (meta.transport === 'dialog') return dialogCall(method, meta)
    if (access === 'semua') return { ok: true, meta }
    if (meta.transport === 'cli' && !meta.session && access !== 'operator') {
      // Whoever holds the file may count on the command line as the machine, but what needs a koordinator's
      // or admin's PIN in the app needs it here too (gudang --user NAMA): every row then names that person.
      if (!hasAdmin(ctx) && BOOTSTRAP.has(method)) return { ok: true, meta }
      return { ok: false, error: cliRefusal(method, access, hasAdmin(ctx)) }
    }
    if (isMachine(meta)) return { ok: true, meta }
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

/**
 * A choice a person made in the desktop app's system dialog, passed on by its main process: the folder is
 * theirs to pick without a PIN (issue 15: folders "the user picked in a dialog"); nothing else goes this way.
 */
function dialogCall(method: string, meta: CallMeta): { ok: true; meta: CallMeta } | { ok: false; error: ErrorBody } {
  if (method === 'cadangan.pilihFolder') return { ok: true, meta }
  return { ok: false, error: { code: 'FORBIDDEN', message: `${method} tidak dapat dipanggil dari jendela pemilih` } }
}

/** What a koordinator or admin method answers on the command line without `--user`. */
function cliRefusal(method: string, access: 'koordinator' | 'admin', admin: boolean): ErrorBody {
  if (!admin)
    return {
      code: 'AUTH_REQUIRED',
      need: 'admin',
      message:
        'Berkas ini belum memiliki admin. Buat admin pertama dulu: gudang init --admin NAMA untuk berkas baru, atau gudang admin-pertama --db BERKAS --user NAMA; tidak ada yang dicatat.',
    }
  return {
    code: 'AUTH_REQUIRED',
    need: access,
    message: `${method} memerlukan ${ROLE_LABEL[access].toLowerCase()}: jalankan dengan --user NAMA (PIN ditanyakan di terminal, atau dari variabel lingkungan GUDANG_PIN untuk skrip); tidak ada yang dicatat.`,
  }
}

/** A LAN station's scope (core/stasiun.ts), checked before the user's role: a station does only its job. */
function stationRefusal(method: string, station: NonNullable<CallMeta['stasiun']>): ErrorBody | null {
  const spec = contract[method as MethodName]
  if (!spec) return null
  if (cakupanMengizinkan(station.cakupan, method, { writes: spec.writes, long: spec.long === true })) return null
  return {
    code: 'FORBIDDEN',
    message: hanyaDiHost(method)
      ? `${spec.description}: hanya dapat dilakukan di komputer induk, tidak dari stasiun ${station.nama}`
      : `Stasiun ${station.nama} bercakupan ${CAKUPAN_LABEL[station.cakupan].toLowerCase()}; ${method} tidak termasuk. Lakukan di komputer induk atau minta admin mengubah cakupannya; tidak ada yang dicatat.`,
  }
}
