import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { byteFlipSuite, contentOf, judge, prepareFlipSource } from '../crash/byteFlips'
import { useTempDir } from '../support/api'

/**
 * Random page-level byte flips (issue 15), the short run: the first flips of the seed `npm run crashtest`
 * runs 150 of (test/crash/byteFlips.ts says how each is judged). Each is found (the recovery screen or
 * the verification names it) or provably harmless (plain SQLite reads every row and the schema exactly
 * as before and its integrity_check is ok); none is missed, none crashes or ends in an internal error.
 */
const dir = useTempDir('flips')
const source = join(dir, 'sumber.sqlite')
const FLIP_SEED = 15

beforeAll(async () => {
  await prepareFlipSource(source)
}, 60_000)

describe('byte flips of an election file', () => {
  it('the first 6 of the seed: each found or provably harmless, no crash', async () => {
    const report = await byteFlipSuite(source, dir, 6, FLIP_SEED)
    expect(report.crashes).toEqual([])
    expect(report.missed).toEqual([])
    expect(report.found + report.harmless).toBe(6)
  }, 30_000)

  it('the judge can fail: a flip inside a recorded value is found, not called harmless', async () => {
    const file = join(dir, 'nilai.sqlite')
    copyFileSync(source, file)
    const bytes = readFileSync(file)
    const at = bytes.indexOf('SJ-BALIK')
    expect(at).toBeGreaterThan(0)
    bytes[at + 3] = 'X'.charCodeAt(0)
    writeFileSync(file, bytes)
    // Plain SQLite reads the changed value without complaint: only the evidence can tell.
    expect(contentOf(file).integrity).toBe('ok')
    expect(contentOf(file).hash).not.toBe(contentOf(source).hash)
    expect(await judge(file, contentOf(source).hash)).toMatchObject({
      verdict: 'found',
      what: expect.stringMatching(/delivery|penerimaan/),
    })
  })
})
