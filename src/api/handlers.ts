import type { ServiceContext } from '../services/context'
import { importDapil, listDapil, setDapilMapping } from '../services/dapil'
import { getElection, initElection, updateElection } from '../services/election'
import { createItem, listItems, updateItem } from '../services/items'
import { needsPerDapil, needsPerTps, needsRekap } from '../services/kebutuhan'
import { exportNeeds } from '../services/kebutuhanExport'
import { chainHead, listBalances, verifyLedger } from '../services/ledger'
import { applyImport, listKecamatan, listTps, previewImport, wilayahSummary } from '../services/wilayah'
import { schemaVersion } from '../db/open'
import type { Handlers } from './dispatch'

const bytesOf = (b64: string) => Buffer.from(b64, 'base64')

/** Binds every contract method to its service; one line each, no rules here. */
export function createHandlers(ctx: ServiceContext, appVersion: string): Handlers {
  return {
    'election.get': () => getElection(ctx),
    'election.init': (i, m) => initElection(ctx, m, { ...i, pilkada: i.pilkada }),
    'election.update': (i, m) => updateElection(ctx, m, i),
    'items.list': () => listItems(ctx),
    'items.update': (i, m) => updateItem(ctx, m, i),
    'items.create': (i, m) => createItem(ctx, m, i),
    'dapil.list': () => listDapil(ctx),
    'dapil.setMapping': (i, m) => setDapilMapping(ctx, m, i.itemId, i.mapping),
    'dapil.import': (i, m) => importDapil(ctx, m, i.fileName, bytesOf(i.contentBase64)),
    'wilayah.summary': () => wilayahSummary(ctx),
    'wilayah.kecamatan': () => listKecamatan(ctx),
    'wilayah.tps': () => listTps(ctx),
    'wilayah.importPreview': (i) => previewImport(ctx, i.fileName, bytesOf(i.contentBase64)),
    'wilayah.importApply': (i, m) => applyImport(ctx, m, i.fileName, bytesOf(i.contentBase64), i.fingerprint),
    'kebutuhan.perTps': () => needsPerTps(ctx),
    'kebutuhan.rekap': (i) => needsRekap(ctx, i.level),
    'kebutuhan.perDapil': () => needsPerDapil(ctx),
    'kebutuhan.export': (i) => exportNeeds(ctx, i.format, i.level),
    'ledger.verify': () => verifyLedger(ctx),
    'ledger.balances': () => listBalances(ctx),
    'system.info': () => {
      const head = chainHead(ctx.db)
      return { appVersion, schemaVersion: schemaVersion(ctx.db), dbPath: ctx.dbPath, ledgerRows: head.seq, chainHead: head.hash }
    },
  }
}
