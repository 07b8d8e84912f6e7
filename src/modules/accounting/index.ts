// Accountant exports, for the API routes and the back office alike: both stream from a database cursor into any
// Writable (an Express response, a file), in constant memory.
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
export { FEC_COLUMNS, chartOfAccounts, fecFileName, streamFec, type FecOutcome } from './fec.js';
export {
  CSV_EXCLUDED_STATUSES,
  ORDERS_CSV_COLUMNS,
  ordersCsvFileName,
  streamOrdersCsv,
  type OrdersCsvOutcome,
} from './orders-csv.js';
export { accountingRouter, sendExportFile } from './accounting.routes.js';
