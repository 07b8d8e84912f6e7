// The menu of a shop with live availability, in ONE statement: the shop, every active product with its active
// sizes, and the extras. For a size, maxQuantity = min over its recipe lines of
// floor((on_hand - reserved) / ceil(line quantity × size factor / 100)); an ingredient the shop does not stock
// counts as 0. Extras use their own quantity (not scaled by size). Both are capped at MAX_LINE_QUANTITY.
// Allergens come from the same statement: a product's are the union of its recipe's ingredients' codes (the
// recipe is the same for every size, so each size carries them), an extra's are its ingredient's; the service
// turns the codes into labelled lists in the regulation's order.
// The shop's menu layers over the group catalogue (migration 20261204000017): the group's active products and
// the shop's own specialities (products.pizzeria_id), minus what the shop withdrew (shop_products, shop_sizes),
// at the shop's price (shop_price(): the shop's price within the admin's bounds, else the group's); an open
// « rupture » (menu_ruptures) is returned with its end, and the service decides against its clock whether it
// still holds (the statement keeps its three parameters: the benchmark's bare server runs it as is).
import type { Executor } from '../../db/executor.js';
import type { PizzeriaRow } from '../pizzerias/index.js';

export const MAX_LINE_QUANTITY = 50;

export interface MenuSizeRow {
  id: number;
  code: string;
  label: string;
  priceCents: number;
  maxQuantity: number;
  /** Annex II codes of the recipe's ingredients, each once, in no particular order. */
  allergens: string[];
  /** An open « rupture » of the shop (it may have ended by its time: the service compares with the clock). */
  ruptured: boolean;
  ruptureUntil: string | null;
}

export interface MenuProductRow {
  id: number;
  name: string;
  description: string;
  category: 'pizza' | 'drink' | 'dessert' | 'side';
  vatRateBp: number;
  /** products.image_key: replaced by `image` in the menu (menu.service.ts). */
  imageKey?: string | null;
  /** Distinct countries of origin of the beef ingredients of the recipe, sorted; [] without beef. */
  beefOrigins: string[];
  /** Some ingredient of the recipe has not had its allergens reviewed yet. */
  allergensIncomplete: boolean;
  sizes: MenuSizeRow[];
}

export interface MenuExtraRow {
  id: number;
  name: string;
  priceCents: number;
  maxQuantity: number;
  /** Annex II codes of the extra's ingredient. */
  allergens: string[];
  /** The extra's ingredient has not had its allergens reviewed yet. */
  allergensIncomplete: boolean;
  ruptured: boolean;
  ruptureUntil: string | null;
}

export interface MenuRows {
  pizzeria: PizzeriaRow;
  products: MenuProductRow[];
  extras: MenuExtraRow[];
}

const MENU_SQL = `
WITH shop AS (
  SELECT * FROM pizzerias WHERE (id = $1 OR code = $2) AND active LIMIT 1
), available AS (
  SELECT si.ingredient_id, GREATEST(si.on_hand - si.reserved, 0) AS qty
  FROM stock_items si JOIN shop ON si.pizzeria_id = shop.id
), sizes AS (
  SELECT ps.product_id, ps.id, ps.code, ps.label, ps.sort_order,
    shop_price(ps.price_cents, ps.shop_price_min_cents, ps.shop_price_max_cents, ss.price_cents) AS price_cents,
    r.id IS NOT NULL AS ruptured, r.until AS rupture_until,
    LEAST($3, COALESCE((
      SELECT MIN(FLOOR(COALESCE(a.qty, 0) / CEIL(rl.quantity * ps.recipe_factor_pct / 100.0)))
      FROM recipe_lines rl LEFT JOIN available a ON a.ingredient_id = rl.ingredient_id
      WHERE rl.product_id = ps.product_id
    ), $3))::int AS max_quantity
  FROM shop
  JOIN products p ON p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = shop.id)
  JOIN product_sizes ps ON ps.product_id = p.id AND ps.active
  LEFT JOIN shop_products sp ON sp.pizzeria_id = shop.id AND sp.product_id = p.id
  LEFT JOIN shop_sizes ss ON ss.pizzeria_id = shop.id AND ss.size_id = ps.id
  LEFT JOIN menu_ruptures r ON r.pizzeria_id = shop.id AND r.size_id = ps.id AND r.ended_at IS NULL
  WHERE COALESCE(sp.offered, true) AND COALESCE(ss.offered, true)
)
SELECT
  (SELECT json_build_object(
      'id', id, 'code', code, 'name', name, 'addressLine', address_line, 'postcode', postcode, 'city', city,
      'lat', lat, 'lng', lng, 'phone', phone, 'timezone', timezone, 'openingHours', opening_hours,
      'deliveryRadiusM', delivery_radius_m, 'minDeliveryOrderCents', min_delivery_order_cents,
      'deliveryFeeCents', delivery_fee_cents, 'freeDeliveryThresholdCents', free_delivery_threshold_cents,
      'prepMinutesPerOrder', prep_minutes_per_order, 'active', active)
   FROM shop) AS pizzeria,
  COALESCE((
    SELECT json_agg(json_build_object(
        'id', p.id, 'name', p.name, 'description', p.description, 'category', p.category,
        'vatRateBp', p.vat_rate_bp, 'imageKey', p.image_key, 'beefOrigins', g.beef_origins,
        'allergensIncomplete', g.incomplete, 'sizes', s.sizes)
      ORDER BY p.category, p.sort_order, p.name)
    FROM products p
    CROSS JOIN LATERAL (
      SELECT COALESCE(array_agg(DISTINCT c.code) FILTER (WHERE c.code IS NOT NULL), '{}') AS allergens,
        COALESCE(array_agg(DISTINCT i.beef_origin) FILTER (WHERE i.beef_origin IS NOT NULL), '{}') AS beef_origins,
        COALESCE(bool_or(NOT i.allergens_reviewed), false) AS incomplete
      FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id
      LEFT JOIN LATERAL unnest(i.allergens) AS c(code) ON true
      WHERE rl.product_id = p.id
    ) g
    JOIN LATERAL (
      SELECT json_agg(json_build_object('id', z.id, 'code', z.code, 'label', z.label,
          'priceCents', z.price_cents, 'maxQuantity', z.max_quantity, 'allergens', g.allergens,
          'ruptured', z.ruptured, 'ruptureUntil', z.rupture_until)
          ORDER BY z.sort_order, z.id) AS sizes
      FROM sizes z WHERE z.product_id = p.id
    ) s ON s.sizes IS NOT NULL
    WHERE p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = (SELECT id FROM shop))
  ), '[]'::json) AS products,
  COALESCE((
    SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'priceCents', e.price_cents,
        'maxQuantity', LEAST($3, FLOOR(COALESCE(a.qty, 0) / e.quantity))::int, 'allergens', i.allergens,
        'allergensIncomplete', NOT i.allergens_reviewed,
        'ruptured', r.id IS NOT NULL, 'ruptureUntil', r.until)
      ORDER BY e.name)
    FROM extras e JOIN ingredients i ON i.id = e.ingredient_id
    LEFT JOIN available a ON a.ingredient_id = e.ingredient_id
    LEFT JOIN menu_ruptures r ON r.pizzeria_id = (SELECT id FROM shop) AND r.extra_id = e.id AND r.ended_at IS NULL
    WHERE e.active
  ), '[]'::json) AS extras
`;

export async function findMenuRows(
  ex: Executor,
  ref: { id: number } | { code: string },
): Promise<MenuRows | undefined> {
  const row = await ex.one<{
    pizzeria: PizzeriaRow | null;
    products: MenuProductRow[];
    extras: MenuExtraRow[];
  }>(MENU_SQL, ['id' in ref ? ref.id : null, 'code' in ref ? ref.code : null, MAX_LINE_QUANTITY]);
  if (!row?.pizzeria) return undefined;
  return { pizzeria: row.pizzeria, products: row.products, extras: row.extras };
}
