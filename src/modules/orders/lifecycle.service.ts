// Everything that happens to an order after placement: the customer's modification and cancellation before
// preparation, and the staff's steps (start, ready, pick-up, delivered, collected). Each runs in one transaction
// that locks the order row first, then the stock rows (always in that order, so nothing deadlocks), records the
// status event with its actor, keeps the stock ledger true, and publishes the change on commit.
import type { Tx } from '../../db/executor.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { Principal } from '../auth/index.js';
import { can, worksAt } from '../staff/index.js';
import type { Movement } from '../stock/index.js';
import type { OrderDeps } from './order-deps.js';
import { orderEvent } from './order-events.js';
import {
  deleteLines,
  findOrderHead,
  insertLines,
  insertStatusEvent,
  lockOrder,
  updateOrder,
  type Actor,
  type OrderHead,
} from './orders.repository.js';
import { orderView, type OrderView } from './orders.view.js';
import { viewFor } from './staff-contact.js';
import { assertAvailable, shortLines } from './placement.service.js';
import { deliveryFee, orderVat, priceItems, type ItemInput } from './pricing.js';
import { recordCollectedPayment, type CollectedPayment } from './collected-payment.js';
import { assertModifiable, assertTransition, canTransition, type OrderStatus } from './state-machine.js';
import { STAFF_STEPS, type StaffStep } from './staff-steps.js';

const actorOf = (p: Principal): Actor =>
  p.kind === 'customer'
    ? { type: 'customer', customerId: p.customerId }
    : { type: 'employee', employeeId: p.employeeId };

/** Customers see only their own orders, staff only their shop's; anything else does not exist for them. */
const visibleTo = (p: Principal, o: OrderHead) =>
  p.kind === 'customer' ? o.customerId === p.customerId : worksAt(p, o.pizzeriaId);

/** The order after a change, as the caller may read it (staff-contact.ts). */
const viewAfter = (deps: OrderDeps, caller: Principal, orderId: string) =>
  deps.db.read(async (ex) =>
    viewFor(caller, (await findOrderHead(ex, orderId))!, (await orderView(ex, orderId))!),
  );

async function inLockedOrder<T>(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  work: (tx: Tx, order: OrderHead) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || !visibleTo(caller, order))
      throw new NotFoundError('Commande introuvable.', 'order_not_found');
    return work(tx, order);
  });
}

/** Records a legal status change with its actor and publishes it (inside the caller's transaction). */
export async function changeStatus(
  deps: Pick<OrderDeps, 'bus' | 'clock'>,
  tx: Tx,
  order: OrderHead,
  to: OrderStatus,
  actor: Actor,
  fields: Record<string, unknown> = {},
  note?: string | null,
) {
  assertTransition(order.status, to, order.fulfilment);
  const at = deps.clock.now();
  await updateOrder(tx, order.id, { status: to, ...fields }, at);
  await insertStatusEvent(tx, { orderId: order.id, from: order.status, to, actor, note }, at);
  const estimatedReadyAt = (fields.estimated_ready_at as Date | undefined) ?? order.estimatedReadyAt;
  const estimatedDeliveryAt = (fields.estimated_delivery_at as Date | undefined) ?? order.estimatedDeliveryAt;
  await deps.bus.publish(
    tx,
    orderEvent('order.status', { ...order, status: to, estimatedReadyAt, estimatedDeliveryAt }),
  );
}

/** Movements that move this order's remaining reservation out as `kind` (release or consumption). */
async function settleReservation(
  deps: OrderDeps,
  tx: Tx,
  order: OrderHead,
  kind: 'release' | 'consumption',
  employeeId: number | null,
) {
  const held = await deps.stock.reservedByOrder(tx, order.id);
  await deps.stock.lock(
    tx,
    order.pizzeriaId,
    held.map((h) => h.ingredientId).sort((a, b) => a - b),
  );
  await deps.stock.applyMovements(
    tx,
    held.map((h) => ({
      stockItemId: h.stockItemId,
      kind,
      quantity: -h.quantity,
      orderId: order.id,
      employeeId,
    })),
  );
}

/** A cancelled order whose money had been taken goes into the sales journal (last: it locks the shop's journal). */
async function journalCancellation(deps: OrderDeps, tx: Tx, order: OrderHead, employeeId: number | null) {
  if (order.paymentStatus === 'paid' || order.paymentStatus === 'partially_refunded')
    await deps.journal.recordCancellation(tx, { orderId: order.id, employeeId, reference: null });
}

export async function getOrderFor(deps: OrderDeps, caller: Principal, orderId: string): Promise<OrderView> {
  return deps.db.read(async (ex) => {
    const head = await findOrderHead(ex, orderId);
    if (!head || !visibleTo(caller, head))
      throw new NotFoundError('Commande introuvable.', 'order_not_found');
    return viewFor(caller, head, (await orderView(ex, orderId))!);
  });
}

export async function modifyOrder(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  change: { items: ItemInput[]; note?: string | null },
): Promise<OrderView> {
  await inLockedOrder(deps, caller, orderId, async (tx, order) => {
    // Priced in the order's shop's menu, from the head the lock just read (checked before the status, as ever).
    const catalog = await deps.catalog.loadOrderCatalog(
      tx,
      order.pizzeriaId,
      change.items.map((i) => i.sizeId),
      change.items.flatMap((i) => i.extraIds),
    );
    const priced = priceItems(change.items, catalog);
    assertModifiable(order.status);
    const shop = await deps.pizzerias.get(tx, { id: order.pizzeriaId });
    const fee = deliveryFee(shop, order.fulfilment, priced.subtotalCents);
    if (order.fulfilment === 'delivery' && priced.subtotalCents < shop.minDeliveryOrderCents) {
      throw new ValidationError(
        'Le minimum de commande en livraison n’est plus atteint.',
        { minimumCents: shop.minDeliveryOrderCents, subtotalCents: priced.subtotalCents },
        'below_minimum_order',
      );
    }
    await deps.payments?.online?.checkModification(tx, order, priced.subtotalCents + fee);
    const held = await deps.stock.reservedByOrder(tx, order.id);
    const ids = [...new Set([...held.map((h) => h.ingredientId), ...priced.needs.keys()])].sort(
      (a, b) => a - b,
    );
    const locked = await deps.stock.lock(tx, order.pizzeriaId, ids);
    // What this order already holds counts as available to itself.
    const netNeeds = new Map(
      [...priced.needs].map(([id, need]) => [
        id,
        need - (held.find((h) => h.ingredientId === id)?.quantity ?? 0),
      ]),
    );
    assertAvailable(netNeeds, locked, (short) => shortLines(priced, catalog, short));
    const employeeId = caller.kind === 'employee' ? caller.employeeId : null;
    const moves: Movement[] = [
      ...held.map((h) => ({
        stockItemId: h.stockItemId,
        kind: 'release' as const,
        quantity: -h.quantity,
        orderId,
        employeeId,
      })),
      ...[...priced.needs].map(([id, need]) => ({
        stockItemId: locked.get(id)!.stockItemId,
        kind: 'reservation' as const,
        quantity: need,
        orderId,
        employeeId,
      })),
    ];
    await deps.stock.applyMovements(tx, moves);
    await deleteLines(tx, orderId);
    await insertLines(tx, orderId, priced.lines);
    await updateOrder(
      tx,
      orderId,
      {
        subtotal_cents: priced.subtotalCents,
        delivery_fee_cents: fee,
        total_cents: priced.subtotalCents + fee,
        vat_breakdown: JSON.stringify(orderVat(priced.lines, fee)),
        // A modification that does not name the note keeps it (an explicit null clears it).
        ...(change.note !== undefined ? { note: change.note } : {}),
        version: order.version + 1,
      },
      deps.clock.now(),
    );
    await deps.bus.publish(tx, orderEvent('order.updated', order));
  });
  return viewAfter(deps, caller, orderId);
}

export async function cancelOrder(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  note?: string,
): Promise<OrderView> {
  const online = deps.payments?.online;
  if (online) {
    // The provider decides first (no lock held): a voided authorisation can no longer be captured by a
    // preparation starting at the same moment, and a captured one can no longer be voided.
    const head = await deps.db.read((ex) => findOrderHead(ex, orderId));
    if (head && visibleTo(caller, head) && head.paymentMethod === 'card_online') {
      assertTransition(head.status, 'cancelled', head.fulfilment);
      await online.beforeCancellation(head);
    }
  }
  await inLockedOrder(deps, caller, orderId, async (tx, order) => {
    assertTransition(order.status, 'cancelled', order.fulfilment);
    await settleReservation(
      deps,
      tx,
      order,
      'release',
      caller.kind === 'employee' ? caller.employeeId : null,
    );
    const voided = order.paymentMethod === 'card_online' ? { payment_status: 'voided' } : {};
    await changeStatus(deps, tx, order, 'cancelled', actorOf(caller), voided, note);
    await journalCancellation(deps, tx, order, caller.kind === 'employee' ? caller.employeeId : null);
  });
  return viewAfter(deps, caller, orderId);
}

/** Cancellation decided by the system (unpaid order expired, payment cancelled at the provider), inside the
 * caller's transaction with the order row already locked. False when the order can no longer be cancelled. */
export async function cancelLockedBySystem(
  deps: OrderDeps,
  tx: Tx,
  order: OrderHead,
  note: string,
): Promise<boolean> {
  if (!canTransition(order.status, 'cancelled', order.fulfilment)) return false;
  await settleReservation(deps, tx, order, 'release', null);
  await changeStatus(deps, tx, order, 'cancelled', { type: 'system' }, {}, note);
  await journalCancellation(deps, tx, order, null);
  return true;
}

export async function systemCancel(deps: OrderDeps, orderId: string, note: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    return order ? cancelLockedBySystem(deps, tx, order, note) : false;
  });
}

export type { StaffStep };

/** A staff step on an order of their shop; `payment` is what was collected at the door or the counter. */
export async function staffStep(
  deps: OrderDeps,
  caller: Principal & { kind: 'employee' },
  orderId: string,
  step: StaffStep,
  payment?: CollectedPayment,
): Promise<OrderView> {
  // The step's rule comes from the one table (staff-steps.ts): the API, the back office and the screens agree.
  const rule = STAFF_STEPS[step];
  if (!can(caller.role, rule.permission)) throw new ForbiddenError('Votre rôle ne permet pas cette action.');
  const actor = actorOf(caller);
  const online = deps.payments?.online;
  if (rule.effects.capturesPayment && online) {
    // Network call to the provider: before the order's lock, never under it.
    const head = await deps.db.read((ex) => findOrderHead(ex, orderId));
    if (head && visibleTo(caller, head) && rule.from.includes(head.status))
      await online.beforePreparation(head);
  }
  await inLockedOrder(deps, caller, orderId, async (tx, order) => {
    assertTransition(order.status, rule.to, order.fulfilment);
    if (
      rule.effects.assignedDriverOnly &&
      caller.role === 'driver' &&
      order.deliveredByEmployeeId !== caller.employeeId
    ) {
      throw new NotFoundError('Cette livraison ne vous est pas attribuée.', 'order_not_found');
    }
    const now = deps.clock.now().getTime();
    const fields: Record<string, unknown> = {};
    const deliveryAfter = (readyAt: number) =>
      order.travelSeconds !== null
        ? { estimated_delivery_at: new Date(readyAt + order.travelSeconds * 1000) }
        : {};
    if (rule.effects.consumesStock)
      await settleReservation(deps, tx, order, 'consumption', caller.employeeId);
    if (rule.effects.assignsPizzaiolo) {
      const shop = await deps.pizzerias.get(tx, { id: order.pizzeriaId });
      // An order for later started early is still due at its planned time, not before.
      const planned = order.scheduledFor
        ? new Date(order.scheduledFor).getTime() - (order.travelSeconds ?? 0) * 1000
        : 0;
      const readyAt = Math.max(now + shop.prepMinutesPerOrder * 60_000, planned);
      Object.assign(fields, {
        prepared_by_employee_id: caller.employeeId,
        estimated_ready_at: new Date(readyAt),
      });
      Object.assign(fields, deliveryAfter(readyAt));
    }
    // The drive starts now: the customer's delivery time follows.
    if (rule.effects.assignsDriver)
      Object.assign(fields, { delivered_by_employee_id: caller.employeeId }, deliveryAfter(now));
    if (rule.effects.collectsPayment)
      await recordCollectedPayment(deps, tx, order, caller.employeeId, payment);
    await changeStatus(deps, tx, order, rule.to, actor, Object.keys(fields).length > 0 ? fields : undefined);
    // The sale, with the payment just recorded or taken online; last, as it locks the shop's journal.
    if (rule.to === 'delivered' || rule.to === 'collected')
      await deps.journal.recordSale(tx, { orderId: order.id, employeeId: caller.employeeId });
  });
  return viewAfter(deps, caller, orderId);
}
