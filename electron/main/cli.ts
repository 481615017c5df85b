/**
 * The installed app carries the `gudang` command: `"Gudang Pemilu.exe" cli verify --db F` on Windows,
 * `gudang-pemilu cli verify --db F` on Linux. The RunAsNode fuse is off, so the executable can never be
 * used as plain Node; instead the main process looks for this argument before anything else and runs
 * the command line (src/cli/main.ts) in place of the window.
 */
export const CLI_ARGUMENT = 'cli'

/** The command line after `cli`, or null when the app was started to open its window. */
export function cliArguments(argv: readonly string[], packaged: boolean): string[] | null {
  // argv[0] is the executable; unpackaged (`electron . cli …`) the app's folder comes next. Chromium
  // switches (--no-sandbox, --enable-logging) may stand before either.
  let rest = argv.slice(1)
  const skipSwitches = () => {
    while (rest[0]?.startsWith('--')) rest = rest.slice(1)
  }
  skipSwitches()
  if (!packaged) {
    rest = rest.slice(1)
    skipSwitches()
  }
  return rest[0] === CLI_ARGUMENT ? rest.slice(1) : null
}
