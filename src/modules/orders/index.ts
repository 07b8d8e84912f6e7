// The orders module: placement, the lifecycle (modification, cancellation, staff steps), the staff queues and
// live tracking. It alone writes orders, order_lines, order_status_events and order_counters; the payments
// module changes an order's payment status through `forPayments`, inside its own transaction.
import type { Executor } from '../../db/executor.js';
import type { EmployeePrincipal, Principal } from '../auth/index.js';
import type { CollectedPayment } from './collected-payment.js';
import {
  cancelLockedBySystem,
  cancelOrder,
  changeStatus,
  getOrderFor,
  modifyOrder,
  staffStep,
  systemCancel,
} from './lifecycle.service.js';
import type { OrderDeps, OrdersForPayments } from './order-deps.js';
import {
  clearIdempotencyKey,
  findOrderHead,
  lockExpiredUnpaid,
  lockOrder,
  setOrderPayment,
  upcomingScheduled,
} from './orders.repository.js';
import { customerOrders, orderView } from './orders.view.js';
import { eraseFinishedOrdersBefore } from './personal-data.js';
import {
  placeCustomerOrder,
  placeOrder,
  type CustomerOrderCommand,
  type PlaceOrderCommand,
} from './placement.service.js';
import type { ItemInput } from './pricing.js';
import { quoteOrder } from './quote.service.js';
import { listSlots } from './slots.service.js';
import { closureOn, localDate, type Closure, type PizzeriaRef } from '../pizzerias/index.js';
import { deliveryRun, kitchenQueue, takeawayQueue } from './staff-queues.repository.js';
import type { StaffStep } from './staff-steps.js';
import type { Fulfilment } from './state-machine.js';
import { followedShop, trackedOrderState } from './tracking.service.js';

export {
  deliveryAddressesOf,
  lockOrdersOfCustomer,
  ordersHolder,
  ordersOfCustomer,
} from './privacy-holder.js';
export type { CollectedPayment } from './collected-payment.js';
export type {
  CollectedPaymentRecord,
  CustomersForOrders,
  DeliveryForOrders,
  OnlinePaymentHooks,
  OrdersForPayments,
  PaymentHooks,
} from './order-deps.js';
export type { Actor, OrderHead } from './orders.repository.js';
export type { OrderView } from './orders.view.js';
export type { CustomerOrderCommand, PlaceOrderCommand } from './placement.service.js';
export type { OrderQuote } from './quote.service.js';
export { orderIdParam, orderSchema, PAYMENT_METHODS } from './orders.schemas.js';
export { DELIVERY_FEE_VAT_BP, type ItemInput } from './pricing.js';
export { seesShopContact } from './staff-contact.js';
export { ORDER_STATUS_LABELS } from './status-labels.js';
export { PAYMENT_METHODS as PAYMENT_METHOD_LABELS, paymentLabel } from './payment-labels.js';
export { STAFF_STEP_NAMES, STAFF_STEPS, stepsFrom, type StaffStep, type StepRule } from './staff-steps.js';
export {
  FINAL_STATUSES,
  MODIFIABLE,
  ORDER_STATUSES,
  canTransition,
  type Fulfilment,
  type OrderStatus,
} from './state-machine.js';

/** What the orders service is built from (see order-deps.ts). */
export type OrdersServiceDeps = OrderDeps;

export { ordersRouter } from './orders.routes.js';
export { staffOrdersRouter } from './staff-orders.routes.js';
export { trackingRouter } from './tracking.routes.js';
export function createOrdersService(deps: OrdersServiceDeps) {
  const { db } = deps;

  const forPayments: OrdersForPayments = {
    head: (orderId) => db.read((ex) => findOrderHead(ex, orderId)),
    view: (orderId) => db.read((ex) => orderView(ex, orderId)),
    lock: (tx, orderId) => lockOrder(tx, orderId),
    lockExpiredUnpaid: (tx, createdBefore, limit) => lockExpiredUnpaid(tx, createdBefore, limit),
    setPaymentStatus: (tx, orderId, fields) => setOrderPayment(tx, orderId, fields, deps.clock.now()),
    changeStatus: (tx, order, to, actor, fields, note) =>
      changeStatus(deps, tx, order, to, actor, fields, note),
    cancelLockedBySystem: (tx, order, note) => cancelLockedBySystem(deps, tx, order, note),
    systemCancel: (orderId, note) => systemCancel(deps, orderId, note),
    clearIdempotencyKey: (tx, orderId) => clearIdempotencyKey(tx, orderId),
  };

  return {
    /** The price of a cart, computed as placement will; reserves nothing. */
    quote: (q: {
      pizzeriaId: number;
      fulfilment: Fulfilment;
      items: ItemInput[];
      scheduledFor?: Date | null;
    }) => quoteOrder(deps, q),
    /**
     * The numbers of the shop's orders for later still to come that fall on one of `closures` (local dates of
     * `timezone`): closing does not cancel them, the manager is told (« Réglages »).
     */
    bookedDuring: async (pizzeriaId: number, closures: readonly Closure[], timezone: string) =>
      closures.length === 0
        ? []
        : (await db.read((ex) => upcomingScheduled(ex, pizzeriaId, deps.clock.now())))
            .filter((o) => closureOn(closures, localDate(o.scheduledFor, timezone)))
            .map((o) => o.number),
    /** The slots of an order for later at a shop, today or tomorrow, with what each can still take. */
    slots: (q: { pizzeria: PizzeriaRef; fulfilment: Fulfilment; date?: string }) => listSlots(deps, q),
    /** Any channel (phone and counter orders: the staff names the customer). Idempotent by key. */
    place: (cmd: PlaceOrderCommand) => placeOrder(deps, cmd),
    /** A customer's order from the site, with their name, phone and saved address copied in. */
    placeForCustomer: (cmd: CustomerOrderCommand) => placeCustomerOrder(deps, cmd),
    /** The order if the caller may see it (else 404). */
    get: (caller: Principal, orderId: string) => getOrderFor(deps, caller, orderId),
    /** The customer's orders, most recent first. */
    listForCustomer: (customerId: number, limit?: number) =>
      db.read((ex) => customerOrders(ex, customerId, limit)),
    view: (orderId: string) => db.read((ex) => orderView(ex, orderId)),
    /** The same with the caller's executor (the e-mails read it at send time). */
    viewIn: (ex: Executor, orderId: string) => orderView(ex, orderId),
    modify: (caller: Principal, orderId: string, change: { items: ItemInput[]; note?: string | null }) =>
      modifyOrder(deps, caller, orderId, change),
    cancel: (caller: Principal, orderId: string, note?: string) => cancelOrder(deps, caller, orderId, note),
    /** A staff step; `payment` is what was collected at the door or the counter. */
    staffStep: (caller: EmployeePrincipal, orderId: string, step: StaffStep, payment?: CollectedPayment) =>
      staffStep(deps, caller, orderId, step, payment),
    systemCancel: (orderId: string, note: string) => systemCancel(deps, orderId, note),

    /** Orders the kitchen has to deal with now: orders for later appear from their start time (clock). */
    kitchenQueue: (pizzeriaId: number) => db.read((ex) => kitchenQueue(ex, pizzeriaId, deps.clock.now())),
    deliveryRun: (pizzeriaId: number, driverId: number | null) =>
      db.read((ex) => deliveryRun(ex, pizzeriaId, driverId)),
    takeawayQueue: (pizzeriaId: number) => db.read((ex) => takeawayQueue(ex, pizzeriaId)),

    /** The customer's tracking snapshot (404 for anyone else). */
    trackedState: (orderId: string, caller: Principal | undefined) =>
      db.read((ex) => trackedOrderState(ex, orderId, caller)),
    /** The shop whose staff streams (kitchen, deliveries, hand-over) the employee may follow. */
    followedShop: (employee: EmployeePrincipal, requested: number | undefined) =>
      db.read((ex) => followedShop(ex, employee, requested)),

    /** The retention job's batch: the personal data of up to `limit` orders finished before `before` is erased
     * (amounts, lines and payments stay), in one short transaction; the orders and status events touched. */
    eraseFinishedBefore: (before: Date, limit: number) =>
      db.transaction((tx) => eraseFinishedOrdersBefore(tx, before, limit, deps.clock.now())),

    /** What the payments module may do to orders (plugged in with payments.attachOrders). */
    forPayments,
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
