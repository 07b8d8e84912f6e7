// Reads of the cost of goods (« coût matière ») of a shop: the latest purchase price of each ingredient, the food
// cost of each product size of its menu and the food cost of the products sold each day beside their revenue.
// Everything is excluding VAT; sums are kept exact (numeric) and rounded to the cent once, at the end.
//
// Price of an ingredient for a shop, per base unit (pack price / pack quantity), the first that exists of:
//   1. 'received': the shop's latest purchase order line that was received (received_quantity > 0), by its latest
//      reception;
//   2. 'ordered': the shop's latest sent purchase order line (sent, partially or fully received), by sending time;
//   3. 'catalog': the cheapest price per base unit among the active suppliers the shop can order from (the
//      group's and its own).
// An ingredient with none of them has no price: it is left out of the sums and named (« prix inconnu »), never
// counted as 0.
//
// A portion uses what the stock consumes (catalog's portionQuantity, which placement reserves): the recipe quantity
// scaled by the size's factor, rounded up, in base units of each recipe ingredient, plus each extra's quantity. The recipes and
// prices are today's: a past day is costed with the current recipes and latest prices.
import type { Executor } from '../../db/executor.js';
import { portionQuantitySql } from '../catalog/index.js';

export type PriceSource = 'received' | 'ordered' | 'catalog';

export interface IngredientPrice {
  ingredientId: number;
  name: string;
  unit: string;
  /** null: « prix inconnu » (no purchase and no supplier item). */
  source: PriceSource | null;
  packPriceCents: number | null;
  packQuantity: number | null;
}

export interface SizeCostRow {
  sizeId: number;
  productName: string;
  sizeLabel: string;
  category: string;
  priceCents: number;
  vatRateBp: number;
  priceExclVatCents: number;
  foodCostCents: number;
  missing: string[];
}

export interface DayCostRow {
  day: string;
  revenueExclVatCents: number;
  foodCostCents: number;
  missing: string[];
}

// $1: the shop. One row per ingredient with its price per base unit (`unit_price`, numeric) when one is known.
const PRICES = `
received AS (
  SELECT DISTINCT ON (l.ingredient_id) l.ingredient_id, l.pack_price_cents, l.pack_quantity
    FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.purchase_order_id
   WHERE po.pizzeria_id = $1 AND l.received_quantity > 0
   ORDER BY l.ingredient_id,
            (SELECT max(r.created_at) FROM purchase_receipt_lines rl JOIN purchase_receipts r ON r.id = rl.purchase_receipt_id
              WHERE rl.purchase_order_line_id = l.id AND rl.received_quantity > 0) DESC NULLS LAST,
            po.received_at DESC NULLS LAST, l.id DESC
), ordered AS (
  SELECT DISTINCT ON (l.ingredient_id) l.ingredient_id, l.pack_price_cents, l.pack_quantity
    FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.purchase_order_id
   WHERE po.pizzeria_id = $1 AND po.status IN ('sent', 'partially_received', 'received')
   ORDER BY l.ingredient_id, po.sent_at DESC NULLS LAST, l.id DESC
), catalog AS (
  SELECT DISTINCT ON (si.ingredient_id) si.ingredient_id, si.pack_price_cents, si.pack_quantity
    FROM supplier_items si JOIN suppliers s ON s.id = si.supplier_id
   WHERE s.active AND (s.pizzeria_id IS NULL OR s.pizzeria_id = $1)
   ORDER BY si.ingredient_id, si.pack_price_cents::numeric / si.pack_quantity, si.id
), prices AS (
  SELECT i.id AS ingredient_id, i.name, i.unit::text AS unit,
         CASE WHEN r.ingredient_id IS NOT NULL THEN 'received' WHEN o.ingredient_id IS NOT NULL THEN 'ordered'
              WHEN c.ingredient_id IS NOT NULL THEN 'catalog' END AS source,
         COALESCE(r.pack_price_cents, o.pack_price_cents, c.pack_price_cents) AS pack_price_cents,
         COALESCE(r.pack_quantity, o.pack_quantity, c.pack_quantity) AS pack_quantity,
         COALESCE(r.pack_price_cents, o.pack_price_cents, c.pack_price_cents)::numeric
           / COALESCE(r.pack_quantity, o.pack_quantity, c.pack_quantity) AS unit_price
    FROM ingredients i
    LEFT JOIN received r ON r.ingredient_id = i.id
    LEFT JOIN ordered o ON o.ingredient_id = i.id
    LEFT JOIN catalog c ON c.ingredient_id = i.id
), size_costs AS (
  -- Exact (unrounded) food cost of one portion of every size, and the recipe ingredients without a price
  SELECT ps.id AS size_id,
         COALESCE(SUM(${portionQuantitySql('rl.quantity', 'ps.recipe_factor_pct')} * pr.unit_price), 0) AS cost,
         COALESCE(array_agg(pr.name ORDER BY pr.name) FILTER (WHERE rl.id IS NOT NULL AND pr.unit_price IS NULL),
                  '{}') AS missing
    FROM product_sizes ps
    LEFT JOIN recipe_lines rl ON rl.product_id = ps.product_id
    LEFT JOIN prices pr ON pr.ingredient_id = rl.ingredient_id
   GROUP BY ps.id
), extra_costs AS (
  SELECT e.id AS extra_id, COALESCE(e.quantity * pr.unit_price, 0) AS cost,
         CASE WHEN pr.unit_price IS NULL THEN ARRAY[pr.name] ELSE '{}' END AS missing
    FROM extras e JOIN prices pr ON pr.ingredient_id = e.ingredient_id
)`;

/** The price of every ingredient for the shop (unknown ones with `source` null). */
export async function ingredientPrices(ex: Executor, pizzeriaId: number): Promise<IngredientPrice[]> {
  return ex.many<IngredientPrice>(
    `WITH ${PRICES}
     SELECT ingredient_id AS "ingredientId", name, unit, source, pack_price_cents AS "packPriceCents",
            pack_quantity AS "packQuantity"
       FROM prices ORDER BY name`,
    [pizzeriaId],
  );
}

/** Every size on the shop's menu (offered by the group and the shop) with its shop price and food cost. */
export async function sizeCosts(ex: Executor, pizzeriaId: number): Promise<SizeCostRow[]> {
  const rows = await ex.many<SizeCostRow & { priceExclVatCents: string; foodCostCents: string }>(
    `WITH ${PRICES}, menu AS (
       SELECT ps.id, p.name AS product_name, ps.label, p.category::text AS category, p.vat_rate_bp, ps.sort_order AS position, p.sort_order AS product_order,
              shop_price(ps.price_cents, ps.shop_price_min_cents, ps.shop_price_max_cents, ss.price_cents) AS price
         FROM product_sizes ps JOIN products p ON p.id = ps.product_id
         LEFT JOIN shop_products sp ON sp.pizzeria_id = $1 AND sp.product_id = p.id
         LEFT JOIN shop_sizes ss ON ss.pizzeria_id = $1 AND ss.size_id = ps.id
        WHERE ps.active AND p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = $1)
          AND COALESCE(sp.offered, true) AND COALESCE(ss.offered, true)
     )
     SELECT m.id AS "sizeId", m.product_name AS "productName", m.label AS "sizeLabel", m.category,
            m.price AS "priceCents", m.vat_rate_bp AS "vatRateBp",
            ROUND(m.price * 10000.0 / (10000 + m.vat_rate_bp)) AS "priceExclVatCents",
            ROUND(sc.cost) AS "foodCostCents", sc.missing
       FROM menu m JOIN size_costs sc ON sc.size_id = m.id
      ORDER BY m.category, m.product_order, m.product_name, m.position, m.id`,
    [pizzeriaId],
  );
  return rows.map((r) => ({
    ...r,
    priceExclVatCents: Number(r.priceExclVatCents),
    foodCostCents: Number(r.foodCostCents),
  }));
}

/**
 * One row per Paris day from `from` to `to` (included): the products sold that day (orders of the shop delivered or
 * collected that day, as the FEC books them) — their revenue excluding VAT and their food cost.
 */
export async function dayCosts(
  ex: Executor,
  pizzeriaId: number,
  from: string,
  to: string,
): Promise<DayCostRow[]> {
  const rows = await ex.many<{ day: string; revenue: string; cost: string; missing: string[] }>(
    `WITH ${PRICES}, sold AS (
       SELECT (e.created_at AT TIME ZONE 'Europe/Paris')::date AS day, l.quantity, l.line_total_cents, l.vat_rate_bp,
              sc.cost + COALESCE((SELECT SUM(ec.cost) FROM jsonb_array_elements(l.extras) x
                                    JOIN extra_costs ec ON ec.extra_id = (x->>'id')::int), 0) AS unit_cost,
              sc.missing || COALESCE((SELECT array_agg(m) FROM jsonb_array_elements(l.extras) x
                                        JOIN extra_costs ec ON ec.extra_id = (x->>'id')::int,
                                        unnest(ec.missing) m), '{}') AS missing
         FROM orders o
         JOIN LATERAL (SELECT ev.created_at FROM order_status_events ev
                        WHERE ev.order_id = o.id AND ev.to_status IN ('delivered', 'collected')
                        ORDER BY ev.id DESC LIMIT 1) e ON true
         JOIN order_lines l ON l.order_id = o.id
         JOIN size_costs sc ON sc.size_id = l.product_size_id
        WHERE o.pizzeria_id = $1 AND o.status IN ('delivered', 'collected')
          AND e.created_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris')
          AND e.created_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
     )
     SELECT to_char(g.d, 'YYYY-MM-DD') AS day,
            COALESCE(ROUND(SUM(s.line_total_cents * 10000.0 / (10000 + s.vat_rate_bp))), 0) AS revenue,
            COALESCE(ROUND(SUM(s.quantity * s.unit_cost)), 0) AS cost,
            COALESCE((SELECT array_agg(DISTINCT m ORDER BY m) FROM sold s2, unnest(s2.missing) m WHERE s2.day = g.d),
                     '{}') AS missing
       FROM generate_series($2::date, $3::date, interval '1 day') AS g(d)
       LEFT JOIN sold s ON s.day = g.d
      GROUP BY g.d ORDER BY g.d`,
    [pizzeriaId, from, to],
  );
  return rows.map((r) => ({
    day: r.day,
    revenueExclVatCents: Number(r.revenue),
    foodCostCents: Number(r.cost),
    missing: r.missing,
  }));
}

/** Whether the shop exists. */
export async function shopExists(ex: Executor, pizzeriaId: number): Promise<boolean> {
  return (await ex.one(`SELECT 1 FROM pizzerias WHERE id = $1`, [pizzeriaId])) !== undefined;
}
