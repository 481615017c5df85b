import { Worker } from 'node:worker_threads'
import { AppError, type ErrorBody, type Issue } from '../core/errors'
import { TABLE_READ_BOUNDS, type ReadTable, type Upload } from '../services/tableFile'
import type { TableReadMessage, TableReadRequest } from './jobProtocol'

interface Pending {
  id: number
  fileName: string
  content: Upload
  resolve(t: ReadTable): void
  reject(e: AppError): void
}

/**
 * The thread that reads uploaded tables (issue 15: no method parses a file on the serving thread). One
 * thread, started with the first upload and kept warm (starting one costs more than reading a TPS list),
 * its heap bounded: a workbook that needs more is refused and the thread started afresh for the next
 * file. Files are read one after another; each has a time limit, after which the thread is stopped.
 */
export class TableReaderThread {
  private worker: Worker | null = null
  private readonly queue: Pending[] = []
  private current: Pending | null = null
  private timer: NodeJS.Timeout | null = null
  private nextId = 1

  /** The job worker's entry (api/jobs.ts WorkerEntry): the same file serves both. */
  constructor(private readonly entry: { file: string; execArgv?: string[] | undefined }) {}

  read(fileName: string, content: Upload): Promise<ReadTable> {
    return new Promise<ReadTable>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, content, resolve, reject })
      this.pump()
    })
  }

  /** Stops the thread (closing the app); a read in progress is refused. */
  async stop(): Promise<void> {
    const w = this.worker
    this.worker = null
    if (this.current) this.fail(new AppError('REFUSED', 'Aplikasi ditutup sebelum berkas selesai dibaca'))
    await w?.terminate()
  }

  private start(): Worker {
    const request: TableReadRequest = { tabel: true }
    const worker = new Worker(this.entry.file, {
      workerData: request,
      ...(this.entry.execArgv ? { execArgv: this.entry.execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: TABLE_READ_BOUNDS.heapMb, maxYoungGenerationSizeMb: 64 },
    })
    // A warm thread waiting for the next file must not keep the process alive.
    worker.unref()
    worker.on('message', (m: TableReadMessage) => {
      const p = this.current
      if (!p || m.id !== p.id) return
      this.settle()
      if (m.type === 'done') p.resolve(m.result as ReadTable)
      else p.reject(new AppError(m.error.code as ErrorBody['code'], m.error.message, m.error.details as Issue[]))
      this.pump()
    })
    worker.on('error', (err: NodeJS.ErrnoException) => {
      const name = this.current?.fileName ?? ''
      this.fail(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(
              'REFUSED',
              `Berkas "${name}" terlalu besar untuk dibaca: melewati batas memori pembacaan berkas impor ${TABLE_READ_BOUNDS.heapMb} MB; tidak ada yang diubah`,
            )
          : new AppError('INTERNAL', `Berkas "${name}" tidak dapat dibaca: ${err.message}`),
      )
    })
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
      if (this.current)
        this.fail(new AppError('INTERNAL', `Pembacaan berkas "${this.current.fileName}" berhenti tanpa hasil`))
    })
    return worker
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return
    const p = this.queue.shift()!
    this.current = p
    try {
      this.worker ??= this.start()
    } catch (err) {
      this.fail(new AppError('INTERNAL', `Berkas "${p.fileName}" tidak dapat dibaca: ${(err as Error).message}`))
      return
    }
    this.worker.ref()
    this.timer = setTimeout(() => {
      // A read past its time: the thread is stopped (and started afresh for the next file).
      const w = this.worker
      this.worker = null
      this.fail(
        new AppError(
          'REFUSED',
          `Berkas "${p.fileName}" tidak selesai dibaca dalam ${TABLE_READ_BOUNDS.ms / 1000} detik (batas waktu pembacaan berkas impor); tidak ada yang diubah`,
        ),
      )
      void w?.terminate()
    }, TABLE_READ_BOUNDS.ms)
    this.worker.postMessage({ id: p.id, fileName: p.fileName, content: p.content })
  }

  private settle(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.current = null
    this.worker?.unref()
  }

  /** The read in progress failed with the thread (out of memory, stopped): refused, and the next one starts a new thread. */
  private fail(e: AppError): void {
    const p = this.current
    if (!p) return
    this.settle()
    if (this.worker) {
      const w = this.worker
      this.worker = null
      void w.terminate()
    }
    p.reject(e)
    this.pump()
  }
}
