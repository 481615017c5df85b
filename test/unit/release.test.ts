// The installers can only be built on GitHub's machines, so a mistake in the release workflow would
// otherwise surface at release time. What the packages hold is checked on a real package by
// test/integration/packaging.test.ts; this file holds the release workflow and the icons to what the
// release and the installers need.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// js-yaml comes with electron-builder and has no type declarations of its own.
const { load: parseYaml } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8')

interface BuilderConfig {
  directories?: { output?: string }
}
interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  needs?: string | string[]
  if?: string
  container?: string | { image: string; options?: string }
  strategy?: { matrix?: Record<string, unknown> }
  permissions?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: { push?: { tags?: string[] }; workflow_dispatch?: unknown }
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}
interface PackageJson {
  build?: unknown
  scripts: Record<string, string>
  homepage?: string
  author?: { name?: string; email?: string }
}

const config = parseYaml(read('electron-builder.yml')) as BuilderConfig
const WORKFLOW_TEXT = read('.github/workflows/release.yml')
const workflow = parseYaml(WORKFLOW_TEXT) as Workflow
const pkg = JSON.parse(read('package.json')) as PackageJson

const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(png: Buffer, what: string): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${what}: PNG signature`).toBe(true)
  expect(png.toString('latin1', 12, 16), `${what}: first chunk`).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('icon files', () => {
  it('resources/icon.png is a real 512x512 PNG', () => {
    expect(pngSize(readFileSync(join(ROOT, 'resources/icon.png')), 'icon.png')).toEqual({ width: 512, height: 512 })
  })

  it('resources/icons holds one PNG per hicolor size, each as large as its name says', () => {
    const dir = join(ROOT, 'resources/icons')
    expect(statSync(dir).isDirectory()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(LINUX_ICON_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const size of LINUX_ICON_SIZES) {
      const name = `${size}x${size}.png`
      expect(pngSize(readFileSync(join(dir, name)), name)).toEqual({ width: size, height: size })
    }
  })

  it('resources/icon.ico is an ICO of PNG entries 16 to 256 px', () => {
    const ico = readFileSync(join(ROOT, 'resources/icon.ico'))
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // icon, not cursor
    const count = ico.readUInt16LE(4)
    const sizes: number[] = []
    for (let i = 0; i < count; i++) {
      const at = 6 + 16 * i
      // One byte each: 0 stands for 256.
      const width = ico.readUInt8(at) || 256
      const height = ico.readUInt8(at + 1) || 256
      expect(height).toBe(width)
      expect(ico.readUInt16LE(at + 6)).toBe(32) // bits per pixel
      const length = ico.readUInt32LE(at + 8)
      const offset = ico.readUInt32LE(at + 12)
      expect(offset).toBeGreaterThanOrEqual(6 + 16 * count)
      expect(offset + length).toBeLessThanOrEqual(ico.length)
      const payload = ico.subarray(offset, offset + length)
      expect(pngSize(payload, `ico entry ${width}`)).toEqual({ width, height })
      sizes.push(width)
    }
    expect(sizes.sort((a, b) => a - b)).toEqual(ICO_SIZES)
  })
})

describe('package.json agrees with what is packaged', () => {
  it('keeps the packaging configuration in electron-builder.yml only, with what the deb needs', () => {
    // A "build" key would be a second configuration that silently loses to the YAML file.
    expect(pkg.build).toBeUndefined()
    expect(pkg.scripts.build).toBe('electron-vite build')
    // fpm refuses a deb without a maintainer address; electron-builder takes it from author.
    expect(pkg.author?.email).toMatch(/@/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
  })
})

describe('.github/workflows/release.yml', () => {
  const jobs = Object.entries(workflow.jobs)
  const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n')
  const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat())
  /** Every job that must finish before this one starts. */
  const before = (id: string): Set<string> => {
    const seen = new Set<string>()
    const visit = (name: string) => {
      for (const dep of needsOf(workflow.jobs[name]!)) {
        if (!seen.has(dep)) {
          seen.add(dep)
          visit(dep)
        }
      }
    }
    visit(id)
    return seen
  }
  const builderSteps = jobs.flatMap(([id, job]) =>
    job.steps.filter((s) => /electron-builder\b/.test(s.run ?? '')).map((step) => ({ id, job, step })),
  )

  it('runs on a pushed tag v* and by hand', () => {
    expect(workflow.on.push?.tags).toEqual(['v*'])
    expect('workflow_dispatch' in workflow.on).toBe(true)
  })

  it('builds the Windows installers on Windows and the Linux packages on Linux, never publishing itself', () => {
    const commands = builderSteps.map(({ step }) => step.run!.trim())
    expect(commands.sort()).toEqual([
      'npx electron-builder --linux --x64 --publish never',
      'npx electron-builder --win --x64 --publish never',
    ])
    for (const { job, step } of builderSteps) {
      const os = step.run!.includes('--win') ? 'Windows' : 'Linux'
      expect(step.if).toBe(`runner.os == '${os}'`)
      expect(job['runs-on']).toBe('${{ matrix.os }}')
      expect(job.strategy?.matrix?.os).toEqual(expect.arrayContaining(['windows-latest', 'ubuntu-latest']))
      // The renderer, preload and main bundles must exist before they are packaged.
      const build = job.steps.findIndex((s) => s.run === 'npx electron-vite build')
      expect(build).toBeGreaterThanOrEqual(0)
      expect(build).toBeLessThan(job.steps.indexOf(step))
    }
  })

  it('runs the whole test suite on a fresh Debian as root, where npm test installs what it needs, before packaging', () => {
    const testJobs = jobs.filter(([, job]) => /^npm test$/m.test(runs(job)))
    expect(testJobs).toHaveLength(1)
    const [testId, testJob] = testJobs[0]!
    const container = typeof testJob.container === 'string' ? { image: testJob.container } : testJob.container
    expect(container?.image).toMatch(/^debian:/)
    // The launcher installs the system tools with apt-get, which needs root: the container's default user.
    expect(container?.options ?? '').not.toMatch(/--user\b/)
    for (const { id } of builderSteps) expect(before(id)).toContain(testId)
  })

  it('runs the packaged app on each system before anything is uploaded', () => {
    expect(existsSync(join(ROOT, 'test/release/smoke.ts'))).toBe(true)
    for (const { job, step } of builderSteps) {
      const os = step.if!
      const smoke = job.steps.find((s) => s.if === os && /\btsx test\/release\/smoke\.ts\b/.test(s.run ?? ''))
      expect(smoke, `${os}: smoke step`).toBeDefined()
      const unpacked = `${config.directories?.output}/${os.includes('Windows') ? 'win' : 'linux'}-unpacked`
      expect(smoke!.run).toContain(`smoke.ts ${unpacked}`)
      // Linux has no display on the runner: the window needs a virtual one.
      if (os.includes('Linux')) expect(smoke!.run).toMatch(/xvfb-run .*smoke\.ts/)
      const at = job.steps.indexOf(smoke!)
      expect(at).toBeGreaterThan(job.steps.indexOf(step))
      const upload = job.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'))
      expect(at).toBeLessThan(upload)
    }
  })

  it('installs dependencies with npm ci on Node 22 or newer, the Electron binary included', () => {
    expect(WORKFLOW_TEXT).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD')
    for (const [id, job] of jobs) {
      const ci = job.steps.findIndex((s) => /^npm ci\b/.test(s.run ?? ''))
      if (ci < 0) continue
      const setup = job.steps.findIndex((s) => s.uses?.startsWith('actions/setup-node@'))
      expect(setup, `${id}: setup-node before npm ci`).toBeGreaterThanOrEqual(0)
      expect(setup).toBeLessThan(ci)
      const version = String(job.steps[setup]!.with?.['node-version'])
      expect(Number(version.split('.')[0]), `${id}: node-version ${version}`).toBeGreaterThanOrEqual(22)
    }
  })

  it('pins every action to a major version', () => {
    const uses = jobs.flatMap(([, job]) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])))
    expect(uses.length).toBeGreaterThan(0)
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/)
  })

  it('uploads every installer electron-builder writes and attaches them to the release of a tag', () => {
    const output = config.directories?.output
    expect(output).toBe('dist')
    const upload = builderSteps
      .map(({ job }) => job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@')))
      .find((s) => s !== undefined)
    const paths = String(upload?.with?.path)
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean)
    expect(paths).toEqual(expect.arrayContaining([`${output}/*.exe`, `${output}/*.AppImage`, `${output}/*.deb`]))
    expect(upload?.with?.['if-no-files-found']).toBe('error')

    const release = jobs.find(([, job]) => job.steps.some((s) => s.uses?.startsWith('softprops/action-gh-release@')))
    expect(release).toBeDefined()
    const [releaseId, releaseJob] = release!
    expect(releaseJob.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(releaseJob.permissions).toEqual({ contents: 'write' })
    for (const { id } of builderSteps) expect(before(releaseId)).toContain(id)
    // Only the release job may write to the repository.
    expect(workflow.permissions).toEqual({ contents: 'read' })
    for (const [id, job] of jobs) if (id !== releaseId) expect(job.permissions?.contents ?? 'read', id).toBe('read')
  })
})
