// Benchmark 1, order placement: `POST /api/orders` of the compiled app (production settings) against the same
// transaction as plain SQL through pg in one bare node:http process (bench/baselines/order-server.ts), both
// driven by autocannon on loopback at 32 connections. Each order: 3 lines over the 8 shops in turn, takeaway,
// paid on delivery (no Stripe, no Maps call), stock reserved. Rounds run A B B A (app, plain SQL) so that a
// drift of the machine's load weighs on both; the database is emptied before every measured phase, and each
// phase is checked afterwards: every 201 is an order in the database with its lines, event and movements,
// and the stock ledger still adds up.
import type autocannon from 'autocannon';
import { abba, combine, load, problems } from './load.js';
import {
  LOAD_SECONDS,
  log,
  round,
  SMALL_DB,
  startApp,
  startBaseline,
  verdict,
  waitIdle,
  withClient,
  type BenchResult,
  type Proc,
} from './lib.js';
import { HUGE_STOCK, placementCheck, prepareSmallDb, resetOrders, type SmallFixture } from './setup.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
// Issue 14's goals, all relative to the plain-SQL baseline measured in the same run.
const GOAL_RATIO = 0.8;
const GOAL_P99_FACTOR = 1.3;
const GOAL_CPU_FACTOR = 1.5;

type Side = 'app' | 'base';

/** The placement requests of a phase (also the notifications benchmark's workload). */
export function placementRequests(fx: SmallFixture, phase: string): autocannon.Request[] {
  const bodies = fx.shops.map((s) =>
    JSON.stringify({
      pizzeriaId: s.id,
      fulfilment: 'takeaway',
      items: fx.items,
      paymentMethod: 'card_on_delivery',
    }),
  );
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/api/orders',
      setupRequest: (req) => {
        const i = n++;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${fx.tokens[i % fx.tokens.length]}`,
            'idempotency-key': `bench-${phase}-${i}`,
          },
          body: bodies[i % bodies.length],
        };
      },
    },
  ];
}

/** Column pattern and child rows of the first order, to check both sides write the same thing. */
async function shapeOfFirstOrder(): Promise<string> {
  return withClient(SMALL_DB, async (c) => {
    const { rows } =
      await c.query(`SELECT o.*, (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS l,
        (SELECT count(*) FROM order_status_events e WHERE e.order_id = o.id) AS e,
        (SELECT count(*) FROM stock_movements m WHERE m.order_id = o.id) AS m,
        (SELECT count(*) FROM outbox x WHERE x.order_id = o.id AND x.kind = 'order.confirmation') AS x
      FROM orders o ORDER BY o.created_at LIMIT 1`);
    if (!rows[0]) return 'no order';
    const r = rows[0] as Record<string, unknown>;
    const nulls = Object.keys(r).filter((k) => r[k] === null);
    const { l, e, m, x, total_cents, vat_breakdown, status, payment_status } = r;
    return JSON.stringify({ nulls, l, e, m, x, total_cents, vat_breakdown, status, payment_status });
  });
}

async function measuredPhase(side: Side, proc: Proc, fx: SmallFixture, phase: string) {
  await waitIdle(SMALL_DB);
  await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK));
  const figures = await load(
    { url: proc.url, connections: CONNECTIONS, requests: placementRequests(fx, phase) },
    proc,
  );
  await waitIdle(SMALL_DB);
  const check = await withClient(SMALL_DB, placementCheck);
  const shape = await shapeOfFirstOrder();
  // Requests still in flight when autocannon stops (at most one per connection) may commit uncounted.
  const consistent =
    check.orders >= figures.ok &&
    check.orders <= figures.ok + CONNECTIONS &&
    check.lines === 3 * check.orders &&
    check.events === check.orders &&
    check.numbers === check.orders &&
    check.ledgerMismatches === 0;
  log(
    `${side} ${phase}: ${round(figures.perSecond)} orders/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ` +
      `${figures.cpuMsPerRequest} ms CPU/order, ` +
      `${figures.ok} × 201, ${problems(figures) ?? 'no failure'}; database ${consistent ? 'consistent' : `INCONSISTENT ${JSON.stringify(check)}`}`,
  );
  return { figures, check, consistent, shape };
}

export async function orderPlacement(): Promise<BenchResult> {
  const fx = await prepareSmallDb();
  log(
    `order placement: ${fx.shops.length} shops, ${fx.tokens.length} customers, ${LOAD_SECONDS} s per phase`,
  );
  const runs = await abba(
    {
      app: () => startApp('app-order-placement', SMALL_DB),
      base: () => startBaseline('bench/baselines/order-server.ts', SMALL_DB),
    },
    (proc, side) =>
      load({
        url: proc.url,
        connections: CONNECTIONS,
        duration: WARMUP_SECONDS,
        requests: placementRequests(fx, `${side}-warm`),
      }),
    (proc, side, r) => measuredPhase(side, proc, fx, `${side}-r${r}`),
  );
  const all = [...runs.app, ...runs.base];
  const app = combine(runs.app.map((p) => p.figures));
  const base = combine(runs.base.map((p) => p.figures));
  const consistent = all.every((p) => p.consistent);
  const sameRows = new Set(all.map((p) => p.shape)).size === 1;
  await waitIdle(SMALL_DB);
  await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK));
  const ratio = round(app.perSecond / base.perSecond, 2);
  const p99Factor = round(app.p99 / base.p99, 2);
  const cpuFactor = round(app.cpuMsPerRequest / base.cpuMsPerRequest, 2);
  const met =
    ratio >= GOAL_RATIO &&
    p99Factor <= GOAL_P99_FACTOR &&
    cpuFactor <= GOAL_CPU_FACTOR &&
    app.failed === 0 &&
    consistent;
  const issues = [
    app.failed > 0 ? `app: ${app.failed} failed requests` : '',
    base.failed > 0 ? `plain SQL: ${base.failed} failed requests` : '',
    consistent ? '' : 'database check failed',
    sameRows ? '' : 'the two sides wrote different rows',
  ].filter(Boolean);
  const summary =
    `order placement: app ${round(app.perSecond)} orders/s (p50 ${app.p50} ms, p99 ${app.p99} ms) vs plain SQL ` +
    `${round(base.perSecond)} orders/s (p50 ${base.p50} ms, p99 ${base.p99} ms) -> ratio ${ratio} ` +
    `, p99 x${p99Factor}, CPU per order ${app.cpuMsPerRequest} vs ${base.cpuMsPerRequest} ms x${cpuFactor} ` +
    `(goals: ratio >= ${GOAL_RATIO}, p99 <= x${GOAL_P99_FACTOR}, CPU <= x${GOAL_CPU_FACTOR}): ${verdict(met)}` +
    (issues.length ? ` [${issues.join('; ')}]` : ` [${app.ok + base.ok} orders, 0 errors]`);
  return {
    summary,
    met,
    figures: {
      connections: CONNECTIONS,
      secondsPerPhase: LOAD_SECONDS,
      order: '3 lines (pizza + extra, 2 pizzas, 2 drinks), takeaway, card_on_delivery, 8 shops in turn',
      baseline: 'bench/baselines/order-server.ts: node:http + pg Pool, same statements, autocannon-driven',
      ratio,
      p99Factor,
      cpuFactor,
      app,
      plainSql: base,
      databaseConsistent: consistent,
      sameRowsWritten: sameRows,
    },
  };
}
