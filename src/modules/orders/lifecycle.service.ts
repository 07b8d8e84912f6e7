// Everything that happens to an order after placement: the customer's modification and cancellation before
// preparation, and the staff's steps (start, ready, pick-up, delivered, collected). Each runs in one transaction
// that locks the order row first, then the stock rows (always in that order, so nothing deadlocks), records the
// status event with its actor, keeps the stock ledger true, and publishes the change on commit.
import type { Transaction } from 'sequelize';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import type { Principal } from '../auth/principal.js';
import { loadOrderCatalog } from '../catalog/order-catalog.repository.js';
import { getPizzeria } from '../pizzerias/pizzerias.service.js';
import { worksAt } from '../staff/scope.js';
import { applyMovements, lockStock, type Movement } from '../stock/stock.ledger.js';
import type { OrderDeps } from './order-deps.js';
import { orderEvent } from './order-events.js';
import {
  deleteLines,
  findOrderHead,
  insertLines,
  insertStatusEvent,
  lockOrder,
  reservedByOrder,
  updateOrder,
  type Actor,
  type OrderHead,
} from './orders.repository.js';
import { orderView, type OrderView } from './orders.view.js';
import { assertAvailable, shortLines } from './placement.service.js';
import { deliveryFee, orderVat, priceItems, type ItemInput } from './pricing.js';
import { recordCollectedPayment, type CollectedPayment } from './collected-payment.js';
import { assertModifiable, assertTransition, canTransition, type OrderStatus } from './state-machine.js';

const actorOf = (p: Principal): Actor =>
  p.kind === 'customer'
    ? { type: 'customer', customerId: p.customerId }
    : { type: 'employee', employeeId: p.employeeId };

/** Customers see only their own orders, staff only their shop's; anything else does not exist for them. */
const visibleTo = (p: Principal, o: OrderHead) =>
  p.kind === 'customer' ? o.customerId === p.customerId : worksAt(p, o.pizzeriaId);

async function inLockedOrder<T>(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  work: (t: Transaction, order: OrderHead) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (t) => {
    const order = await lockOrder(deps.db, t, orderId);
    if (!order || !visibleTo(caller, order))
      throw new NotFoundError('Commande introuvable.', 'order_not_found');
    return work(t, order);
  });
}

/** Records a legal status change with its actor and publishes it (inside the caller's transaction). */
export async function changeStatus(
  deps: OrderDeps,
  t: Transaction,
  order: OrderHead,
  to: OrderStatus,
  actor: Actor,
  fields: Record<string, unknown> = {},
  note?: string | null,
) {
  assertTransition(order.status, to, order.fulfilment);
  await updateOrder(deps.db, t, order.id, { status: to, ...fields });
  await insertStatusEvent(deps.db, t, { orderId: order.id, from: order.status, to, actor, note });
  const estimatedReadyAt = (fields.estimated_ready_at as Date | undefined) ?? order.estimatedReadyAt;
  const estimatedDeliveryAt = (fields.estimated_delivery_at as Date | undefined) ?? order.estimatedDeliveryAt;
  await deps.bus.publish(
    t,
    orderEvent('order.status', { ...order, status: to, estimatedReadyAt, estimatedDeliveryAt }),
  );
}

/** Movements that move this order's remaining reservation out as `kind` (release or consumption). */
async function settleReservation(
  deps: OrderDeps,
  t: Transaction,
  order: OrderHead,
  kind: 'release' | 'consumption',
  employeeId: number | null,
) {
  const held = await reservedByOrder(deps.db, t, order.id);
  await lockStock(
    deps.db,
    t,
    order.pizzeriaId,
    held.map((h) => h.ingredientId).sort((a, b) => a - b),
  );
  await applyMovements(
    deps.db,
    t,
    held.map((h) => ({
      stockItemId: h.stockItemId,
      kind,
      quantity: -h.quantity,
      orderId: order.id,
      employeeId,
    })),
  );
}

export async function getOrderFor(deps: OrderDeps, caller: Principal, orderId: string): Promise<OrderView> {
  const head = await findOrderHead(deps.db, orderId);
  if (!head || !visibleTo(caller, head)) throw new NotFoundError('Commande introuvable.', 'order_not_found');
  return (await orderView(deps.db, orderId))!;
}

export async function modifyOrder(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  change: { items: ItemInput[]; note?: string },
): Promise<OrderView> {
  const catalog = await loadOrderCatalog(
    deps.db,
    change.items.map((i) => i.sizeId),
    change.items.flatMap((i) => i.extraIds),
  );
  const priced = priceItems(change.items, catalog);
  await inLockedOrder(deps, caller, orderId, async (t, order) => {
    assertModifiable(order.status);
    const shop = await getPizzeria(deps.db, { id: order.pizzeriaId });
    const fee = deliveryFee(shop, order.fulfilment, priced.subtotalCents);
    if (order.fulfilment === 'delivery' && priced.subtotalCents < shop.minDeliveryOrderCents) {
      throw new ValidationError(
        'Le minimum de commande en livraison n’est plus atteint.',
        { minimumCents: shop.minDeliveryOrderCents, subtotalCents: priced.subtotalCents },
        'below_minimum_order',
      );
    }
    await deps.payments?.checkModification(t, order, priced.subtotalCents + fee);
    const held = await reservedByOrder(deps.db, t, order.id);
    const ids = [...new Set([...held.map((h) => h.ingredientId), ...priced.needs.keys()])].sort(
      (a, b) => a - b,
    );
    const locked = await lockStock(deps.db, t, order.pizzeriaId, ids);
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
    await applyMovements(deps.db, t, moves);
    await deleteLines(deps.db, t, orderId);
    await insertLines(deps.db, t, orderId, priced.lines);
    await updateOrder(deps.db, t, orderId, {
      subtotal_cents: priced.subtotalCents,
      delivery_fee_cents: fee,
      total_cents: priced.subtotalCents + fee,
      vat_breakdown: JSON.stringify(orderVat(priced.lines, fee)),
      note: change.note ?? null,
      version: order.version + 1,
    });
    await deps.bus.publish(t, orderEvent('order.updated', order));
  });
  return (await orderView(deps.db, orderId))!;
}

export async function cancelOrder(
  deps: OrderDeps,
  caller: Principal,
  orderId: string,
  note?: string,
): Promise<OrderView> {
  if (deps.payments) {
    // The provider decides first (no lock held): a voided authorisation can no longer be captured by a
    // preparation starting at the same moment, and a captured one can no longer be voided.
    const head = await findOrderHead(deps.db, orderId);
    if (head && visibleTo(caller, head) && head.paymentMethod === 'card_online') {
      assertTransition(head.status, 'cancelled', head.fulfilment);
      await deps.payments.beforeCancellation(head);
    }
  }
  await inLockedOrder(deps, caller, orderId, async (t, order) => {
    assertTransition(order.status, 'cancelled', order.fulfilment);
    await settleReservation(deps, t, order, 'release', caller.kind === 'employee' ? caller.employeeId : null);
    const voided = order.paymentMethod === 'card_online' ? { payment_status: 'voided' } : {};
    await changeStatus(deps, t, order, 'cancelled', actorOf(caller), voided, note);
  });
  return (await orderView(deps.db, orderId))!;
}

/** Cancellation decided by the system (unpaid order expired, payment cancelled at the provider), inside the
 * caller's transaction with the order row already locked. False when the order can no longer be cancelled. */
export async function cancelLockedBySystem(
  deps: OrderDeps,
  t: Transaction,
  order: OrderHead,
  note: string,
): Promise<boolean> {
  if (!canTransition(order.status, 'cancelled', order.fulfilment)) return false;
  await settleReservation(deps, t, order, 'release', null);
  await changeStatus(deps, t, order, 'cancelled', { type: 'system' }, {}, note);
  return true;
}

export async function systemCancel(deps: OrderDeps, orderId: string, note: string): Promise<boolean> {
  return deps.db.transaction(async (t) => {
    const order = await lockOrder(deps.db, t, orderId);
    return order ? cancelLockedBySystem(deps, t, order, note) : false;
  });
}

export type StaffStep = 'start' | 'ready' | 'pickup' | 'deliver' | 'collect';

/** A staff step on an order of their shop; `payment` is what was collected at the door or the counter. */
export async function staffStep(
  deps: OrderDeps,
  caller: Principal & { kind: 'employee' },
  orderId: string,
  step: StaffStep,
  payment?: CollectedPayment,
): Promise<OrderView> {
  const actor = actorOf(caller);
  if (step === 'start' && deps.payments) {
    const head = await findOrderHead(deps.db, orderId);
    if (head && visibleTo(caller, head) && head.status === 'received')
      await deps.payments.beforePreparation(head);
  }
  await inLockedOrder(deps, caller, orderId, async (t, order) => {
    if (step === 'start') {
      assertTransition(order.status, 'preparing', order.fulfilment);
      const shop = await getPizzeria(deps.db, { id: order.pizzeriaId });
      await settleReservation(deps, t, order, 'consumption', caller.employeeId);
      const readyAt = new Date(Date.now() + shop.prepMinutesPerOrder * 60_000);
      await changeStatus(deps, t, order, 'preparing', actor, {
        prepared_by_employee_id: caller.employeeId,
        estimated_ready_at: readyAt,
        ...(order.travelSeconds !== null
          ? { estimated_delivery_at: new Date(readyAt.getTime() + order.travelSeconds * 1000) }
          : {}),
      });
    } else if (step === 'ready') {
      await changeStatus(deps, t, order, 'ready', actor);
    } else if (step === 'pickup') {
      // The drive starts now: the customer's delivery time follows.
      await changeStatus(deps, t, order, 'out_for_delivery', actor, {
        delivered_by_employee_id: caller.employeeId,
        ...(order.travelSeconds !== null
          ? { estimated_delivery_at: new Date(Date.now() + order.travelSeconds * 1000) }
          : {}),
      });
    } else {
      const to = step === 'deliver' ? 'delivered' : 'collected';
      assertTransition(order.status, to, order.fulfilment);
      if (
        step === 'deliver' &&
        caller.role === 'driver' &&
        order.deliveredByEmployeeId !== caller.employeeId
      ) {
        throw new NotFoundError('Cette livraison ne vous est pas attribuée.', 'order_not_found');
      }
      await recordCollectedPayment(deps.db, t, order, caller.employeeId, payment);
      await changeStatus(deps, t, order, to, actor);
    }
  });
  return (await orderView(deps.db, orderId))!;
}
