// The kitchen queue (with each line's recipe memo scaled to its size) and the driver's run, one statement each.
import { QueryTypes, type Sequelize } from 'sequelize';

const KITCHEN_SQL = `
SELECT o.id, o.number, o.status, o.fulfilment, o.customer_name AS "customerName", o.note,
  o.created_at AS "createdAt", o.estimated_ready_at AS "estimatedReadyAt",
  COALESCE((SELECT json_agg(json_build_object(
      'position', l.position, 'productName', l.product_name, 'sizeLabel', l.size_label, 'quantity', l.quantity,
      'extras', l.extras,
      'memo', json_build_object(
        'steps', p.recipe_steps,
        'ingredients', COALESCE((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit,
            'quantity', CEIL(rl.quantity * ps.recipe_factor_pct / 100.0)::int) ORDER BY rl.id)
          FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id WHERE rl.product_id = l.product_id), '[]'::json),
        'extras', COALESCE((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit, 'quantity', e.quantity))
          FROM jsonb_array_elements(l.extras) x JOIN extras e ON e.id = (x->>'id')::int
          JOIN ingredients i ON i.id = e.ingredient_id), '[]'::json)))
      ORDER BY l.position)
    FROM order_lines l JOIN products p ON p.id = l.product_id JOIN product_sizes ps ON ps.id = l.product_size_id
   WHERE l.order_id = o.id), '[]'::json) AS lines
FROM orders o
WHERE o.pizzeria_id = $1 AND o.status IN ('received', 'preparing')
ORDER BY o.created_at, o.id`;

export async function kitchenQueue(db: Sequelize, pizzeriaId: number) {
  const rows = await db.query<Record<string, unknown> & { createdAt: Date; estimatedReadyAt: Date | null }>(
    KITCHEN_SQL,
    { type: QueryTypes.SELECT, bind: [pizzeriaId] },
  );
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    estimatedReadyAt: r.estimatedReadyAt ? new Date(r.estimatedReadyAt).toISOString() : null,
  }));
}

const DELIVERIES_SQL = `
SELECT o.id, o.number, o.status, o.customer_name AS "customerName", o.customer_phone AS "customerPhone",
  json_build_object('line1', o.delivery_line1, 'line2', o.delivery_line2, 'postcode', o.delivery_postcode,
    'city', o.delivery_city, 'instructions', o.delivery_instructions) AS address,
  o.delivery_lat AS lat, o.delivery_lng AS lng, o.total_cents AS "totalCents", o.payment_method AS "paymentMethod",
  CASE WHEN o.payment_status = 'paid' THEN 0 ELSE o.total_cents END AS "amountToCollectCents",
  o.estimated_delivery_at AS "estimatedDeliveryAt", p.lat AS "shopLat", p.lng AS "shopLng"
FROM orders o JOIN pizzerias p ON p.id = o.pizzeria_id
WHERE o.pizzeria_id = $1 AND o.fulfilment = 'delivery'
  AND (o.status = 'ready' OR (o.status = 'out_for_delivery' AND ($2::int IS NULL OR o.delivered_by_employee_id = $2)))
ORDER BY o.status = 'out_for_delivery' DESC, o.created_at, o.id`;

interface DeliveryRow {
  address: { line1: string; postcode: string; city: string };
  lat: number | null;
  lng: number | null;
  shopLat: number;
  shopLng: number;
  estimatedDeliveryAt: Date | null;
  [key: string]: unknown;
}

/** Deliveries to pick up at the shop, and those out with this driver (all of them for a manager). */
export async function deliveryRun(db: Sequelize, pizzeriaId: number, driverId: number | null) {
  const rows = await db.query<DeliveryRow>(DELIVERIES_SQL, {
    type: QueryTypes.SELECT,
    bind: [pizzeriaId, driverId],
  });
  return rows.map(({ shopLat, shopLng, ...r }) => {
    const destination =
      r.lat !== null && r.lng !== null
        ? `${r.lat},${r.lng}`
        : `${r.address.line1}, ${r.address.postcode} ${r.address.city}`;
    const url = new URL('https://www.google.com/maps/dir/');
    url.searchParams.set('api', '1');
    url.searchParams.set('origin', `${shopLat},${shopLng}`);
    url.searchParams.set('destination', destination);
    url.searchParams.set('travelmode', 'driving');
    return {
      ...r,
      estimatedDeliveryAt: r.estimatedDeliveryAt ? new Date(r.estimatedDeliveryAt).toISOString() : null,
      directionsUrl: url.toString(),
    };
  });
}
