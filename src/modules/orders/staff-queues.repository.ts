// The kitchen queue (with each line's recipe memo scaled to its size), the driver's run and the counter's
// hand-over list, one statement each.
import type { Executor } from '../../db/executor.js';
import { portionQuantitySql } from '../catalog/index.js';
import { nearestNeighbourOrder } from '../delivery/index.js';
import { dueInKitchen } from './orders.repository.js';

const KITCHEN_SQL = `
SELECT o.id, o.number, o.status, o.fulfilment, o.customer_name AS "customerName", o.note,
  o.created_at AS "createdAt", o.estimated_ready_at AS "estimatedReadyAt", o.scheduled_for AS "scheduledFor",
  COALESCE((SELECT json_agg(json_build_object(
      'position', l.position, 'productName', l.product_name, 'sizeLabel', l.size_label, 'quantity', l.quantity,
      'extras', l.extras,
      'memo', json_build_object(
        'steps', p.recipe_steps,
        'ingredients', COALESCE((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit,
            'quantity', ${portionQuantitySql('rl.quantity', 'ps.recipe_factor_pct')}::int) ORDER BY rl.id)
          FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id WHERE rl.product_id = l.product_id), '[]'::json),
        'extras', COALESCE((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit, 'quantity', e.quantity))
          FROM jsonb_array_elements(l.extras) x JOIN extras e ON e.id = (x->>'id')::int
          JOIN ingredients i ON i.id = e.ingredient_id), '[]'::json)))
      ORDER BY l.position)
    FROM order_lines l JOIN products p ON p.id = l.product_id JOIN product_sizes ps ON ps.id = l.product_size_id
   WHERE l.order_id = o.id), '[]'::json) AS lines
FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id
WHERE o.pizzeria_id = $1 AND o.status IN ('received', 'preparing') AND ${dueInKitchen('$2', 'p.prep_minutes_per_order')}
ORDER BY o.created_at, o.id`;

type Timed = Record<string, unknown> & {
  createdAt: Date;
  estimatedReadyAt: Date | null;
  scheduledFor: Date | null;
};
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const timed = (r: Timed) => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  estimatedReadyAt: iso(r.estimatedReadyAt),
  scheduledFor: iso(r.scheduledFor),
});

/** What the kitchen has to deal with at `now`: an order for later only from its start time. */
export async function kitchenQueue(ex: Executor, pizzeriaId: number, now: Date) {
  return (await ex.many<Timed>(KITCHEN_SQL, [pizzeriaId, now])).map(timed);
}

const DELIVERIES_SQL = `
SELECT o.id, o.number, o.status, o.customer_name AS "customerName", o.customer_phone AS "customerPhone",
  json_build_object('line1', o.delivery_line1, 'line2', o.delivery_line2, 'postcode', o.delivery_postcode,
    'city', o.delivery_city, 'instructions', o.delivery_instructions) AS address,
  o.delivery_lat AS lat, o.delivery_lng AS lng, o.total_cents AS "totalCents", o.payment_method AS "paymentMethod",
  CASE WHEN o.payment_status = 'paid' THEN 0 ELSE o.total_cents END AS "amountToCollectCents",
  o.estimated_delivery_at AS "estimatedDeliveryAt", o.scheduled_for AS "scheduledFor", p.lat AS "shopLat",
  p.lng AS "shopLng"
FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id
WHERE o.pizzeria_id = $1 AND o.fulfilment = 'delivery'
  AND (o.status = 'ready' OR (o.status = 'out_for_delivery' AND ($2::int IS NULL OR o.delivered_by_employee_id = $2)))
ORDER BY o.status = 'out_for_delivery' DESC, o.created_at, o.id`;

interface DeliveryRow {
  status: 'ready' | 'out_for_delivery';
  address: { line1: string; postcode: string; city: string };
  lat: number | null;
  lng: number | null;
  shopLat: number;
  shopLng: number;
  estimatedDeliveryAt: Date | null;
  scheduledFor: Date | null;
  [key: string]: unknown;
}

function directionsUrl(origin: string, destination: string, waypoints: string[] = []): string {
  const url = new URL('https://www.google.com/maps/dir/');
  url.searchParams.set('api', '1');
  url.searchParams.set('origin', origin);
  url.searchParams.set('destination', destination);
  if (waypoints.length > 0) url.searchParams.set('waypoints', waypoints.join('|'));
  url.searchParams.set('travelmode', 'driving');
  return url.toString();
}

/**
 * Deliveries out with this driver (all of them for a manager), in route order from the shop (nearest next
 * stop first), then those waiting at the shop; each with its Google Maps directions link, and the whole run's.
 */
export async function deliveryRun(ex: Executor, pizzeriaId: number, driverId: number | null) {
  const rows = await ex.many<DeliveryRow>(DELIVERIES_SQL, [pizzeriaId, driverId]);
  if (rows.length === 0) return { deliveries: [], runDirectionsUrl: null };
  const shop = { lat: rows[0].shopLat, lng: rows[0].shopLng };
  const origin = `${shop.lat},${shop.lng}`;
  const located = rows.map(({ shopLat: _lat, shopLng: _lng, ...r }) => ({
    ...r,
    point: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    destination:
      r.lat !== null && r.lng !== null
        ? `${r.lat},${r.lng}`
        : `${r.address.line1}, ${r.address.postcode} ${r.address.city}`,
  }));
  const route = [
    ...nearestNeighbourOrder(
      shop,
      located.filter((r) => r.status === 'out_for_delivery'),
    ),
    ...nearestNeighbourOrder(
      shop,
      located.filter((r) => r.status !== 'out_for_delivery'),
    ),
  ];
  const out = route.filter((r) => r.status === 'out_for_delivery');
  const deliveries = route.map(({ point: _p, destination, ...r }, i) => ({
    ...r,
    routePosition: i + 1,
    estimatedDeliveryAt: iso(r.estimatedDeliveryAt),
    scheduledFor: iso(r.scheduledFor),
    directionsUrl: directionsUrl(origin, destination),
  }));
  const runDirectionsUrl =
    out.length > 0
      ? directionsUrl(
          origin,
          out[out.length - 1].destination,
          out.slice(0, -1).map((r) => r.destination),
        )
      : null;
  return { deliveries, runDirectionsUrl };
}

const TAKEAWAY_SQL = `
SELECT o.id, o.number, o.status, o.customer_name AS "customerName", o.customer_phone AS "customerPhone",
  o.total_cents AS "totalCents", o.payment_method AS "paymentMethod", o.payment_status AS "paymentStatus",
  CASE WHEN o.payment_status = 'paid' THEN 0 ELSE o.total_cents END AS "amountToCollectCents",
  o.created_at AS "createdAt", o.estimated_ready_at AS "estimatedReadyAt", o.scheduled_for AS "scheduledFor",
  COALESCE((SELECT json_agg(json_build_object('productName', l.product_name, 'sizeLabel', l.size_label,
      'quantity', l.quantity) ORDER BY l.position)
    FROM order_lines l WHERE l.order_id = o.id), '[]'::json) AS lines
FROM orders o
WHERE o.pizzeria_id = $1 AND o.fulfilment = 'takeaway' AND o.status IN ('received', 'preparing', 'ready')
ORDER BY o.status = 'ready' DESC, o.created_at, o.id`;

/** Takeaway orders of the shop not yet handed over: those ready at the counter first, then the oldest. */
export async function takeawayQueue(ex: Executor, pizzeriaId: number) {
  return (await ex.many<Timed>(TAKEAWAY_SQL, [pizzeriaId])).map(timed);
}
