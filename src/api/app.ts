import type { Dispatcher } from './dispatch'

export interface OpenAppOptions {
  /** The SQLite file of one election of one satker; created when missing. */
  dbPath: string
  /** When the file does not exist yet, build the demo election (Pilkada 2024, Kabupaten Batu Bara) from this CSV. */
  demoCsvPath?: string
  now?: () => Date
}

export interface OpenedApp {
  dispatcher: Dispatcher
  dbPath: string
  createdDemo: boolean
  close(): void
}

export declare function openApp(opts: OpenAppOptions): Promise<OpenedApp>
