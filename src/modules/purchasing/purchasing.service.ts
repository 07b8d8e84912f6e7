// Purchase orders of a shop to its suppliers: draft → sent → partially received → received (or cancelled).
// Every change is one transaction that locks the order's row first (two managers acting at once are serialised
// and the second sees the first's result); a reception then hands the accepted quantities to the stock module,
// which locks the stock rows in ingredient order, last, as placement does. Shop scoping: a shop's employee sees
// their shop's orders only (another shop's order answers 404, as if it did not exist); group roles see all.
import type { Database, Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { SQL_INT_MAX } from '../../shared/validate.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { StockService } from '../stock/index.js';
import { localDate } from '../pizzerias/index.js';
import { shopScope } from '../staff/index.js';
import { lockInStatus, visibleHead } from './purchasing.access.js';
import { purchaseOrderMail, type OrderDocumentData } from './purchasing.documents.js';
import { receivePurchaseOrder, type ReceptionInput } from './purchasing.reception.js';
import { earliestDelivery, iso, purchaseOrderView, weekday } from './purchasing.view.js';
import {
  deleteLines,
  findHead,
  findHeads,
  findLines,
  findShop,
  findSupplier,
  findSupplierItems,
  findUsableSuppliers,
  insertLines,
  insertPurchaseOrder,
  nextPurchaseOrderNumber,
  updateHead,
  updateLinePacks,
  type NewLine,
  type OrderHeadRow,
  type PurchaseOrderStatus,
  type SupplierRow,
} from './purchasing.repository.js';

export const PURCHASE_ORDER_SENT_KIND = 'purchasing.order_sent';

export interface PurchasingDeps {
  db: Database;
  clock: Clock;
  stock: Pick<StockService, 'receiveInTx'>;
  notifications: Pick<NotificationsService, 'enqueue'>;
}

export interface DraftLineInput {
  ingredientId: number;
  packs: number;
  suggestedPacks?: number | null;
}

export interface DraftInput {
  pizzeriaId?: number;
  supplierId: number;
  expectedOn?: string | null;
  note?: string | null;
  lines: DraftLineInput[];
}

export type { ReceptionInput } from './purchasing.reception.js';

export interface DraftUpdate {
  expectedOn?: string | null;
  note?: string | null;
  /** The draft's whole set of lines: kept ones change their packs, new ones are added, missing ones removed. */
  lines?: DraftLineInput[];
}

/** A total HT the purchase_orders.total_cents integer can hold (packs × price overflows it far sooner). */
function checkTotal(lines: { packs: number; packPriceCents: number }[]): void {
  const total = lines.reduce((sum, l) => sum + l.packs * l.packPriceCents, 0);
  if (total > SQL_INT_MAX) {
    throw new ValidationError(
      'Le total du bon de commande est trop élevé : vérifiez le nombre de colis.',
      { field: 'lines', totalCents: total },
      'order_total_too_large',
    );
  }
}

const supplierNotFound = () => new NotFoundError('Ce fournisseur n’existe pas.', 'supplier_not_found');

export function createPurchasingService({ db, clock, stock, notifications }: PurchasingDeps) {
  /** The supplier if the shop may order from it (404 otherwise: another shop's supplier does not exist here). */
  async function usableSupplier(ex: Executor, supplierId: number, pizzeriaId: number) {
    const supplier = await findSupplier(ex, supplierId);
    if (!supplier || (supplier.pizzeriaId !== null && supplier.pizzeriaId !== pizzeriaId)) {
      throw supplierNotFound();
    }
    if (!supplier.active) {
      throw new ConflictError('supplier_inactive', `Le fournisseur « ${supplier.name} » n’est plus actif.`);
    }
    return supplier;
  }

  /** The lines' pack terms, copied from the supplier's items (422 ingredient_not_sold, duplicate_ingredient). */
  async function termsOf(ex: Executor, supplier: SupplierRow, lines: DraftLineInput[]) {
    const seen = new Set<number>();
    lines.forEach((l, i) => {
      if (seen.has(l.ingredientId)) {
        throw new ValidationError(
          'Un ingrédient ne peut figurer qu’une fois sur le bon de commande.',
          { field: `lines.${i}.ingredientId`, ingredientId: l.ingredientId },
          'duplicate_ingredient',
        );
      }
      seen.add(l.ingredientId);
    });
    const items = new Map((await findSupplierItems(ex, [supplier.id])).map((it) => [it.ingredientId, it]));
    const missing = lines.filter((l) => !items.has(l.ingredientId));
    if (missing.length > 0) {
      throw new ValidationError(
        `Le fournisseur « ${supplier.name} » ne vend pas ${missing.length > 1 ? 'ces ingrédients' : 'cet ingrédient'}.`,
        missing.map((l) => ({ ingredientId: l.ingredientId })),
        'ingredient_not_sold',
      );
    }
    return (l: DraftLineInput): NewLine => {
      const it = items.get(l.ingredientId)!;
      return {
        ingredientId: l.ingredientId,
        supplierItemId: it.id,
        reference: it.reference,
        packLabel: it.packLabel,
        packQuantity: it.packQuantity,
        packPriceCents: it.packPriceCents,
        packs: l.packs,
        suggestedPacks: l.suggestedPacks ?? null,
      };
    };
  }

  /** 'YYYY-MM-DD' the supplier can deliver on (a delivery day, lead time respected), else 422. */
  function checkExpectedOn(supplier: SupplierRow, today: string, expectedOn: string) {
    const earliest = earliestDelivery(supplier, today);
    if (expectedOn < earliest || !supplier.deliveryDays.includes(weekday(expectedOn))) {
      throw new ValidationError(
        `Le fournisseur « ${supplier.name} » ne peut pas livrer ce jour-là : il livre les jours ` +
          `${supplier.deliveryDays.join(', ')}, ${supplier.leadTimeDays} jour(s) après la commande ` +
          `(au plus tôt le ${earliest}).`,
        { field: 'expectedOn', earliest, deliveryDays: supplier.deliveryDays },
        'expected_on_invalid',
      );
    }
  }

  async function loadDocumentData(ex: Executor, head: OrderHeadRow): Promise<OrderDocumentData> {
    const [lines, shop, supplier] = await Promise.all([
      findLines(ex, head.id),
      findShop(ex, head.pizzeriaId),
      findSupplier(ex, head.supplierId),
    ]);
    return { head, lines, shop: shop!, supplier: supplier! };
  }

  return {
    /** Active suppliers the shop may order from (the group's and its own), with what each sells. */
    suppliers: (me: EmployeePrincipal, requested?: number) =>
      db.read(async (ex) => {
        const pizzeriaId = shopScope(me, requested);
        if (!(await findShop(ex, pizzeriaId))) {
          throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
        }
        const suppliers = await findUsableSuppliers(ex, pizzeriaId);
        const items = await findSupplierItems(
          ex,
          suppliers.map((s) => s.id),
        );
        return {
          pizzeriaId,
          suppliers: suppliers.map((s) => ({
            ...s,
            items: items.filter((it) => it.supplierId === s.id).map(({ supplierId: _s, ...it }) => it),
          })),
        };
      }),

    /** The newest orders: the shop's for shop staff, every shop's (or the one named) for group roles. */
    list: (me: EmployeePrincipal, filter: { pizzeriaId?: number; status?: PurchaseOrderStatus }) =>
      db.read(async (ex) => {
        const pizzeriaId = me.pizzeriaId === null ? filter.pizzeriaId : shopScope(me, filter.pizzeriaId);
        const rows = await findHeads(ex, { pizzeriaId, status: filter.status, limit: 200 });
        return rows.map((r) => ({
          id: r.id,
          number: r.number,
          status: r.status,
          pizzeriaId: r.pizzeriaId,
          pizzeriaCode: r.pizzeriaCode,
          supplierId: r.supplierId,
          supplierName: r.supplierName,
          expectedOn: r.expectedOn,
          totalCents: r.totalCents,
          createdAt: iso(r.createdAt)!,
          sentAt: iso(r.sentAt),
          receivedAt: iso(r.receivedAt),
        }));
      }),

    get: (me: EmployeePrincipal, id: number) =>
      db.read(async (ex) => purchaseOrderView(ex, await visibleHead(ex, me, id))),

    /** A new draft, numbered « BC-<shop>-0001 » in the shop's sequence (no gap: the counter rolls back with it). */
    createDraft: (me: EmployeePrincipal, input: DraftInput) =>
      db.transaction(async (tx) => {
        const pizzeriaId = shopScope(me, input.pizzeriaId);
        const shop = await findShop(tx, pizzeriaId);
        if (!shop) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
        const supplier = await usableSupplier(tx, input.supplierId, pizzeriaId);
        const toLine = await termsOf(tx, supplier, input.lines);
        const now = clock.now();
        const today = localDate(now, shop.timezone);
        if (input.expectedOn) checkExpectedOn(supplier, today, input.expectedOn);
        const newLines = input.lines.map(toLine);
        checkTotal(newLines);
        // The counter last: its row stays locked until the commit, so concurrent drafts of the shop queue here.
        const number = await nextPurchaseOrderNumber(tx, pizzeriaId, shop.code);
        const id = await insertPurchaseOrder(tx, {
          number,
          pizzeriaId,
          supplierId: supplier.id,
          expectedOn: input.expectedOn ?? earliestDelivery(supplier, today),
          note: input.note || null,
          employeeId: me.employeeId,
          at: now,
        });
        await insertLines(tx, id, newLines);
        await updateHead(tx, id, {}, now);
        return purchaseOrderView(tx, (await findHead(tx, id))!);
      }),

    /** A draft's lines (packs, added, removed), delivery day or note. 409 not_draft once sent. */
    updateDraft: (me: EmployeePrincipal, id: number, input: DraftUpdate) =>
      db.transaction(async (tx) => {
        const head = await lockInStatus(
          tx,
          me,
          id,
          ['draft'],
          'not_draft',
          'Ce bon de commande a déjà été envoyé : il ne peut plus être modifié.',
        );
        const now = clock.now();
        const set: Parameters<typeof updateHead>[2] = {};
        if (input.expectedOn !== undefined) {
          if (input.expectedOn !== null) {
            const shop = (await findShop(tx, head.pizzeriaId))!;
            const supplier = (await findSupplier(tx, head.supplierId))!;
            checkExpectedOn(supplier, localDate(now, shop.timezone), input.expectedOn);
          }
          set.expectedOn = input.expectedOn;
        }
        if (input.note !== undefined) set.note = input.note || null;
        if (input.lines) {
          const supplier = await usableSupplier(tx, head.supplierId, head.pizzeriaId);
          const current = new Map((await findLines(tx, id)).map((l) => [l.ingredientId, l]));
          const added = input.lines.filter((l) => !current.has(l.ingredientId));
          const toLine = await termsOf(tx, supplier, added);
          // termsOf checked the added lines; duplicates among all the lines are refused the same way.
          const wanted = new Set<number>();
          input.lines.forEach((l, i) => {
            if (wanted.has(l.ingredientId)) {
              throw new ValidationError(
                'Un ingrédient ne peut figurer qu’une fois sur le bon de commande.',
                { field: `lines.${i}.ingredientId`, ingredientId: l.ingredientId },
                'duplicate_ingredient',
              );
            }
            wanted.add(l.ingredientId);
          });
          await deleteLines(
            tx,
            [...current.values()].filter((l) => !wanted.has(l.ingredientId)).map((l) => l.id),
          );
          await updateLinePacks(
            tx,
            input.lines
              .filter((l) => current.has(l.ingredientId))
              .map((l) => ({
                id: current.get(l.ingredientId)!.id,
                packs: l.packs,
                suggestedPacks:
                  l.suggestedPacks === undefined
                    ? current.get(l.ingredientId)!.suggestedPacks
                    : l.suggestedPacks,
              })),
          );
          await insertLines(tx, id, added.map(toLine));
          checkTotal(await findLines(tx, id));
        }
        await updateHead(tx, id, set, now);
        return purchaseOrderView(tx, (await findHead(tx, id))!);
      }),

    /** draft → sent, and the e-mail to the supplier (PDF and CSV attached) written in the same transaction. */
    send: (me: EmployeePrincipal, id: number) =>
      db.transaction(async (tx) => {
        const head = await lockInStatus(
          tx,
          me,
          id,
          ['draft'],
          'not_draft',
          'Seul un brouillon peut être envoyé : ce bon de commande l’a déjà été, ou il est annulé.',
        );
        const supplier = await usableSupplier(tx, head.supplierId, head.pizzeriaId);
        if (head.totalCents < supplier.minimumOrderCents) {
          throw new ConflictError(
            'below_supplier_minimum',
            `Le minimum de commande de « ${supplier.name} » n’est pas atteint.`,
            { totalCents: head.totalCents, minimumOrderCents: supplier.minimumOrderCents },
          );
        }
        const now = clock.now();
        const shop = (await findShop(tx, head.pizzeriaId))!;
        const earliest = earliestDelivery(supplier, localDate(now, shop.timezone));
        // A draft kept a few days may ask for a day the supplier can no longer make: the first one it can.
        const expectedOn = head.expectedOn && head.expectedOn >= earliest ? head.expectedOn : earliest;
        await updateHead(
          tx,
          id,
          { status: 'sent', sentAt: now, sentByEmployeeId: me.employeeId, expectedOn },
          now,
        );
        await notifications.enqueue(tx, {
          key: `purchase-order:${id}:sent`,
          kind: PURCHASE_ORDER_SENT_KIND,
          to: supplier.email,
          toName: supplier.contactName ?? supplier.name,
          pizzeriaId: head.pizzeriaId,
          payload: { purchaseOrderId: id },
        });
        return purchaseOrderView(tx, (await findHead(tx, id))!);
      }),

    /** A draft, or a sent order of which nothing was received, is cancelled. */
    cancel: (me: EmployeePrincipal, id: number) =>
      db.transaction(async (tx) => {
        await lockInStatus(
          tx,
          me,
          id,
          ['draft', 'sent'],
          'not_cancellable',
          'Ce bon de commande ne peut plus être annulé : une livraison a déjà été reçue, ou il est clos.',
        );
        await updateHead(tx, id, { status: 'cancelled' }, clock.now());
        return purchaseOrderView(tx, (await findHead(tx, id))!);
      }),

    /**
     * A delivery against a sent or partly received order, in one transaction (see purchasing.reception.ts).
     */
    receive: (me: EmployeePrincipal, id: number, input: ReceptionInput) =>
      receivePurchaseOrder({ db, clock, stock }, me, id, input),

    /** The data of the PDF and the CSV, for an employee who may see the order. */
    documentData: (me: EmployeePrincipal, id: number) =>
      db.read(async (ex) => loadDocumentData(ex, await visibleHead(ex, me, id))),

    /** The notifications module's renderer of the e-mail to the supplier (read at send time). */
    mailRenderer: async (m: { payload: Record<string, unknown> }, ex: Executor) => {
      const head = await findHead(ex, Number(m.payload.purchaseOrderId));
      if (!head) throw new Error(`purchase order ${String(m.payload.purchaseOrderId)} not found`);
      return purchaseOrderMail(await loadDocumentData(ex, head));
    },
  };
}

export type PurchasingService = ReturnType<typeof createPurchasingService>;
