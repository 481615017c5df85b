import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { contract, fieldLabel, type MethodName } from '../../src/api/contract'
import { createDispatcher, type Handlers } from '../../src/api/dispatch'

/**
 * Errors name the field a person sees, never a method (issue 14: "Isian untuk shift.buka tidak sah").
 * Input is checked before any handler runs, so the dispatcher needs no database here.
 */
const dispatcher = createDispatcher({} as Handlers)
const meta = { actor: 'uji', transport: 'test' as const }
const methods = Object.keys(contract) as MethodName[]

/** Every property name of a JSON schema, at any depth. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out
  const s = schema as Record<string, unknown>
  if (s.properties && typeof s.properties === 'object')
    for (const [name, sub] of Object.entries(s.properties)) {
      out.add(name)
      propertyNames(sub, out)
    }
  for (const key of ['items', 'additionalProperties']) propertyNames(s[key], out)
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(s[key])) for (const x of s[key]) propertyNames(x, out)
  return out
}

describe('field labels', () => {
  it('every field of every method input has a label', () => {
    const missing: string[] = []
    for (const m of methods) {
      const schema = z.toJSONSchema(contract[m].input, { io: 'input', unrepresentable: 'any' })
      for (const name of propertyNames(schema)) if (!fieldLabel(m, name)) missing.push(`${m}: ${name}`)
    }
    expect(missing).toEqual([])
  })

  it('names a row, a record key by its field, and the thing an id is in its namespace', () => {
    expect(fieldLabel('tally.simpan', 'rows.0.serahkan')).toBe('Serahkan (baris 1)')
    expect(fieldLabel('tally.simpan', 'rows.2.rusak.CETAK')).toBe('Rusak (baris 3)')
    expect(fieldLabel('shift.buka', 'teams')).toBe('Regu')
    expect(fieldLabel('regu.ubah', 'id')).toBe('Regu')
    expect(fieldLabel('regu.ubah', 'nama')).toBe('Nama regu')
  })
})

describe('an invalid input through the dispatcher', () => {
  it('"Buka shift" with no team ticked names the field, not shift.buka', async () => {
    const res = await dispatcher.call(
      'shift.buka',
      { kind: 'sortir_lipat', tanggal: '2024-11-05', mulai: '08:00', selesai: '16:00', variantIds: [1], teams: [] },
      meta,
    )
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Isian belum benar: Regu — Pilih sedikitnya satu regu',
        details: [{ column: 'teams', message: 'Pilih sedikitnya satu regu' }],
      },
    })
  })

  it('several fields are listed by their labels', async () => {
    const res = await dispatcher.call('shift.buka', { kind: 'sortir_lipat', tanggal: '5/11/2024', mulai: '8' }, meta)
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.message).toBe('Isian belum benar: Tanggal, Mulai, Selesai, Regu')
  })

  it("no method answers a wrong input with its own name or its fields' code names", async () => {
    const named: string[] = []
    for (const m of methods) {
      for (const input of ['hapus semua', [{}], { tidakAda: 1 }]) {
        const res = await dispatcher.call(m, input, meta)
        if (res.ok || res.error.code !== 'INVALID_INPUT') continue
        const msg = res.error.message
        if (msg.includes(m) || msg.includes(m.split('.')[0]! + '.')) named.push(`${m}: ${msg}`)
        for (const d of res.error.details ?? [])
          if (d.column && !d.column.includes('.') && msg.includes(` ${d.column} `)) named.push(`${m}: ${msg}`)
      }
    }
    expect(named).toEqual([])
  })
})
