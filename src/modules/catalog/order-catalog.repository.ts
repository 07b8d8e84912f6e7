// What ordering needs to know about the items asked for, in one statement: sizes with their product, price, VAT
// rate and recipe, and the extras.
import type { Executor } from '../../db/executor.js';

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
  recipe: { ingredientId: number; quantity: number }[];
}

export interface CatalogExtra {
  id: number;
  name: string;
  ingredientId: number;
  quantity: number;
  priceCents: number;
  active: boolean;
}

const SQL = `
SELECT
  COALESCE((
    SELECT json_agg(json_build_object(
      'sizeId', ps.id, 'productId', p.id, 'productName', p.name, 'category', p.category, 'sizeLabel', ps.label,
      'priceCents', ps.price_cents, 'recipeFactorPct', ps.recipe_factor_pct, 'vatRateBp', p.vat_rate_bp,
      'active', ps.active AND p.active,
      'recipe', COALESCE((SELECT json_agg(json_build_object('ingredientId', rl.ingredient_id, 'quantity', rl.quantity))
                            FROM recipe_lines rl WHERE rl.product_id = p.id), '[]'::json)))
    FROM product_sizes ps JOIN products p ON p.id = ps.product_id WHERE ps.id = ANY($1::int[])
  ), '[]'::json) AS sizes,
  COALESCE((
    SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'ingredientId', e.ingredient_id,
      'quantity', e.quantity, 'priceCents', e.price_cents, 'active', e.active))
    FROM extras e WHERE e.id = ANY($2::int[])
  ), '[]'::json) AS extras`;

export async function loadOrderCatalog(
  ex: Executor,
  sizeIds: number[],
  extraIds: number[],
): Promise<{ sizes: Map<number, CatalogSize>; extras: Map<number, CatalogExtra> }> {
  const row = (await ex.one<{ sizes: CatalogSize[]; extras: CatalogExtra[] }>(SQL, [sizeIds, extraIds]))!;
  return {
    sizes: new Map(row.sizes.map((s) => [s.sizeId, s])),
    extras: new Map(row.extras.map((e) => [e.id, e])),
  };
}
