import { inflateRawSync } from 'node:zlib'

/**
 * The checks a workbook passes before exceljs may open it (issue 15: an XLSX of 410 KB holding a 400 MB
 * shared string took the server to 3.1 GB for 29 s). A zip says in its central directory how many entries
 * it holds and how large each is once inflated; both are checked, and then each entry is inflated with
 * its declared size as a hard cap (zlib stops there), so a zip that lies about its sizes is caught
 * without ever holding more than the limit. The shared strings are scanned for the longest text.
 * Anything the zip does not say plainly (zip64, a method other than stored or deflate) is left to exceljs,
 * which refuses it as a damaged workbook.
 */
export interface ZipLimits {
  zipEntries: number
  uncompressedBytes: number
  sharedStringChars: number
}

export type ZipVerdict =
  | { ok: true }
  | { ok: false; limit: 'zipEntries' | 'uncompressedBytes' | 'sharedStringChars'; found: number }
  | { ok: false; limit: 'rusak' }

interface Entry {
  name: string
  method: number
  compressed: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function centralDirectory(buf: Buffer): Entry[] | null {
  // The end record is in the last 22 bytes plus at most a 64 KB comment.
  let end = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const count = buf.readUInt16LE(end + 10)
  let at = buf.readUInt32LE(end + 16)
  const entries: Entry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null
    const nameLength = buf.readUInt16LE(at + 28)
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    })
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  }
  return entries
}

function inflateEntry(buf: Buffer, e: Entry): Buffer | null {
  const at = e.localOffset
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return null
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28)
  const data = buf.subarray(start, start + e.compressed)
  if (e.method === 0) return data
  if (e.method !== 8) return null
  // At most the declared size (+1 to see a lie): zlib throws rather than grow past it.
  return inflateRawSync(data, { maxOutputLength: e.size + 1 })
}

/** The longest text of one shared string (<si>, rich-text runs together), in characters, never decoded whole. */
export function longestSharedString(xml: Buffer): number {
  let longest = 0
  let current = 0
  let inTag = false
  for (let i = 0; i < xml.length; i++) {
    const b = xml[i]!
    if (inTag) {
      if (b === 0x3e) inTag = false
    } else if (b === 0x3c) {
      inTag = true
      // `<si>` or `<si ...>` starts the next string.
      if (xml[i + 1] === 0x73 && xml[i + 2] === 0x69 && (xml[i + 3] === 0x3e || xml[i + 3] === 0x20)) current = 0
    }
    // UTF-8 continuation bytes are part of the character before them.
    else if ((b & 0xc0) !== 0x80 && ++current > longest) longest = current
  }
  return longest
}

export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries = centralDirectory(buf)
  if (!entries) return { ok: false, limit: 'rusak' }
  if (entries.length > limits.zipEntries) return { ok: false, limit: 'zipEntries', found: entries.length }
  const declared = entries.reduce((sum, e) => sum + e.size, 0)
  if (declared > limits.uncompressedBytes) return { ok: false, limit: 'uncompressedBytes', found: declared }
  let actual = 0
  for (const e of entries) {
    let data: Buffer | null
    try {
      data = inflateEntry(buf, e)
    } catch (err) {
      // Inflating past the declared size: the zip lied about it, which only a bomb does.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return { ok: false, limit: 'uncompressedBytes', found: declared + 1 }
      return { ok: false, limit: 'rusak' }
    }
    if (!data) continue
    actual += data.length
    if (data.length > e.size || actual > limits.uncompressedBytes)
      return { ok: false, limit: 'uncompressedBytes', found: Math.max(actual, declared) }
    if (/(^|\/)sharedStrings\.xml$/i.test(e.name)) {
      const longest = longestSharedString(data)
      if (longest > limits.sharedStringChars) return { ok: false, limit: 'sharedStringChars', found: longest }
    }
  }
  return { ok: true }
}
