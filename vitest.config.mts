import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // No single test may need more than 30 s on two busy cores: a slower one is split or made cheaper
    // (speed targets live in `npm run bench`). A file's set-up (a packaged app, a browser, a seeded
    // floor) gets twice that.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one): most files wait on
    // Chromium, pdftotext, zbarimg, a job's worker thread or a spawned `gudang` half the time.
    maxWorkers: 2,
    // A poll waits for a render or an answer; on a loaded two-core CI machine one second is too short.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      // Pure functions and source checks: one process shares the loaded modules across files.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'app', include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'] } },
    ],
  },
})
