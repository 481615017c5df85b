/**
 * What every benchmark line is made of: the median of several runs, the highest resident memory seen
 * while they ran, a raw baseline beside it, and the target the issue sets. The lines are printed as
 * they come and, at the end, written to docs/benchmarks.md with the machine they were taken on.
 */
import { cpus, totalmem, type as osType, release } from 'node:os'
import { performance } from 'node:perf_hooks'

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

/** Samples the resident set size while `fn` runs (every 25 ms, and at both ends). */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25)
  try {
    const result = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, peakMb: peak / 1024 / 1024 }
  } finally {
    clearInterval(timer)
  }
}

/** The median time of `runs` runs of fn, and the peak memory over all of them. */
export async function timed(
  runs: number,
  fn: () => unknown | Promise<unknown>,
): Promise<{ ms: number; peakMb: number }> {
  const ms: number[] = []
  const { peakMb } = await withPeakRss(async () => {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await fn()
      ms.push(performance.now() - t0)
    }
  })
  return { ms: median(ms), peakMb }
}

/** Like timed, but each run starts from what `setup` makes, and only `fn` is on the clock. */
export async function timedAfter<S>(
  runs: number,
  setup: () => S | Promise<S>,
  fn: (s: S) => unknown | Promise<unknown>,
  teardown: (s: S) => unknown = () => {},
): Promise<{ ms: number; peakMb: number }> {
  const ms: number[] = []
  const { peakMb } = await withPeakRss(async () => {
    for (let i = 0; i < runs; i++) {
      const s = await setup()
      const t0 = performance.now()
      await fn(s)
      ms.push(performance.now() - t0)
      await teardown(s)
    }
  })
  return { ms: median(ms), peakMb }
}

export interface Line {
  name: string
  app: number
  raw: number | null
  /** Peak resident memory of the process while the app's side ran, in MB. */
  peakMb: number | null
  extra: string
  unit: 'ms'
}

export interface Target {
  /** Which lines it judges (by the start of their name). */
  line: RegExp
  /** The issue's words for the target. */
  text: string
  check(l: Line): { ok: boolean; by: string }
}

const msText = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`)

export const under =
  (ms: number): Target['check'] =>
  (l) => ({
    ok: l.app < ms,
    by:
      l.app < ms
        ? `${msText(l.app)} < ${msText(ms)}`
        : `${msText(l.app)}: ${(l.app / ms).toFixed(2)}x the ${msText(ms)} target`,
  })
export const withinRaw =
  (factor: number): Target['check'] =>
  (l) => {
    const ratio = l.raw ? l.app / l.raw : Infinity
    return {
      ok: ratio <= factor,
      by:
        ratio <= factor
          ? `${ratio.toFixed(2)}x raw ≤ ${factor}x`
          : `${ratio.toFixed(2)}x raw, ${(ratio / factor).toFixed(2)}x over the ${factor}x target`,
    }
  }
export const peakUnder =
  (mb: number): Target['check'] =>
  (l) => ({
    ok: l.peakMb !== null && l.peakMb < mb,
    by:
      l.peakMb === null
        ? 'no figure'
        : l.peakMb < mb
          ? `peak ${l.peakMb.toFixed(0)} MB < ${mb} MB`
          : `peak ${l.peakMb.toFixed(0)} MB, over the ${mb} MB target`,
  })

export class Report {
  readonly lines: Line[] = []
  readonly notes: string[] = []

  /** Prints and keeps one line: the app's figure beside the raw baseline, with the ratio. */
  add(name: string, app: number, raw: number | null, opts: { peakMb?: number | null; extra?: string } = {}): void {
    const line: Line = { name, app, raw, peakMb: opts.peakMb ?? null, extra: opts.extra ?? '', unit: 'ms' }
    this.lines.push(line)
    const ratio = raw ? `   ratio ${(app / raw).toFixed(2)}x` : ''
    const rawText = raw !== null ? `   raw ${msText(raw).padStart(10)}` : ''
    const peak = line.peakMb !== null ? `   puncak ${line.peakMb.toFixed(0)} MB` : ''
    console.log(
      `${name.padEnd(52)} app ${msText(app).padStart(10)}${rawText}${ratio}${peak}${line.extra ? '   ' + line.extra : ''}`,
    )
  }

  note(text: string): void {
    this.notes.push(text)
    console.log(text)
  }

  verdicts(targets: readonly Target[]): { target: Target; line: Line | null; ok: boolean; by: string }[] {
    return targets.map((t) => {
      const line = this.lines.find((l) => t.line.test(l.name)) ?? null
      if (!line) return { target: t, line, ok: false, by: 'not measured' }
      return { target: t, line, ...t.check(line) }
    })
  }

  markdown(targets: readonly Target[], context: { title: string; runs: number; seconds: number }): string {
    const cell = (n: number | null) => (n === null ? '—' : msText(n))
    const rows = this.lines.map(
      (l) =>
        `| ${l.name} | ${cell(l.app)} | ${cell(l.raw)} | ${l.raw ? `${(l.app / l.raw).toFixed(2)}x` : '—'} | ${l.peakMb === null ? '—' : `${l.peakMb.toFixed(0)} MB`} | ${l.extra} |`,
    )
    const verdicts = this.verdicts(targets).map(
      (v) => `| ${v.target.text} | ${v.ok ? 'tercapai' : '**meleset**'} | ${v.by} |`,
    )
    return [
      '# Benchmarks',
      '',
      '<!-- Written by `npm run bench` (test/bench/run.ts); the analysis below the figures is kept by hand in test/bench/analysis.md. -->',
      '',
      `${context.title}. Median of ${context.runs} runs unless a line says otherwise; "raw" is the same work with the fewest layers`,
      '(raw better-sqlite3, a raw pdfmake job of the same page count, a raw exceljs workbook); peak is the resident memory of the',
      'benchmark process while that line ran — or, where the notes say "proses sendiri", of the process that ran only that job',
      `(and its baseline in another), as the app's job thread would. The whole run took ${Math.round(context.seconds / 60)} minutes.`,
      '',
      '## Machine',
      '',
      ...machine().map((m) => `- ${m}`),
      '',
      '## Figures',
      '',
      '| What | App | Raw | Ratio | Peak | Notes |',
      '|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
      '## Targets (issue "Scale")',
      '',
      '| Target | Result | By how much |',
      '|---|---|---|',
      ...verdicts,
      '',
      ...(this.notes.length ? ['## Notes from this run', '', ...this.notes.map((n) => `- ${n.trim()}`), ''] : []),
    ].join('\n')
  }
}

export function machine(): string[] {
  const c = cpus()
  return [
    `Taken ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `CPU: ${c[0]?.model ?? 'unknown'} × ${c.length} cores`,
    `Memory: ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    `OS: ${osType()} ${release()}`,
    `Node ${process.version} (${process.platform}/${process.arch})`,
  ]
}
