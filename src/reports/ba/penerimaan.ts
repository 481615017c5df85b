import { formatAngka, jumlahTerbilang } from '../../core/terbilang'
import { shortItemName } from '../../core/text'
import { tanggalJam } from '../../core/tanggal'
import { dataTable, opening, paragraph, strong, subheading, type Content } from '../pdf'
import { signatureBlock, type DocParts, type Snapshot } from './snapshot'
import { num, party, signerIdentity, variantCells, variantTable } from './tables'
import { jumlahPerBarang, totalGroup } from './wording'
import type { ItemKind } from '../../core/presets'

export interface PenerimaanLine {
  /** Absent in documents issued before it was recorded; read from the item's name then. */
  kind?: ItemKind
  item: string
  dapil: string | null
  unit: string
  dus: number | null
  isiPerDus: number | null
  stated: number
  counted: number
  tertukar: number
  tertukarNote: string
}

export interface PenerimaanData {
  deliveryId: number
  kind: 'biasa' | 'pengganti'
  receivedAt: string
  penyedia: string
  suratJalan: string
  bttb: string
  kendaraan: string
  pengemudi: string
  wakilNama: string
  wakilJabatan: string
  penggantiUntuk: string
  note: string
  lines: PenerimaanLine[]
}

export function baPenerimaan(snap: Snapshot<PenerimaanData>): DocParts {
  const d = snap.data
  const receiver = snap.signers.find((s) => s.posisi === 'pihak')
  const angkut = [d.kendaraan && `kendaraan ${d.kendaraan}`, d.pengemudi && `pengemudi ${d.pengemudi}`]
    .filter(Boolean)
    .join(', ')
  const body: Content[] = [
    opening(snap.tanggal, { tempat: snap.header.tempat }),
    ...party(
      signerIdentity({ nama: d.wakilNama, nip: '', jabatan: d.wakilJabatan }, d.penyedia, 'Instansi/Perusahaan'),
      'PIHAK PERTAMA',
      ' (yang menyerahkan)',
    ),
    ...party(signerIdentity(receiver, snap.header.satkerNama), 'PIHAK KEDUA', ' (yang menerima)'),
    paragraph([
      strong('PIHAK PERTAMA'),
      ` telah menyerahkan kepada `,
      strong('PIHAK KEDUA'),
      ` dan `,
      strong('PIHAK KEDUA'),
      ` telah menerima logistik ${snap.header.namaPemilihan} pada ${tanggalJam(d.receivedAt)} berdasarkan Surat Jalan Nomor ${d.suratJalan}` +
        (d.bttb ? ` dan Bukti Tanda Terima Barang (BTTB) Nomor ${d.bttb}` : '') +
        (angkut ? `, diangkut dengan ${angkut}` : '') +
        `, yang telah dihitung bersama di hadapan saksi dengan rincian sebagai berikut:`,
    ]),
    variantTable(
      [
        { header: 'Satuan', width: 'auto' },
        num('Dus'),
        { ...num('Isi/Dus'), noSum: true },
        ...['Menurut Surat Jalan', 'Hasil Hitung', 'Selisih', 'Tertukar'].map(num),
      ],
      d.lines.map((l) => [
        ...variantCells(l),
        l.unit,
        l.dus,
        l.isiPerDus,
        l.stated,
        l.counted,
        l.counted - l.stated,
        l.tertukar,
      ]),
      { item: 'Jenis Logistik', groups: d.lines.map(totalGroup), fontSize: 9 },
    ),
    paragraph(
      `Jumlah logistik yang diterima menurut hasil hitung sebanyak ${jumlahPerBarang(d.lines.map((l) => ({ ...l, qty: l.counted })))}.`,
    ),
  ]
  const kurang = d.lines.filter((l) => l.counted < l.stated)
  const lebih = d.lines.filter((l) => l.counted > l.stated)
  const tertukar = d.lines.filter((l) => l.tertukar > 0)
  if (kurang.length || lebih.length || tertukar.length) body.push(subheading('Catatan'))
  for (const l of kurang) {
    body.push(
      paragraph(
        `${l.item}${l.dapil ? ` Dapil ${l.dapil}` : ''} kurang ${jumlahTerbilang(l.stated - l.counted)} ${l.unit} dari jumlah menurut surat jalan; kekurangan ini dimintakan kepada penyedia.`,
        { indent: 20 },
      ),
    )
  }
  for (const l of lebih) {
    body.push(
      paragraph(
        `${l.item}${l.dapil ? ` Dapil ${l.dapil}` : ''} lebih ${jumlahTerbilang(l.counted - l.stated)} ${l.unit} dari jumlah menurut surat jalan.`,
        { indent: 20 },
      ),
    )
  }
  for (const l of tertukar) {
    body.push(
      paragraph(
        `Sebanyak ${jumlahTerbilang(l.tertukar)} ${l.unit} ${l.item} bukan milik satker/dapil ini (tertukar: ${l.tertukarNote}); disimpan terpisah, tidak dihitung sebagai persediaan, dan dikembalikan kepada penyedia dengan nota pengembalian.`,
        { indent: 20 },
      ),
    )
  }
  if (d.kind === 'pengganti')
    body.push(
      paragraph(
        `Penerimaan ini merupakan penggantian atas ${d.penggantiUntuk}, dan disortir sebagaimana surat suara lainnya.`,
      ),
    )
  if (d.note) body.push(paragraph(`Keterangan: ${d.note}`))

  return {
    title: ['BERITA ACARA', 'PENERIMAAN LOGISTIK DARI PENYEDIA'],
    body,
    signatures: signatureBlock(snap, {
      before: [
        {
          peran: 'PIHAK PERTAMA',
          jabatan: d.wakilJabatan || 'Wakil Penyedia',
          nama: d.wakilNama,
          nip: '',
          instansi: d.penyedia,
          posisi: 'pihak',
        },
      ],
    }),
  }
}

export interface ReturData {
  returId: number
  /** Local 'YYYY-MM-DDTHH:mm' the sheets left. */
  at: string
  penyedia: string
  note: string
  /**
   * Since issue 13: the table names only the ballot type and whose the sheets are (the delivery's
   * tertukar note), not this satker's dapil of that type. Absent from notas issued before, which
   * reprint as they were.
   */
  milik?: true
  lines: { item: string; dapil: string | null; unit: string; qty: number; asal: string }[]
}

/** Nota pengembalian: tertukar sheets handed back to the printer, counted and named. */
export function notaRetur(snap: Snapshot<ReturData>): DocParts {
  const d = snap.data
  const total = d.lines.reduce((s, l) => s + l.qty, 0)
  return {
    title: ['NOTA PENGEMBALIAN', 'SURAT SUARA TERTUKAR'],
    body: [
      paragraph(
        `Pada ${tanggalJam(d.at)}, ${snap.header.satkerNama} mengembalikan kepada ${d.penyedia} surat suara yang diterima tetapi bukan milik satker/dapil ini (tertukar), dengan rincian sebagai berikut:`,
      ),
      d.milik
        ? dataTable({
            numbered: true,
            columns: [
              { header: 'Jenis Surat Suara' },
              { header: 'Milik (menurut penerimaan)' },
              { header: 'Jumlah', numeric: true },
            ],
            rows: d.lines.map((l) => [shortItemName(l.item), l.asal || '-', l.qty]),
            totals: { label: 'JUMLAH' },
          })
        : dataTable({
            numbered: true,
            columns: [
              { header: 'Jenis Surat Suara' },
              { header: 'Dapil Tercatat' },
              { header: 'Keterangan Asal' },
              { header: 'Jumlah', numeric: true },
            ],
            rows: d.lines.map((l) => [shortItemName(l.item), l.dapil ?? '-', l.asal || '-', l.qty]),
            totals: { label: 'JUMLAH' },
          }),
      paragraph(`Jumlah yang dikembalikan sebanyak ${jumlahTerbilang(total)} lembar. ${d.note}`),
      paragraph(
        `Surat suara tersebut tidak termasuk persediaan ${snap.header.satkerNama} (jumlah ${formatAngka(total)} lembar telah dikeluarkan dari tempat penyimpanan terpisah).`,
      ),
    ],
    closing: paragraph('Demikian nota pengembalian ini dibuat untuk dipergunakan sebagaimana mestinya.'),
    signatures: signatureBlock(snap, {
      after: [
        { peran: 'Yang Menerima', jabatan: 'Wakil Penyedia', nama: '', nip: '', instansi: d.penyedia, posisi: 'pihak' },
      ],
    }),
  }
}
