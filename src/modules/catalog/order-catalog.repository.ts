// What ordering needs to know about the items asked for, in one statement: sizes with their product, price, VAT
// rate and recipe, and the extras, as the shop's menu has them (menu.repository.ts): the shop's price
// (shop_price()), not offered when the group switched it off, the shop withdrew it or it is another shop's
// speciality, and the shop's « rupture » in force at the clock's now (ruptures.ts).
import type { Executor } from '../../db/executor.js';
import { ruptureInForce } from './ruptures.js';

export interface CatalogSize {
  sizeId: number;
  productId: number;
  productName: string;
  category: 'pizza' | 'drink' | 'dessert' | 'side';
  sizeLabel: string;
  priceCents: number;
  recipeFactorPct: number;
  vatRateBp: number;
  active: boolean;
  /** Under a rupture of the shop now (`active` says whether the shop's menu offers it at all). */
  ruptured?: boolean;
  recipe: { ingredientId: number; quantity: number }[];
}

export interface CatalogExtra {
  id: number;
  name: string;
  ingredientId: number;
  quantity: number;
  priceCents: number;
  active: boolean;
  /** Under a rupture of the shop now (`active` says whether the shop's menu offers it at all). */
  ruptured?: boolean;
}

/** Exported for the order benchmark's baseline (bench/baselines/order-sql.ts), which runs it as is. */
export const ORDER_CATALOG_SQL = `
SELECT
  COALESCE((
    SELECT json_agg(json_build_object(
      'sizeId', ps.id, 'productId', p.id, 'productName', p.name, 'category', p.category, 'sizeLabel', ps.label,
      'priceCents', shop_price(ps.price_cents, ps.shop_price_min_cents, ps.shop_price_max_cents, ss.price_cents),
      'recipeFactorPct', ps.recipe_factor_pct, 'vatRateBp', p.vat_rate_bp,
      'active', ps.active AND p.active AND (p.pizzeria_id IS NULL OR p.pizzeria_id = $3)
        AND COALESCE(sp.offered, true) AND COALESCE(ss.offered, true),
      'ruptured', r.id IS NOT NULL,
      'recipe', COALESCE((SELECT json_agg(json_build_object('ingredientId', rl.ingredient_id, 'quantity', rl.quantity))
                            FROM recipe_lines rl WHERE rl.product_id = p.id), '[]'::json)))
    FROM product_sizes ps JOIN products p ON p.id = ps.product_id
    LEFT JOIN shop_products sp ON sp.pizzeria_id = $3 AND sp.product_id = p.id
    LEFT JOIN shop_sizes ss ON ss.pizzeria_id = $3 AND ss.size_id = ps.id
    LEFT JOIN menu_ruptures r ON r.pizzeria_id = $3 AND r.size_id = ps.id AND ${ruptureInForce('r', '$4')}
    WHERE ps.id = ANY($1::int[])
  ), '[]'::json) AS sizes,
  COALESCE((
    SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'ingredientId', e.ingredient_id,
      'quantity', e.quantity, 'priceCents', e.price_cents, 'active', e.active,
      'ruptured', r.id IS NOT NULL))
    FROM extras e
    LEFT JOIN menu_ruptures r ON r.pizzeria_id = $3 AND r.extra_id = e.id AND ${ruptureInForce('r', '$4')}
    WHERE e.id = ANY($2::int[])
  ), '[]'::json) AS extras`;

/** The items of an order in the shop's menu; `ruptured`: under a rupture holding at `now`. */
export async function loadOrderCatalog(
  ex: Executor,
  pizzeriaId: number,
  sizeIds: number[],
  extraIds: number[],
  now: Date,
): Promise<{ sizes: Map<number, CatalogSize>; extras: Map<number, CatalogExtra> }> {
  const row = (await ex.one<{ sizes: CatalogSize[]; extras: CatalogExtra[] }>(ORDER_CATALOG_SQL, [
    sizeIds,
    extraIds,
    pizzeriaId,
    now,
  ]))!;
  return {
    sizes: new Map(row.sizes.map((s) => [s.sizeId, s])),
    extras: new Map(row.extras.map((e) => [e.id, e])),
  };
}
