// SQL of orders: writes inside the services' transactions, and the order view read in one statement.
// Business timestamps (created_at, updated_at, the status events' created_at) are the services' clock, passed in
// as `at`: never PostgreSQL's now(), so that an order placed at a given (test or demo) time is dated then.
import { nextShopNumber, shopNumberLabel } from '../../db/counters.js';
import type { Executor, Tx } from '../../db/executor.js';
import type { VatLine } from '../../shared/money.js';
import type { PricedLine } from './pricing.js';
import type { Fulfilment, OrderStatus } from './state-machine.js';

export interface OrderHead {
  id: string;
  number: string;
  pizzeriaId: number;
  customerId: number | null;
  status: OrderStatus;
  fulfilment: Fulfilment;
  paymentMethod: string;
  paymentStatus: string;
  totalCents: number;
  version: number;
  deliveredByEmployeeId: number | null;
  estimatedReadyAt: Date | null;
  estimatedDeliveryAt: Date | null;
  travelSeconds: number | null;
  scheduledFor: Date | null;
}

const HEAD = `id, number, pizzeria_id AS "pizzeriaId", customer_id AS "customerId", status, fulfilment,
  payment_method AS "paymentMethod", payment_status AS "paymentStatus", total_cents AS "totalCents", version,
  delivered_by_employee_id AS "deliveredByEmployeeId", estimated_ready_at AS "estimatedReadyAt",
  estimated_delivery_at AS "estimatedDeliveryAt", travel_seconds AS "travelSeconds",
  scheduled_for AS "scheduledFor"`;

export async function lockOrder(tx: Tx, orderId: string): Promise<OrderHead | undefined> {
  return tx.one<OrderHead>(`SELECT ${HEAD} FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
}

export async function findOrderHead(ex: Executor, orderId: string): Promise<OrderHead | undefined> {
  return ex.one<OrderHead>(`SELECT ${HEAD} FROM orders WHERE id = $1`, [orderId]);
}

export async function findOrderByIdempotencyKey(ex: Executor, key: string) {
  return ex.one<{ id: string; requestHash: string }>(
    `SELECT id, request_hash AS "requestHash" FROM orders WHERE idempotency_key = $1`,
    [key],
  );
}

/** « P01-0042 »: the shop's next order number (gap-free, see src/db/counters.ts). */
export async function nextOrderNumber(tx: Tx, pizzeriaId: number, code: string) {
  return shopNumberLabel(code, await nextShopNumber(tx, 'order_counters', pizzeriaId));
}

export interface NewOrder {
  number: string;
  pizzeriaId: number;
  customerId: number | null;
  customerName: string;
  customerPhone: string | null;
  channel: 'web' | 'phone' | 'counter';
  fulfilment: Fulfilment;
  status: OrderStatus;
  address: {
    line1: string;
    line2?: string | null;
    postcode: string;
    city: string;
    instructions?: string | null;
    lat?: number | null;
    lng?: number | null;
  } | null;
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  vatBreakdown: VatLine[];
  paymentMethod: string;
  paymentStatus: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  note: string | null;
  placedByEmployeeId: number | null;
  estimatedReadyAt: Date;
  estimatedDeliveryAt: Date | null;
  distanceM: number | null;
  travelSeconds: number | null;
  estimateApproximate: boolean;
  /** The slot of an order for later (null: as soon as possible). */
  scheduledFor: Date | null;
}

/** The order, created and last updated `at`. */
export async function insertOrder(tx: Tx, o: NewOrder, at: Date): Promise<string> {
  const a = o.address;
  const row = (await tx.one<{ id: string }>(
    `INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
       delivery_line1, delivery_line2, delivery_postcode, delivery_city, delivery_instructions, delivery_lat,
       delivery_lng, subtotal_cents, delivery_fee_cents, total_cents, vat_breakdown, payment_method, payment_status,
       idempotency_key, request_hash, note, placed_by_employee_id, estimated_ready_at, estimated_delivery_at,
       distance_m, travel_seconds, estimate_approximate, created_at, updated_at, scheduled_for)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,
       $29,$30,$31,$31,$32)
     RETURNING id`,
    [
      o.number,
      o.pizzeriaId,
      o.customerId,
      o.customerName,
      o.customerPhone,
      o.channel,
      o.fulfilment,
      o.status,
      a?.line1 ?? null,
      a?.line2 ?? null,
      a?.postcode ?? null,
      a?.city ?? null,
      a?.instructions ?? null,
      a?.lat ?? null,
      a?.lng ?? null,
      o.subtotalCents,
      o.deliveryFeeCents,
      o.totalCents,
      JSON.stringify(o.vatBreakdown),
      o.paymentMethod,
      o.paymentStatus,
      o.idempotencyKey,
      o.requestHash,
      o.note,
      o.placedByEmployeeId,
      o.estimatedReadyAt,
      o.estimatedDeliveryAt,
      o.distanceM,
      o.travelSeconds,
      o.estimateApproximate,
      at,
      o.scheduledFor,
    ],
  ))!;
  return row.id;
}

export async function insertLines(tx: Tx, orderId: string, lines: PricedLine[]) {
  await tx.exec(
    `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
       unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::varchar[], $6::varchar[], $7::int[], $8::jsonb[],
       $9::int[], $10::int[], $11::int[])`,
    [
      orderId,
      lines.map((l) => l.position),
      lines.map((l) => l.productId),
      lines.map((l) => l.sizeId),
      lines.map((l) => l.productName),
      lines.map((l) => l.sizeLabel),
      lines.map((l) => l.unitPriceCents),
      lines.map((l) => JSON.stringify(l.extras)),
      lines.map((l) => l.quantity),
      lines.map((l) => l.vatRateBp),
      lines.map((l) => l.lineTotalCents),
    ],
  );
}

export interface Actor {
  type: 'customer' | 'employee' | 'system';
  customerId?: number | null;
  employeeId?: number | null;
}

/** A status change of the order, dated `at`. */
export async function insertStatusEvent(
  tx: Tx,
  e: { orderId: string; from: OrderStatus | null; to: OrderStatus; actor: Actor; note?: string | null },
  at: Date,
) {
  await tx.exec(
    `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, actor_customer_id,
       actor_employee_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.orderId,
      e.from,
      e.to,
      e.actor.type,
      e.actor.customerId ?? null,
      e.actor.employeeId ?? null,
      e.note ?? null,
      at,
    ],
  );
}

/** Sets these columns; the order was last updated `at`. */
export async function updateOrder(
  tx: Tx,
  orderId: string,
  fields: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const columns = Object.keys(fields);
  const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
  await tx.exec(`UPDATE orders SET ${sets}, updated_at = $2 WHERE id = $1`, [
    orderId,
    at,
    ...columns.map((c) => fields[c]),
  ]);
}

export async function deleteLines(tx: Tx, orderId: string) {
  await tx.exec(`DELETE FROM order_lines WHERE order_id = $1`, [orderId]);
}

/**
 * SQL condition: the order `o` is the kitchen's business at `$now` (a parameter or expression), the shop's
 * preparation time being `prep` minutes (an expression). An order for later is not until its start time, its
 * slot minus the drive it was placed with (deliveries) minus the preparation time; one already started always is.
 */
export const dueInKitchen = (now: string, prep: string) =>
  `(o.scheduled_for IS NULL OR o.status <> 'received'
    OR o.scheduled_for - make_interval(secs => COALESCE(o.travel_seconds, 0)) - make_interval(mins => ${prep}) <= ${now})`;

/** Orders of a shop the kitchen has to deal with now (received and due, or preparing). */
export async function kitchenBacklog(
  ex: Executor,
  pizzeriaId: number,
  now: Date,
  prepMinutes: number,
): Promise<number> {
  const row = (await ex.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM orders o WHERE o.pizzeria_id = $1 AND o.status IN ('received', 'preparing')
       AND ${dueInKitchen('$2', '$3::int')}`,
    [pizzeriaId, now, prepMinutes],
  ))!;
  return row.n;
}

/** The payment columns of an order (the payments module asks for it through OrdersForPayments). */
export async function setOrderPayment(
  tx: Tx,
  orderId: string,
  fields: { paymentStatus?: string; failureReason?: string | null },
  at: Date,
): Promise<void> {
  await tx.exec(
    `UPDATE orders SET payment_status = COALESCE($2::order_payment_status, payment_status),
       payment_failure_reason = CASE WHEN $3::boolean THEN $4 ELSE payment_failure_reason END, updated_at = $5
     WHERE id = $1`,
    [
      orderId,
      fields.paymentStatus ?? null,
      fields.failureReason !== undefined,
      fields.failureReason ?? null,
      at,
    ],
  );
}

/** Money handed over at the door or the counter: the order is paid. */
export async function markPaid(tx: Tx, orderId: string): Promise<void> {
  await tx.exec(`UPDATE orders SET payment_status = 'paid' WHERE id = $1`, [orderId]);
}

/** Frees the idempotency key of an order that could not be paid, so that the customer can simply try again. */
export async function clearIdempotencyKey(tx: Tx, orderId: string): Promise<void> {
  await tx.exec(`UPDATE orders SET idempotency_key = NULL WHERE id = $1`, [orderId]);
}

/** Unpaid online orders created before `createdBefore`, locked for this process only (others skip them). */
export async function lockExpiredUnpaid(tx: Tx, createdBefore: Date, limit: number): Promise<string[]> {
  const rows = await tx.many<{ id: string }>(
    `SELECT id FROM orders WHERE status = 'pending_payment' AND created_at < $1
     ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [createdBefore, limit],
  );
  return rows.map((r) => r.id);
}

/** The shop's orders for later still to come (not cancelled), by planned time: number and planned instant. */
export function upcomingScheduled(ex: Executor, pizzeriaId: number, now: Date) {
  return ex.many<{ number: string; scheduledFor: Date }>(
    `SELECT number, scheduled_for AS "scheduledFor" FROM orders
      WHERE pizzeria_id = $1 AND scheduled_for >= $2 AND status <> 'cancelled'
      ORDER BY scheduled_for`,
    [pizzeriaId, now],
  );
}
