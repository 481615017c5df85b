import type { ServiceContext } from '../services/context'
import { importDapil, listDapil, setDapilMapping } from '../services/dapil'
import { getElection, getLogo, initElection, setLogo, updateElection } from '../services/election'
import { createItem, listItems, updateItem } from '../services/items'
import { needsPerDapil, needsPerTps, needsRekap } from '../services/kebutuhan'
import { exportNeeds } from '../services/kebutuhanExport'
import { chainHead, listBalances, verifyLedger } from '../services/ledger'
import { applyImport, listDesa, listKecamatan, listTps, previewImport, wilayahSummary } from '../services/wilayah'
import { schemaVersion } from '../db/open'
import { quickCheck } from '../db/inspect'
import { backupDir, listBackups, makeBackup, restoreBackup } from '../services/cadangan'
import { checkPrintedDocument } from '../services/periksaDokumen'
import { changeOwnPin, createFirstAdmin, createUser, listUsers, updateUser } from '../services/pengguna'
import { SessionStore } from '../services/sesi'
import { DAMAGE_REASONS } from '../core/reasons'
import { correctRow, history } from '../services/koreksi'
import {
  createTeam,
  createWorker,
  importWorkers,
  listTeams,
  listWorkers,
  setTeamTarget,
  targetsOn,
  updateTeam,
  updateWorker,
} from '../services/pekerja'
import {
  getDelivery,
  listDeliveries,
  listRetur,
  recordDelivery,
  returnTertukar,
  settleSelisih,
} from '../services/penerimaan'
import { progress, reconciliation } from '../services/rekonsiliasi'
import { closeShift, getShift, listShifts, openShift, reopenShift, setAttendance } from '../services/shift'
import { reclassify, saveTally } from '../services/tally'
import { listVariants } from '../services/variants'
import { issueDocument, listDocuments, printDocument } from '../services/dokumen'
import { listDocTypes, setDocType } from '../services/dokumenJenis'
import { rekapHarian } from '../services/rekapHarian'
import { daftarIsiPdf, getLabelGrid, kotakLabelsPdf, setLabelGrid } from '../services/cetakKit'
import { kitDetail, kitProgress, kitSummaries, packKit, recordSegel, resolveKotakScan } from '../services/kemas'
import { destroy, destructionCandidates, listDestructions } from '../services/pemusnahan'
import {
  checkHandoverScan,
  confirmHandover,
  handOver,
  handoverOverview,
  handoverPreview,
  heldByPpk,
  listHandovers,
  recordReturnFromPpk,
} from '../services/serahTerima'
import type { Handlers } from './dispatch'
import type { JobRunner } from './jobs'
import { AppError } from '../core/errors'
import { printSatker } from '../services/cetakBatch'

/** A generated file as the contract's Download (base64 inside the JSON, for IPC and HTTP alike). */
const download = <T extends { fileName: string; mime: string; bytes: Buffer }>({ bytes, ...rest }: T) => ({
  ...rest,
  contentBase64: bytes.toString('base64'),
})

const bytesOf = (b64: string) => Buffer.from(b64, 'base64')

/** Binds every contract method to its service; one line each, no rules here. */
/** How the app started: 'pemulihan' when the database failed its start check (see openApp). */
export interface AppState {
  mode: 'normal' | 'pemulihan'
  problem: string | null
}

export function createHandlers(
  ctx: ServiceContext,
  appVersion: string,
  state: AppState = { mode: 'normal', problem: null },
  sessions: SessionStore = new SessionStore(ctx),
  jobs?: JobRunner,
): Handlers {
  const runner = () => {
    if (!jobs) throw new AppError('INTERNAL', 'Pekerjaan latar belakang tidak tersedia di sini')
    return jobs
  }
  return {
    'election.get': () => getElection(ctx),
    'election.init': (i, m) => initElection(ctx, m, { ...i, pilkada: i.pilkada }),
    'election.update': (i, m) => updateElection(ctx, m, i),
    'election.logo': () => {
      const logo = getLogo(ctx)
      return logo ? { mime: logo.mime, contentBase64: logo.data.toString('base64') } : null
    },
    'election.setLogo': (i, m) => setLogo(ctx, m, i.contentBase64 === null ? null : bytesOf(i.contentBase64)),
    'items.list': () => listItems(ctx),
    'items.update': (i, m) => updateItem(ctx, m, i),
    'items.create': (i, m) => createItem(ctx, m, i),
    'dapil.list': () => listDapil(ctx),
    'dapil.setMapping': (i, m) => setDapilMapping(ctx, m, i.itemId, i.mapping),
    'dapil.import': (i, m) => importDapil(ctx, m, i.fileName, bytesOf(i.contentBase64)),
    'wilayah.summary': () => wilayahSummary(ctx),
    'wilayah.kecamatan': () => listKecamatan(ctx),
    'wilayah.tps': () => listTps(ctx),
    'wilayah.desa': (i) => listDesa(ctx, i.kecamatanId),
    'wilayah.importPreview': (i) => previewImport(ctx, i.fileName, bytesOf(i.contentBase64)),
    'wilayah.importApply': (i, m) => applyImport(ctx, m, i.fileName, bytesOf(i.contentBase64), i.fingerprint),
    'kebutuhan.perTps': (i) => needsPerTps(ctx, i),
    'kebutuhan.rekap': (i) => needsRekap(ctx, i.level),
    'kebutuhan.perDapil': () => needsPerDapil(ctx),
    'kebutuhan.export': (i) => exportNeeds(ctx, i.format, i.level),
    'barang.varian': () => listVariants(ctx),
    'rusak.alasan': () => [...DAMAGE_REASONS],
    'rekonsiliasi.get': () => reconciliation(ctx),
    'rekonsiliasi.progres': (i) => progress(ctx, i),
    'ledger.riwayat': (i) => history(ctx, i),
    'ledger.koreksi': (i, m) => correctRow(ctx, m, i),
    'penerimaan.list': () => listDeliveries(ctx),
    'penerimaan.get': (i) => getDelivery(ctx, i.id),
    'penerimaan.catat': (i, m) => getDelivery(ctx, recordDelivery(ctx, m, i)),
    'penerimaan.selisihSelesai': (i, m) => settleSelisih(ctx, m, i.lineId, i.note),
    'penerimaan.retur': (i, m) => returnTertukar(ctx, m, i),
    'penerimaan.returList': () => listRetur(ctx),
    'pekerja.list': () => listWorkers(ctx),
    'pekerja.tambah': (i, m) => createWorker(ctx, m, i),
    'pekerja.ubah': (i, m) => updateWorker(ctx, m, i),
    'pekerja.impor': (i, m) => importWorkers(ctx, m, i.fileName, bytesOf(i.contentBase64)),
    'regu.list': () => listTeams(ctx),
    'regu.tambah': (i, m) => createTeam(ctx, m, i),
    'regu.ubah': (i, m) => updateTeam(ctx, m, i),
    'regu.target': (i) => targetsOn(ctx, i.tanggal),
    'regu.setTarget': (i, m) => setTeamTarget(ctx, m, i.teamId, i.tanggal, i.qty),
    'shift.list': (i) => listShifts(ctx, i),
    'shift.get': (i) => getShift(ctx, i.id),
    'shift.buka': (i, m) => openShift(ctx, m, i),
    'shift.hadir': (i, m) => setAttendance(ctx, m, i.shiftId, i.teams, i.variantIds),
    'shift.tutup': (i, m) => closeShift(ctx, m, i.shiftId, i.note),
    'shift.bukaKembali': (i, m) => reopenShift(ctx, m, i.shiftId, i.note),
    'tally.simpan': (i, m) => saveTally(ctx, m, i),
    'rusak.reklasifikasi': (i, m) => reclassify(ctx, m, i),
    'dokumen.jenis': () => listDocTypes(ctx),
    'dokumen.aturJenis': (i, m) => setDocType(ctx, m, i.type, i.nomorPattern, i.signers),
    'dokumen.terbitkan': (i, m) => issueDocument(ctx, m, i),
    'dokumen.list': (i) => listDocuments(ctx, i.type),
    'dokumen.cetak': async (i, m) => {
      const f = await printDocument(ctx, m, i.id, i.format, i.paper)
      return { fileName: f.fileName, mime: f.mime, contentBase64: f.bytes.toString('base64') }
    },
    'rekap.harian': async (i) => {
      const f = await rekapHarian(ctx, i.tanggal, i.format)
      return { fileName: f.fileName, mime: f.mime, contentBase64: f.bytes.toString('base64') }
    },
    'kemas.status': (i) => kitProgress(ctx, i.level),
    'kemas.daftar': (i) =>
      kitSummaries(ctx).filter(
        (k) =>
          (i.kecamatanId === undefined || k.kecamatanId === i.kecamatanId) &&
          (i.desaId === undefined || k.desaId === i.desaId),
      ),
    'kemas.kit': (i) => kitDetail(ctx, i.tpsId),
    'kemas.scan': (i) => resolveKotakScan(ctx, i.code),
    'kemas.simpan': (i, m) => packKit(ctx, m, i),
    'kemas.segel': (i, m) => recordSegel(ctx, m, i.tpsId, i.kotakNo, i.nomor),
    'kemas.label': async (i) => download(await kotakLabelsPdf(ctx, i)),
    'kemas.daftarIsi': async (i) => download(await daftarIsiPdf(ctx, i.scope, i.ringkas)),
    'kemas.cetakSatker': (i, m) => printSatker(ctx, i.jenis, i.ringkas, m.progress),
    'label.grid': () => getLabelGrid(ctx),
    'label.aturGrid': (i, m) => setLabelGrid(ctx, m, i),
    'distribusi.kecamatan': (i) => handoverOverview(ctx, i.kecamatanId),
    'distribusi.pratinjau': (i) => handoverPreview(ctx, i.kecamatanId, i.tpsIds),
    'distribusi.list': () => listHandovers(ctx),
    'distribusi.serahkan': (i, m) => handOver(ctx, m, i),
    'distribusi.konfirmasi': (i, m) => confirmHandover(ctx, m, i.handoverId, i.note),
    'distribusi.periksaScan': (i) => checkHandoverScan(ctx, i.kecamatanId, i.code),
    'distribusi.pengembalian': (i, m) => recordReturnFromPpk(ctx, m, i),
    'distribusi.diPpk': (i) => heldByPpk(ctx, i.kecamatanId),
    'pemusnahan.kandidat': () => destructionCandidates(ctx),
    'pemusnahan.catat': (i, m) => destroy(ctx, m, i),
    'pemusnahan.list': () => listDestructions(ctx),
    'system.status': () => ({
      mode: state.mode,
      problem: state.problem,
      dbPath: ctx.dbPath,
      backupDir: backupDir(ctx.dbPath),
    }),
    'cadangan.list': (i, m) => listBackups(ctx.dbPath, i.folder, m.progress),
    'cadangan.buat': (i, m) => makeBackup(ctx, 'manual', i.folder, m.progress),
    'cadangan.pulihkan': async (i) => {
      // A job's worker holds the file open; on Windows the file could not be moved aside.
      await jobs?.cancelAll()
      const r = restoreBackup(ctx, i.file, { trustOpenFile: state.mode === 'normal' })
      // A restored file that passes the start check takes the app out of recovery mode.
      const problem = quickCheck(ctx.db)
      Object.assign(state, problem ? { mode: 'pemulihan', problem } : { mode: 'normal', problem: null })
      sessions.clear()
      return r
    },
    'dokumen.periksa': (i) => checkPrintedDocument(ctx, i.kode),
    'sesi.status': (_i, m) => sessions.view(m.session),
    'sesi.masuk': (i, m) => sessions.signIn(m.session, i.userId, i.pin, m.transport),
    'sesi.keluar': (_i, m) => sessions.signOut(m.session),
    'pengguna.list': () => listUsers(ctx),
    'pengguna.pertama': (i, m) => createFirstAdmin(ctx, m, i),
    'pengguna.tambah': (i, m) => createUser(ctx, m, i),
    'pengguna.ubah': (i, m) => updateUser(ctx, m, i),
    'pengguna.gantiPin': (i, m) => changeOwnPin(ctx, m, m.userId, i.pinLama, i.pinBaru),
    'ledger.verify': (_i, m) => verifyLedger(ctx, m.progress),
    'ledger.balances': () => listBalances(ctx),
    // Answered by the dispatcher itself, which admits the method the job runs (src/api/dispatch.ts).
    'job.mulai': () => {
      throw new AppError('INTERNAL', 'job.mulai dijawab oleh dispatcher')
    },
    'job.status': (i) => runner().status(i.id),
    'job.list': () => runner().list(),
    'job.batal': (i) => runner().cancel(i.id),
    'system.info': () => {
      const head = chainHead(ctx.db)
      return {
        appVersion,
        schemaVersion: schemaVersion(ctx.db),
        dbPath: ctx.dbPath,
        ledgerRows: head.seq,
        chainHead: head.hash,
      }
    },
  }
}
