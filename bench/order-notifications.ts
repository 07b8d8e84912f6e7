// Benchmark 7, order placement with notifications on vs off: the placement workload of benchmark 1 (same
// requests, 32 connections, A B B A rounds) against the compiled app with its outbox worker sending every
// confirmation to a local SMTP server process (bench/smtp-sink.ts), versus the same app, started the same way, on
// the same database whose trigger writing the order messages (migration 022) is disabled for the "off" phases:
// no setting of the product turns the messages off. (A first baseline gave the "off" process module hooks
// instead: a mere no-op hook made the app ~18 % faster, for a reason not found yet, so that comparison measured
// the hook, not the messages.) After each measured phase the outbox is drained and
// checked: one message per order, all sent, each received once by the server.
import { fork } from 'node:child_process';
import path from 'node:path';
import { abba, combine, load, problems } from './load.js';
import {
  LOAD_SECONDS,
  log,
  ROOT,
  round,
  sleep,
  SMALL_DB,
  startApp,
  verdict,
  waitIdle,
  withClient,
  type BenchResult,
  type Proc,
} from './lib.js';
import { placementRequests } from './order-placement.js';
import { HUGE_STOCK, placementCheck, prepareSmallDb, resetOrders, type SmallFixture } from './setup.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
/** Issue 18's goal: the notifications cost at most 5 % of the placement throughput. */
const GOAL_RATIO = 0.95;
const DRAIN_TIMEOUT_MS = 180_000;

/** Turns the database's writing of order messages on or off (the "off" side's only difference). */
const orderMessages = (on: boolean) =>
  withClient(SMALL_DB, (c) =>
    c.query(
      `ALTER TABLE order_status_events ${on ? 'ENABLE' : 'DISABLE'} TRIGGER order_status_events_outbox`,
    ),
  );

type Side = 'app' | 'base';
const SIDE_NAME: Record<Side, string> = { app: 'notifications on', base: 'notifications off' };

interface Sink {
  url: string;
  count(): Promise<{ accepted: number; distinct: number }>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const child = fork(path.join(ROOT, 'bench', 'smtp-sink.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ask = (type: string) =>
    new Promise<{ accepted: number; distinct: number }>((resolve) => {
      const onMessage = (m: { type: string; accepted: number; distinct: number }) => {
        if (m.type !== 'count') return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
    child.on('message', (m: { type: string; port: number }) => m.type === 'listening' && resolve(m.port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => ask('count'),
    reset: async () => void (await ask('reset')),
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function outboxState() {
  return withClient(SMALL_DB, async (c) => {
    const { rows } = await c.query(`SELECT count(*)::int AS total,
        count(*) FILTER (WHERE status = 'pending')::int AS pending,
        count(*) FILTER (WHERE status = 'sent')::int AS sent,
        count(*) FILTER (WHERE status = 'failed')::int AS failed,
        count(*) FILTER (WHERE kind <> 'order.confirmation')::int AS other
      FROM outbox`);
    return rows[0] as { total: number; pending: number; sent: number; failed: number; other: number };
  });
}

/** Waits until no message is pending (the worker has sent the backlog); the milliseconds it took. */
async function drain(): Promise<number> {
  const since = performance.now();
  while ((await outboxState()).pending > 0) {
    if (performance.now() - since > DRAIN_TIMEOUT_MS) throw new Error('the outbox did not drain');
    await sleep(100);
  }
  return performance.now() - since;
}

async function measuredPhase(side: Side, proc: Proc, fx: SmallFixture, sink: Sink, phase: string) {
  await orderMessages(side === 'app');
  await drain();
  await waitIdle(SMALL_DB);
  await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK)); // TRUNCATE … CASCADE empties the outbox too
  await sink.reset();
  const figures = await load(
    { url: proc.url, connections: CONNECTIONS, requests: placementRequests(fx, phase) },
    proc,
  );
  const atEnd = await outboxState();
  const sentDuringLoad = (await sink.count()).accepted;
  const drainMs = await drain();
  await waitIdle(SMALL_DB);
  const check = await withClient(SMALL_DB, placementCheck);
  const outbox = await outboxState();
  const received = await sink.count();
  const messagesRight =
    side === 'app'
      ? outbox.total === check.orders &&
        outbox.sent === outbox.total &&
        outbox.other === 0 &&
        received.accepted === outbox.total &&
        received.distinct === outbox.total
      : outbox.total === 0 && received.accepted === 0;
  const consistent =
    check.orders >= figures.ok &&
    check.orders <= figures.ok + CONNECTIONS &&
    check.lines === 3 * check.orders &&
    check.ledgerMismatches === 0 &&
    messagesRight;
  log(
    `${SIDE_NAME[side]} ${phase}: ${round(figures.perSecond)} orders/s, p50 ${figures.p50} ms, p99 ` +
      `${figures.p99} ms, ${figures.cpuMsPerRequest} ms CPU/order, ${problems(figures) ?? 'no failure'}; ` +
      `messages: ${sentDuringLoad} sent during the load, ${atEnd.pending} pending at its end, drained in ` +
      `${round(drainMs)} ms; ${outbox.sent} sent of ${outbox.total}, ${received.accepted} received ` +
      `(${received.distinct} distinct); ${consistent ? 'consistent' : `INCONSISTENT ${JSON.stringify({ check, outbox, received })}`}`,
  );
  return { figures, consistent, sentDuringLoad, backlog: atEnd.pending, drainMs, messages: outbox.total };
}

export async function orderNotifications(): Promise<BenchResult> {
  const fx = await prepareSmallDb();
  const sink = await startSink();
  log(`order notifications: SMTP sink at ${sink.url}, ${LOAD_SECONDS} s per phase`);
  const env = { SMTP_URL: sink.url };
  try {
    const runs = await abba(
      {
        app: () => startApp('app-notifications-on', SMALL_DB, env),
        base: () => startApp('app-notifications-off', SMALL_DB, env),
      },
      async (proc, side) => {
        await orderMessages(side === 'app');
        return load({
          url: proc.url,
          connections: CONNECTIONS,
          duration: WARMUP_SECONDS,
          requests: placementRequests(fx, `notif-${side}-warm`),
        });
      },
      (proc, side, r) => measuredPhase(side, proc, fx, sink, `notif-${side}-r${r}`),
    );
    await orderMessages(true);
    await drain();
    await waitIdle(SMALL_DB);
    await withClient(SMALL_DB, (c) => resetOrders(c, HUGE_STOCK));
    const on = combine(runs.app.map((p) => p.figures));
    const off = combine(runs.base.map((p) => p.figures));
    const consistent = [...runs.app, ...runs.base].every((p) => p.consistent);
    const ratio = round(on.perSecond / off.perSecond, 2);
    const cpuFactor = round(on.cpuMsPerRequest / off.cpuMsPerRequest, 2);
    const messages = runs.app.reduce((n, p) => n + p.messages, 0);
    const sentDuringLoad = runs.app.reduce((n, p) => n + p.sentDuringLoad, 0);
    const maxBacklog = Math.max(...runs.app.map((p) => p.backlog));
    const maxDrainMs = round(Math.max(...runs.app.map((p) => p.drainMs)));
    const met = ratio >= GOAL_RATIO && on.failed === 0 && off.failed === 0 && consistent;
    const issues = [
      on.failed > 0 ? `on: ${on.failed} failed requests` : '',
      off.failed > 0 ? `off: ${off.failed} failed requests` : '',
      consistent ? '' : 'database or message check failed',
    ].filter(Boolean);
    const summary =
      `order notifications: on ${round(on.perSecond)} orders/s (p50 ${on.p50} ms, p99 ${on.p99} ms) vs off ` +
      `${round(off.perSecond)} orders/s (p50 ${off.p50} ms, p99 ${off.p99} ms) -> ratio ${ratio}, CPU per order ` +
      `${on.cpuMsPerRequest} vs ${off.cpuMsPerRequest} ms x${cpuFactor}; ${messages} confirmations each received ` +
      `once, ${sentDuringLoad} during the load (backlog at its end <= ${maxBacklog}, drained in <= ${maxDrainMs} ms) ` +
      `(goal: ratio >= ${GOAL_RATIO}): ${verdict(met)}` +
      (issues.length ? ` [${issues.join('; ')}]` : ` [${on.ok + off.ok} orders, 0 errors]`);
    return {
      summary,
      met,
      figures: {
        connections: CONNECTIONS,
        secondsPerPhase: LOAD_SECONDS,
        order: 'as order-placement: 3 lines, takeaway, card_on_delivery, 8 shops in turn, 32 customers',
        baseline:
          'the same compiled app, started the same way, with the trigger writing the order messages disabled',
        smtp: 'bench/smtp-sink.ts: smtp-server in its own process on loopback, answers 250 at once',
        ratio,
        cpuFactor,
        notificationsOn: on,
        notificationsOff: off,
        messages,
        sentDuringLoad,
        maxBacklogAtEnd: maxBacklog,
        maxDrainMs,
        consistent,
      },
    };
  } finally {
    await orderMessages(true).catch(() => undefined);
    await sink.stop();
  }
}
