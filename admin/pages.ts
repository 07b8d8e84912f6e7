// Plain pages of the back office beside AdminJS's, under the same secret path and session: the printable recipe
// memo (shown inside the admin by the RecipeMemo component, printed on its own) and the accountant downloads,
// which stream the CSV and FEC files from a database cursor as the staff API does.
import { Router, type Request, type RequestHandler } from 'express';
import { exportFec, exportOrdersCsv, fecQuery, ordersCsvQuery } from '../src/modules/accounting/index.js';
import { archiveQuery, sendArchive } from '../src/modules/journal/index.js';
import {
  documentQuery,
  purchaseOrderCsv,
  purchaseOrderFileName,
  purchaseOrderIdParams,
  purchaseOrderPdf,
} from '../src/modules/purchasing/index.js';
import { parse } from '../src/shared/validate.js';
import { recipeMemoHtml } from '../src/modules/catalog/index.js';
import { can, type Permission } from '../src/modules/staff/index.js';
import { ForbiddenError } from '../src/shared/errors.js';
import { asStaff, type StaffAdmin } from './access.js';
import type { AdminContext } from './deps.js';
import { principalOf } from './actions/form-action.js';
import { JOURNAL_ARCHIVE_PATH } from './journal.js';

export const MEMO_PATH = '/memo';
export const EXPORT_PATHS = { ordersCsv: '/exports/orders.csv', fec: '/exports/fec' } as const;

/** A purchase order's PDF or CSV (« Bons de commande »: links on the record page). */
export const PURCHASE_ORDER_DOCUMENT_PATH = '/purchase-orders/:id/document';
export const purchaseOrderDocumentPath = (id: number, format: 'pdf' | 'csv') =>
  `/purchase-orders/${id}/document?format=${format}`;

const staffOf = (req: Request): StaffAdmin => asStaff(req.session?.adminUser)!;

/** Signed in (else to the login page) and allowed (else a French 403). */
export function requireRight(permission: Permission, loginPath: string): RequestHandler {
  return (req, res, next) => {
    const staff = asStaff(req.session?.adminUser);
    if (!staff) return res.redirect(loginPath);
    if (!can(staff.role, permission))
      return next(new ForbiddenError('Cette page ne fait pas partie de vos accès.'));
    next();
  };
}

export function adminPages(ctx: AdminContext, loginPath: string): Router {
  const router = Router();
  router.get(MEMO_PATH, requireRight('recipes.view', loginPath), async (req, res) => {
    // Shop staff see their shop's specialities with the group's pizzas; the group admin every shop's.
    const memos = await ctx.services.catalog.recipeMemos(staffOf(req).pizzeriaId);
    res.type('html').send(recipeMemoHtml(memos));
  });
  router.get(EXPORT_PATHS.ordersCsv, requireRight('accounting.export', loginPath), (req, res) =>
    exportOrdersCsv(ctx, req, res, principalOf(staffOf(req)), parse(ordersCsvQuery, req.query)),
  );
  router.get(EXPORT_PATHS.fec, requireRight('accounting.export', loginPath), (req, res) =>
    exportFec(ctx, req, res, principalOf(staffOf(req)), parse(fecQuery, req.query)),
  );
  // The signed archive of a closed month or year of the sales journal (the page « Journal des ventes »).
  router.get(JOURNAL_ARCHIVE_PATH, requireRight('accounting.export', loginPath), async (req, res) => {
    await sendArchive(req, res, await ctx.services.journal.archive(parse(archiveQuery, req.query)));
  });
  // The staff API's GET /api/staff/purchase-orders/:id/document, with the session instead of a token: the same
  // service reads the order for the caller (another shop's answers 404, as through the API).
  router.get(PURCHASE_ORDER_DOCUMENT_PATH, requireRight('purchasing.view', loginPath), async (req, res) => {
    const { id } = parse(purchaseOrderIdParams, req.params);
    const { format } = parse(documentQuery, req.query);
    const data = await ctx.services.purchasing.documentData(principalOf(staffOf(req)), id);
    res.set('Content-Disposition', `attachment; filename="${purchaseOrderFileName(data, format)}"`);
    if (format === 'pdf') res.type('application/pdf').send(await purchaseOrderPdf(data));
    else res.type('text/csv; charset=utf-8').send(purchaseOrderCsv(data));
  });
  return router;
}
