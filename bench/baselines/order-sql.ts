// The statements of one web order placement, in the order the product runs them (copied from the
// repositories named on each, the order catalogue imported from its own; bench/order-placement.ts checks
// afterwards that both sides wrote the same rows).

/** auth/tokens.ts resolveToken */
export const TOKEN_SQL = `SELECT t.id, t.subject, t.customer_id AS "customerId", t.employee_id AS "employeeId",
            e.role, e.pizzeria_id AS "pizzeriaId"
       FROM auth_tokens t LEFT JOIN employees e ON e.id = t.employee_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()
        AND (t.subject = 'customer' OR e.active)`;

/** customers/customers.repository.ts findCustomerById */
export const CUSTOMER_SQL = `SELECT id, email, first_name AS "firstName", last_name AS "lastName", phone,
  created_at AS "createdAt" FROM customers WHERE id = $1`;

/** orders/orders.repository.ts findOrderByIdempotencyKey */
export const IDEMPOTENCY_SQL = `SELECT id, request_hash AS "requestHash" FROM orders WHERE idempotency_key = $1`;

/** pizzerias/pizzerias.repository.ts findActivePizzeria */
export const SHOP_SQL = `SELECT
  id, code, name, address_line AS "addressLine", postcode, city, lat, lng, phone, timezone,
  opening_hours AS "openingHours", delivery_radius_m AS "deliveryRadiusM",
  min_delivery_order_cents AS "minDeliveryOrderCents", delivery_fee_cents AS "deliveryFeeCents",
  free_delivery_threshold_cents AS "freeDeliveryThresholdCents", prep_minutes_per_order AS "prepMinutesPerOrder",
  slot_capacity AS "slotCapacity", active FROM pizzerias WHERE id = $1 AND active`;

/** catalog/order-catalog.repository.ts loadOrderCatalog: imported, not copied (it had drifted once). */
export { ORDER_CATALOG_SQL as CATALOG_SQL } from '../../src/modules/catalog/order-catalog.repository.js';

/** orders/orders.repository.ts kitchenBacklog */
export const BACKLOG_SQL = `SELECT count(*)::int AS n FROM orders o WHERE o.pizzeria_id = $1 AND o.status IN ('received', 'preparing')
       AND (o.scheduled_for IS NULL OR o.status <> 'received'
    OR o.scheduled_for - make_interval(secs => COALESCE(o.travel_seconds, 0)) - make_interval(mins => $3::int) <= $2)`;

/** stock/stock.ledger.ts reserveStock (lock in ingredient order, check and reserve in one statement) */
export const RESERVE_SQL = `
WITH locked AS MATERIALIZED (
  SELECT id, ingredient_id, on_hand, reserved FROM stock_items
   WHERE pizzeria_id = $1 AND ingredient_id = ANY($2::int[])
   ORDER BY ingredient_id FOR UPDATE
), need AS (
  SELECT * FROM unnest($2::int[], $3::int[]) AS n(ingredient_id, quantity)
), enough AS (
  SELECT bool_and(l.id IS NOT NULL AND l.on_hand - l.reserved >= n.quantity) AS ok
    FROM need n LEFT JOIN locked l ON l.ingredient_id = n.ingredient_id
), m AS (
  INSERT INTO stock_movements (stock_item_id, kind, quantity, order_id, employee_id, note, created_at)
  SELECT l.id, 'reservation', n.quantity, $4::uuid, $5::int, NULL, $6::timestamptz
    FROM need n JOIN locked l ON l.ingredient_id = n.ingredient_id
   WHERE (SELECT ok FROM enough) AND n.quantity <> 0
  RETURNING stock_item_id, quantity
), u AS (
  UPDATE stock_items s SET reserved = s.reserved + m.quantity, updated_at = $6
    FROM m WHERE s.id = m.stock_item_id
  RETURNING s.id
)
SELECT l.id AS "stockItemId", l.ingredient_id AS "ingredientId", l.on_hand AS "onHand", l.reserved,
       (SELECT ok FROM enough) AS applied, (SELECT count(*) FROM u)::int AS moved
  FROM locked l ORDER BY l.ingredient_id`;

/** orders/orders.repository.ts nextOrderNumber */
export const COUNTER_SQL = `INSERT INTO order_counters AS c (pizzeria_id, last_value) VALUES ($1, 1)
     ON CONFLICT (pizzeria_id) DO UPDATE SET last_value = c.last_value + 1 RETURNING last_value AS n`;

/** orders/orders.repository.ts insertOrder */
export const INSERT_ORDER_SQL = `INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
       delivery_line1, delivery_line2, delivery_postcode, delivery_city, delivery_instructions, delivery_lat,
       delivery_lng, subtotal_cents, delivery_fee_cents, total_cents, vat_breakdown, payment_method, payment_status,
       idempotency_key, request_hash, note, placed_by_employee_id, estimated_ready_at, estimated_delivery_at,
       distance_m, travel_seconds, estimate_approximate, created_at, updated_at, scheduled_for)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,
       $29,$30,$31,$31,$32)
     RETURNING id`;

/** orders/orders.repository.ts insertLines */
export const INSERT_LINES_SQL = `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
       unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::varchar[], $6::varchar[], $7::int[], $8::jsonb[],
       $9::int[], $10::int[], $11::int[])`;

/** orders/orders.repository.ts insertStatusEvent */
export const INSERT_EVENT_SQL = `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, actor_customer_id,
       actor_employee_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** realtime/pg-bus.ts publish */
export const NOTIFY_SQL = 'SELECT pg_notify($1, $2)';

/** notifications/outbox.repository.ts insertOrderMessage (the customer's confirmation, written in the placement) */
export const OUTBOX_SQL = `INSERT INTO outbox (key, kind, recipient, recipient_name, payload, order_id, customer_id, pizzeria_id, message_id)
     SELECT $1, $2, c.email, c.first_name || ' ' || c.last_name, $3, o.id, c.id, o.pizzeria_id, $4
     FROM orders o JOIN customers c ON c.id = o.customer_id
     WHERE o.id = $5 AND (NOT $6 OR c.status_emails)
     ON CONFLICT (key) DO NOTHING`;

/** orders/orders.view.ts orderView */
export const VIEW_SQL = `
SELECT o.id, o.number,
  json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'phone', p.phone) AS pizzeria,
  o.status, o.channel, o.fulfilment, o.customer_name AS "customerName", o.customer_phone AS "customerPhone",
  CASE WHEN o.fulfilment = 'delivery' THEN json_build_object(
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
FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id WHERE o.id = $1`;
