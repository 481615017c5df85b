import { describe, expect, it } from 'vitest'

/** A worker list without the pay columns (npwp, bank, no_rekening). */
const noPay = { npwp: null, bank: '', noRekening: '' }
import { parseDelimited, type TableRow } from '../../src/core/csv'
import { maskNik, parseWorkerTable } from '../../src/core/workerImport'
import { expectIssues } from '../support/errors'

const rowsOf = (text: string): TableRow[] => parseDelimited(text).rows
const parse = (text: string) => parseWorkerTable(rowsOf(text))

describe('parseWorkerTable: headers the satker already uses', () => {
  it('reads nama/NIK/telepon/regu/ketua under their plain names', () => {
    const r = parse(
      'nama,nik,telepon,regu,ketua\nSiti Aminah,1219014501900001,081234567890,Melati,ya\nRudi,,,Melati,\n',
    )
    expect(r.errors).toEqual([])
    expect(r.columns).toEqual({ nama: 'nama', nik: 'nik', telepon: 'telepon', regu: 'regu', ketua: 'ketua' })
    expect(r.workers).toEqual([
      {
        line: 2,
        nama: 'Siti Aminah',
        nik: '1219014501900001',
        telepon: '081234567890',
        ...noPay,
        regu: 'Melati',
        ketua: true,
      },
      { line: 3, nama: 'Rudi', nik: null, telepon: '', ...noPay, regu: 'Melati', ketua: false },
    ])
  })

  it('accepts synonyms whatever the case, spaces, dots or underscores', () => {
    const cases: [string, Record<string, string>][] = [
      [
        'Nama Pekerja;No. KTP;No HP;Kelompok;Jabatan',
        { nama: 'Nama Pekerja', nik: 'No. KTP', telepon: 'No HP', regu: 'Kelompok', ketua: 'Jabatan' },
      ],
      [
        'NAMA_PEKERJA;NIK KTP;no_hp;TIM;Peran',
        { nama: 'NAMA_PEKERJA', nik: 'NIK KTP', telepon: 'no_hp', regu: 'TIM', ketua: 'Peran' },
      ],
      [
        'Nama Lengkap;Nomor KTP;WhatsApp;Grup;Ketua Regu',
        { nama: 'Nama Lengkap', nik: 'Nomor KTP', telepon: 'WhatsApp', regu: 'Grup', ketua: 'Ketua Regu' },
      ],
      [
        'nama petugas;nik;telp;group;ketua',
        { nama: 'nama petugas', nik: 'nik', telepon: 'telp', regu: 'group', ketua: 'ketua' },
      ],
    ]
    for (const [header, columns] of cases) {
      const r = parse(`${header}\nAhmad Fauzi;1219011203850007;0812 6000 7000;Kenanga;Ketua\n`)
      expect(r.errors, header).toEqual([])
      expect(r.columns, header).toEqual(columns)
      expect(r.workers, header).toEqual([
        {
          line: 2,
          nama: 'Ahmad Fauzi',
          nik: '1219011203850007',
          telepon: '081260007000',
          ...noPay,
          regu: 'Kenanga',
          ketua: true,
        },
      ])
    }
  })

  it('only nama is required; unknown columns (No, Alamat) are ignored', () => {
    const r = parse('No,Nama,Alamat\n1,Budi Santoso,Jl. Lintas Sumatera\n2,  Dewi   Lestari ,Lima Puluh\n')
    expect(r.errors).toEqual([])
    expect(r.workers.map((w) => [w.line, w.nama, w.nik, w.regu, w.ketua])).toEqual([
      [2, 'Budi Santoso', null, null, false],
      [3, 'Dewi Lestari', null, null, false],
    ])
  })

  it('skips the title block above the header and keeps file line numbers', () => {
    const text = [
      'DAFTAR PEKERJA SORTIR DAN LIPAT SURAT SUARA;;;;',
      'KPU KABUPATEN BATU BARA - PEMILIHAN 2024;;;;',
      ';;;;',
      'No;Nama Pekerja;NIK;No. HP;Kelompok',
      '1;Sri Wahyuni;1219014501900002;081265432101;Mawar',
      ';;;;',
      '2;Ilham Syahputra;;;Mawar',
    ].join('\r\n')
    const r = parse(text)
    expect(r.errors).toEqual([])
    expect(r.workers.map((w) => [w.line, w.nama])).toEqual([
      [5, 'Sri Wahyuni'],
      [7, 'Ilham Syahputra'],
    ])
  })

  it('a file without a nama column names the columns it read and the ones it knows', () => {
    const r = parse('No,NIK,Telepon\n1,1219014501900002,0812\n')
    expect(r.workers).toEqual([])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'nama' })
    expect(r.errors[0]!.message).toContain('Kolom nama tidak ditemukan pada baris judul (baris 1)')
    expect(r.errors[0]!.message).toContain('"No", "NIK", "Telepon"')
    expect(r.errors[0]!.message).toContain('"nama_pekerja"')
  })

  it('two columns read as the same field are refused', () => {
    const r = parse('nama,nama pekerja,nik\nA,B,\n')
    expect(r.errors[0]!.message).toBe(
      'Kolom "nama" dan kolom "nama pekerja" sama-sama dibaca sebagai kolom nama. Hapus atau ganti nama salah satunya.',
    )
  })

  it('an empty file and a header without rows are refused with a message', () => {
    expect(parseWorkerTable([]).errors[0]!.message).toMatch(/Berkas kosong/)
    const r = parse('nama,nik\n')
    expect(r.errors).toEqual([{ row: 1, message: 'Berkas hanya berisi judul kolom (baris 1) tanpa satu pun pekerja.' }])
  })
})

describe('parseWorkerTable: NIK as spreadsheets store it', () => {
  const one = (nik: string) => parse(`nama;nik\nSiti;${nik}\n`)

  it('strips spaces, dots and hyphens from a 16-digit NIK', () => {
    for (const nik of [
      '1219 0145 0190 0001',
      '1219.0145.0190.0001',
      '1219-0145-0190-0001',
      ' 1219014501900001 ',
      '1.219.014.501.900.001',
    ]) {
      const r = one(nik)
      expect(r.errors, nik).toEqual([])
      expect(r.workers[0]!.nik, nik).toBe('1219014501900001')
    }
  })

  it('refuses a NIK Excel turned into scientific notation, saying how to fix it', () => {
    for (const nik of ['1.23E+15', '1,21901E+15', '1.219014E15', '1.23e+15']) {
      const r = one(nik)
      expect(r.workers, nik).toEqual([])
      expect(r.errors[0], nik).toMatchObject({ row: 2, column: 'nik' })
      expect(r.errors[0]!.message, nik).toContain('notasi ilmiah')
      expect(r.errors[0]!.message, nik).toContain('sebagai teks')
    }
  })

  it('refuses a NIK whose birth date does not exist (DDMMYY, 40 added to the day for a woman)', () => {
    for (const [nik, tanggal] of [
      ['1219013202900001', '320290'],
      ['1219017202900001', '720290'],
      ['1219013113900001', '311390'],
      ['1219010004900001', '000490'],
    ] as const) {
      expect(one(nik).errors[0], nik).toEqual({
        row: 2,
        column: 'nik',
        message: `Tanggal lahir dalam NIK (${tanggal}) bukan tanggal yang ada (tertulis "${nik}")`,
      })
    }
    // 29 February and a woman's 71st (31 + 40) are real.
    expect(one('1219012902000001').errors).toEqual([])
    expect(one('1219017101900001').errors).toEqual([])
  })

  it('refuses a NIK that is not 16 digits, quoting what was written', () => {
    for (const nik of ['121901450190000', '12190145019000011', '1219O14501900001', 'NIK-KOSONG']) {
      const r = one(nik)
      expect(r.errors[0], nik).toEqual({ row: 2, column: 'nik', message: `NIK harus 16 angka (tertulis "${nik}")` })
    }
  })

  it('refuses the same NIK twice, naming both rows', () => {
    const r = parse('nama,nik\nA,1219014501900001\nB,1219 0145 0190 0002\nC,1219.0145.0190.0001\n')
    expectIssues(r.errors, [4, 'nik', 'NIK yang sama tercatat dua kali: baris 2 dan baris 4'])
    expect(r.workers.map((w) => w.nama)).toEqual(['A', 'B'])
  })
})

describe('parseWorkerTable: rows it refuses', () => {
  it('names every bad row with its column as written in the file', () => {
    const text = [
      'Nama Pekerja,NIK,No HP,Kelompok,Jabatan',
      ',1219014501900001,,Mawar,', // 2: empty name
      '=HYPERLINK("x"),,,Mawar,', // 3: a formula
      'Citra,,08x12,Mawar,', // 4: unreadable phone
      'Dedi,,,,Ketua', // 5: a leader without a team
      'Eka,,,Mawar,ya', // 6: first leader of Mawar
      'Fajar,,,mawar,Ketua', // 7: second leader of the same team (names compared normalised)
      'Gita,,,Melati,x', // 8: leader of another team: fine
      `${'A'.repeat(101)},,,,`, // 9: too long
    ].join('\n')
    const r = parse(text)
    expectIssues(
      r.errors,
      [2, 'Nama Pekerja', 'Nama pekerja kosong'],
      [3, 'Nama Pekerja', 'Nama pekerja "=HYPERLINK("x")" berisi rumus; tulis sebagai teks biasa'],
      [4, 'No HP', 'Nomor telepon "08x12" tidak dapat dibaca; tulis angka saja, mis. 081234567890'],
      [5, 'Jabatan', 'Ketua regu harus memiliki nama regu'],
      [7, 'Jabatan', 'Regu mawar memiliki dua ketua: baris 6 dan baris 7'],
      [9, 'Nama Pekerja', 'Nama pekerja terlalu panjang (101 karakter, maksimum 100)'],
    )
    expect(r.workers.map((w) => [w.nama, w.regu, w.ketua])).toEqual([
      ['Eka', 'Mawar', true],
      ['Gita', 'Melati', true],
    ])
  })

  it('reads leader marks: ketua, ya, 1, x, v, ✓; anything else is a member', () => {
    const marks = ['Ketua', 'KETUA REGU', 'ya', 'Y', '1', 'x', 'V', '✓']
    const r = parse(
      ['nama;regu;ketua', ...marks.map((m, i) => `W${i};T${i};${m}`), 'Z1;T0;anggota', 'Z2;T0;0', 'Z3;T0;wakil'].join(
        '\n',
      ),
    )
    expect(r.errors).toEqual([])
    expect(r.workers.filter((w) => w.ketua).map((w) => w.nama)).toEqual(marks.map((_, i) => `W${i}`))
    expect(r.workers.filter((w) => !w.ketua).map((w) => w.nama)).toEqual(['Z1', 'Z2', 'Z3'])
  })

  it('normalises phone numbers to digits (and a leading +)', () => {
    const r = parse('nama;telepon\nA;0812-6543-2101\nB;+62 813 7000 1234\nC;(061) 795 1234\n')
    expect(r.workers.map((w) => w.telepon)).toEqual(['081265432101', '+6281370001234', '0617951234'])
  })
})

describe('maskNik', () => {
  it('shows the first and last four digits only', () => {
    expect(maskNik('3201234567890001')).toBe('3201********0001')
    expect(maskNik('1219014501900002')).toBe('1219********0002')
    expect(maskNik('1219014501900002')).not.toContain('01450190')
  })
  it('null or empty stays null', () => {
    expect(maskNik(null)).toBeNull()
    expect(maskNik('')).toBeNull()
  })
})

describe('parseWorkerTable: names that look the same (issue 12)', () => {
  it('refuses a second row with the same name, or one that only looks the same, naming the first row', () => {
    const r = parse(
      'nama;regu\nMuhammad Rizki;Anggrek\nMuhammad Rizki;Anggrek\nSiti Aminah;Anggrek\nSiti\u00A0Aminah;Anggrek\n',
    )
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        3,
        'nama',
        'Nama pekerja "Muhammad Rizki" sama dengan baris 2 (Muhammad Rizki); bila orang yang berbeda, bedakan namanya (mis. tambahkan nama ayah atau asal desa)',
      ],
      [
        5,
        'nama',
        'Nama pekerja "Siti Aminah" sama dengan baris 4 (Siti Aminah); bila orang yang berbeda, bedakan namanya (mis. tambahkan nama ayah atau asal desa)',
      ],
    ])
  })

  it('refuses invisible characters and Cyrillic look-alikes in names and regu, with the position', () => {
    const r = parse('nama;regu\nSiti Aminah\u200B;Anggrek\nRudi;\u0410nggrek\n')
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'nama'],
      [3, 'regu'],
    ])
    expect(r.errors[0]!.message).toMatch(/karakter tak terlihat U\+200B pada posisi 12/)
    expect(r.errors[1]!.message).toMatch(/huruf Kiril "А" \(U\+0410\) pada posisi 1/)
  })

  it('refuses two spellings of one regu that only look alike, and reads two spellings in case as one regu', () => {
    const r = parse('nama;regu\nSiti;Regu I\nRudi;REGU I\nAni;Regu 1\n')
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        4,
        'regu',
        'Nama regu "Regu 1" sama dengan nama yang sudah ada: Regu I (baris 2), hanya berbeda pada huruf yang tampak serupa; tulis persis sama bila regunya sama',
      ],
    ])
  })
})
