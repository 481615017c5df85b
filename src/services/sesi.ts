import { randomBytes } from 'node:crypto'
import { AppError, refused } from '../core/errors'
import { ELEVATED_IDLE_MS, LOCK_MS, MAX_PIN_ATTEMPTS, needsPin } from '../core/roles'
import type { Pengguna } from '../api/contract/pengguna'
import type { Sesi } from '../api/contract/sesi'
import { pinOf } from '../db/pengguna'
import { insertSesiLog, pinEventsOf, type SesiEvent } from '../db/sesi'
import { writeTx, type ServiceContext } from './context'
import { DEMO_DATA_NOTE } from './demo'
import * as pemilihan from './pemilihan'
import { checkPin, daftar as daftarPengguna, DEMO_USERS, getUser, hasAdmin } from './pengguna'

/**
 * Who is at the keyboard of each window (Electron) or browser tab. Sessions live in memory only: a
 * restart asks again, which is what a shared warehouse PC should do. An operator stays until someone
 * else is chosen; a koordinator or admin lapses after ELEVATED_IDLE_MS without a call.
 */
interface Session {
  id: string
  userId: number
  transport: string
  lastSeen: number
  /** The LAN station it was opened on (issue 16); a session is only good where it was opened. */
  stasiunId: number | null
}

function logSession(ctx: ServiceContext, userId: number | null, nama: string, event: SesiEvent, transport: string) {
  // A write like any other: the session log is evidence, so its rows are sealed in the jejak chain.
  writeTx(ctx, { actor: nama }, `sesi.${event}`, () => {
    insertSesiLog(ctx.db, { at: ctx.now().toISOString(), userId, nama, event, transport })
    return { result: undefined, detail: { transport } }
  })
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private readonly failures = new Map<number, { count: number; lockedUntil: number }>()
  /** Wrong PINs per LAN station, whoever was tried: guessing across users on one station locks it too. */
  private readonly stationFailures = new Map<number, { count: number; lockedUntil: number }>()

  constructor(private readonly ctx: ServiceContext) {}

  /** The user behind a session id, or null; touching it keeps an elevated session alive. */
  resolve(sessionId: string | undefined, stasiunId: number | null = null): Pengguna | null {
    if (!sessionId) return null
    const s = this.sessions.get(sessionId)
    if (!s || s.stasiunId !== stasiunId) return null
    const user = getUser(this.ctx, s.userId)
    const now = this.ctx.now().getTime()
    if (!user || !user.active) {
      this.sessions.delete(sessionId)
      return null
    }
    if (needsPin(user.role) && now - s.lastSeen > ELEVATED_IDLE_MS) {
      this.sessions.delete(sessionId)
      logSession(this.ctx, user.id, user.nama, 'kedaluwarsa', s.transport)
      return null
    }
    s.lastSeen = now
    return user
  }

  lihat(sessionId: string | undefined, stasiunId: number | null = null): Sesi {
    const user = this.resolve(sessionId, stasiunId)
    const s = user && sessionId ? this.sessions.get(sessionId) : undefined
    return {
      user,
      sessionId: s ? s.id : null,
      expiresAt: s && user && needsPin(user.role) ? new Date(s.lastSeen + ELEVATED_IDLE_MS).toISOString() : null,
      needsFirstAdmin: !hasAdmin(this.ctx),
      idleMinutes: ELEVATED_IDLE_MS / 60_000,
      demoPins: this.demoPins(),
    }
  }

  /** Whether a user's stored PIN is still a demo PIN, by user and PIN: scrypt is too slow for every look. */
  private readonly demoPinStillSet = new Map<string, boolean>()

  /** The demo users (pengguna.DEMO_USERS) whose PIN is still the published one, on the demo election only. */
  private demoPins(): Sesi['demoPins'] {
    if (pemilihan.lihat(this.ctx)?.dataNote !== DEMO_DATA_NOTE) return []
    const users = daftarPengguna(this.ctx)
    const out: Sesi['demoPins'] = []
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.nama === demo.nama && u.active)
      if (!user || !demo.pin || !needsPin(user.role)) continue
      const key = `${user.id}:${pinOf(this.ctx.db, user.id)?.hash ?? ''}`
      let still = this.demoPinStillSet.get(key)
      if (still === undefined) {
        still = checkPin(this.ctx, user.id, demo.pin)
        this.demoPinStillSet.set(key, still)
      }
      if (still) out.push({ userId: user.id, pin: demo.pin })
    }
    return out
  }

  /**
   * Every PIN check (sign-in, gantiPin's old PIN): a wrong PIN is counted per user and per station;
   * after MAX_PIN_ATTEMPTS that user (or station) is locked for LOCK_MS. Throws the refusal; returns
   * when the PIN is right.
   */
  guardPin(user: Pengguna, pin: string | undefined, transport: string, stasiunId: number | null = null): void {
    const now = this.ctx.now().getTime()
    const sf = stasiunId === null ? undefined : this.stationFailures.get(stasiunId)
    if (sf && sf.lockedUntil > now) {
      const minutes = Math.ceil((sf.lockedUntil - now) / 60_000)
      throw refused(
        `PIN salah ${MAX_PIN_ATTEMPTS} kali di stasiun ini; masuk dengan PIN di stasiun ini terkunci, coba lagi dalam ${minutes} menit`,
        [{ column: 'pin', message: 'Stasiun terkunci sementara' }],
      )
    }
    const f = this.failures.get(user.id) ?? this.failuresFromLog(user.id)
    if (f && f.lockedUntil > now) {
      const minutes = Math.ceil((f.lockedUntil - now) / 60_000)
      throw refused(`PIN ${user.nama} salah ${MAX_PIN_ATTEMPTS} kali; coba lagi dalam ${minutes} menit`, [
        { column: 'pin', message: 'Terkunci sementara' },
      ])
    }
    if (!pin)
      throw refused(`${user.nama} adalah ${user.role}; masukkan PIN-nya`, [
        { column: 'pin', message: 'PIN wajib diisi' },
      ])
    if (!checkPin(this.ctx, user.id, pin)) {
      const count = (f && f.lockedUntil <= now && f.count >= MAX_PIN_ATTEMPTS ? 0 : (f?.count ?? 0)) + 1
      const locked = count >= MAX_PIN_ATTEMPTS
      this.failures.set(user.id, { count, lockedUntil: locked ? now + LOCK_MS : 0 })
      if (stasiunId !== null) {
        const sc = (sf && sf.lockedUntil <= now && sf.count >= MAX_PIN_ATTEMPTS ? 0 : (sf?.count ?? 0)) + 1
        this.stationFailures.set(stasiunId, { count: sc, lockedUntil: sc >= MAX_PIN_ATTEMPTS ? now + LOCK_MS : 0 })
      }
      logSession(this.ctx, user.id, user.nama, locked ? 'terkunci' : 'pin_salah', transport)
      const left = MAX_PIN_ATTEMPTS - count
      throw refused(
        locked
          ? `PIN ${user.nama} salah ${MAX_PIN_ATTEMPTS} kali; terkunci ${LOCK_MS / 60_000} menit`
          : `PIN salah; sisa ${left} kali sebelum terkunci`,
        [{ column: 'pin', message: 'PIN salah' }],
      )
    }
    this.failures.delete(user.id)
    if (stasiunId !== null) this.stationFailures.delete(stasiunId)
  }

  /**
   * The wrong PINs in a row the session log holds for a user this process has not counted yet, so the
   * lockout outlives the process: every `gudang --user` run is a new one, and 5 tries per run would be
   * no lockout at all. A sign-in ends the count; a lock whose time is up restarts it, as in memory.
   */
  private failuresFromLog(userId: number): { count: number; lockedUntil: number } | undefined {
    let count = 0
    for (const e of pinEventsOf(this.ctx.db, userId, MAX_PIN_ATTEMPTS + 1)) {
      if (e.event === 'masuk') break
      if (e.event === 'terkunci') {
        if (count === 0) return { count: MAX_PIN_ATTEMPTS, lockedUntil: Date.parse(e.at) + LOCK_MS }
        break
      }
      count++
    }
    return count > 0 ? { count, lockedUntil: 0 } : undefined
  }

  /**
   * Chooses a user for this window. The old session (if any) ends: switching operator is one step.
   * A wrong PIN is counted per user; after MAX_PIN_ATTEMPTS that user is locked for LOCK_MS.
   */
  masuk(
    previous: string | undefined,
    userId: number,
    pin: string | undefined,
    transport: string,
    stasiunId: number | null = null,
  ): Sesi {
    const user = getUser(this.ctx, userId)
    if (!user || !user.active)
      throw new AppError('NOT_FOUND', `Pengguna dengan id ${userId} tidak ada atau tidak aktif`)
    const now = this.ctx.now().getTime()
    if (needsPin(user.role)) this.guardPin(user, pin, transport, stasiunId)
    if (previous) this.keluar(previous, stasiunId)
    const id = randomBytes(18).toString('base64url')
    this.sessions.set(id, { id, userId: user.id, transport, lastSeen: now, stasiunId })
    logSession(this.ctx, user.id, user.nama, 'masuk', transport)
    return this.lihat(id, stasiunId)
  }

  keluar(sessionId: string | undefined, stasiunId: number | null = null): Sesi {
    const s = sessionId ? this.sessions.get(sessionId) : undefined
    if (s && s.stasiunId === stasiunId) {
      this.sessions.delete(s.id)
      const user = getUser(this.ctx, s.userId)
      if (user) logSession(this.ctx, user.id, user.nama, 'keluar', s.transport)
    }
    return this.lihat(undefined, stasiunId)
  }

  /** A revoked station's people are signed out at once. */
  akhiriStasiun(stasiunId: number): void {
    for (const s of this.sessions.values()) if (s.stasiunId === stasiunId) this.sessions.delete(s.id)
    this.stationFailures.delete(stasiunId)
  }

  /** After a restore the users may be different people: everyone chooses again. */
  clear(): void {
    this.sessions.clear()
    this.failures.clear()
    this.stationFailures.clear()
  }
}
