// What the reorder suggestions read (reads only): the suppliers a shop can order from, with the terms of what
// they sell, and what the shop already has on order. One statement each.
import type { Executor } from '../../db/executor.js';
import type { OnOrder, UsableSupplier } from './suggestions.js';

// Active suppliers of the group (pizzeria_id NULL) and of the shop itself, each with the items it sells;
// a supplier selling nothing has nothing to suggest and is left out.
const SUPPLIERS_SQL = `
SELECT s.id, s.name, s.pizzeria_id AS "pizzeriaId", s.delivery_days::text[] AS "deliveryDays",
       s.lead_time_days AS "leadTimeDays", s.minimum_order_cents AS "minimumOrderCents",
       json_agg(json_build_object(
         'supplierItemId', si.id, 'ingredientId', si.ingredient_id, 'name', i.name, 'unit', i.unit,
         'reference', si.reference, 'packLabel', si.pack_label, 'packQuantity', si.pack_quantity,
         'packPriceCents', si.pack_price_cents) ORDER BY i.name, si.id) AS items
  FROM suppliers s
  JOIN supplier_items si ON si.supplier_id = s.id
  JOIN ingredients i ON i.id = si.ingredient_id
 WHERE s.active AND (s.pizzeria_id IS NULL OR s.pizzeria_id = $1)
 GROUP BY s.id
 ORDER BY s.name, s.id`;

export async function findUsableSuppliers(ex: Executor, pizzeriaId: number): Promise<UsableSupplier[]> {
  return ex.many<UsableSupplier>(SUPPLIERS_SQL, [pizzeriaId]);
}

// What is still to come of the shop's sent or partially received orders: ordered − received − refused (a
// refused quantity does not come back by itself). Drafts are not on order yet; received and cancelled orders
// have nothing more to bring.
const ON_ORDER_SQL = `
SELECT l.ingredient_id AS "ingredientId",
       (l.packs * l.pack_quantity - l.received_quantity - l.refused_quantity)::int AS quantity,
       to_char(o.expected_on, 'YYYY-MM-DD') AS "expectedOn"
  FROM purchase_orders o
  JOIN purchase_order_lines l ON l.purchase_order_id = o.id
 WHERE o.pizzeria_id = $1 AND o.status IN ('sent', 'partially_received')
   AND l.packs * l.pack_quantity > l.received_quantity + l.refused_quantity
 ORDER BY o.expected_on NULLS FIRST, o.id, l.ingredient_id`;

export async function findOnOrder(ex: Executor, pizzeriaId: number): Promise<OnOrder[]> {
  return ex.many<OnOrder>(ON_ORDER_SQL, [pizzeriaId]);
}

/** The shop's time zone (its calendar day is "today"); undefined when there is no such shop. */
export async function shopTimeZone(ex: Executor, pizzeriaId: number): Promise<string | undefined> {
  const row = await ex.one<{ timezone: string }>(`SELECT timezone FROM pizzerias WHERE id = $1`, [
    pizzeriaId,
  ]);
  return row?.timezone;
}
