import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crashTest } from '../crash/harness'
import { useTempDir } from '../support/tempDir'

/**
 * A few kills in every test run (three: each starts the writer through tsx, seconds on a busy machine);
 * `npm run crashtest` does hundreds.
 */
const dir = useTempDir('crash')

/** Deterministic "random" moments, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

describe('power loss: the writer killed with SIGKILL at random moments', () => {
  it('leaves an intact file holding every acknowledged write', async () => {
    const lines: string[] = []
    const r = await crashTest(join(dir, 'crash.sqlite'), 3, seeded(20241127), (s) => lines.push(s))
    console.log(lines.join('\n'))
    console.log(`Uji mati listrik: ${r.kills} pembunuhan, ${r.acknowledged} tulisan diakui, ${r.lost.length} hilang`)
    expect(r.problems).toEqual([])
    expect(r.lost).toEqual([])
    // The writer did write between kills: otherwise the test would prove nothing.
    expect(r.acknowledged).toBeGreaterThan(5)
  })
})
