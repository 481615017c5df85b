// Types for launchUtil.mjs (plain JS so that any Node can run the launcher;
// this file lets TypeScript tests import it under strict mode).
export declare const MIN_NODE_MAJOR: number
export declare function nodeMajor(version: string): number
export declare function nodePackageName(platform: string, arch: string): string
export declare function cachedNodeBinary(cacheDir: string, platform: string, arch: string): string
export declare function withPathPrepended(
  env: Record<string, string | undefined>,
  dir: string,
  platform: string,
): Record<string, string | undefined>
export declare function needsInstall(root: string): boolean
export declare function newestMtimeMs(dir: string): number
export declare const BUILD_OUTPUTS: string[]
export declare const BUILD_INPUTS: string[]
export declare function needsRebuild(root: string): boolean
export declare function electronBinaryPath(root: string, env?: Record<string, string | undefined>): string | null
export interface VitestJsonReport {
  numPassedTests?: number
  numFailedTests?: number
  numPendingTests?: number
  numTodoTests?: number
  testResults?: Array<{ status?: string; assertionResults?: Array<{ status?: string }> }>
}
export interface TestSummary {
  passed: number
  failed: number
  skipped: number
}
export declare function summarizeVitestReport(report: VitestJsonReport, exitCode: number): TestSummary
export declare function formatSummary(summary: TestSummary): string
export declare function formatSeconds(ms: number): string
export declare const SYSTEM_TOOLS: Record<string, string>
export interface MissingTool {
  binary: string
  pkg: string
}
export declare function findExecutable(
  name: string,
  env?: Record<string, string | undefined>,
  platform?: string,
): string | null
export declare function missingTools(
  tools?: Record<string, string>,
  env?: Record<string, string | undefined>,
  platform?: string,
): MissingTool[]
export declare function packagesFor(missing: MissingTool[]): string[]
export declare function aptCommands(packages: string[], sudo: boolean): string[][]
export declare function manualInstallCommand(packages: string[], isRoot: boolean): string
export declare function missingToolsMessage(
  missing: MissingTool[],
  opts: { isRoot: boolean; hasAptGet: boolean; failedCode?: number | null; stillMissing?: boolean },
): string
export type ToolPlan =
  { kind: 'ready' } | { kind: 'install'; packages: string[]; commands: string[][] } | { kind: 'stop'; message: string }
export declare function planToolInstall(opts: {
  missing: MissingTool[]
  platform: string
  isRoot: boolean
  canSudo: boolean
  hasAptGet: boolean
}): ToolPlan
