import { describe, expect, it } from 'vitest'
import { cliArguments } from '../../electron/main/cli'

describe('the cli argument of the desktop app', () => {
  it('takes everything after cli in the installed app', () => {
    expect(
      cliArguments(['C:\\Program Files\\Gudang Pemilu\\Gudang Pemilu.exe', 'cli', 'verify', '--db', 'F'], true),
    ).toEqual(['verify', '--db', 'F'])
    expect(cliArguments(['/opt/Gudang Pemilu/gudang-pemilu', 'cli', '--version'], true)).toEqual(['--version'])
    expect(cliArguments(['gudang-pemilu', 'cli'], true)).toEqual([])
  })

  it('skips Chromium switches before cli, and the app folder when unpackaged', () => {
    expect(cliArguments(['gudang-pemilu', '--no-sandbox', 'cli', 'methods'], true)).toEqual(['methods'])
    expect(cliArguments(['electron', '/repo', 'cli', 'call', 'x'], false)).toEqual(['call', 'x'])
    expect(cliArguments(['electron', '--no-sandbox', '/repo', '--enable-logging', 'cli', 'verify'], false)).toEqual([
      'verify',
    ])
  })

  it('opens the window otherwise, even when a later argument is cli', () => {
    expect(cliArguments(['Gudang Pemilu.exe'], true)).toBeNull()
    expect(cliArguments(['electron', '/repo'], false)).toBeNull()
    expect(cliArguments(['electron', '/repo', 'berkas.sqlite', 'cli'], false)).toBeNull()
    // Unpackaged, the first positional is the app folder, never the command.
    expect(cliArguments(['electron', 'cli', 'verify'], false)).toBeNull()
    expect(cliArguments(['gudang-pemilu', 'berkas.sqlite', 'cli'], true)).toBeNull()
  })
})
