// Accountant exports, for the API routes and the back office alike: both stream from a database cursor into any
// Writable (an Express response, a file), in constant memory. Reads only: accounting owns no table.
import type { Writable } from 'node:stream';
import type { Settings } from '../../config/index.js';
import type { ReadDatabase } from '../../db/replica.js';
import type { ExportPeriod, OrdersExportFilters } from './accounting.schemas.js';
import { fecFileName, streamFec } from './fec.js';
import { shopCode, streamOrdersCsv } from './orders-csv.js';

export {
  MAX_EXPORT_DAYS,
  fecQuery,
  isCalendarDay,
  ordersCsvQuery,
  periodProblems,
  type ExportPeriod,
  type OrdersExportFilters,
} from './accounting.schemas.js';
export { CURSOR_BATCH_ROWS, ExportAbortedError } from './cursor-export.js';
export { csvRecord, csvText } from './format.js';
export {
  orderAmounts,
  refundBreakdown,
  storedBreakdown,
  trustedBreakdown,
  type InclusiveAmount,
} from './vat.js';
export { FEC_COLUMNS, chartOfAccounts, fecFileName, streamFec, type FecOutcome } from './fec.js';
export {
  CSV_EXCLUDED_STATUSES,
  ORDERS_CSV_COLUMNS,
  ordersCsvFileName,
  streamOrdersCsv,
  type OrdersCsvOutcome,
} from './orders-csv.js';
export { accountingRouter, exportFec, exportOrdersCsv, sendExportFile } from './accounting.routes.js';

export function createAccountingService({ db, settings }: { db: ReadDatabase; settings: Settings }) {
  return {
    /** Streams the orders CSV of the period (and shop) to `writable`, then ends it (see cursor-export.ts). */
    streamOrdersCsv: (filters: OrdersExportFilters, writable: Writable) =>
      streamOrdersCsv(db, filters, writable),
    /** Streams the FEC of the sales journal for the period to `writable`, then ends it. */
    streamFec: (period: ExportPeriod, writable: Writable) =>
      streamFec(db, settings.accounting, period, writable),
    /** `<SIREN>FEC<AAAAMMJJ>.txt` for the company's SIREN. */
    fecFileName: (period: ExportPeriod) => fecFileName(settings.accounting.siren, period),
    /** The shop's code for an export's file name (404 pizzeria_not_found). */
    shopCode: (pizzeriaId: number) => db.read((ex) => shopCode(ex, pizzeriaId)),
  };
}

export type AccountingService = ReturnType<typeof createAccountingService>;
