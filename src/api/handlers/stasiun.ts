import { refused } from '../../core/errors'
import { formatSidikJari } from '../../core/stasiun'
import { chainHead } from '../../db/ledger'
import * as stasiun from '../../services/stasiun'
import type { Stasiun } from '../contract/stasiun'
import { LAN_OFF, type LanHostSlot } from '../lan'
import type { HandlerContext, NamespaceHandlers } from './context'

export function stasiunHandlers({ ctx, lan, sessions }: HandlerContext): NamespaceHandlers<'stasiun'> {
  const seen = (s: Stasiun) => ({ ...s, terakhirTerlihat: lan.current?.terakhirTerlihat(s.id) ?? null })
  const hostStatus = () => lihatHost(ctx, lan)
  /** A revoked or re-paired station loses its sessions and live feed at once. */
  const disconnect = (id: number) => {
    sessions.akhiriStasiun(id)
    lan.current?.putuskan(id)
  }
  return {
    'stasiun.daftar': () => stasiun.daftar(ctx).map(seen),
    'stasiun.tambah': (i, m) => seen(stasiun.tambah(ctx, m, i)),
    'stasiun.ubah': (i, m) => seen(stasiun.ubah(ctx, m, i)),
    'stasiun.cabut': (i, m) => {
      const s = stasiun.cabut(ctx, m, i.id)
      disconnect(i.id)
      return seen(s)
    },
    'stasiun.buatKodePasang': (i, m) => {
      const status = lan.current?.status() ?? LAN_OFF
      if (!status.berjalan || status.port === null || status.sidikJari === null)
        throw refused('Mode induk belum menyala; nyalakan dulu di Pengaturan › Stasiun, lalu buat kode pasang')
      return stasiun.buatKodePasang(ctx, m, i.id, {
        alamat: status.alamat,
        port: status.port,
        sidikJari: status.sidikJari,
      })
    },
    'stasiun.lihatHost': () => hostStatus(),
    'stasiun.aturHost': async (i, m) => {
      const setting = stasiun.aturSetelanHost(ctx, m, i)
      await lan.current?.terapkan(setting)
      return hostStatus()
    },
    'stasiun.lihatSaya': (_i, m) => {
      const me = m.stasiun ? stasiun.daftar(ctx).find((s) => s.id === m.stasiun!.id) : undefined
      return { stasiun: me ? seen(me) : null, kepala: chainHead(ctx.db) }
    },
    'stasiun.buktikan': (i, m) => stasiun.buktikan(ctx, m, i.kepala),
  }
}

function lihatHost(ctx: HandlerContext['ctx'], lan: LanHostSlot) {
  const status = lan.current?.status() ?? LAN_OFF
  return {
    setelan: stasiun.lihatSetelanHost(ctx),
    berjalan: status.berjalan,
    alamat: status.alamat,
    port: status.port,
    portHttp: status.portHttp,
    sidikJari: status.sidikJari ? formatSidikJari(status.sidikJari) : null,
    galat: status.galat,
    alarm: stasiun.daftarAlarm(ctx),
    tersambung: status.tersambung,
  }
}
