// The benchmark databases: created and migrated with the app's own migrator, loaded with the real demo seed
// (8 shops, catalogue, recipes, stock, staff), then shaped for a load test: every shop open around the clock,
// stock that cannot run out during a run (written through the ledger, so on_hand and reserved still equal the
// sums of their movements), customers with bearer tokens, and no orders left from a previous run.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createDatabase } from '../src/db/executor.js';
import { migrateUp } from '../src/db/migrator.js';
import { createSequelize } from '../src/db/sequelize.js';
import { seedDemo } from '../seeders/seed.js';
import { loadSettings, type Settings } from '../src/config/index.js';
import type { Database } from '../src/db/executor.js';
import { LocalEventBus } from '../src/realtime/events.js';
import { fixedClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { createServices, type Services } from '../src/wiring.js';
import { dbUrl, log, SMALL_DB, withClient } from './lib.js';

/** Units of every stock item after a reset: no run can exhaust it (on_hand is an int4). */
export const HUGE_STOCK = 1_000_000_000;
export const BENCH_CUSTOMERS = 32;
const ALWAYS_OPEN = JSON.stringify(
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '00:00']]])),
);

export async function ensureDatabase(name: string, fresh = false): Promise<void> {
  await withClient('postgres', async (c) => {
    if (fresh) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  });
}

/** Migrations (the app's migrator) and, on an empty database, the demo seed. */
export async function migrateAndSeed(name: string): Promise<void> {
  const db = createSequelize({ url: dbUrl(name), poolMax: 2, applicationName: 'ocpizza-bench-setup' });
  try {
    const applied = await migrateUp(db);
    if (applied.length > 0) log(`${name}: ${applied.length} migrations applied`);
    const [[{ n }]] = (await db.query('SELECT count(*)::int AS n FROM pizzerias')) as [
      [{ n: number }],
      unknown,
    ];
    if (n === 0) {
      const database = createDatabase({
        url: dbUrl(name),
        poolMax: 2,
        applicationName: 'ocpizza-bench-setup',
      });
      await seedDemo(database).finally(() => database.close());
      log(`${name}: demo data seeded`);
    }
  } finally {
    await db.close();
  }
}

/**
 * Removes every order (and its lines, history, payments, ledger movements) and rebuilds the stock ledger as one
 * receipt per stock item: `onHand` units each, or what the item holds now.
 */
export async function resetOrders(c: pg.Client, onHand: number | null): Promise<void> {
  await c.query('BEGIN');
  await c.query(`TRUNCATE refunds, payments, processed_webhook_events, order_status_events, order_lines, orders,
    order_counters, stock_movements RESTART IDENTITY CASCADE`);
  await c.query(`UPDATE stock_items SET on_hand = COALESCE($1::int, on_hand), reserved = 0`, [onHand]);
  await c.query(`INSERT INTO stock_movements (stock_item_id, kind, quantity, note)
    SELECT id, 'receipt', on_hand, 'bench: initial stock' FROM stock_items WHERE on_hand > 0`);
  await c.query('COMMIT');
}

export interface OrderItem {
  productId: number;
  sizeId: number;
  quantity: number;
  extraIds: number[];
}

export interface SmallFixture {
  shops: { id: number; code: string }[];
  tokens: string[];
  items: OrderItem[];
}

/** Deterministic customer bearer tokens (the app's format: ocp_ + 43 base64url characters). */
const tokenOf = (seed: string) =>
  'ocp_' + createHash('sha256').update(`ocpizza-bench-${seed}`).digest('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function benchCustomers(c: pg.Client): Promise<string[]> {
  const tokens: string[] = [];
  await c.query(
    `DELETE FROM auth_tokens WHERE customer_id IN (SELECT id FROM customers WHERE email LIKE 'bench-%')`,
  );
  for (let n = 1; n <= BENCH_CUSTOMERS; n++) {
    const {
      rows: [{ id }],
    } = await c.query(
      `INSERT INTO customers (email, password_hash, first_name, last_name, phone)
       SELECT $1, password_hash, 'Client', $2, '+33600000000' FROM customers ORDER BY id LIMIT 1
       ON CONFLICT (email) DO UPDATE SET updated_at = now() RETURNING id`,
      [`bench-${n}@example.invalid`, `Bench ${n}`],
    );
    const token = tokenOf(`customer-${n}`);
    await c.query(
      `INSERT INTO auth_tokens (token_hash, subject, customer_id, expires_at)
       VALUES ($1, 'customer', $2, now() + interval '1 day')`,
      [sha256(token), id],
    );
    tokens.push(token);
  }
  return tokens;
}

/** An employee's bearer token (for the staff API), made as the login would. */
export async function employeeToken(c: pg.Client, email: string): Promise<string> {
  const token = tokenOf(`staff-${email}`);
  await c.query(`DELETE FROM auth_tokens WHERE token_hash = $1`, [sha256(token)]);
  await c.query(
    `INSERT INTO auth_tokens (token_hash, subject, employee_id, expires_at)
     SELECT $1, 'employee', id, now() + interval '1 day' FROM employees WHERE email = $2`,
    [sha256(token), email],
  );
  return token;
}

/** Three lines every shop stocks: a pizza with an extra, two of another pizza, two drinks. */
async function orderItems(c: pg.Client): Promise<OrderItem[]> {
  const stockedEverywhere = `NOT EXISTS (SELECT 1 FROM recipe_lines rl CROSS JOIN pizzerias z
      WHERE rl.product_id = p.id AND NOT EXISTS (
        SELECT 1 FROM stock_items s WHERE s.pizzeria_id = z.id AND s.ingredient_id = rl.ingredient_id))`;
  const pick = async (category: string, n: number) =>
    (
      await c.query<{ productId: number; sizeId: number }>(
        `SELECT DISTINCT ON (p.sort_order, p.id) p.id AS "productId", ps.id AS "sizeId"
           FROM products p JOIN product_sizes ps ON ps.product_id = p.id
          WHERE p.active AND ps.active AND p.category = $1 AND ${stockedEverywhere}
          ORDER BY p.sort_order, p.id, ps.sort_order DESC LIMIT $2`,
        [category, n],
      )
    ).rows;
  const [first, second] = await pick('pizza', 2);
  const [drink] = await pick('drink', 1);
  const {
    rows: [extra],
  } = await c.query<{ id: number }>(
    `SELECT e.id FROM extras e WHERE e.active AND (SELECT count(*) FROM stock_items s
       WHERE s.ingredient_id = e.ingredient_id) = (SELECT count(*) FROM pizzerias) ORDER BY e.id LIMIT 1`,
  );
  if (!first || !second || !drink || !extra)
    throw new Error('the demo catalogue has no three lines to order');
  return [
    { ...first, quantity: 1, extraIds: [extra.id] },
    { ...second, quantity: 2, extraIds: [] },
    { ...drink, quantity: 2, extraIds: [] },
  ];
}

/** The small database of the placement and menu benchmarks, ready for a run. */
export async function prepareSmallDb(): Promise<SmallFixture> {
  await ensureDatabase(SMALL_DB);
  await migrateAndSeed(SMALL_DB);
  return withClient(SMALL_DB, async (c) => {
    await c.query(`UPDATE pizzerias SET opening_hours = $1::jsonb, active = true`, [ALWAYS_OPEN]);
    await resetOrders(c, HUGE_STOCK);
    const tokens = await benchCustomers(c);
    const shops = (
      await c.query<{ id: number; code: string }>(`SELECT id, code FROM pizzerias ORDER BY code`)
    ).rows;
    return { shops, tokens, items: await orderItems(c) };
  });
}

/** Orders, lines, events and ledger rows written, and whether every counter equals its ledger sums. */
export async function placementCheck(c: pg.Client) {
  const {
    rows: [row],
  } = await c.query(`SELECT
      (SELECT count(*)::int FROM orders) AS orders,
      (SELECT count(*)::int FROM order_lines) AS lines,
      (SELECT count(*)::int FROM order_status_events) AS events,
      (SELECT count(*)::int FROM stock_movements WHERE kind = 'reservation') AS reservations,
      (SELECT count(*)::int FROM (
         SELECT s.id FROM stock_items s LEFT JOIN stock_movements m ON m.stock_item_id = s.id GROUP BY s.id
         HAVING s.on_hand <> COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('receipt', 'consumption', 'waste', 'adjustment')), 0)
             OR s.reserved <> COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('reservation', 'release', 'consumption')), 0)
       ) d) AS "ledgerMismatches",
      (SELECT count(DISTINCT number)::int FROM orders) AS numbers`);
  return row as {
    orders: number;
    lines: number;
    events: number;
    reservations: number;
    ledgerMismatches: number;
    numbers: number;
  };
}

/**
 * A benchmark's own database, made fresh (migrated, demo seed), handed to `work` with the app's services over it
 * at a fixed clock (test settings, silent logs), then dropped (BENCH_KEEP_DB=1 keeps it).
 */
export async function withOwnDatabase<T>(
  name: string,
  clock: string,
  work: (app: { settings: Settings; db: Database; services: Services }) => Promise<T>,
): Promise<T> {
  await ensureDatabase(name, true);
  try {
    await migrateAndSeed(name);
    const settings = loadSettings({ OCPIZZA_SETTINGS: 'test', DATABASE_URL: dbUrl(name) });
    const db = createDatabase({ url: dbUrl(name), poolMax: 3, applicationName: `ocpizza-bench-${name}` });
    try {
      const services = createServices({
        settings,
        logger: createLogger('silent'),
        db,
        bus: new LocalEventBus(),
        clock: fixedClock(clock),
      });
      return await work({ settings, db, services });
    } finally {
      await db.close();
    }
  } finally {
    if (!process.env.BENCH_KEEP_DB)
      await withClient('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}
