// SQL of orders: writes inside the services' transactions, and the order view read in one statement.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
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
}

const HEAD = `id, number, pizzeria_id AS "pizzeriaId", customer_id AS "customerId", status, fulfilment,
  payment_method AS "paymentMethod", payment_status AS "paymentStatus", total_cents AS "totalCents", version,
  delivered_by_employee_id AS "deliveredByEmployeeId", estimated_ready_at AS "estimatedReadyAt",
  estimated_delivery_at AS "estimatedDeliveryAt", travel_seconds AS "travelSeconds"`;

export async function lockOrder(db: Sequelize, transaction: Transaction, orderId: string) {
  const [row] = await db.query<OrderHead>(`SELECT ${HEAD} FROM orders WHERE id = $1 FOR UPDATE`, {
    type: QueryTypes.SELECT,
    bind: [orderId],
    transaction,
  });
  return row;
}

export async function findOrderHead(db: Sequelize, orderId: string) {
  const [row] = await db.query<OrderHead>(`SELECT ${HEAD} FROM orders WHERE id = $1`, {
    type: QueryTypes.SELECT,
    bind: [orderId],
  });
  return row;
}

export async function findOrderByIdempotencyKey(db: Sequelize, key: string) {
  const [row] = await db.query<{ id: string; requestHash: string }>(
    `SELECT id, request_hash AS "requestHash" FROM orders WHERE idempotency_key = $1`,
    { type: QueryTypes.SELECT, bind: [key] },
  );
  return row;
}

export async function nextOrderNumber(db: Sequelize, t: Transaction, pizzeriaId: number, code: string) {
  const [row] = await db.query<{ n: number }>(
    `INSERT INTO order_counters AS c (pizzeria_id, last_value) VALUES ($1, 1)
     ON CONFLICT (pizzeria_id) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS n`,
    { type: QueryTypes.SELECT, bind: [pizzeriaId], transaction: t },
  );
  return `${code}-${String(row.n).padStart(4, '0')}`;
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
}

export async function insertOrder(db: Sequelize, t: Transaction, o: NewOrder): Promise<string> {
  const a = o.address;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
       delivery_line1, delivery_line2, delivery_postcode, delivery_city, delivery_instructions, delivery_lat,
       delivery_lng, subtotal_cents, delivery_fee_cents, total_cents, vat_breakdown, payment_method, payment_status,
       idempotency_key, request_hash, note, placed_by_employee_id, estimated_ready_at, estimated_delivery_at,
       distance_m, travel_seconds, estimate_approximate)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,
       $29,$30)
     RETURNING id`,
    {
      type: QueryTypes.SELECT,
      transaction: t,
      bind: [
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
      ],
    },
  );
  return row.id;
}

export async function insertLines(db: Sequelize, t: Transaction, orderId: string, lines: PricedLine[]) {
  await db.query(
    `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
       unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::varchar[], $6::varchar[], $7::int[], $8::jsonb[],
       $9::int[], $10::int[], $11::int[])`,
    {
      transaction: t,
      bind: [
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
    },
  );
}

export interface Actor {
  type: 'customer' | 'employee' | 'system';
  customerId?: number | null;
  employeeId?: number | null;
}

export async function insertStatusEvent(
  db: Sequelize,
  t: Transaction,
  e: { orderId: string; from: OrderStatus | null; to: OrderStatus; actor: Actor; note?: string | null },
) {
  await db.query(
    `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, actor_customer_id,
       actor_employee_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    {
      transaction: t,
      bind: [
        e.orderId,
        e.from,
        e.to,
        e.actor.type,
        e.actor.customerId ?? null,
        e.actor.employeeId ?? null,
        e.note ?? null,
      ],
    },
  );
}

/** What this order still holds reserved, per stock item (reservations − releases − consumptions). */
export async function reservedByOrder(db: Sequelize, t: Transaction, orderId: string) {
  return db.query<{ stockItemId: number; ingredientId: number; quantity: number }>(
    `SELECT m.stock_item_id AS "stockItemId", s.ingredient_id AS "ingredientId", SUM(m.quantity)::int AS quantity
       FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
      WHERE m.order_id = $1 AND m.kind IN ('reservation', 'release', 'consumption')
      GROUP BY m.stock_item_id, s.ingredient_id HAVING SUM(m.quantity) <> 0`,
    { type: QueryTypes.SELECT, bind: [orderId], transaction: t },
  );
}

export async function updateOrder(
  db: Sequelize,
  t: Transaction,
  orderId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const columns = Object.keys(fields);
  const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
  await db.query(`UPDATE orders SET ${sets}, updated_at = now() WHERE id = $1`, {
    transaction: t,
    bind: [orderId, ...columns.map((c) => fields[c])],
  });
}

export async function deleteLines(db: Sequelize, t: Transaction, orderId: string) {
  await db.query(`DELETE FROM order_lines WHERE order_id = $1`, { transaction: t, bind: [orderId] });
}

/** Orders of a shop still waiting for the kitchen, placed before `before`. */
export async function kitchenBacklog(db: Sequelize, pizzeriaId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orders WHERE pizzeria_id = $1 AND status IN ('received', 'preparing')`,
    { type: QueryTypes.SELECT, bind: [pizzeriaId] },
  );
  return row.n;
}
