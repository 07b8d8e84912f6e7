// Benchmark 11, the daily retention job (issue 21) on 1,000,000 orders: its own database
// (ocpizza_bench_retention: migrated, demo shops), 100,000 active accounts and 2,000 idle ones (opened four
// years ago, no order, no sign-in), then a million orders of the active accounts written by PostgreSQL from
// generate_series over the three years before the job's clock, 97 % finished (about two thirds past
// RETENTION_ORDER_DETAILS_DAYS: some 650,000 orders to erase), the last two days' orders partly in progress.
//   (a) one run at the production defaults (batches of 500, 20,000 rows per category and run): 20,000 orders
//       and the 2,000 idle accounts (each erased in its own transaction by the privacy service); bounded by
//       the limit, not by the tables;
//   (b) the steady state: every order past its period erased (as the runs of the previous days would have),
//       runs with nothing to do, timed over 5 runs; EXPLAIN shows the orders' step reads the partial index
//       orders_personal_data_pending_idx (one probe: its oldest entry is already too recent). The accounts'
//       step still reads the 100,000 accounts (no index orders them by activity): part of the figure.
// Goals: (a) < 30 s, each batch a short transaction; (b) < 1 s whatever the size of the tables.
// The database is dropped at the end (BENCH_KEEP_DB=1 keeps it).
import type pg from 'pg';
import { log, median, round, verdict, withClient, type BenchResult } from './lib.js';
import { withOwnDatabase } from './setup.js';

export const RETENTION_DB = 'ocpizza_bench_retention';
const ORDERS = Number(process.env.BENCH_RETENTION_ORDERS ?? 1_000_000);
/** 04:30 in Paris: the job's clock; the orders span the 3 years before it. */
const CLOCK = '2026-12-05T03:30:00Z';
const SPAN_DAYS = 3 * 365;
const STEADY_RUNS = 5;
const ACTIVE_CUSTOMERS = 100_000;
/** Inactive accounts: the run erases them one transaction each through the privacy service. */
const IDLE_CUSTOMERS = Number(process.env.BENCH_RETENTION_IDLE_CUSTOMERS ?? 2_000);
const GOAL_RUN_SECONDS = 30;
const GOAL_STEADY_SECONDS = 1;
const SEED = 20261205;

const hash = (expr: string, salt: number) => `(hashint8extended(${expr}, ${SEED + salt}) & 2147483647)`;

const GENERATE_SQL = `
INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
  delivery_line1, delivery_postcode, delivery_city, delivery_lat, delivery_lng, note,
  subtotal_cents, delivery_fee_cents, total_cents, payment_method, payment_status, created_at, updated_at)
SELECT 'R' || lpad(i::text, 8, '0'), s.id, c.id, c.first_name || ' ' || c.last_name, '06 12 34 56 78',
       'web', x.ful, x.status,
       CASE WHEN x.ful = 'delivery' THEN (i % 120 + 1) || ' rue du Banc d''Essai' END,
       CASE WHEN x.ful = 'delivery' THEN '75011' END, CASE WHEN x.ful = 'delivery' THEN 'Paris' END,
       CASE WHEN x.ful = 'delivery' THEN 48.85 END, CASE WHEN x.ful = 'delivery' THEN 2.37 END,
       CASE WHEN i % 10 = 0 THEN 'Sonner deux fois' END,
       2580, 0, 2580, 'cash', CASE WHEN x.status = 'cancelled' THEN 'unpaid' ELSE 'paid' END::order_payment_status,
       x.at, x.at + interval '40 minutes'
  FROM generate_series(1, $1::int) i
  CROSS JOIN LATERAL (
    SELECT $2::timestamptz - ($3::int * interval '1 day') * ($1::int - i) / $1::int AS at,
           CASE WHEN ${hash('i', 1)} % 100 < 60 THEN 'delivery' ELSE 'takeaway' END::order_fulfilment AS ful,
           ${hash('i', 2)} % 100 AS st
  ) y
  CROSS JOIN LATERAL (
    SELECT y.at, y.ful,
           CASE WHEN i > $1::int - $1::int / 500 AND y.st < 10 THEN 'received'
                WHEN y.st < 5 THEN 'cancelled'
                WHEN y.ful = 'delivery' THEN 'delivered' ELSE 'collected' END::order_status AS status
  ) x
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM pizzerias) s
    ON s.k = ${hash('i', 3)} % (SELECT count(*) FROM pizzerias)
  JOIN (SELECT id, first_name, last_name, row_number() OVER (ORDER BY id) - 1 AS k FROM customers
         WHERE email LIKE 'actif-%') c
    ON c.k = ${hash('i', 4)} % (SELECT count(*) FROM customers WHERE email LIKE 'actif-%')`;

/** Accounts opened four years before the clock, never changed since: ACTIVE ones order (the orders above pick
 * among them), IDLE ones never ordered nor signed in (the job's candidates); half the active ones signed in lately. */
const CUSTOMERS_SQL = `
INSERT INTO customers (email, password_hash, first_name, last_name, phone, created_at, updated_at, last_login_at)
SELECT CASE WHEN i <= $1::int THEN 'actif-' ELSE 'inactif-' END || i || '@example.test',
       '$2b$10$8Bg57QVPryFP6oslbo3VpeIWuUbxHCsgTCLppuh7JH8.khgPm/daa', 'Client', 'Essai ' || i, '06 12 34 56 78',
       $3::timestamptz - interval '4 years', $3::timestamptz - interval '4 years',
       CASE WHEN i <= $1::int AND i % 2 = 0 THEN $3::timestamptz - interval '10 days' END
  FROM generate_series(1, $1::int + $2::int) i`;

async function generate(c: pg.Client): Promise<{ orders: number; due: number }> {
  const started = performance.now();
  await c.query(
    `TRUNCATE order_status_events, order_lines, payments, refunds, orders RESTART IDENTITY CASCADE`,
  );
  await c.query(CUSTOMERS_SQL, [ACTIVE_CUSTOMERS, IDLE_CUSTOMERS, CLOCK]);
  log(`retention: generating ${ORDERS} orders over ${SPAN_DAYS} days`);
  const inserted = await c.query(GENERATE_SQL, [ORDERS, CLOCK, SPAN_DAYS]);
  await c.query('VACUUM ANALYZE orders');
  const { rows } = await c.query<{ due: number }>(
    `SELECT count(*)::int AS due FROM orders WHERE personal_data_erased_at IS NULL
        AND updated_at < $1::timestamptz - interval '365 days' AND status IN ('delivered', 'collected', 'cancelled')`,
    [CLOCK],
  );
  log(`retention: ${inserted.rowCount} orders in ${round((performance.now() - started) / 1000, 1)} s`);
  return { orders: inserted.rowCount ?? 0, due: rows[0].due };
}

/** What every order erased by earlier days' runs looks like: erased in one statement (the benchmark's set-up). */
async function eraseTheRest(c: pg.Client): Promise<number> {
  const res = await c.query(
    `UPDATE orders SET customer_name = 'Anonyme', customer_phone = NULL, delivery_line1 = NULL,
            delivery_line2 = NULL, delivery_postcode = NULL, delivery_city = NULL, delivery_instructions = NULL,
            delivery_lat = NULL, delivery_lng = NULL, note = NULL, personal_data_erased_at = $1
      WHERE personal_data_erased_at IS NULL AND updated_at < $1::timestamptz - interval '365 days'
        AND status IN ('delivered', 'collected', 'cancelled')`,
    [CLOCK],
  );
  await c.query('VACUUM ANALYZE orders');
  return res.rowCount ?? 0;
}

async function explainOrdersStep(c: pg.Client): Promise<string> {
  const { rows } = await c.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
     SELECT id FROM orders
      WHERE personal_data_erased_at IS NULL AND updated_at < $1::timestamptz - interval '365 days'
        AND status = ANY('{delivered,collected,cancelled}'::order_status[])
      ORDER BY updated_at LIMIT 500`,
    [CLOCK],
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export function retentionBench(): Promise<BenchResult> {
  return withOwnDatabase(RETENTION_DB, CLOCK, async ({ settings, db, services }) => {
    const generated = await withClient(RETENTION_DB, generate);
    // Each batch of a purge or an erasure picks its rows with one SELECT … SKIP LOCKED in its own transaction.
    let transactions = 0;
    const stop = db.observe((sql) => (transactions += sql.includes('SKIP LOCKED') ? 1 : 0));
    const started = performance.now();
    const first = (await services.retention.runOnce())!;
    const runSeconds = (performance.now() - started) / 1000;
    stop();
    log(`retention: limited run ${round(runSeconds, 2)} s, ${JSON.stringify(first.counts)}`);

    const rest = await withClient(RETENTION_DB, eraseTheRest);
    const plan = await withClient(RETENTION_DB, explainOrdersStep);
    log(`retention: steady-state plan of the orders' step:\n${plan}`);
    const steady: number[] = [];
    let idle = first;
    for (let i = 0; i < STEADY_RUNS; i++) {
      const t = performance.now();
      idle = (await services.retention.runOnce())!;
      steady.push((performance.now() - t) / 1000);
    }
    const steadySeconds = round(median(steady), 3);
    const usesIndex = plan.includes('orders_personal_data_pending_idx');
    const nothing = Object.values(idle.counts).every((n) => n === 0);
    const orderBatches = Math.ceil(first.counts.orders / settings.retention.batchSize);
    const perBatch = round(first.msByCategory.orders / Math.max(1, orderBatches), 1);
    const met =
      first.counts.orders === settings.retention.maxPerRun &&
      first.counts.customers >= IDLE_CUSTOMERS &&
      runSeconds < GOAL_RUN_SECONDS &&
      steadySeconds < GOAL_STEADY_SECONDS &&
      usesIndex &&
      nothing;
    return {
      summary:
        `retention: ${generated.orders} orders (${generated.due} past their period): a run at the limit erased ` +
        `${first.counts.orders} orders (${orderBatches} batches, ${perBatch} ms each) and ` +
        `${first.counts.customers} idle accounts of ${ACTIVE_CUSTOMERS + IDLE_CUSTOMERS} ` +
        `(${first.msByCategory.customers} ms) in ${round(runSeconds, 2)} s (goal < ${GOAL_RUN_SECONDS} s); with ` +
        `nothing left to do ${steadySeconds} s median of ${STEADY_RUNS} (worst ${round(Math.max(...steady), 3)} s, ` +
        `accounts' step ${idle.msByCategory.customers} ms, orders' step ${idle.msByCategory.orders} ms on the ` +
        `partial index${usesIndex ? '' : ' NOT used'}; goal < ${GOAL_STEADY_SECONDS} s): ${verdict(met)}`,
      met,
      figures: {
        orders: generated.orders,
        due: generated.due,
        limitedRun: {
          seconds: round(runSeconds, 3),
          counts: first.counts,
          selectsSkipLocked: transactions,
          orderBatches,
          msPerOrderBatch: perBatch,
          msByCategory: first.msByCategory,
        },
        erasedBySetUp: rest,
        steady: {
          medianSeconds: steadySeconds,
          runs: steady.map((s) => round(s, 3)),
          counts: idle.counts,
          msByCategory: idle.msByCategory,
        },
        plan,
      },
    };
  });
}
