import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'

/**
 * A ZIP archive written entry by entry to disk, so a print job of thousands of pages (a PDF per
 * kecamatan) never holds more than one entry in memory. Entries are stored, not deflated: they are
 * PDFs whose streams are compressed already. Written to a temporary name and renamed when complete,
 * so a cancelled or failed job leaves no half archive. ZIP64 is not needed: entries and the archive
 * stay far below 4 GB and 65,535 entries.
 */
export interface ZipWriter {
  add(name: string, data: Uint8Array): Promise<void>
  /** Finishes the archive and moves it into place. */
  close(): Promise<{ entries: number; bytes: number }>
  /** Stops and removes the temporary file. */
  abort(): Promise<void>
}

const DOS_EPOCH = { time: 0, date: ((2024 - 1980) << 9) | (1 << 5) | 1 } // fixed: identical input, identical archive

/** `tmp` is where the archive grows until close() renames it to `path` (services/tempFile.ts tempPathFor). */
export async function createZip(path: string, tmp: string): Promise<ZipWriter> {
  const fh: FileHandle = await open(tmp, 'wx')
  let offset = 0
  const central: Buffer[] = []
  let entries = 0
  let done = false

  const write = async (b: Buffer) => {
    await fh.write(b)
    offset += b.length
  }

  return {
    async add(name, data) {
      if (done) throw new Error('Arsip sudah ditutup')
      const fileName = Buffer.from(name, 'utf8')
      const crc = crc32(data)
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      local.writeUInt16LE(20, 4) // version needed
      local.writeUInt16LE(0x0800, 6) // UTF-8 names
      local.writeUInt16LE(0, 8) // stored
      local.writeUInt16LE(DOS_EPOCH.time, 10)
      local.writeUInt16LE(DOS_EPOCH.date, 12)
      local.writeUInt32LE(crc, 14)
      local.writeUInt32LE(data.length, 18)
      local.writeUInt32LE(data.length, 22)
      local.writeUInt16LE(fileName.length, 26)
      local.writeUInt16LE(0, 28)
      const at = offset
      await write(local)
      await write(fileName)
      await write(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      const entry = Buffer.alloc(46)
      entry.writeUInt32LE(0x02014b50, 0)
      entry.writeUInt16LE(20, 4)
      entry.writeUInt16LE(20, 6)
      entry.writeUInt16LE(0x0800, 8)
      entry.writeUInt16LE(0, 10)
      entry.writeUInt16LE(DOS_EPOCH.time, 12)
      entry.writeUInt16LE(DOS_EPOCH.date, 14)
      entry.writeUInt32LE(crc, 16)
      entry.writeUInt32LE(data.length, 20)
      entry.writeUInt32LE(data.length, 24)
      entry.writeUInt16LE(fileName.length, 28)
      entry.writeUInt32LE(at, 42)
      central.push(entry, fileName)
      entries++
    },
    async close() {
      done = true
      const start = offset
      for (const b of central) await write(b)
      const end = Buffer.alloc(22)
      end.writeUInt32LE(0x06054b50, 0)
      end.writeUInt16LE(entries, 8)
      end.writeUInt16LE(entries, 10)
      end.writeUInt32LE(offset - start, 12)
      end.writeUInt32LE(start, 16)
      await write(end)
      await fh.sync()
      await fh.close()
      await rename(tmp, path)
      return { entries, bytes: offset }
    },
    async abort() {
      done = true
      await fh.close().catch(() => {})
      await rm(tmp, { force: true })
    },
  }
}
