// What the forecast reads from the ledger, in one statement for one shop or every active shop: per stock item,
// its counters and its daily use (consumption + waste, as positive quantities) per Paris calendar day over the
// last `weeks` weeks up to today included. Receipts, reservations, releases and adjustments are not use.
// Each stock item's use is read through stock_movements_use_idx (stock_item_id, created_at) INCLUDE (quantity),
// partial on consumption and waste (migration 029: an index-only scan, no heap page per row), on a created_at
// range computed once, and summed per day in SQL: one row per stock item comes back.
import type { Executor } from '../../db/executor.js';
import type { Closure } from '../pizzerias/index.js';
import { HISTORY_WEEKS, type DailyUse } from './forecast.js';
import type { Unit } from './stock.repository.js';

/** The shops' calendar: all eight are in Paris. */
export const FORECAST_TIME_ZONE = 'Europe/Paris';

export interface StockUseHistory {
  stockItemId: number;
  pizzeriaId: number;
  ingredientId: number;
  onHand: number;
  reserved: number;
  /** The later of the window's first day and the day of the item's first movement; null: it never moved. */
  knownSince: string | null;
  /** Days with some use, oldest first (today's: the use so far). */
  history: DailyUse[];
}

const USE_SQL = `
WITH b AS (
  SELECT $2::date - 7 * $3::int AS since,
         ($2::date - 7 * $3::int)::timestamp AT TIME ZONE $4::text AS since_at,
         ($2::date + 1)::timestamp AT TIME ZONE $4::text AS until_at
)
SELECT si.id AS "stockItemId", si.pizzeria_id AS "pizzeriaId", si.ingredient_id AS "ingredientId",
       si.on_hand AS "onHand", si.reserved,
       CASE WHEN f.first_at IS NOT NULL
            THEN to_char(GREATEST(b.since, (f.first_at AT TIME ZONE $4::text)::date), 'YYYY-MM-DD') END AS "knownSince",
       COALESCE(u.days, '{}') AS days, COALESCE(u.uses, '{}') AS uses
  FROM stock_items si
  JOIN pizzerias p ON p.id = si.pizzeria_id
  CROSS JOIN b
  LEFT JOIN LATERAL (
    SELECT m.created_at AS first_at FROM stock_movements m
     WHERE m.stock_item_id = si.id ORDER BY m.created_at LIMIT 1
  ) f ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(to_char(d.day, 'YYYY-MM-DD') ORDER BY d.day) AS days, array_agg(d.used ORDER BY d.day) AS uses
      FROM (SELECT (m.created_at AT TIME ZONE $4::text)::date AS day, (-SUM(m.quantity))::int AS used
              FROM stock_movements m
             WHERE m.stock_item_id = si.id AND m.kind IN ('consumption', 'waste')
               AND m.created_at >= b.since_at AND m.created_at < b.until_at
             GROUP BY 1) d
  ) u ON true
 WHERE ($1::int IS NULL AND p.active) OR si.pizzeria_id = $1
 ORDER BY si.pizzeria_id, si.ingredient_id`;

/**
 * The use history of every stock item of one shop (or of every active shop), `weeks` weeks back from `today`
 * (a Paris calendar day, YYYY-MM-DD; its use so far included).
 */
export async function findStockUse(
  ex: Executor,
  { pizzeriaId, today, weeks = HISTORY_WEEKS }: { pizzeriaId?: number; today: string; weeks?: number },
): Promise<StockUseHistory[]> {
  const rows = await ex.many<Omit<StockUseHistory, 'history'> & { days: string[]; uses: number[] }>(USE_SQL, [
    pizzeriaId ?? null,
    today,
    weeks,
    FORECAST_TIME_ZONE,
  ]);
  return rows.map(({ days, uses, ...row }) => ({
    ...row,
    history: days.map((day, i) => ({ day, use: uses[i] })),
  }));
}

/** What the forecast service reads: the use history with the ingredient and the shop's calendar. */
export interface ForecastRow extends StockUseHistory {
  name: string;
  unit: Unit;
  pizzeriaCode: string;
  pizzeriaName: string;
  /** The shop's exceptional closures (local dates, both ends included). */
  closures: Closure[];
}

// The same statement, with the ingredient's name and unit and the shop's code, name and closures: still one
// round trip for every shop, the items of a shop by name.
const FORECAST_SQL = `
SELECT u.*, i.name, i.unit, p.code AS "pizzeriaCode", p.name AS "pizzeriaName", p.closures
  FROM (${USE_SQL}) u
  JOIN ingredients i ON i.id = u."ingredientId"
  JOIN pizzerias p ON p.id = u."pizzeriaId"
 ORDER BY p.code, lower(i.name), i.id`;

/** findStockUse with what the forecast screens show (one statement). */
export async function findForecastRows(
  ex: Executor,
  { pizzeriaId, today, weeks = HISTORY_WEEKS }: { pizzeriaId?: number; today: string; weeks?: number },
): Promise<ForecastRow[]> {
  const rows = await ex.many<Omit<ForecastRow, 'history'> & { days: string[]; uses: number[] }>(
    FORECAST_SQL,
    [pizzeriaId ?? null, today, weeks, FORECAST_TIME_ZONE],
  );
  return rows.map(({ days, uses, ...row }) => ({
    ...row,
    history: days.map((day, i) => ({ day, use: uses[i] })),
  }));
}
