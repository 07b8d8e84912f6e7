// Benchmark 9, the stock forecast of every shop (issue 20): its own database (ocpizza_bench_forecast: migrated,
// demo shops), topped up to 40 stocked ingredients in each of the 8 shops, and a year of ledger history written
// by PostgreSQL itself from generate_series, as bench:data does for the orders: per stock item and per day, a
// weekday-shaped number of reservations each followed by its consumption (20 a day on average, about 4.7 million
// rows), a loss now and then, the days oldest first (the items of a day interleaved, as in a real ledger).
// Generated once for a given size and kept. Then `stock.forecast()` for every active shop (the service the API
// and the back office call: one statement, then the forecast of each item), timed after one warm-up run.
// Goal: < 1 s.
import type pg from 'pg';
import { createDatabase } from '../src/db/executor.js';
import { createStockService } from '../src/modules/stock/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { dbUrl, log, median, round, verdict, withClient, type BenchResult } from './lib.js';
import { ensureDatabase, migrateAndSeed, resetOrders } from './setup.js';

export const FORECAST_DB = 'ocpizza_bench_forecast';
const INGREDIENTS_PER_SHOP = 40;
const DAYS = 365;
/** Reservation + consumption pairs per stock item and day, on average (Monday × 0.6 … Saturday × 1.8). */
const PER_DAY = Number(process.env.BENCH_FORECAST_PER_DAY ?? 20);
/** The forecast's today (Paris); the history is the year before it. Fixed: the data set does not age. */
const TODAY = '2026-11-30';
const CLOCK = '2026-11-30T17:00:00Z';
const RUNS = 5;
const GOAL_SECONDS = 1;
const SEED = 20261130;

interface Meta {
  perDay: number;
  days: number;
  today: string;
  movements: number;
}

async function readMeta(c: pg.Client): Promise<Meta | null> {
  const { rows } = await c.query(
    `SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`,
  );
  try {
    return JSON.parse(rows[0]?.d ?? 'null') as Meta | null;
  } catch {
    return null;
  }
}

// Weekday factors by ISO day (Monday = 1): 0.6, 0.7, 0.8, 0.9, 1.5, 1.8, 0.7 (mean 1).
const GENERATE_SQL = `
INSERT INTO stock_movements (stock_item_id, kind, quantity, note, created_at)
SELECT si.id, m.kind, m.quantity, NULL, m.at
  FROM generate_series($1::int, 1, -1) d
 CROSS JOIN LATERAL (SELECT ($2::date - d) AS day) dd
 CROSS JOIN stock_items si
 CROSS JOIN LATERAL generate_series(1,
       round($3::int * (ARRAY[0.6, 0.7, 0.8, 0.9, 1.5, 1.8, 0.7])[extract(isodow FROM dd.day)::int])::int) j
 CROSS JOIN LATERAL (
   SELECT (dd.day + time '11:00' + (j * interval '10 hours') / $3::int) AT TIME ZONE 'Europe/Paris' AS at,
          -- 10 to 300 base units a consumption, steady per item
          10 + (hashint8extended(si.id, ${SEED}) & 2147483647) % 290 AS q,
          (hashint8extended(si.id * 1000003 + d * 101 + j, ${SEED}) & 2147483647) % 100 AS r
 ) x
 CROSS JOIN LATERAL (VALUES
   ('reservation'::stock_movement_kind, x.q::int, x.at - interval '20 minutes'),
   ('consumption'::stock_movement_kind, -x.q::int, x.at),
   -- a loss on about one pair in a hundred
   (CASE WHEN x.r = 0 THEN 'waste'::stock_movement_kind END, -(x.q / 2 + 1)::int, x.at + interval '1 minute')
 ) m(kind, quantity, at)
 WHERE m.kind IS NOT NULL`;

/** Tops every shop up to 40 stocked ingredients and writes the year of history (once per size). */
async function generate(c: pg.Client): Promise<{ shops: number; items: number; movements: number }> {
  const count = async () =>
    (
      await c.query<{ shops: number; items: number }>(
        `SELECT count(DISTINCT si.pizzeria_id)::int AS shops, count(*)::int AS items
           FROM stock_items si JOIN pizzerias p ON p.id = si.pizzeria_id WHERE p.active`,
      )
    ).rows[0];
  const meta = await readMeta(c);
  if (meta && meta.perDay === PER_DAY && meta.days === DAYS && meta.today === TODAY) {
    log(`stock-forecast: ${meta.movements} movements already generated`);
    return { ...(await count()), movements: meta.movements };
  }
  const started = performance.now();
  await resetOrders(c, null);
  await c.query('BEGIN');
  // Ingredients « Ingrédient d’essai n » until the catalogue has 40 (the demo has 46), then every shop stocks
  // exactly the first 40.
  await c.query(
    `INSERT INTO ingredients (name, unit)
     SELECT 'Ingrédient d’essai ' || n, 'g'
       FROM generate_series(1, GREATEST(0, $1 - (SELECT count(*) FROM ingredients)::int)) n`,
    [INGREDIENTS_PER_SHOP],
  );
  await c.query(`DELETE FROM stock_movements`);
  await c.query(
    `DELETE FROM stock_items WHERE ingredient_id NOT IN (SELECT id FROM ingredients ORDER BY id LIMIT $1)`,
    [INGREDIENTS_PER_SHOP],
  );
  await c.query(
    `INSERT INTO stock_items (pizzeria_id, ingredient_id, on_hand, reserved, alert_threshold)
     SELECT p.id, i.id, 0, 0, 0
       FROM pizzerias p
      CROSS JOIN (SELECT id FROM ingredients ORDER BY id LIMIT $1) i
     ON CONFLICT (pizzeria_id, ingredient_id) DO NOTHING`,
    [INGREDIENTS_PER_SHOP],
  );
  // Each item: about 3 to 20 days of use on hand, with its receipt dated before the year of history.
  await c.query(
    `UPDATE stock_items SET reserved = 0,
       on_hand = (10 + (hashint8extended(id, ${SEED}) & 2147483647) % 290) * $1 * (3 + id % 18)`,
    [PER_DAY],
  );
  await c.query(
    `INSERT INTO stock_movements (stock_item_id, kind, quantity, note, created_at)
     SELECT id, 'receipt', on_hand, 'bench: stock', ($1::date - $2::int - 1)::timestamp AT TIME ZONE 'Europe/Paris'
       FROM stock_items WHERE on_hand > 0`,
    [TODAY, DAYS],
  );
  // The ledger's two indexes by item and time are rebuilt after the load (one sort instead of millions of
  // B-tree insertions).
  const LOAD_INDEXES = ['stock_movements_item_created_idx', 'stock_movements_use_idx'];
  const { rows: indexes } = await c.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'stock_movements' AND indexname = ANY($1)`,
    [LOAD_INDEXES],
  );
  for (const { name } of indexes) await c.query(`DROP INDEX ${name}`);
  log(`stock-forecast: generating ${DAYS} days × ${PER_DAY} pairs a day per stock item`);
  const inserted = await c.query(GENERATE_SQL, [DAYS, TODAY, PER_DAY]);
  for (const { def } of indexes) await c.query(def);
  await c.query('COMMIT');
  await c.query('VACUUM ANALYZE stock_movements');
  const movements = inserted.rowCount ?? 0;
  const next: Meta = { perDay: PER_DAY, days: DAYS, today: TODAY, movements };
  await c.query(`COMMENT ON DATABASE ${FORECAST_DB} IS '${JSON.stringify(next)}'`);
  log(`stock-forecast: ${movements} movements in ${round((performance.now() - started) / 1000, 1)} s`);
  return { ...(await count()), movements };
}

export async function stockForecastBench(): Promise<BenchResult> {
  await ensureDatabase(FORECAST_DB);
  await migrateAndSeed(FORECAST_DB);
  const generated = await withClient(FORECAST_DB, generate);
  const db = createDatabase({
    url: dbUrl(FORECAST_DB),
    poolMax: 2,
    applicationName: 'ocpizza-bench-forecast',
  });
  const stock = createStockService({ db, clock: fixedClock(CLOCK) });
  let statements = 0;
  const stop = db.observe(() => (statements += 1));
  try {
    const timed = async () => {
      const started = performance.now();
      const shops = await stock.forecast();
      return { seconds: (performance.now() - started) / 1000, shops };
    };
    const first = await timed();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push((await timed()).seconds);
    const items = first.shops.reduce((s, shop) => s + shop.items.length, 0);
    const stockOuts = first.shops.reduce((s, shop) => s + shop.items.filter((i) => i.stockOutDate).length, 0);
    const seconds = round(median(runs), 3);
    const worst = round(Math.max(...runs), 3);
    const met = first.shops.length === 8 && items === 8 * INGREDIENTS_PER_SHOP && seconds < GOAL_SECONDS;
    return {
      summary:
        `stock forecast: ${first.shops.length} shops × ${items / Math.max(1, first.shops.length)} ingredients ` +
        `over ${DAYS} days of ledger (${generated.movements} movements) in ${seconds} s median of ${RUNS} ` +
        `(worst ${worst} s, first ${round(first.seconds, 3)} s; ${statements / (RUNS + 1)} statement per call; ` +
        `${stockOuts} stock-outs within 14 days) (goal < ${GOAL_SECONDS} s): ${verdict(met)}`,
      met,
      figures: {
        shops: first.shops.length,
        items,
        movements: generated.movements,
        firstSeconds: round(first.seconds, 3),
        medianSeconds: seconds,
        worstSeconds: worst,
        runs: runs.map((r) => round(r, 3)),
        statementsPerCall: statements / (RUNS + 1),
        stockOuts,
      },
    };
  } finally {
    stop();
    await db.close();
  }
}
