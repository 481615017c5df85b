import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A poll waits for a render or an answer; on a loaded two-core CI machine one second is too short.
    expect: { poll: { timeout: 10_000 } },
  },
})
