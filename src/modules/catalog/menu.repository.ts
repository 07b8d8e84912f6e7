// The menu of a shop with live availability, in ONE statement that also renders the API's JSON: the shop, every
// active product with its active sizes, and the extras. For a size, maxQuantity = min over its recipe lines of
// floor((on_hand - reserved) / ceil(line quantity × size factor / 100)); an ingredient the shop does not stock
// counts as 0. Extras use their own quantity (not scaled by size). Both are capped at MAX_LINE_QUANTITY.
// Allergens: a product's are the union of its recipe's ingredients' codes (the recipe is the same for every size,
// so each size carries the same list), an extra's are its ingredient's; both labelled and in the regulation's order,
// from the arrays menuParams() passes (src/shared/allergens.ts keeps that rule). Pictures: src/srcset from the
// widths and prefix pictures.ts defines.
// The shop's menu layers over the group catalogue (migration 20261204000017): the group's active products and
// the shop's own specialities (products.pizzeria_id), minus what the shop withdrew (shop_products, shop_sizes),
// at the shop's price (shop_price(): the shop's price within the admin's bounds, else the group's); a size or
// extra under a « rupture » still in force at the clock's now ($10) can be made 0 times and says until when.
//
// Why the SQL renders the products and extras: the service sends that text as it comes (pg returns it unparsed),
// instead of parsing about 15 kB of JSON per request, labelling it and serialising 27 kB again; the menu
// benchmark measured parse + map + stringify as the largest part of the API's own cost per menu.
import { ALLERGEN_CODES, ALLERGEN_LABELS } from '../../shared/allergens.js';
import type { Executor } from '../../db/executor.js';
import type { PizzeriaRef, PizzeriaRow } from '../pizzerias/index.js';
import { portionQuantitySql } from './portion.js';
import { ruptureInForce } from './ruptures.js';
import { DEFAULT_PICTURE_WIDTH, MEDIA_URL_PREFIX, PICTURE_KEY_PATTERN, PICTURE_WIDTHS } from './pictures.js';

export const MAX_LINE_QUANTITY = 50;

export const MENU_SQL = `
WITH shop AS (
  SELECT * FROM pizzerias WHERE (id = $1 OR code = $2) AND active LIMIT 1
), available AS (
  SELECT si.ingredient_id, GREATEST(si.on_hand - si.reserved, 0) AS qty
  FROM stock_items si JOIN shop ON si.pizzeria_id = shop.id
), sizes AS (
  SELECT ps.product_id, ps.id, ps.code, ps.label, ps.sort_order,
    shop_price(ps.price_cents, ps.shop_price_min_cents, ps.shop_price_max_cents, ss.price_cents) AS price_cents,
    r.id IS NOT NULL AS ruptured, r.until AS rupture_until,
    CASE WHEN r.id IS NOT NULL THEN 0 ELSE LEAST($3, COALESCE((
      SELECT MIN(FLOOR(COALESCE(a.qty, 0) / ${portionQuantitySql('rl.quantity', 'ps.recipe_factor_pct')}))
      FROM recipe_lines rl LEFT JOIN available a ON a.ingredient_id = rl.ingredient_id
      WHERE rl.product_id = ps.product_id
    ), $3))::int END AS max_quantity
  FROM shop
  JOIN products p ON p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = shop.id)
  JOIN product_sizes ps ON ps.product_id = p.id AND ps.active
  LEFT JOIN shop_products sp ON sp.pizzeria_id = shop.id AND sp.product_id = p.id
  LEFT JOIN shop_sizes ss ON ss.pizzeria_id = shop.id AND ss.size_id = ps.id
  LEFT JOIN menu_ruptures r ON r.pizzeria_id = shop.id AND r.size_id = ps.id AND ${ruptureInForce('r', '$10')}
  WHERE COALESCE(sp.offered, true) AND COALESCE(ss.offered, true)
), labels AS (
  SELECT code, label, n FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS l(code, label, n)
)
SELECT
  (SELECT json_build_object(
      'id', id, 'code', code, 'name', name, 'addressLine', address_line, 'postcode', postcode, 'city', city,
      'lat', lat, 'lng', lng, 'phone', phone, 'timezone', timezone, 'openingHours', opening_hours, 'closures', closures,
      'deliveryRadiusM', delivery_radius_m, 'minDeliveryOrderCents', min_delivery_order_cents,
      'deliveryFeeCents', delivery_fee_cents, 'freeDeliveryThresholdCents', free_delivery_threshold_cents,
      'prepMinutesPerOrder', prep_minutes_per_order, 'active', active)
   FROM shop) AS pizzeria,
  COALESCE((
    SELECT json_agg(json_build_object(
        'id', p.id, 'name', p.name, 'description', p.description, 'category', p.category,
        'vatRateBp', p.vat_rate_bp, 'beefOrigins', g.beef_origins, 'allergensIncomplete', g.incomplete,
        'available', s.available,
        'image', CASE WHEN p.image_key ~ $9 THEN json_build_object(
            'src', $6 || '/' || p.image_key || '-' || $8 || '.webp',
            'srcset', (SELECT string_agg($6 || '/' || p.image_key || '-' || w || '.webp ' || w || 'w', ', ' ORDER BY k)
              FROM unnest($7::int[]) WITH ORDINALITY AS u(w, k)),
            'width', $8::int, 'height', $8::int) END,
        'sizes', s.sizes)
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
    CROSS JOIN LATERAL (
      SELECT COALESCE(json_agg(json_build_object('code', l.code, 'label', l.label) ORDER BY l.n), '[]') AS list
      FROM labels l WHERE l.code = ANY (g.allergens)
    ) a
    JOIN LATERAL (
      SELECT json_agg(json_build_object('id', z.id, 'code', z.code, 'label', z.label,
          'priceCents', z.price_cents, 'maxQuantity', z.max_quantity, 'available', z.max_quantity > 0,
          'ruptured', z.ruptured, 'ruptureUntil', z.rupture_until, 'allergens', a.list)
          ORDER BY z.sort_order, z.id) AS sizes,
        bool_or(z.max_quantity > 0) AS available
      FROM sizes z WHERE z.product_id = p.id
    ) s ON s.sizes IS NOT NULL
    WHERE p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = (SELECT id FROM shop))
  ), '[]'::json)::text AS products,
  COALESCE((
    SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'priceCents', e.price_cents,
        'maxQuantity', q.max_quantity, 'available', q.max_quantity > 0,
        'allergens', (SELECT COALESCE(json_agg(json_build_object('code', l.code, 'label', l.label) ORDER BY l.n), '[]')
          FROM labels l WHERE l.code = ANY (i.allergens)),
        'allergensIncomplete', NOT i.allergens_reviewed, 'ruptured', r.id IS NOT NULL, 'ruptureUntil', r.until)
      ORDER BY e.name)
    FROM extras e JOIN ingredients i ON i.id = e.ingredient_id
    LEFT JOIN available a ON a.ingredient_id = e.ingredient_id
    LEFT JOIN menu_ruptures r ON r.pizzeria_id = (SELECT id FROM shop) AND r.extra_id = e.id
      AND ${ruptureInForce('r', '$10')}
    CROSS JOIN LATERAL (
      SELECT CASE WHEN r.id IS NOT NULL THEN 0 ELSE LEAST($3, FLOOR(COALESCE(a.qty, 0) / e.quantity)) END::int
        AS max_quantity
    ) q
    WHERE e.active
  ), '[]'::json)::text AS extras
`;

/**
 * The statement's parameters: the shop, the cap, the rendering rules' data (allergen labels, pictures) and the
 * clock's now (a « rupture » whose end has passed no longer holds: it ends by itself, nothing written).
 */
export function menuParams(ref: PizzeriaRef, now: Date): unknown[] {
  return [
    'id' in ref ? ref.id : null,
    'code' in ref ? ref.code : null,
    MAX_LINE_QUANTITY,
    ALLERGEN_CODES,
    ALLERGEN_CODES.map((code) => ALLERGEN_LABELS[code]),
    MEDIA_URL_PREFIX,
    PICTURE_WIDTHS,
    DEFAULT_PICTURE_WIDTH,
    PICTURE_KEY_PATTERN,
    now,
  ];
}

export interface MenuRows {
  pizzeria: PizzeriaRow;
  /** The products' JSON array exactly as the API sends it (see menuSchema). */
  productsJson: string;
  /** The extras' JSON array exactly as the API sends it. */
  extrasJson: string;
}

export async function findMenuRows(ex: Executor, ref: PizzeriaRef, now: Date): Promise<MenuRows | undefined> {
  const row = await ex.one<{ pizzeria: PizzeriaRow | null; products: string; extras: string }>(
    MENU_SQL,
    menuParams(ref, now),
  );
  if (!row?.pizzeria) return undefined;
  return { pizzeria: row.pizzeria, productsJson: row.products, extrasJson: row.extras };
}
