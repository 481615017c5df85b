import { crc32, createDeflateRaw } from 'node:zlib'

/**
 * A zip written by hand, each entry deflated as a stream: an entry may be far larger than memory should
 * hold at once (a 400 MB shared string goes in as 1 MB chunks and comes out as ~400 KB). Enough of the
 * format for a workbook: local headers, deflate, the central directory, no zip64.
 */
export interface ZipEntry {
  name: string
  /** The entry's content, piece by piece. */
  parts: Iterable<Buffer | string>
}

async function deflated(parts: Iterable<Buffer | string>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  z.on('data', (c: Buffer) => out.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    z.on('end', resolve)
    z.on('error', reject)
  })
  let crc = 0
  let size = 0
  for (const part of parts) {
    const b = typeof part === 'string' ? Buffer.from(part, 'utf8') : part
    crc = crc32(b, crc)
    size += b.length
    if (!z.write(b)) await new Promise((r) => z.once('drain', r))
  }
  z.end()
  await ended
  return { data: Buffer.concat(out), crc, size }
}

/** An entry as it goes into the archive: its bytes as stored (deflated or not) and what they unpack to. */
interface Packed {
  name: string
  data: Buffer
  /** 8 deflate, 0 stored. */
  method: 8 | 0
  crc: number
  size: number
}

/**
 * A local file header or a central directory entry: its signature, then from `at` on the fields both
 * carry in the same order (version needed 2.0, no flags, the method, no time, CRC-32, sizes, name length).
 */
function entryHeader(length: number, signature: number, at: number, e: Packed, nameLength: number): Buffer {
  const b = Buffer.alloc(length)
  b.writeUInt32LE(signature, 0)
  b.writeUInt16LE(20, at)
  b.writeUInt16LE(e.method, at + 4)
  b.writeUInt32LE(e.crc >>> 0, at + 10)
  b.writeUInt32LE(e.data.length, at + 14)
  b.writeUInt32LE(e.size, at + 18)
  b.writeUInt16LE(nameLength, at + 22)
  return b
}

/** The archive: each entry's local header and bytes, the central directory, its end record. */
function assemble(entries: readonly Packed[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const local = entryHeader(30, 0x04034b50, 4, e, name.length)
    const cd = entryHeader(46, 0x02014b50, 6, e, name.length)
    cd.writeUInt16LE(20, 4) // made by: version 2.0
    cd.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    central.push(cd, name)
    offset += local.length + name.length + e.data.length
  }
  const cdBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cdBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cdBytes, end])
}

export async function buildZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const packed: Packed[] = []
  for (const e of entries) packed.push({ name: e.name, method: 8, ...(await deflated(e.parts)) })
  return assemble(packed)
}

/** A zip with stored (uncompressed) entries: enough to look like a workbook or a document archive. */
export function storedZip(files: readonly { name: string; data: Buffer }[]): Buffer {
  return assemble(files.map((f) => ({ ...f, method: 0, crc: crc32(f.data), size: f.data.length })))
}

function* repeated(chunk: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield chunk
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A workbook of one sheet "Pekerja", its sheet XML and shared strings given piece by piece. */
function workbook(sheetData: Iterable<Buffer | string>, sharedStrings: Iterable<Buffer | string>): Promise<Buffer> {
  return buildZip([
    {
      name: '[Content_Types].xml',
      parts: [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '</Types>',
      ],
    },
    {
      name: '_rels/.rels',
      parts: [
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/workbook.xml',
      parts: [
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Pekerja" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      parts: [
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      parts: [
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`,
        ...sheetData,
        '</sheetData></worksheet>',
      ],
    },
    {
      name: 'xl/sharedStrings.xml',
      parts: [`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`, ...sharedStrings, '</sst>'],
    },
  ])
}

/**
 * A workbook whose cell A1 holds one shared string of `megabytes` MB of "A": the XLSX bomb of issue 15
 * (a 410 KB file holding a 400 MB string). Built here, never checked in.
 */
export function xlsxWithHugeSharedString(megabytes: number): Promise<Buffer> {
  return workbook(
    ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
    ['<si><t>', ...repeated(Buffer.alloc(1024 * 1024, 'A'), megabytes), '</t></si>'],
  )
}

function* rowsOf(count: number, row: (r: number) => string): Generator<string> {
  for (let r = 1; r <= count; r++) yield row(r)
}

/** A workbook of `rows` rows of inline text and numbers, within every limit but slow to read: seconds of parsing. */
export function xlsxOfRows(rows: number, row: (r: number) => string): Promise<Buffer> {
  return workbook(rowsOf(rows, row), [])
}
