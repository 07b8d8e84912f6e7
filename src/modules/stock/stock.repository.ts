// SQL of the stock operations and views. Returns plain objects. It never changes on_hand or reserved: only
// stock.ledger.ts does, together with the movement that explains the change.
import type { Executor, Tx } from '../../db/executor.js';

import type { BaseUnit } from '../../shared/quantity.js';

export type Unit = BaseUnit;

export interface IngredientRow {
  ingredientId: number;
  name: string;
  unit: Unit;
}

export interface StockRow extends IngredientRow {
  onHand: number;
  reserved: number;
  alertThreshold: number;
}

export interface ShopStockRow extends StockRow {
  pizzeriaId: number;
  pizzeriaCode: string;
  pizzeriaName: string;
}

export interface StockTarget {
  ingredient: IngredientRow | null;
  /** null when the shop has never stocked this ingredient. */
  stockItemId: number | null;
  alertThreshold: number;
}

/** The shop (undefined when it does not exist), the ingredient and the shop's stock item for it, if any. */
export async function findStockTarget(
  ex: Executor,
  pizzeriaId: number,
  ingredientId: number,
): Promise<StockTarget | undefined> {
  const row = await ex.one<IngredientRow & { stockItemId: number | null; alertThreshold: number | null }>(
    `SELECT i.id AS "ingredientId", i.name, i.unit, si.id AS "stockItemId", si.alert_threshold AS "alertThreshold"
       FROM pizzerias p
       LEFT JOIN ingredients i ON i.id = $2
       LEFT JOIN stock_items si ON si.pizzeria_id = p.id AND si.ingredient_id = i.id
      WHERE p.id = $1`,
    [pizzeriaId, ingredientId],
  );
  if (!row) return undefined;
  const { stockItemId, alertThreshold, ...ingredient } = row;
  return {
    ingredient: ingredient.ingredientId === null ? null : ingredient,
    stockItemId,
    alertThreshold: alertThreshold ?? 0,
  };
}

/**
 * Creates the shop's (empty) stock item for an ingredient. ON CONFLICT makes two first receipts racing for the
 * same ingredient wait for each other instead of one failing on the unique key.
 */
export async function ensureStockItem(tx: Tx, pizzeriaId: number, ingredientId: number): Promise<void> {
  await tx.exec(
    `INSERT INTO stock_items (pizzeria_id, ingredient_id) VALUES ($1, $2)
     ON CONFLICT (pizzeria_id, ingredient_id) DO NOTHING`,
    [pizzeriaId, ingredientId],
  );
}

/** ensureStockItem for several ingredients at once, in ingredient order (the order every lock follows). */
export async function ensureStockItems(tx: Tx, pizzeriaId: number, ingredientIds: number[]): Promise<void> {
  await tx.exec(
    `INSERT INTO stock_items (pizzeria_id, ingredient_id)
     SELECT $1, i FROM unnest($2::int[]) AS i ORDER BY i
     ON CONFLICT (pizzeria_id, ingredient_id) DO NOTHING`,
    [pizzeriaId, ingredientIds],
  );
}

export async function pizzeriaExists(ex: Executor, pizzeriaId: number): Promise<boolean> {
  return (await ex.one(`SELECT 1 FROM pizzerias WHERE id = $1`, [pizzeriaId])) !== undefined;
}

const LINE_COLUMNS = `
  i.id AS "ingredientId", i.name, i.unit, si.on_hand AS "onHand", si.reserved,
  si.alert_threshold AS "alertThreshold"`;

export async function findStockRows(ex: Executor, pizzeriaId: number): Promise<StockRow[]> {
  return ex.many<StockRow>(
    `SELECT ${LINE_COLUMNS}
       FROM stock_items si JOIN ingredients i ON i.id = si.ingredient_id
      WHERE si.pizzeria_id = $1
      ORDER BY lower(i.name), i.id`,
    [pizzeriaId],
  );
}

/**
 * Stock items whose available quantity (on hand − reserved) is below their alert threshold — the same rule as
 * `low` in stock.service.ts, filtered here so that a group-wide view does not read every shop's stock. Without
 * a shop, only active shops: a closed shop's stock is nobody's emergency. Most urgent first within a shop.
 */
export async function findLowStockRows(ex: Executor, pizzeriaId?: number): Promise<ShopStockRow[]> {
  return ex.many<ShopStockRow>(
    `SELECT p.id AS "pizzeriaId", p.code AS "pizzeriaCode", p.name AS "pizzeriaName", ${LINE_COLUMNS}
       FROM stock_items si
       JOIN ingredients i ON i.id = si.ingredient_id
       JOIN pizzerias p ON p.id = si.pizzeria_id
      WHERE si.on_hand - si.reserved < si.alert_threshold
        AND (($1::int IS NULL AND p.active) OR si.pizzeria_id = $1)
      ORDER BY p.code, (si.on_hand - si.reserved)::numeric / si.alert_threshold, lower(i.name), i.id`,
    [pizzeriaId ?? null],
  );
}
