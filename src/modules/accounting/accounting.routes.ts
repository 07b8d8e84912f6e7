// Accountant exports as file downloads: the orders CSV (French Excel) and the FEC of the sales journal. Group
// roles only (`accounting.export`); streamed from a database cursor straight into the response.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { ForbiddenError } from '../../shared/errors.js';
import { reportError } from '../../shared/monitoring.js';
import { route } from '../../shared/openapi.js';
import type { EmployeePrincipal } from '../auth/index.js';
import { shopScope } from '../staff/index.js';
import type { AccountingService } from './index.js';
import { fecQuery, ordersCsvQuery, type FecQuery, type OrdersCsvQuery } from './accounting.schemas.js';
import { ExportAbortedError } from './cursor-export.js';
import { ordersCsvFileName } from './orders-csv.js';

const TAG = 'Comptabilité';
// `200: null`: the body is a file (text/csv or text/plain), not JSON.
const CSV_RESPONSES = { 200: null, 401: null, 403: null, 404: null, 422: null };
const FEC_RESPONSES = { 200: null, 401: null, 403: null, 422: null };

/**
 * Sends a streamed export as a download (for these routes and the back office's): `write` streams into `res`
 * (streamOrdersCsv, streamFec). An error before the first byte is rethrown for the error middleware to answer
 * as usual (the download headers are taken back); after it, the response has been cut short (no final chunk)
 * so the download visibly fails, and the error is logged and reported here.
 */
export async function sendExportFile(
  req: Request,
  res: Response,
  file: { name: string; contentType: string },
  write: () => Promise<object>,
): Promise<void> {
  res.set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.name}"`,
  });
  try {
    const outcome = await write();
    req.log.info({ file: file.name, ...outcome }, 'export sent');
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw error;
    }
    if (error instanceof ExportAbortedError) {
      req.log.warn({ file: file.name }, 'export abandoned by the client');
      return;
    }
    const eventId = reportError(error, {
      requestId: String(req.id),
      method: req.method,
      path: req.route?.path ?? req.path,
    });
    req.log.error(
      { file: file.name, errName: (error as Error)?.name, errMessage: (error as Error)?.message, eventId },
      'export failed while streaming: response cut short',
    );
  }
}

/** The app's or the back office's context: the exports go through the accounting service. */
type ExportContext = { services: { accounting: AccountingService } };

/** The orders CSV of the (parsed) query's period and shop, for an employee allowed `accounting.export`. */
export async function exportOrdersCsv(
  { services: { accounting } }: ExportContext,
  req: Request,
  res: Response,
  me: EmployeePrincipal,
  query: OrdersCsvQuery,
): Promise<void> {
  // Group roles see every shop unless they name one; a shop role (should one be granted exports) its own.
  const pizzeriaId = me.pizzeriaId === null ? query.pizzeriaId : shopScope(me, query.pizzeriaId);
  const code = pizzeriaId === undefined ? null : await accounting.shopCode(pizzeriaId);
  const filters = { from: query.from, to: query.to, pizzeriaId };
  await sendExportFile(
    req,
    res,
    { name: ordersCsvFileName(filters, code), contentType: 'text/csv; charset=utf-8' },
    () => accounting.streamOrdersCsv(filters, res),
  );
}

/** The FEC of the (parsed) query's period: the whole company's, so for group roles only. */
export async function exportFec(
  { services: { accounting } }: ExportContext,
  req: Request,
  res: Response,
  me: EmployeePrincipal,
  period: FecQuery,
): Promise<void> {
  if (me.pizzeriaId !== null) {
    throw new ForbiddenError('Le FEC couvre toute la société : il est réservé aux rôles du groupe.');
  }
  await sendExportFile(
    req,
    res,
    { name: accounting.fecFileName(period), contentType: 'text/plain; charset=utf-8' },
    () => accounting.streamFec(period, res),
  );
}

export function accountingRouter(ctx: AppContext): Router {
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/staff/exports/orders.csv',
      operationId: 'exportOrdersCsv',
      tag: TAG,
      auth: { staff: 'accounting.export' },
      summary:
        'Export CSV des commandes pour Excel (une ligne par ligne de commande, TVA, paiements, remboursements ; ' +
        'UTF-8 avec BOM, séparateur « ; », virgule décimale). Commandes annulées exclues.',
      query: ordersCsvQuery,
      responses: CSV_RESPONSES,
    },
    ({ query, principal }, req, res) => exportOrdersCsv(ctx, req, res, principal, query),
  );

  route(
    router,
    {
      method: 'get',
      path: '/staff/exports/fec',
      operationId: 'exportFec',
      tag: TAG,
      auth: { staff: 'accounting.export' },
      summary:
        'Fichier des écritures comptables (FEC) du journal des ventes de la société, nommé <SIREN>FEC<AAAAMMJJ>.txt',
      query: fecQuery,
      responses: FEC_RESPONSES,
    },
    ({ query, principal }, req, res) => exportFec(ctx, req, res, principal, query),
  );

  return router;
}
