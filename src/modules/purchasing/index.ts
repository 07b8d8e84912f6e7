// The purchasing module: suppliers and what they sell, purchase orders to them (« BC-P01-0001 ») and their
// receptions. It alone writes suppliers, supplier_items, purchase_orders, purchase_order_counters,
// purchase_order_lines, purchase_receipts and purchase_receipt_lines; a reception's receipts go to the stock
// ledger through the stock module (receiveInTx) and the e-mail to the supplier through the notifications outbox,
// both in the reception's or the sending's transaction.
import type { Database } from '../../db/executor.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { NotificationsService } from '../notifications/index.js';
import type { StockService } from '../stock/index.js';
import { shopScope } from '../staff/index.js';
import type { EmployeePrincipal } from '../auth/index.js';
import { createFoodCost } from './food-cost.js';
import { createSuggestions } from './suggestions.service.js';
import { createPurchasingService as build, PURCHASE_ORDER_SENT_KIND } from './purchasing.service.js';

export {
  PURCHASE_ORDER_CSV_COLUMNS,
  purchaseOrderCsv,
  purchaseOrderFileName,
  purchaseOrderPdf,
  type OrderDocumentData,
} from './purchasing.documents.js';
export { purchasingRouter } from './purchasing.routes.js';
export {
  createDraftBody,
  documentQuery,
  purchaseOrderIdParams,
  receptionBody,
} from './purchasing.schemas.js';
export { earliestDelivery, lineDifferences } from './purchasing.view.js';
export type { FoodCost, FoodCostDay, FoodCostSize } from './food-cost.js';
export type { SupplierSuggestion, SuggestionLine } from './suggestions.js';
export type { ReorderSuggestions } from './suggestions.service.js';
export {
  PURCHASE_ORDER_SENT_KIND,
  type DraftInput,
  type DraftUpdate,
  type ReceptionInput,
} from './purchasing.service.js';

export interface PurchasingDeps {
  db: Database;
  clock?: Clock;
  stock: Pick<StockService, 'receiveInTx' | 'forecast'>;
  notifications: Pick<NotificationsService, 'enqueue' | 'registerRenderer'>;
}

/** Built once in src/wiring.ts; registers the supplier's e-mail template with the notifications module. */
export function createPurchasingService({ db, clock = systemClock, stock, notifications }: PurchasingDeps) {
  const service = build({ db, clock, stock, notifications });
  notifications.registerRenderer(PURCHASE_ORDER_SENT_KIND, (m, ex) => service.mailRenderer(m, ex));
  const suggestions = createSuggestions({
    db,
    clock,
    forecast: async (pizzeriaId) => (await stock.forecast(pizzeriaId))[0]?.items ?? [],
  });
  return {
    ...service,
    /** What to order from each supplier now (the shop's own for a manager; a group role names it): 404
     * pizzeria_not_found for an unknown shop. */
    suggestions: (me: EmployeePrincipal, requested?: number) => suggestions.suggest(shopScope(me, requested)),
    /** Cost of goods of a shop (food-cost.ts): per menu size and per day of the period (last 14 days). */
    foodCost: (me: EmployeePrincipal, requested?: number, period?: { from?: string; to?: string }) =>
      createFoodCost({ db, clock }).foodCost(shopScope(me, requested), period),
  };
}

export type PurchasingService = ReturnType<typeof createPurchasingService>;
