// How far staff read an order's customer contact (phone, delivery address): what each job needs (issue 21).
// - Drivers: the deliveries waiting at the shop (to take one) and their own out for delivery, as their run shows
//   them (staff-queues.repository.ts, DELIVERIES_SQL); another driver's delivery, or one delivered, no longer.
// - Kitchen staff and the accountant: never (the kitchen works from the lines, the name and the note; accounting
//   from the amounts).
// - The group admin, managers and counter staff: the shop's orders (they take phone orders and answer the
//   customers who call).
// The customer reads their own order whole.
import type { Principal } from '../auth/index.js';
import { can, type Role } from '../staff/index.js';
import type { OrderHead } from './orders.repository.js';
import type { OrderView } from './orders.view.js';

/** Whether the role reads the contact of every order of its shop (the back office's orders too): the one
 * permission table's `orders.view_contact`. */
export const seesShopContact = (role: Role) => can(role, 'orders.view_contact');

export function seesContact(
  caller: Principal,
  order: Pick<OrderHead, 'status' | 'fulfilment' | 'deliveredByEmployeeId'>,
): boolean {
  if (caller.kind === 'customer') return true;
  if (seesShopContact(caller.role)) return true;
  if (caller.role !== 'driver' || order.fulfilment !== 'delivery') return false;
  return (
    order.status === 'ready' ||
    (order.status === 'out_for_delivery' && order.deliveredByEmployeeId === caller.employeeId)
  );
}

/** The order as `caller` may read it: without phone and delivery address where their job does not need them. */
export function viewFor(
  caller: Principal,
  head: Parameters<typeof seesContact>[1],
  view: OrderView,
): OrderView {
  return seesContact(caller, head) ? view : { ...view, customerPhone: null, deliveryAddress: null };
}
