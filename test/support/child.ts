import { spawn, type ChildProcess } from 'node:child_process'
import { ROOT } from './paths'

/**
 * Node processes a test or a bench starts: their output collected as text as it comes. No vitest here:
 * `npm run bench` uses it too.
 */

/** Starts `node <args>` in the repository with stdout and stderr piped and collected. */
export function startNode(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')))
  return { child, out: () => out, err: () => err }
}

/**
 * Runs `node <args>` to its end, killed after `limitMs`, and parses the last line it printed as JSON; a
 * non-zero exit rejects naming `what` and the start of its stderr.
 */
export function lastJsonLine<T>(what: string, args: string[], limitMs: number, env?: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolve, reject) => {
    const { child, out, err } = startNode(args, env)
    const limit = setTimeout(() => child.kill('SIGKILL'), limitMs)
    child.on('exit', (code) => {
      clearTimeout(limit)
      if (code !== 0) reject(new Error(`${what} berhenti (${code}): ${err().slice(0, 2000)}`))
      else resolve(JSON.parse(out().trim().split('\n').at(-1)!) as T)
    })
  })
}
