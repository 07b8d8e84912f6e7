// The million-order data set of the export and admin-list benchmarks (database ocpizza_bench_1m): the real demo
// seed (shops, catalogue, staff, customers), then 1,000,000 orders of 2025 with 1 to 3 lines each (about 2
// million lines), their payments and a few refunds, written by PostgreSQL itself from generate_series. Every
// choice (shop, channel, products, quantities, status, payment) comes from hashint8extended(i, seed), so the
// same seed always gives the same rows. Indexes and foreign keys are dropped during the load and rebuilt from
// their own definitions afterwards (one sort instead of two million B-tree insertions), then VACUUM ANALYZE,
// as autovacuum would leave a production database. Orders have no status history or ledger rows: neither
// measured query reads them. `npm run bench:data` (re)generates; `npm run bench` does only when the
// database is missing or was made with another seed, size or schema.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { BIG_DB, log, ROOT, round, withClient } from './lib.js';
import { ensureDatabase, migrateAndSeed, resetOrders } from './setup.js';

export const SEED = Number(process.env.BENCH_SEED ?? 20261201);
export const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
/** The year of the orders (Paris time); fixed, so that the data set does not depend on the day it is made. */
const FROM = '2025-01-01';
const DAYS = 365;
/** Tables loaded by the generator: their indexes and foreign keys are rebuilt after the load. */
const LOADED = ['orders', 'order_lines', 'payments', 'refunds'];

export interface BigDbMeta {
  seed: number;
  orders: number;
  lines: number;
  schema: string;
  /** The most recent whole days whose exported orders hold at least a million lines. */
  export: { from: string; to: string; lines: number };
}

const schemaVersion = () =>
  readdirSync(path.join(ROOT, 'migrations'))
    .filter((f) => f.endsWith('.cjs'))
    .sort()
    .at(-1)!;

async function readMeta(c: pg.Client): Promise<BigDbMeta | null> {
  const { rows } = await c.query(
    `SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`,
  );
  try {
    return JSON.parse(rows[0]?.d ?? 'null') as BigDbMeta | null;
  } catch {
    return null;
  }
}

/** A non-negative pseudo-random bigint, the same for the same row, salt and seed. */
const hash = (expr: string, salt = 0) => `(hashint8extended(${expr}, ${SEED + salt}) & 9223372036854775807)`;
const h = (salt: number) => hash(`i * 16 + ${salt}`);

const ORDERS_SQL = `
CREATE TEMP TABLE g_orders AS
WITH base AS (
  SELECT i, ${h(1)} % (SELECT count(*) FROM g_shops) AS shop_k, ${h(2)} % 100 AS ch, ${h(3)} % 100 AS ful,
         ${h(4)} % 100 AS st, ${h(5)} % 100 AS pay, ${h(6)} % (SELECT count(*) FROM g_customers) AS cust_k,
         1 + ${h(7)} % 3 AS nlines, ${h(8)} % 200 AS refund,
         timestamptz '${FROM} 00:00 Europe/Paris' + (i - 1) * interval '${DAYS} days' / $1::int
           + (${h(9)} % 60) * interval '1 second' AS created_at
    FROM generate_series(1, $1::int) i
)
SELECT b.*, md5('${SEED}-' || i)::uuid AS id,
       CASE WHEN ch < 70 THEN 'web' WHEN ch < 90 THEN 'phone' ELSE 'counter' END::order_channel AS channel,
       CASE WHEN ch < 90 AND ful < 60 THEN 'delivery' ELSE 'takeaway' END::order_fulfilment AS fulfilment
  FROM base b`;

const STATUS_SQL = `
ALTER TABLE g_orders ADD COLUMN status order_status, ADD COLUMN payment_method payment_method;
UPDATE g_orders SET
  status = CASE WHEN i > $1 - 40 THEN (ARRAY['received', 'preparing', 'ready'])[1 + st % 3]::order_status
                WHEN st < 5 THEN 'cancelled'
                WHEN fulfilment = 'delivery' THEN 'delivered' ELSE 'collected' END,
  payment_method = CASE WHEN channel = 'web' AND pay < 60 THEN 'card_online'
                        WHEN pay < 75 THEN 'card_on_delivery' WHEN pay < 93 THEN 'cash'
                        ELSE 'meal_voucher' END::payment_method`;

const LINES_SQL = `
CREATE TEMP TABLE g_lines AS
SELECT o.i, o.id AS order_id, j AS position, s.product_id, s.size_id, s.name, s.label, s.vat_rate_bp,
       1 + (${hash('o.i * 4 + j', 1)} % 4) / 3 AS quantity,
       s.price_cents + COALESCE(e.price_cents, 0) AS unit_price_cents,
       CASE WHEN e.id IS NULL THEN '[]'::jsonb
            ELSE jsonb_build_array(jsonb_build_object('id', e.id, 'name', e.name, 'priceCents', e.price_cents)) END
         AS extras
  FROM g_orders o
  CROSS JOIN LATERAL generate_series(1, o.nlines) j
  JOIN g_sizes s ON s.k = ${hash('o.i * 4 + j')} % (SELECT count(*) FROM g_sizes)
  LEFT JOIN g_extras e ON s.category = 'pizza' AND ${hash('o.i * 4 + j', 2)} % 10 = 0
   AND e.k = ${hash('o.i * 4 + j', 3)} % (SELECT count(*) FROM g_extras)`;

const INSERT_ORDERS_SQL = `
WITH sums AS (
  SELECT i, SUM(unit_price_cents * quantity)::int AS subtotal FROM g_lines GROUP BY i
), fee AS (
  SELECT o.*, s.subtotal, sh.id AS pizzeria_id, sh.code, sh.address_line, sh.postcode, sh.city, sh.lat, sh.lng,
         CASE WHEN o.fulfilment = 'takeaway' THEN 0
              WHEN sh.free_delivery_threshold_cents IS NOT NULL AND s.subtotal >= sh.free_delivery_threshold_cents THEN 0
              ELSE sh.delivery_fee_cents END AS fee,
         c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone,
         row_number() OVER (PARTITION BY o.shop_k ORDER BY o.i) AS n
    FROM g_orders o JOIN sums s USING (i) JOIN g_shops sh ON sh.k = o.shop_k JOIN g_customers c ON c.k = o.cust_k
), vat AS (
  SELECT i, jsonb_agg(jsonb_build_object('rateBp', r, 'baseCents', incl - v, 'vatCents', v) ORDER BY r) AS breakdown
    FROM (SELECT i, r, incl, round(incl::numeric * r / (10000 + r))::int AS v FROM (
            SELECT i, r, SUM(incl) AS incl FROM (
              SELECT i, vat_rate_bp AS r, unit_price_cents * quantity AS incl FROM g_lines
              UNION ALL SELECT i, 1000, fee FROM fee WHERE fee > 0) u
             GROUP BY i, r) x) y
   GROUP BY i
)
INSERT INTO orders (id, number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
  delivery_line1, delivery_postcode, delivery_city, delivery_lat, delivery_lng, distance_m, travel_seconds,
  estimated_ready_at, estimated_delivery_at, subtotal_cents, delivery_fee_cents, total_cents, vat_breakdown,
  payment_method, payment_status, created_at, updated_at)
SELECT f.id, f.code || '-' || lpad(f.n::text, 6, '0'), f.pizzeria_id,
       CASE WHEN f.channel = 'web' THEN f.customer_id END,
       CASE WHEN f.channel = 'web' THEN f.customer_name ELSE 'Client ' || f.channel::text || ' ' || f.i END,
       f.customer_phone, f.channel, f.fulfilment, f.status,
       CASE WHEN f.fulfilment = 'delivery' THEN (f.i % 120 + 1) || ' rue du Banc d''Essai' END,
       CASE WHEN f.fulfilment = 'delivery' THEN f.postcode END, CASE WHEN f.fulfilment = 'delivery' THEN f.city END,
       CASE WHEN f.fulfilment = 'delivery' THEN f.lat + (f.i % 17) * 0.0004 END,
       CASE WHEN f.fulfilment = 'delivery' THEN f.lng - (f.i % 13) * 0.0004 END,
       CASE WHEN f.fulfilment = 'delivery' THEN 300 + f.i % 2500 END,
       CASE WHEN f.fulfilment = 'delivery' THEN 120 + f.i % 900 END,
       f.created_at + interval '20 minutes',
       CASE WHEN f.fulfilment = 'delivery' THEN f.created_at + interval '35 minutes' END,
       f.subtotal, f.fee, f.subtotal + f.fee, v.breakdown, f.payment_method,
       (CASE WHEN f.status = 'cancelled' THEN (CASE WHEN f.payment_method = 'card_online' THEN 'voided' ELSE 'unpaid' END)
             WHEN f.status IN ('delivered', 'collected') THEN
               (CASE WHEN f.refund = 0 THEN 'partially_refunded' ELSE 'paid' END)
             WHEN f.payment_method = 'card_online' THEN 'authorized' ELSE 'unpaid' END)::order_payment_status,
       f.created_at, f.created_at + interval '40 minutes'
  FROM fee f JOIN vat v USING (i)`;

const INSERT_REST_SQL = [
  `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
     unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
   SELECT order_id, position, product_id, size_id, name, label, unit_price_cents, extras, quantity, vat_rate_bp,
          unit_price_cents * quantity FROM g_lines`,
  `INSERT INTO payments (order_id, provider, provider_reference, amount_cents, amount_received_cents, change_cents,
     status, created_at, updated_at)
   SELECT o.id, p.provider, CASE WHEN p.provider = 'stripe' THEN 'pi_bench_' || md5(o.id::text) END, o.total_cents,
          CASE WHEN p.provider = 'cash' THEN ((o.total_cents + 499) / 500) * 500 END,
          CASE WHEN p.provider = 'cash' THEN ((o.total_cents + 499) / 500) * 500 - o.total_cents END,
          (CASE WHEN o.payment_status = 'authorized' THEN 'requires_capture' ELSE 'succeeded' END)::payment_record_status,
          o.created_at, o.updated_at
     FROM orders o JOIN (VALUES ('card_online'::payment_method, 'stripe'::payment_provider),
       ('card_on_delivery', 'card_terminal'), ('cash', 'cash'), ('meal_voucher', 'meal_voucher')) p(method, provider)
       ON p.method = o.payment_method
    WHERE o.payment_status IN ('paid', 'partially_refunded', 'authorized')`,
  `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, status, created_at, updated_at)
   SELECT p.id, o.id, LEAST(o.total_cents, 500), 'Pizza arrivée froide (jeu de données de test)', 'succeeded',
          o.updated_at, o.updated_at
     FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.payment_status = 'partially_refunded'`,
  `INSERT INTO order_counters (pizzeria_id, last_value)
   SELECT pizzeria_id, count(*) FROM orders GROUP BY pizzeria_id`,
];

/** Drops the indexes and foreign keys of `tables` and returns the statements that rebuild them as they were. */
async function dropIndexes(c: pg.Client, tables: string[]): Promise<string[]> {
  const { rows: fks } = await c.query<{ t: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS t, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype = 'f' AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`,
    [tables],
  );
  const { rows: cons } = await c.query<{ t: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS t, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const { rows: idx } = await c.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes i WHERE tablename = ANY($1) AND NOT EXISTS (
       SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [tables],
  );
  for (const f of fks) await c.query(`ALTER TABLE ${f.t} DROP CONSTRAINT "${f.name}"`);
  for (const k of cons) await c.query(`ALTER TABLE ${k.t} DROP CONSTRAINT "${k.name}"`);
  for (const i of idx) await c.query(`DROP INDEX "${i.name}"`);
  return [
    ...cons.map((k) => `ALTER TABLE ${k.t} ADD CONSTRAINT "${k.name}" ${k.def}`),
    ...idx.map((i) => i.def),
    ...fks.map((f) => `ALTER TABLE ${f.t} ADD CONSTRAINT "${f.name}" ${f.def}`),
  ];
}

async function step(c: pg.Client, what: string, sql: string, values: unknown[] = []) {
  const t = performance.now();
  const res = await c.query(sql, values);
  const rows = Array.isArray(res) ? '' : res.rowCount ? ` (${res.rowCount} rows)` : '';
  log(`  ${what}${rows}: ${round((performance.now() - t) / 1000, 1)} s`);
}

async function exportPeriod(c: pg.Client): Promise<BigDbMeta['export']> {
  const { rows } = await c.query<{ day: string; lines: number }>(
    `SELECT to_char(date(o.created_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS day, count(*)::int AS lines
       FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status NOT IN ('cancelled', 'pending_payment')
      GROUP BY 1 ORDER BY 1 DESC`,
  );
  let lines = 0;
  for (const r of rows) {
    lines += r.lines;
    if (lines >= 1_000_000) return { from: r.day, to: rows[0].day, lines };
  }
  return { from: rows.at(-1)!.day, to: rows[0].day, lines };
}

/** Generates the data set into a fresh ocpizza_bench_1m. */
export async function generateBigDb(): Promise<BigDbMeta> {
  const started = performance.now();
  log(`generating ${BIG_DB}: ${ORDERS} orders, seed ${SEED}`);
  await ensureDatabase(BIG_DB, true);
  await migrateAndSeed(BIG_DB);
  return withClient(BIG_DB, async (c) => {
    await resetOrders(c, null);
    await c.query(
      `CREATE TEMP TABLE g_shops AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM pizzerias`,
    );
    await c.query(`CREATE TEMP TABLE g_customers AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id,
      first_name || ' ' || last_name AS name, phone FROM customers`);
    await c.query(`CREATE TEMP TABLE g_sizes AS SELECT row_number() OVER (ORDER BY ps.id) - 1 AS k, ps.id AS size_id,
      p.id AS product_id, p.name, ps.label, ps.price_cents, p.vat_rate_bp, p.category
      FROM product_sizes ps JOIN products p ON p.id = ps.product_id WHERE ps.active AND p.active`);
    await c.query(`CREATE TEMP TABLE g_extras AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM extras
      WHERE active`);
    await step(c, 'orders drawn', ORDERS_SQL, [ORDERS]);
    for (const sql of STATUS_SQL.split(';'))
      await step(c, 'statuses', sql, sql.includes('$1') ? [ORDERS] : []);
    await step(c, 'lines drawn', LINES_SQL);
    await c.query('ANALYZE g_orders; ANALYZE g_lines');
    const rebuild = await dropIndexes(c, LOADED);
    await step(c, 'orders', INSERT_ORDERS_SQL);
    for (const sql of INSERT_REST_SQL) await step(c, sql.trim().split(/\s+/).slice(0, 3).join(' '), sql);
    const t = performance.now();
    for (const sql of rebuild) await c.query(sql);
    log(`  ${rebuild.length} indexes and constraints rebuilt: ${round((performance.now() - t) / 1000, 1)} s`);
    await step(c, 'vacuum analyze', 'VACUUM (ANALYZE)');
    const {
      rows: [{ lines }],
    } = await c.query<{ lines: number }>('SELECT count(*)::int AS lines FROM order_lines');
    const meta: BigDbMeta = {
      seed: SEED,
      orders: ORDERS,
      lines,
      schema: schemaVersion(),
      export: await exportPeriod(c),
    };
    await c.query(`COMMENT ON DATABASE ${BIG_DB} IS '${JSON.stringify(meta)}'`);
    log(`${BIG_DB} ready in ${round((performance.now() - started) / 1000)} s: ${JSON.stringify(meta)}`);
    return meta;
  });
}

/** The data set, generated when missing or made with another seed, size or schema. */
export async function ensureBigDb(): Promise<BigDbMeta> {
  let meta: BigDbMeta | null = null;
  try {
    meta = await withClient(BIG_DB, readMeta);
  } catch {
    // no such database yet
  }
  if (meta && meta.seed === SEED && meta.orders === ORDERS && meta.schema === schemaVersion()) return meta;
  return generateBigDb();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench', 'generate.ts')) {
  generateBigDb().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
