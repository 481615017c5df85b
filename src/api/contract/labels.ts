import type { Issue } from '../../core/errors'

/**
 * The field a person sees for every field of every method's input, so an error names "Regu" or "Tanggal",
 * never "teams" or "shift.buka". One place for the whole contract: the dispatcher builds an invalid
 * input's message from it, and the UI's issue lists show it beside each message. A field name means the
 * same everywhere (docs/glossary.md); where a method's own form calls it otherwise, METHOD_LABELS says so.
 * test/unit/field-labels.test.ts fails when a field of any input has no label here.
 */
export const FIELD_LABELS: Record<string, string> = {
  active: 'Aktif',
  aktif: 'Aktif',
  alamat: 'Alamat',
  assembled: 'Dirakit',
  bagian: 'Baris draf',
  bantu: 'PIN bantuan',
  basisSeq: 'Versi lembar tally',
  bttb: 'Nomor BTTB',
  bupatiWalikota: 'Bupati/Wali Kota',
  cakupan: 'Cakupan stasiun',
  code: 'Kode',
  cols: 'Jumlah kolom',
  confirmed: 'Konfirmasi',
  contentBase64: 'Berkas',
  countedQty: 'Terhitung',
  dailyTarget: 'Target harian',
  dapil: 'Dapil',
  dapilBaru: 'Dapil baru',
  dapilId: 'Dapil',
  dataNote: 'Catatan data',
  deliveryId: 'Penerimaan',
  desaId: 'Desa/kelurahan',
  documentId: 'Dokumen',
  dus: 'Dus',
  exceptions: 'Pengecualian',
  file: 'Berkas',
  fileName: 'Nama berkas',
  fingerprint: 'Pratinjau impor',
  folder: 'Folder',
  format: 'Format',
  from: 'Dari',
  ganti: 'Ganti seluruh draf',
  gantiNama: 'Ganti nama kecamatan',
  lama: 'Nama lama',
  baru: 'Nama baru',
  milikSaya: 'Hanya draf sendiri',
  terapkanPadaKit: 'Terapkan pada kit',
  gapX: 'Jarak antarlabel mendatar',
  gapY: 'Jarak antarlabel menurun',
  gubernur: 'Gubernur',
  handoverId: 'Serah terima',
  hash: 'Kode verifikasi',
  hasil: 'Baik/Siap',
  id: 'Data yang dipilih',
  input: 'Isian pekerjaan',
  instansi: 'Instansi',
  isiPerDus: 'Isi per dus',
  itemId: 'Barang',
  izinkanHttp: 'Izinkan HTTP',
  jabatan: 'Jabatan',
  jenis: 'Jenis',
  ke: 'Ke',
  kecamatanId: 'Kecamatan',
  kembali: 'Kembali (belum selesai)',
  kendaraan: 'Kendaraan',
  kepala: 'Kepala rantai',
  kind: 'Jenis',
  kode: 'Kode',
  kodeWilayah: 'Kode wilayah',
  kontak: 'Kontak',
  kotaTtd: 'Kota tempat tanda tangan',
  kotakNo: 'Nomor kotak',
  kunci: 'Kunci',
  leaderId: 'Ketua regu',
  level: 'Tingkat',
  limit: 'Batas baris',
  lineId: 'Baris penerimaan',
  lines: 'Baris barang',
  lokasi: 'Lokasi/meja',
  mapping: 'Pemetaan kolom',
  marginBottom: 'Margin bawah',
  marginLeft: 'Margin kiri',
  marginRight: 'Margin kanan',
  marginTop: 'Margin atas',
  maxVotersPerTps: 'Pemilih paling banyak per TPS',
  method: 'Pekerjaan',
  metode: 'Metode',
  mulai: 'Mulai',
  nama: 'Nama',
  name: 'Nama',
  nik: 'NIK',
  nip: 'NIP',
  nomor: 'Nomor',
  nomorPattern: 'Pola nomor',
  nomorStart: 'Nomor awal',
  note: 'Catatan',
  outline: 'Garis bantu',
  paper: 'Ukuran kertas',
  payRate: 'Tarif upah',
  pengawas: 'Pengawas',
  pengemudi: 'Pengemudi',
  penggantiUntuk: 'Penggantian untuk',
  penyedia: 'Penyedia',
  per: 'Per',
  peran: 'Peran',
  pilkada: 'Pilkada',
  pin: 'PIN',
  pinBaru: 'PIN baru',
  pinLama: 'PIN lama',
  place: 'Tempat',
  placePrefix: 'Tempat',
  port: 'Port',
  portHttp: 'Port HTTP',
  posisi: 'Posisi',
  ppkJabatan: 'Jabatan wakil PPK (Panitia Pemilihan Kecamatan)',
  ppkNama: 'Nama wakil PPK (Panitia Pemilihan Kecamatan)',
  provinsi: 'Provinsi',
  psu: 'Cadangan PSU dapil ini',
  psuPerDapil: 'Cadangan PSU per dapil',
  qty: 'Jumlah',
  reason: 'Alasan',
  receivedAt: 'Waktu diterima',
  reservePercent: 'Cadangan per TPS (%)',
  returId: 'Retur',
  returnedAt: 'Waktu dikembalikan',
  ringkas: 'Ringkas',
  role: 'Peran',
  rounding: 'Pembulatan',
  rows: 'Baris',
  rule: 'Aturan kebutuhan',
  rusak: 'Rusak',
  rusakNote: 'Keterangan lainnya',
  satker: 'Satker',
  scope: 'Cakupan',
  selesai: 'Selesai',
  seq: 'Nomor baris buku besar',
  serahkan: 'Serahkan',
  shiftId: 'Shift',
  signers: 'Penanda tangan',
  sisa: 'Sisa',
  statedQty: 'Menurut surat jalan',
  suratJalan: 'Nomor surat jalan',
  tahun: 'Tahun',
  tanggal: 'Tanggal',
  taxPercent: 'Pajak (%)',
  pph21Metode: 'Cara pemotongan PPh 21',
  npwp: 'NPWP',
  bank: 'Nama bank',
  noRekening: 'Nomor rekening',
  teamId: 'Regu',
  teams: 'Regu',
  telepon: 'Telepon',
  tempat: 'Tempat',
  tertukarNote: 'Keterangan tertukar',
  tertukarQty: 'Tertukar',
  to: 'Sampai',
  tpsId: 'TPS',
  tpsIds: 'TPS',
  type: 'Jenis',
  ulang: 'Terbitkan ulang untuk hari yang sama',
  unit: 'Satuan',
  userId: 'Pengguna',
  variantId: 'Barang (jenis · dapil)',
  variantIds: 'Barang yang dikerjakan',
  wakilJabatan: 'Jabatan wakil penyedia',
  wakilNama: 'Nama wakil penyedia',
  workerId: 'Pekerja',
  workerIds: 'Pekerja hadir',
  zonaWaktu: 'Zona waktu',
}

/** What `id` is in each namespace: the thing the method is about. */
const ID_OF_NAMESPACE: Record<string, string> = {
  pemilihan: 'Pemilihan',
  barang: 'Barang',
  dapil: 'Dapil',
  wilayah: 'Wilayah',
  penerimaan: 'Penerimaan',
  pekerja: 'Pekerja',
  regu: 'Regu',
  shift: 'Shift',
  kemas: 'Kit',
  serahTerima: 'Serah terima',
  pemusnahan: 'Pemusnahan',
  dokumen: 'Dokumen',
  pengguna: 'Pengguna',
  stasiun: 'Stasiun',
  job: 'Pekerjaan',
}

/** Where one method's form names a field otherwise than the rest of the app. */
const METHOD_LABELS: Record<string, Record<string, string>> = {
  'dokumen.terbitkan': { nama: 'Nama penanda tangan', nip: 'NIP penanda tangan' },
  'regu.tambah': { nama: 'Nama regu' },
  'regu.ubah': { nama: 'Nama regu' },
  'pekerja.tambah': { nama: 'Nama pekerja' },
  'pekerja.ubah': { nama: 'Nama pekerja' },
  'shift.tutup': { note: 'Catatan penutupan' },
  'shift.bukaKembali': { note: 'Alasan membuka kembali' },
  'ledger.periksaKodeSaksi': { kode: 'Kode saksi' },
}

/** A table's own entry: a field named "constructor" is not Object's. */
const pick = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

/**
 * The label of an issue's field: its last named part (an index says which row: "Regu (baris 2)"),
 * a record key falling back to the field that holds it ("rusak.CETAK" is Rusak).
 */
export function fieldLabel(method: string, column: string | undefined): string | undefined {
  if (!column) return undefined
  const parts = column.split('.')
  const own = pick(METHOD_LABELS, method) ?? {}
  const index = parts.find((p) => /^\d+$/.test(p))
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!
    const label =
      pick(own, p) ??
      (p === 'id' ? pick(ID_OF_NAMESPACE, method.split('.', 1)[0]!) : undefined) ??
      pick(FIELD_LABELS, p)
    if (label) return index === undefined ? label : `${label} (baris ${Number(index) + 1})`
  }
  return undefined
}

/** An invalid input's message: the fields a person must fix, by their labels, never the method's name. */
export function invalidInputMessage(method: string, issues: readonly Issue[]): string {
  const labelled = issues.map((i) => ({ label: fieldLabel(method, i.column), message: i.message }))
  if (labelled.length === 1) {
    const [only] = labelled
    return only!.label ? `Isian belum benar: ${only!.label} — ${only!.message}` : `Isian belum benar: ${only!.message}`
  }
  const names = [...new Set(labelled.map((l) => l.label).filter((l): l is string => Boolean(l)))]
  if (names.length === 0) return `Isian belum benar di ${labelled.length} tempat; lihat rinciannya`
  const shown = names.slice(0, 4).join(', ')
  return `Isian belum benar: ${shown}${names.length > 4 ? ` dan ${names.length - 4} lainnya` : ''}`
}
