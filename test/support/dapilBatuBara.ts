/**
 * A multi-dapil mapping of our own for the demo's TPS file (Kabupaten Batu Bara, 12 kecamatan): DPRD
 * Kab/Kota in three dapil of four kecamatan each, DPR and DPRD Provinsi one dapil each for the whole
 * kabupaten. Every kecamatan is named for every type, as a dapil file must.
 */
export const BATU_BARA_KECAMATAN = [
  'MEDANG DERAS',
  'SEI SUKA',
  'AIR PUTIH',
  'LIMA PULUH',
  'TALAWI',
  'TANJUNG TIRAM',
  'SEI BALAI',
  'LAUT TADOR',
  'LIMA PULUH PESISIR',
  'DATUK LIMA PULUH',
  'DATUK TANAH DATAR',
  'NIBUNG HANGUS',
] as const

export const batuBaraDapilKab = (i: number): string => `BATU BARA ${Math.floor(i / 4) + 1}`

export const BATU_BARA_DAPIL_CSV = [
  'surat_suara;kecamatan;dapil',
  ...BATU_BARA_KECAMATAN.flatMap((k, i) => [
    `DPR;${k};SUMATERA UTARA III`,
    `DPRD Provinsi;${k};SUMATERA UTARA 5`,
    `DPRD Kab/Kota;${k};${batuBaraDapilKab(i)}`,
  ]),
].join('\n')

/** The dapil names that file creates, as dapil.impor's confirmation lists them. */
export const BATU_BARA_DAPIL_BARU = [
  'SUMATERA UTARA III',
  'SUMATERA UTARA 5',
  'BATU BARA 1',
  'BATU BARA 2',
  'BATU BARA 3',
]

export const upload = (fileName: string, content: string) => ({
  fileName,
  contentBase64: Buffer.from(content, 'utf8').toString('base64'),
})
