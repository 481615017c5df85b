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

/** The fields a local header and its central directory entry share, in the same order from `at`. */
function writeEntryFields(b: Buffer, at: number, crc: number, size: number, nameLength: number): void {
  b.writeUInt16LE(20, at) // version needed
  b.writeUInt16LE(0x0800, at + 2) // UTF-8 names
  b.writeUInt16LE(0, at + 4) // stored
  b.writeUInt16LE(DOS_EPOCH.time, at + 6)
  b.writeUInt16LE(DOS_EPOCH.date, at + 8)
  b.writeUInt32LE(crc, at + 10)
  b.writeUInt32LE(size, at + 14) // compressed
  b.writeUInt32LE(size, at + 18) // uncompressed
  b.writeUInt16LE(nameLength, at + 22)
}

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
      // Extra field and comment lengths, attributes and disk number stay 0 (Buffer.alloc zero-fills).
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      writeEntryFields(local, 4, crc, data.length, fileName.length)
      const at = offset
      await write(local)
      await write(fileName)
      await write(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      const entry = Buffer.alloc(46)
      entry.writeUInt32LE(0x02014b50, 0)
      entry.writeUInt16LE(20, 4) // version made by
      writeEntryFields(entry, 6, crc, data.length, fileName.length)
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
