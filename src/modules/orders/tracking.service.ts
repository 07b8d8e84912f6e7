// Who may follow which stream, and what the customer's stream says. Unknown orders and other people's orders
// get the same 404, so that a stream URL does not tell whether an order id exists.
import type { Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import type { OrderEvent } from '../../realtime/events.js';
import type { EmployeePrincipal, Principal } from '../auth/index.js';
import { shopScope } from '../staff/index.js';
import { findTrackedOrder, pizzeriaExists } from './tracking.repository.js';
import type { TrackingState } from './tracking.schemas.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function trackedOrderState(
  ex: Executor,
  orderId: string,
  caller: Principal | undefined,
): Promise<TrackingState> {
  const row = await findTrackedOrder(ex, orderId);
  if (!row || caller?.kind !== 'customer' || row.customerId !== caller.customerId) {
    throw new NotFoundError('Commande introuvable.', 'order_not_found');
  }
  return {
    orderId: row.id,
    number: row.number,
    status: row.status,
    fulfilment: row.fulfilment,
    estimatedReadyAt: iso(row.estimatedReadyAt),
    estimatedDeliveryAt: iso(row.estimatedDeliveryAt),
    scheduledFor: iso(row.scheduledFor),
    at: new Date(row.updatedAt).toISOString(),
  };
}

/** The customer's view of an event: the shop's and customer's ids are not theirs to need. */
export function stateFromEvent(event: OrderEvent): TrackingState {
  return {
    orderId: event.orderId,
    number: event.number,
    status: event.status,
    fulfilment: event.fulfilment,
    estimatedReadyAt: event.estimatedReadyAt,
    estimatedDeliveryAt: event.estimatedDeliveryAt,
    scheduledFor: event.scheduledFor ?? null,
    at: event.at,
  };
}

/** The shop whose staff streams (kitchen, deliveries, hand-over) the employee may follow: their own; group
 * roles name one that exists. */
export async function followedShop(
  ex: Executor,
  employee: EmployeePrincipal,
  requested: number | undefined,
): Promise<number> {
  const pizzeriaId = shopScope(employee, requested);
  if (!(await pizzeriaExists(ex, pizzeriaId))) {
    throw new NotFoundError('Pizzeria introuvable.', 'pizzeria_not_found');
  }
  return pizzeriaId;
}
