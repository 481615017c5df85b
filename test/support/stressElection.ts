import { type OpenedApp } from '../../src/api/app'
import type { MethodInput, MethodName } from '../../src/api/contract'
import { reasonsFor } from '../../src/core/reasons'
import { openTestApp, type Api } from './api'

/**
 * A Pemilu satker built to stress every paper's layout, through the dispatcher as the app calls it:
 * the longest names the papers meet (Batak and Minang names with titles, a 60-character kecamatan,
 * long desa names, a long penyedia), five ballot types with several dapil, a kecamatan of 200 TPS
 * packed and handed over in one BA, damage in every ballot reason, long notes, and full-width
 * characters ("＝1+1") that the shipped font has no glyph for.
 *
 * The dispatcher's method names are in one place (M).
 */
export const M = {
  electionInit: 'pemilihan.buat',
  electionGet: 'pemilihan.lihat',
  electionUpdate: 'pemilihan.ubah',
  wilayahPreview: 'wilayah.pratinjauImpor',
  wilayahApply: 'wilayah.impor',
  dapilList: 'dapil.daftar',
  dapilMapping: 'dapil.aturPemetaan',
  varian: 'barang.daftarVarian',
  items: 'barang.daftar',
  itemUpdate: 'barang.ubah',
  perDapil: 'kebutuhan.daftarDapil',
  kecamatanList: 'wilayah.daftarKecamatan',
  aturJenis: 'dokumen.aturJenis',
  terbitkan: 'dokumen.terbitkan',
  cetak: 'dokumen.cetak',
  dokumenList: 'dokumen.daftar',
  catat: 'penerimaan.catat',
  retur: 'penerimaan.catatRetur',
  reguTambah: 'regu.tambah',
  pekerjaTambah: 'pekerja.tambah',
  shiftBuka: 'shift.buka',
  shiftTutup: 'shift.tutup',
  tally: 'tally.simpan',
  kemasDaftar: 'kemas.daftarKit',
  kemasSimpan: 'kemas.catat',
  kemasSegel: 'kemas.catatSegel',
  label: 'kemas.cetakLabel',
  daftarIsi: 'kemas.cetakDaftarIsi',
  serahkan: 'serahTerima.serahkan',
  musnahkan: 'pemusnahan.catat',
  kandidat: 'pemusnahan.daftarKandidat',
  rekapHarian: 'rekap.eksporHarian',
  kebutuhanExport: 'kebutuhan.ekspor',
} as const satisfies Record<string, MethodName>

/** 60 characters, as the longest kecamatan names of a merged list are. */
export const KECAMATAN_PANJANG = 'HALONGONAN TIMUR DOLOK SIGOMPULON PADANG BOLAK JULU SIMATAPA'
export const DESA_PANJANG = [
  'HUTA IMBARU SIMANOSOR JULU PARGARUTAN DOLOK',
  'AEK NAULI SIPIONGOT BATANG PANE DOLOK SANGGUL',
  'SIGAMA NAPA HALAS PANGIRKIRAN DOLOK SIGOMPULON',
  'PASAR GUNUNG TUA JULU PARAUSORAT LOBU TAYAS',
  'BATU SANGGAHAN PANGARAMBANGAN SIMANGAMBAT JAE',
]
export const PENYEDIA = 'PT Percetakan Negara Republik Indonesia (Persero) Unit Percetakan Sumatera Bagian Utara'
export const LONG_NOTE =
  'Kendaraan tiba terlambat karena jalan lintas Gunung Tua–Padang Sidempuan longsor di Km 41; dus nomor 17 sampai dengan 23 basah pada sudut bawah tetapi isinya kering, sudah diperiksa bersama pengawas Bawaslu dan wakil penyedia, dan seluruh dus disimpan di rak B2 sampai B5 gudang utama.'
export const WORKERS = [
  'Hotmauli Rosdiana Boru Situmorang Simanjuntak Hutabarat',
  'Sutan Rajo Alam Datuak Bandaro Kayo Nan Panjang Chaniago',
  'Ir. Tumpal Hasiholan Parlindungan Siregar Pohan, S.T., M.Eng.',
  'Ｓｉｔｉ Ｎｕｒｂａｙａ Ｌｕｂｉｓ',
  'Rosmawati Br. Ritonga',
  'Ucok Baringin Hasibuan',
]
export const SIGNERS = {
  ketua: { nama: 'Dr. Mangaraja Parlindungan Hasibuan Harahap, S.H., M.Si.', nip: '197001012000031001' },
  sekretaris: { nama: 'Drs. Tongku Sutan Pangaribuan Siregar, M.A.P.', nip: '198003152006041002' },
  kasubag: { nama: 'Rahmadani Nasution Boru Regar, S.E., M.Ak.', nip: '198507212010122003' },
  bawaslu: { nama: 'Datuak Rajo Pangulu Sinaro Nan Panjang', nip: '' },
}
export const HANDOVER_TPS = 200

/** The fields pemilihan.ubah takes, as pemilihan.lihat returns them. */
const ELECTION_FIELDS = [
  'tahun',
  'provinsi',
  'satker',
  'kodeWilayah',
  'alamat',
  'reservePercent',
  'rounding',
  'maxVotersPerTps',
  'dataNote',
  'kotaTtd',
  'kontak',
  'paper',
  'nomorPattern',
  'nomorStart',
  'taxPercent',
]

/** Changes the satker's settings, keeping every other field as it is. */
export async function updateElection(
  f: Pick<StressFixture, 'call'>,
  change: Partial<MethodInput<'pemilihan.ubah'>>,
): Promise<void> {
  const e = (await f.call(M.electionGet)) ?? {}
  await f.call(M.electionUpdate, {
    ...Object.fromEntries(Object.entries(e).filter(([k]) => ELECTION_FIELDS.includes(k))),
    ...change,
  })
}

export interface StressFixture {
  app: OpenedApp
  call: Api['call']
  /** variantId by item code and dapil ('DPRD_KAB|…'), and by code alone for the first dapil. */
  v: Record<string, number>
  docs: Record<
    'penerimaan' | 'penerimaanSatu' | 'retur' | 'sortir' | 'rusak' | 'upah' | 'serahTerima' | 'pemusnahan',
    number
  >
  kecamatanId: number
  desaId: number
}

function csv(): string {
  const rows = ['kode_kecamatan,kecamatan,kode_desa,desa,no_tps,dpt']
  // The 200-TPS kecamatan: five desa of 40 TPS each; DPT 150–299.
  for (let d = 0; d < 5; d++)
    for (let t = 1; t <= HANDOVER_TPS / 5; t++)
      rows.push(
        `122001,${KECAMATAN_PANJANG},12200110${d + 1}0,${DESA_PANJANG[d]},${t},${150 + ((d * 37 + t * 53) % 150)}`,
      )
  // Two small kecamatan in other dapil.
  for (let t = 1; t <= 4; t++) rows.push(`122002,DATUK LIMA PULUH,1220021001,SIMANGAMBAT,${t},${200 + t}`)
  for (let t = 1; t <= 4; t++) rows.push(`122003,PADANG BOLAK,1220031001,GUNUNG TUA,${t},${210 + t}`)
  return rows.join('\n') + '\n'
}

export async function buildStressElection(root: string): Promise<StressFixture> {
  const app = await openTestApp({ dir: root, name: 'stress', demo: false, who: 'Uji tata letak' })
  const { call } = app
  await call(M.electionInit, {
    jenis: 'pemilu',
    tahun: 2024,
    provinsi: 'Sumatera Utara',
    satker: 'Kabupaten Padang Lawas Utara',
    kodeWilayah: '1220',
  })
  await updateElection(
    { call },
    {
      alamat:
        'Jalan Lintas Gunung Tua–Padang Sidempuan Kilometer 3,5, Kelurahan Pasar Gunung Tua, Kecamatan Padang Bolak, Kabupaten Padang Lawas Utara 22753',
      kontak: 'Telepon (0635) 510xxx · Pos-el kpu.paluta@kpu.go.id · Laman kab-padanglawasutara.kpu.go.id',
      kotaTtd: 'Gunung Tua',
      paper: 'A4',
    },
  )
  const bytes = Buffer.from(csv(), 'utf8')
  const file = { fileName: 'tps-paluta.csv', contentBase64: bytes.toString('base64') }
  const preview = await call(M.wilayahPreview, file)
  await call(M.wilayahApply, { ...file, fingerprint: preview.fingerprint })

  // Several dapil: DPRD Kab/Kota and DPRD Provinsi split the three kecamatan.
  const kec = await call(M.kecamatanList)
  const kecId = (nama: string) => kec.find((k) => k.nama === nama)!.id
  const dapil = await call(M.dapilList)
  const mapping: Record<string, [string, string, string]> = {
    DPR: ['SUMATERA UTARA II', 'SUMATERA UTARA II', 'SUMATERA UTARA II'],
    DPRD_PROV: [
      'SUMATERA UTARA 7 (PADANG LAWAS UTARA, PADANG LAWAS)',
      'SUMATERA UTARA 7 (PADANG LAWAS UTARA, PADANG LAWAS)',
      'SUMATERA UTARA 8',
    ],
    DPRD_KAB: ['PADANG LAWAS UTARA 1', 'PADANG LAWAS UTARA 2', 'PADANG LAWAS UTARA 3'],
  }
  for (const d of dapil) {
    const m = mapping[d.itemCode]
    if (!m) continue
    await call(M.dapilMapping, {
      itemId: d.itemId,
      mapping: [KECAMATAN_PANJANG, 'DATUK LIMA PULUH', 'PADANG BOLAK'].map((k, i) => ({
        kecamatanId: kecId(k),
        dapil: m[i]!,
      })),
    })
  }
  const variants = await call(M.varian)
  const v: Record<string, number> = {}
  for (const x of variants) {
    v[`${x.itemCode}|${x.dapil ?? ''}`] = x.variantId
    v[x.itemCode] ??= x.variantId
  }
  const items = await call(M.items)
  for (const [code, rate] of [
    ['PPWP', 150],
    ['DPR', 160],
    ['DPD', 160],
    ['DPRD_PROV', 170],
    ['DPRD_KAB', 170],
    ['KOTAK', 2500],
    ['BILIK', 3000],
  ] as const)
    await call(M.itemUpdate, { id: items.find((i) => i.code === code)!.id, payRate: rate })

  const signer = (
    peran: string,
    jabatan: string,
    s: { nama: string; nip: string },
    posisi: 'pihak' | 'saksi' | 'mengetahui',
  ) => ({
    peran,
    jabatan,
    nama: s.nama,
    nip: s.nip,
    posisi,
  })
  const fourSigners = [
    signer('PIHAK PERTAMA', 'Kepala Subbagian Perencanaan, Data dan Informasi', SIGNERS.kasubag, 'pihak'),
    signer('PIHAK KEDUA', 'Sekretaris KPU Kabupaten Padang Lawas Utara', SIGNERS.sekretaris, 'pihak'),
    signer('Saksi', 'Anggota Bawaslu Kabupaten Padang Lawas Utara', SIGNERS.bawaslu, 'saksi'),
    signer('Mengetahui', 'Ketua KPU Kabupaten Padang Lawas Utara', SIGNERS.ketua, 'mengetahui'),
  ]
  for (const type of [
    'BA_PENERIMAAN',
    'BA_SORTIR',
    'BA_RUSAK',
    'NOTA_RETUR',
    'REKAP_UPAH',
    'BA_SERAH_TERIMA',
    'BA_PEMUSNAHAN',
  ] as const)
    await call(M.aturJenis, {
      type,
      nomorPattern: null,
      // Parties known at issuance (the penyedia's representative, the PPK) come with the event.
      signers:
        type === 'BA_PENERIMAAN' || type === 'NOTA_RETUR'
          ? [fourSigners[1]!, fourSigners[3]!]
          : type === 'BA_SERAH_TERIMA'
            ? [fourSigners[0]!, ...fourSigners.slice(2)]
            : fourSigners,
    })

  // Deliveries: every ballot variant with what its dapil needs, 1% more; logistics for every kit.
  const need = await call(M.perDapil)
  const ballotLines = need.map((n, i) => {
    const stated = Math.ceil((n.total * 1.01) / 500) * 500
    return {
      variantId: n.variantId,
      dus: stated / 500,
      isiPerDus: 500,
      // One line short, one with tertukar sheets of another satker.
      countedQty: i === 1 ? stated - 1_235 : stated,
      tertukarQty: i === 2 ? 750 : 0,
      tertukarNote: i === 2 ? 'milik KPU Kabupaten Padang Lawas, Dapil SUMATERA UTARA 7, dus bersegel lain' : '',
    }
  })
  const pen = await call(M.catat, {
    receivedAt: '2024-01-10T09:30',
    penyedia: PENYEDIA,
    suratJalan: 'SJ/PNRI-MDN/0417/I/2024',
    bttb: 'BTTB/KPU-PALUTA/0031/I/2024',
    kendaraan: 'Truk Colt Diesel BB 8817 TA beserta satu mobil pengawal',
    pengemudi: 'Marasutan Parlaungan Daulay',
    wakilNama: 'Ir. Hasudungan Pangihutan Tambunan Lumbantobing, M.M.',
    wakilJabatan: 'Kepala Bagian Distribusi Wilayah Sumatera Bagian Utara',
    note: LONG_NOTE,
    lines: ballotLines,
  })
  const tpsCount = HANDOVER_TPS + 8
  // Every logistics item, as many as the kits of those TPS need: the election's own per-TPS quantities.
  const logistics = Object.fromEntries(items.filter((i) => i.kind === 'logistics').map((i) => [i.code, i.qty]))
  await call(M.catat, {
    receivedAt: '2024-01-11T10:15',
    penyedia: 'CV Karya Kotak Mandiri',
    suratJalan: 'SJ-KTK-0111',
    lines: Object.entries(logistics).map(([code, per]) => ({
      variantId: v[code]!,
      statedQty: per * tpsCount,
      countedQty: per * tpsCount,
    })),
  })

  // A one-line delivery: its BA must stay on one page.
  const penSatu = await call(M.catat, {
    receivedAt: '2024-01-11T14:00',
    penyedia: 'CV Tinta Sumatera',
    suratJalan: 'SJ-TNT-0111',
    lines: [{ variantId: v.TINTA!, statedQty: 20, countedQty: 20 }],
  })

  // Teams with long names and a full-width "＝1+1" the font has no glyph for.
  const teams = [] as number[]
  for (const nama of ['Regu Sortir ＝1+1', 'Regu Lipat Dolok Sigompulon', 'Regu Rakit Kotak dan Bilik'])
    teams.push((await call(M.reguTambah, { nama })).id)
  const workerIds: number[] = []
  for (const [i, nama] of WORKERS.entries())
    workerIds.push((await call(M.pekerjaTambah, { nama, teamId: teams[i % 3] })).id)

  // Two sortir shifts: every ballot variant sorted, damage in every ballot reason.
  const reasons = reasonsFor('ballot').map((r) => r.code)
  for (const [day, half] of [
    ['2024-01-12', 0],
    ['2024-01-13', 1],
  ] as const) {
    const s = await call(M.shiftBuka, {
      kind: 'sortir_lipat',
      tanggal: day,
      mulai: '08:00',
      selesai: '17:00',
      pengawas: 'Parulian Hamonangan Siregar',
      variantIds: need.map((n) => n.variantId),
      teams: [{ teamId: teams[0]! }, { teamId: teams[1]! }],
    })
    for (const [i, line] of ballotLines.entries()) {
      const have = line.countedQty
      const mine = half === 0 ? Math.floor(have / 2) : have - Math.floor(have / 2)
      const rusak: Record<string, number> = {}
      for (const [j, r] of reasons.entries()) if ((i + j + half) % 3 === 0) rusak[r] = 3 + j + i
      const bad = Object.values(rusak).reduce((a, b) => a + b, 0)
      const a = Math.floor(mine / 2)
      await call(M.tally, {
        shiftId: s.id,
        variantId: line.variantId,
        rows: [
          {
            teamId: teams[0]!,
            serahkan: a,
            hasil: a - bad,
            rusak,
            ...(rusak.LAINNYA
              ? { rusakNote: 'tinta luntur pada lipatan kedua dan nomor urut partai tercetak ganda' }
              : {}),
          },
          { teamId: teams[1]!, serahkan: mine - a, hasil: mine - a },
        ],
      })
    }
    await call(M.shiftTutup, { shiftId: s.id, note: '' })
  }
  for (const [kind, code] of [
    ['rakit_kotak', 'KOTAK'],
    ['rakit_bilik', 'BILIK'],
  ] as const) {
    const s = await call(M.shiftBuka, {
      kind,
      tanggal: '2024-01-13',
      mulai: '08:00',
      selesai: '17:00',
      variantIds: [v[code]!],
      teams: [{ teamId: teams[2]! }],
    })
    const n = logistics[code]! * tpsCount
    await call(M.tally, { shiftId: s.id, variantId: v[code]!, rows: [{ teamId: teams[2]!, serahkan: n, hasil: n }] })
    await call(M.shiftTutup, { shiftId: s.id, note: '' })
  }

  // Pack the 200 kits of the long kecamatan, seal the kotak of most of the first 100, hand them all over.
  const kecamatanId = kecId(KECAMATAN_PANJANG)
  const kits = await call(M.kemasDaftar, { kecamatanId })
  const packing = await call(M.shiftBuka, {
    kind: 'packing',
    tanggal: '2024-01-15',
    mulai: '08:00',
    selesai: '17:00',
    teams: [{ teamId: teams[2]! }],
  })
  for (const k of kits) await call(M.kemasSimpan, { shiftId: packing.id, tpsId: k.tpsId, sisa: true })
  for (const [i, k] of kits.entries())
    if (i < 100 && i % 5 !== 4)
      for (let kotak = 1; kotak <= 5; kotak++)
        await call(M.kemasSegel, {
          tpsId: k.tpsId,
          kotakNo: kotak,
          nomor: `SGL-1220-${String(i * 5 + kotak).padStart(6, '0')}`,
        })
  await call(M.shiftTutup, { shiftId: packing.id, note: '' })
  const handover = await call(M.serahkan, {
    kecamatanId,
    tpsIds: kits.map((k) => k.tpsId),
    exceptions: [
      { tpsId: kits[7]!.tpsId, reason: 'Satu bilik suara diganti karena rangka penyangga retak saat dimuat.' },
    ],
    tanggal: '2024-01-16',
    ppkNama: 'Baginda Raja Mulia Parlindungan Harahap Siregar, S.Pd.I.',
    ppkJabatan: `Ketua PPK Kecamatan ${KECAMATAN_PANJANG}`,
    kendaraan: 'Truk Fuso BB 9012 TB dan dua mobil bak terbuka',
    note: LONG_NOTE,
  })

  const retur = await call(M.retur, {
    returnedAt: '2024-01-17T10:00',
    penyedia: PENYEDIA,
    note: 'Dijemput kurir penyedia dengan surat tugas nomor ST/PNRI/0088/I/2024.',
    lines: [{ variantId: ballotLines[2]!.variantId, qty: 750 }],
  })
  const candidates = await call(M.kandidat)
  const musnah = await call(M.musnahkan, {
    tanggal: '2024-01-20',
    metode: 'dicacah dengan mesin pencacah kertas lalu dibakar di insinerator',
    tempat: 'Halaman belakang Gudang Logistik KPU Kabupaten Padang Lawas Utara, Gunung Tua',
    note: LONG_NOTE,
    lines: candidates.flatMap((c) =>
      c.rusak.map((r) => ({ variantId: c.variantId, from: `RUSAK:${r.reason}`, qty: r.qty })),
    ),
  })

  const issue = async (input: MethodInput<'dokumen.terbitkan'>) => (await call(M.terbitkan, input)).id
  const docs = {
    penerimaan: await issue({ type: 'BA_PENERIMAAN', deliveryId: pen.id, tanggal: '2024-01-10' }),
    penerimaanSatu: 0,
    retur: await issue({ type: 'NOTA_RETUR', returId: retur.id, tanggal: '2024-01-17' }),
    sortir: await issue({ type: 'BA_SORTIR', from: '2024-01-12', to: '2024-01-13', tanggal: '2024-01-13' }),
    rusak: await issue({ type: 'BA_RUSAK', tanggal: '2024-01-14' }),
    upah: await issue({ type: 'REKAP_UPAH', from: '2024-01-12', to: '2024-01-15', tanggal: '2024-01-15' }),
    serahTerima: handover.document.id,
    pemusnahan: musnah.document.id,
  }
  docs.penerimaanSatu = await issue({ type: 'BA_PENERIMAAN', deliveryId: penSatu.id, tanggal: '2024-01-11' })
  void workerIds
  return { app, call, v, docs, kecamatanId, desaId: kits[0]!.desaId }
}
