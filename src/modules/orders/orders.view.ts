// The order as customers and staff read it, assembled by PostgreSQL in one statement (lines and history as JSON).
import type { Executor } from '../../db/executor.js';
import type { z } from 'zod';
import type { orderSchema } from './orders.schemas.js';
import { MODIFIABLE, type OrderStatus } from './state-machine.js';

const VIEW_SQL = `
SELECT o.id, o.number,
  json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'phone', p.phone,
    'address', json_build_object('line', p.address_line, 'postcode', p.postcode, 'city', p.city)) AS pizzeria,
  o.status, o.channel, o.fulfilment, o.customer_name AS "customerName", o.customer_phone AS "customerPhone",
  CASE WHEN o.fulfilment = 'delivery' AND o.personal_data_erased_at IS NULL THEN json_build_object(
    'line1', o.delivery_line1, 'line2', o.delivery_line2, 'postcode', o.delivery_postcode, 'city', o.delivery_city,
    'instructions', o.delivery_instructions, 'lat', o.delivery_lat, 'lng', o.delivery_lng) END AS "deliveryAddress",
  CASE WHEN o.fulfilment = 'delivery' THEN json_build_object('distanceM', o.distance_m,
    'travelSeconds', o.travel_seconds, 'approximate', o.estimate_approximate) END AS "deliveryEstimate",
  COALESCE((SELECT json_agg(json_build_object('position', l.position, 'productId', l.product_id,
      'sizeId', l.product_size_id, 'productName', l.product_name, 'sizeLabel', l.size_label, 'quantity', l.quantity,
      'unitPriceCents', l.unit_price_cents, 'extras', l.extras, 'vatRateBp', l.vat_rate_bp,
      'lineTotalCents', l.line_total_cents) ORDER BY l.position)
    FROM order_lines l WHERE l.order_id = o.id), '[]'::json) AS lines,
  o.subtotal_cents AS "subtotalCents", o.delivery_fee_cents AS "deliveryFeeCents", o.total_cents AS "totalCents",
  o.vat_breakdown AS "vatBreakdown", o.payment_method AS "paymentMethod", o.payment_status AS "paymentStatus",
  o.payment_failure_reason AS "paymentFailureReason",
  o.note, o.estimated_ready_at AS "estimatedReadyAt", o.estimated_delivery_at AS "estimatedDeliveryAt",
  o.scheduled_for AS "scheduledFor",
  COALESCE((SELECT json_agg(json_build_object('from', e.from_status, 'to', e.to_status,
      'at', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY e.created_at, e.id)
    FROM order_status_events e WHERE e.order_id = o.id), '[]'::json) AS history,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"
FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id`;

type Row = Record<string, unknown> & {
  status: OrderStatus;
  estimatedReadyAt: Date | null;
  estimatedDeliveryAt: Date | null;
  scheduledFor: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OrderView = z.infer<typeof orderSchema>;

function present(row: Row): OrderView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...row,
    estimatedReadyAt: iso(row.estimatedReadyAt),
    estimatedDeliveryAt: iso(row.estimatedDeliveryAt),
    scheduledFor: iso(row.scheduledFor),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    canModify: MODIFIABLE.includes(row.status),
  } as OrderView;
}

export async function orderView(ex: Executor, orderId: string): Promise<OrderView | undefined> {
  const row = await ex.one<Row>(`${VIEW_SQL} WHERE o.id = $1`, [orderId]);
  return row && present(row);
}

export async function customerOrders(ex: Executor, customerId: number, limit = 50): Promise<OrderView[]> {
  const rows = await ex.many<Row>(
    `${VIEW_SQL} WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(present);
}
