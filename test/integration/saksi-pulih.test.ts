import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordMoves } from '../../src/services/ledger'
import { openTestApp, useTempDir } from '../support/api'

/**
 * A restore rewinds the history on purpose (issue 15: no false alarm after backup/restore). The witnesses
 * made after the restored backup — a newer backup, a kode saksi shown, the journal's entries — belong to
 * the history that was put aside (kept as the …-sebelum-pulih file); the restore is itself written to the
 * journal, and from then on the file is checked against the witnesses up to the restored head and every
 * witness made after it.
 */
const root = useTempDir('saksi-pulih')
const saksiDir = join(root, 'data', 'saksi')

describe('after restoring an older backup', () => {
  it('the newer backup and the codes shown since are no alarm; the witnesses before it still hold', async () => {
    const app = await openTestApp({ dir: root, name: 'pemilihan', saksiDir })
    try {
      const v = app.ctx.db.prepare('SELECT id FROM barang_varian ORDER BY id LIMIT 1').pluck().get() as number
      const move = (qty: number) =>
        recordMoves(app.ctx, { actor: 'Ani' }, [{ variantId: v, from: 'PENYEDIA', to: 'DITERIMA', qty }])
      move(100)
      const early = await app.call('ledger.lihatKodeSaksi')
      const older = await app.call('cadangan.buat', {})
      move(200)
      await app.call('ledger.lihatKodeSaksi')
      await app.call('cadangan.buat', {})
      expect(await app.call('ledger.periksa', {})).toMatchObject({ ok: true, problems: [] })

      await app.call('cadangan.pulihkan', { file: older.file })
      const after = await app.call('ledger.periksa', {})
      expect(after.problems).toEqual([])
      expect(after.ok).toBe(true)
      // The code noted before the restored backup still checks out.
      expect(await app.call('ledger.periksaKodeSaksi', { kode: early.kode })).toMatchObject({ cocok: true })
      // Work goes on from the restored head: new rows take the numbers the put-aside history used.
      move(300)
      await app.call('ledger.lihatKodeSaksi')
      expect(await app.call('ledger.periksa', {})).toMatchObject({ ok: true, problems: [] })
    } finally {
      app.close()
    }
  }, 60_000)
})
