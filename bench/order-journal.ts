// Benchmark 8, order hand-over with the sales journal on vs off (issue 19: « writing the journal entry costs the
// order lifecycle less than 10 % »). Workload: orders placed through the API as benchmark 1 places them (3 lines,
// takeaway, to pay at the counter, the 8 shops in turn), then taken start → ready → collect through the staff API
// by each shop's manager at 32 connections, paid at the counter (cash, card terminal and meal vouchers in turn,
// the exact total). Only the collect writes a journal entry (the sale, in the hand-over's transaction, under its
// shop's journal head lock until commit); placement writes none (an online capture or a refund would, neither is
// in this workload), so placement's cost is benchmark 1's and is not measured again here.
//
// On vs off: both sides run bench/journal-app.mjs, which starts the compiled app exactly as dist/src/server.js
// does (serve(), production settings), passing the sales journal through createServices' benchmark-only `journal`
// hook (src/wiring.ts): "on" gets a copy of the real service, "off" the same copy whose record* methods write
// nothing. Nothing in the product turns the journal off: the hook is reachable only by code that builds the
// server itself, as this file's child does. (A database-side switch as benchmark 7's trigger is not possible:
// the entry is written by the application, and a statement refused at the database would fail the hand-over.)
//
// Each measured phase: the orders are emptied (the journal is not: it cannot be, and its size does not change
// the cost of an append), POOL orders placed (not measured), then exactly 3 × (POOL − 32) hand-over requests sent
// (so the pool never runs dry whichever connection finishes last) and timed; afterwards the database is checked:
// every 200 collect is a collected order and, on the "on" side, one sale entry per collected order, numbered
// without gap per shop; on the "off" side no entry at all. Rounds A B B A as benchmark 7.
import type autocannon from 'autocannon';
import { abba, combine, load, problems, type LoadFigures } from './load.js';
import {
  log,
  round,
  SMALL_DB,
  startApp,
  verdict,
  waitIdle,
  withClient,
  type BenchResult,
  type Proc,
} from './lib.js';
import { placementRequests } from './order-placement.js';
import { employeeToken, HUGE_STOCK, prepareSmallDb, resetOrders, type SmallFixture } from './setup.js';

const CONNECTIONS = 32;
/** Orders placed before each measured phase (each is then handed over once). */
const POOL = Number(process.env.BENCH_HANDOVERS ?? 1500);
const WARMUP_POOL = Math.min(POOL, 300);
/** Issue 19's goal: the journal costs the hand-over at most 10 % of its throughput. */
const GOAL_RATIO = 0.9;
const METHODS = ['cash', 'card_terminal', 'meal_voucher'] as const;

type Side = 'app' | 'base';
const SIDE_NAME: Record<Side, string> = { app: 'journal on', base: 'journal off' };
const JOURNAL: Record<Side, string> = { app: 'on', base: 'off' };

interface PoolOrder {
  id: string;
  pizzeriaId: number;
  totalCents: number;
}

/** A manager's bearer token per shop: the role that may take every step. */
async function managerTokens(): Promise<Map<number, string>> {
  return withClient(SMALL_DB, async (c) => {
    const { rows } = await c.query<{ pizzeriaId: number; email: string }>(
      `SELECT DISTINCT ON (pizzeria_id) pizzeria_id AS "pizzeriaId", email FROM employees
        WHERE role = 'manager' AND active AND pizzeria_id IS NOT NULL ORDER BY pizzeria_id, id`,
    );
    const tokens = new Map<number, string>();
    for (const r of rows) tokens.set(r.pizzeriaId, await employeeToken(c, r.email));
    return tokens;
  });
}

/** Empties the orders, places `count` of them through the app (not measured) and returns them in order. */
async function placePool(proc: Proc, fx: SmallFixture, count: number, phase: string): Promise<PoolOrder[]> {
  await waitIdle(SMALL_DB);
  await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK));
  const placed = await load({
    url: proc.url,
    connections: CONNECTIONS,
    amount: count,
    requests: placementRequests(fx, phase),
  });
  if (placed.ok !== count) throw new Error(`${phase}: ${placed.ok} of ${count} orders placed`);
  await waitIdle(SMALL_DB);
  return withClient(SMALL_DB, async (c) => {
    const { rows } = await c.query<PoolOrder>(
      `SELECT id, pizzeria_id AS "pizzeriaId", total_cents AS "totalCents" FROM orders
        WHERE status = 'received' ORDER BY created_at, number`,
    );
    return rows;
  });
}

/** start → ready → collect of the pool's orders, one order after the other on each connection. */
function handOverRequests(pool: PoolOrder[], tokens: Map<number, string>): autocannon.Request[] {
  let next = 0;
  type Context = { order?: PoolOrder; n?: number };
  const headers = (o: PoolOrder) => ({
    authorization: `Bearer ${tokens.get(o.pizzeriaId)}`,
    'content-type': 'application/json',
  });
  return [
    {
      method: 'POST',
      setupRequest: (req, context: Context) => {
        const n = next++;
        // Never reached: the phase sends 3 × (pool − connections) requests. Should it be, the 404 shows.
        const order = pool[n] ?? { id: '00000000-0000-0000-0000-000000000000', pizzeriaId: 0, totalCents: 0 };
        Object.assign(context, { order, n });
        return { ...req, path: `/api/staff/orders/${order.id}/start`, headers: headers(order) };
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context: Context) => ({
        ...req,
        path: `/api/staff/orders/${context.order!.id}/ready`,
        headers: headers(context.order!),
      }),
    },
    {
      method: 'POST',
      setupRequest: (req, context: Context) => {
        const o = context.order!;
        const method = METHODS[context.n! % METHODS.length];
        return {
          ...req,
          path: `/api/staff/orders/${o.id}/collect`,
          headers: headers(o),
          body: JSON.stringify({ payment: { method, amountReceivedCents: o.totalCents } }),
        };
      },
    },
  ];
}

/** The journal's last number per shop. */
async function heads(): Promise<Map<number, number>> {
  return withClient(SMALL_DB, async (c) => {
    const { rows } = await c.query<{ id: number; seq: string }>(
      `SELECT pizzeria_id AS id, last_seq AS seq FROM journal_heads`,
    );
    return new Map(rows.map((r) => [r.id, Number(r.seq)]));
  });
}

/** What the phase wrote: collected orders, and the sale entries numbered after `before` (gaps, other kinds). */
async function phaseCheck(before: Map<number, number>) {
  return withClient(SMALL_DB, async (c) => {
    const {
      rows: [orders],
    } = await c.query<{ collected: number; unsold: number }>(
      `SELECT count(*) FILTER (WHERE status = 'collected')::int AS collected,
              count(*) FILTER (WHERE status <> 'collected')::int AS unsold FROM orders`,
    );
    const { rows } = await c.query<{
      id: number;
      n: number;
      low: string;
      high: string;
      sales: number;
      sold: number;
    }>(
      `SELECT j.pizzeria_id AS id, count(*)::int AS n, min(j.seq) AS low, max(j.seq) AS high,
              count(*) FILTER (WHERE j.kind = 'sale')::int AS sales,
              count(*) FILTER (WHERE o.status = 'collected')::int AS sold
         FROM sales_journal j LEFT JOIN orders o ON o.id = j.order_id
        WHERE j.seq > COALESCE(($1::jsonb ->> j.pizzeria_id::text)::bigint, 0)
        GROUP BY j.pizzeria_id`,
      [JSON.stringify(Object.fromEntries(before))],
    );
    const entries = rows.reduce((s, r) => s + r.n, 0);
    const gapless = rows.every(
      (r) => Number(r.low) === (before.get(r.id) ?? 0) + 1 && Number(r.high) - Number(r.low) + 1 === r.n,
    );
    const allSalesOfCollected = rows.every((r) => r.sales === r.n && r.sold === r.n);
    return { ...orders, entries, gapless, allSalesOfCollected };
  });
}

async function measuredPhase(
  side: Side,
  proc: Proc,
  fx: SmallFixture,
  tokens: Map<number, string>,
  phase: string,
) {
  const pool = await placePool(proc, fx, POOL, `${phase}-pool`);
  const before = await heads();
  await waitIdle(SMALL_DB);
  const figures = await load(
    {
      url: proc.url,
      connections: CONNECTIONS,
      amount: 3 * (pool.length - CONNECTIONS),
      requests: handOverRequests(pool, tokens),
    },
    proc,
  );
  await waitIdle(SMALL_DB);
  const check = await phaseCheck(before);
  const handOvers = perHandOver(figures);
  // Every collect answered 200 is a collected order; at the end, a connection may have stopped mid-order.
  const collectedRight =
    check.collected >= Math.floor(figures.ok / 3) - CONNECTIONS && check.collected <= pool.length;
  const journalRight =
    side === 'app'
      ? check.entries === check.collected && check.gapless && check.allSalesOfCollected
      : check.entries === 0;
  const consistent = figures.ok === figures.requests && collectedRight && journalRight;
  log(
    `${SIDE_NAME[side]} ${phase}: ${round(handOvers.perSecond)} hand-overs/s (${round(figures.perSecond)} requests/s), ` +
      `p50 ${figures.p50} ms, p99 ${figures.p99} ms per request, ${handOvers.cpuMs} ms CPU/hand-over, ` +
      `${problems(figures) ?? 'no failure'}; ${check.collected} collected, ${check.entries} journal entries; ` +
      `${consistent ? 'consistent' : `INCONSISTENT ${JSON.stringify(check)}`}`,
  );
  return { figures, consistent, entries: check.entries, collected: check.collected };
}

/** Three requests make one hand-over. */
function perHandOver(f: Pick<LoadFigures, 'perSecond' | 'cpuMsPerRequest'>) {
  return {
    perSecond: f.perSecond / 3,
    cpuMs: f.cpuMsPerRequest === null ? null : round(f.cpuMsPerRequest * 3, 2),
  };
}

export async function orderJournal(): Promise<BenchResult> {
  const fx = await prepareSmallDb();
  const tokens = await managerTokens();
  if (tokens.size !== fx.shops.length) throw new Error('every shop needs a manager to take the steps');
  log(`order journal: ${fx.shops.length} shops, ${POOL} hand-overs per phase, ${CONNECTIONS} connections`);
  const start = (side: Side) => () =>
    startApp(
      `app-journal-${JOURNAL[side]}`,
      SMALL_DB,
      { BENCH_JOURNAL: JOURNAL[side] },
      'api',
      [],
      'bench/journal-app.mjs',
    );
  const runs = await abba(
    { app: start('app'), base: start('base') },
    async (proc, side) => {
      const pool = await placePool(proc, fx, WARMUP_POOL, `journal-${side}-warm-pool`);
      return load({
        url: proc.url,
        connections: CONNECTIONS,
        amount: 3 * (pool.length - CONNECTIONS),
        requests: handOverRequests(pool, tokens),
      });
    },
    (proc, side, r) => measuredPhase(side, proc, fx, tokens, `journal-${side}-r${r}`),
  );
  await waitIdle(SMALL_DB);
  await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK));
  const on = combine(runs.app.map((p) => p.figures));
  const off = combine(runs.base.map((p) => p.figures));
  const consistent = [...runs.app, ...runs.base].every((p) => p.consistent);
  const ratio = round(on.perSecond / off.perSecond, 3);
  const cpuFactor = round(on.cpuMsPerRequest / off.cpuMsPerRequest, 2);
  const entries = runs.app.reduce((n, p) => n + p.entries, 0);
  // The unrounded ratio: 0.898 is not met, even though it prints as 0.9.
  const met = on.perSecond / off.perSecond >= GOAL_RATIO && on.failed === 0 && off.failed === 0 && consistent;
  const issues = [
    on.failed > 0 ? `on: ${on.failed} failed requests` : '',
    off.failed > 0 ? `off: ${off.failed} failed requests` : '',
    consistent ? '' : 'database or journal check failed',
  ].filter(Boolean);
  const onH = perHandOver(on);
  const offH = perHandOver(off);
  const summary =
    `order journal (hand-over start -> ready -> collect): on ${round(onH.perSecond)} hand-overs/s (p50 ${on.p50} ms, ` +
    `p99 ${on.p99} ms per request) vs off ${round(offH.perSecond)} hand-overs/s (p50 ${off.p50} ms, p99 ${off.p99} ms) ` +
    `-> ratio ${ratio}, CPU per hand-over ${onH.cpuMs} vs ${offH.cpuMs} ms x${cpuFactor}; ${entries} sale entries ` +
    `written, gapless; placement writes no entry (benchmark 1 stands for it) (goal: ratio >= ${GOAL_RATIO}): ` +
    `${verdict(met)}` +
    (issues.length ? ` [${issues.join('; ')}]` : ` [${on.ok + off.ok} requests, 0 errors]`);
  return {
    summary,
    met,
    figures: {
      connections: CONNECTIONS,
      handOversPerPhase: POOL - CONNECTIONS,
      order:
        'as order-placement (3 lines, takeaway, 8 shops in turn), then start, ready, collect by the shop manager',
      payment: 'at the counter: cash, card terminal, meal vouchers in turn, the exact total',
      baseline:
        'bench/journal-app.mjs: the same compiled server (serve()), the journal service whose record* methods write nothing',
      placement: 'writes no journal entry (only hand-over, online capture and refund do): not measured here',
      ratio,
      cpuFactor,
      journalOn: { ...on, handOversPerSecond: round(onH.perSecond, 1), cpuMsPerHandOver: onH.cpuMs },
      journalOff: { ...off, handOversPerSecond: round(offH.perSecond, 1), cpuMsPerHandOver: offH.cpuMs },
      entries,
      consistent,
    },
  };
}
