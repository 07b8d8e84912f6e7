// R3: PostgreSQL restarted under load (a private server of the test's own, never the machine's cluster). The app
// stays up and answers 503 database_unavailable meanwhile (no 500, no reset), /readyz follows, and full service
// (an order placed, the menu, /readyz, live events over LISTEN/NOTIFY) is back within 5 s of the database.
import { expect } from 'chai';
import { SseReader } from '../integration/realtime/support.js';
import { buildWorld, checkConsistency, orderRequest, restock, type OrderItem } from './order-world.js';
import { PrivatePostgres } from './private-postgres.js';
import {
  formatTally,
  freshDatabase,
  HttpClient,
  runWorkers,
  sleep,
  startApp,
  tally,
  tail,
  waitFor,
  type AppProcess,
  type Outcome,
  type RelDatabase,
  type RequestSpec,
} from './support.js';

const ORDER_WORKERS = 3;
const MENU_WORKERS = 3;
const OUTAGE_MS = 2000;
const RECOVERY_LIMIT_MS = 5000;
const KINDS = ['order', 'menu', 'ready'] as const;

type Kind = (typeof KINDS)[number];
interface Sample {
  kind: Kind;
  sentAt: number;
  doneAt: number;
  outcome: Outcome;
}

const ok = (s: Sample) =>
  s.outcome.kind === 'answered' && s.outcome.status === (s.kind === 'order' ? 201 : 200);
const unavailable = (s: Sample) =>
  s.outcome.kind === 'answered' &&
  s.outcome.status === 503 &&
  (s.kind === 'ready' ? s.outcome.body?.status : s.outcome.body?.error?.code) ===
    (s.kind === 'ready' ? 'unavailable' : 'database_unavailable');
const outcomes = (samples: Sample[]) => formatTally(tally(samples.map((s) => s.outcome)));

describe('R3 PostgreSQL restart during load', function () {
  let server: PrivatePostgres | undefined;
  let rel: RelDatabase | undefined;
  let app: AppProcess | undefined;
  let stream: SseReader | undefined;

  after(async () => {
    stream?.close();
    await app?.stop();
    await rel?.drop().catch(() => undefined);
    await server?.destroy();
  });

  it('when PostgreSQL restarts under load, then 503 meanwhile, /readyz follows, full service within 5 s', async () => {
    server = await PrivatePostgres.create();
    await server.start();
    const pgServer = server;
    rel = await freshDatabase('dbrestart', server.url);
    const w = await buildWorld(rel.db);
    for (const ingredient of [w.ingredients.dough, w.ingredients.mozza, w.ingredients.sauce]) {
      await restock(rel.db, w, ingredient, 5_000_000);
    }
    app = await startApp(rel.url);
    const proc = app;
    await waitFor('event bus listening', () => proc.output().includes('event bus: listening'), 15_000);

    // Live events before the restart: the kitchen stream gets the new order through LISTEN/NOTIFY.
    stream = await SseReader.open(`${app.url}/api/staff/kitchen/events?access_token=${w.managerToken}`);
    const live = stream;
    expect((await live.next()).event).to.equal('ready');
    const client = new HttpClient(app.url);
    const items: OrderItem[] = [{ size: 'M', quantity: 1 }];
    const sent = new Map<string, OrderItem[]>();
    let seq = 0;
    const order = (worker: number): RequestSpec => {
      const key = `rel-dbrestart-${process.pid}-${++seq}`;
      sent.set(key, items);
      return orderRequest(w, items, w.customers[worker % w.customers.length].token, key);
    };
    const first = await client.request(order(0));
    expect(first.kind === 'answered' && first.status).to.equal(201);
    expect((await live.next()).event).to.equal('order.created');
    // From here on every frame is kept with the time it arrived.
    const frames: { event: string; orderId?: string; at: number }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading && !live.ended) {
        const frame = await live.next(250).catch(() => undefined);
        if (frame) frames.push({ event: frame.event, orderId: frame.data?.orderId, at: Date.now() });
      }
    })();

    const samples: Sample[] = [];
    let stop = false;
    const load = runWorkers(ORDER_WORKERS + MENU_WORKERS + 1, async (worker) => {
      const kind: Kind =
        worker < ORDER_WORKERS ? 'order' : worker < ORDER_WORKERS + MENU_WORKERS ? 'menu' : 'ready';
      const spec: RequestSpec =
        kind === 'order'
          ? order(worker)
          : { method: 'GET', path: kind === 'menu' ? `/api/pizzerias/${w.shopId}/menu` : '/readyz' };
      const sentAt = Date.now();
      const outcome = await client.request(spec, 15_000);
      const sample = { kind, sentAt, doneAt: Date.now(), outcome };
      samples.push(sample);
      // Paced like real clients: the readiness probe every 50 ms, the others 50 ms after a failure.
      if (kind === 'ready' || !ok(sample)) await sleep(50);
      return !stop;
    });
    await waitFor('load running', () => samples.filter(ok).length >= 30, 30_000);

    const stopAt = Date.now();
    await pgServer.stop('immediate');
    const stoppedAt = Date.now();
    await sleep(OUTAGE_MS);
    const startAt = Date.now();
    const starting = pgServer.start();
    // The database is back when pg_isready first says it accepts connections.
    await waitFor('PostgreSQL accepting connections', () => pgServer.isReady(), 60_000);
    const readyAt = Date.now();
    await starting;

    const firstOk = (kind: Kind) => samples.find((s) => s.kind === kind && s.sentAt >= readyAt && ok(s));
    const placedAfter = () =>
      new Set(
        samples
          .filter((s) => s.kind === 'order' && s.sentAt >= readyAt && ok(s))
          .map((s) => (s.outcome.kind === 'answered' ? s.outcome.body.order.id : '')),
      );
    // A live event of an order placed after the restart: the bus listens again.
    const liveEvent = () => frames.find((f) => f.event === 'order.created' && placedAfter().has(f.orderId!));
    await waitFor(
      'full service',
      () => KINDS.every((k) => firstOk(k)) && liveEvent() !== undefined,
      RECOVERY_LIMIT_MS * 3,
    ).catch(() => undefined);
    const fullAt = Date.now();
    await sleep(1000); // full service must last: what is sent from now on must all succeed
    stop = true;
    await load;
    reading = false;
    await reader;
    client.close();

    // Sent once PostgreSQL was down, answered before it was started again.
    const during = samples.filter((s) => s.sentAt >= stoppedAt && s.doneAt < startAt);
    const bad = samples.filter(
      (s) => s.outcome.kind !== 'answered' || (s.outcome.status >= 500 && !unavailable(s)),
    );
    const afterFull = samples.filter((s) => s.sentAt >= fullAt);
    const recovery = (kind: Kind) => {
      const s = firstOk(kind);
      return s ? s.doneAt - readyAt : Infinity;
    };
    const resync = frames.find((f) => f.event === 'resync' && f.at >= stopAt);
    const created = liveEvent();
    const eventMs = created ? created.at - readyAt : Infinity;
    console.log(
      `      R3: PostgreSQL stopped (immediate, ${stoppedAt - stopAt} ms) for ${readyAt - stoppedAt} ms under load ` +
        `-> app alive ${proc.alive()}; ${during.length} answers while down: ${outcomes(during)}; ` +
        `${bad.length} 500/reset/other over the whole run; after pg_isready (${readyAt - startAt} ms after the start): ` +
        `order 201 in ${recovery('order')} ms, menu 200 in ${recovery('menu')} ms, /readyz 200 in ` +
        `${recovery('ready')} ms, live event in ${eventMs} ms (kitchen stream resync at ` +
        `${resync ? resync.at - readyAt : '-'} ms); then ${afterFull.length} requests: ${outcomes(afterFull)}`,
    );

    expect(proc.alive(), tail(proc.output())).to.equal(true);
    expect(proc.output()).not.to.match(/unhandled rejection|uncaught/i);
    expect(outcomes(bad), tail(proc.output())).to.equal('none');
    for (const kind of KINDS) {
      const answers = during.filter((s) => s.kind === kind);
      expect(answers.length, `${kind} requests answered while the database was down`).to.be.above(0);
      expect(outcomes(answers.filter((s) => !unavailable(s))), `${kind}: not 503 while down`).to.equal(
        'none',
      );
      expect(recovery(kind), `${kind} back within ${RECOVERY_LIMIT_MS} ms`).to.be.at.most(RECOVERY_LIMIT_MS);
    }
    expect(resync, 'the kitchen stream was told to resync').to.not.equal(undefined);
    expect(eventMs, `live events back within ${RECOVERY_LIMIT_MS} ms`).to.be.at.most(RECOVERY_LIMIT_MS);
    expect(afterFull.length).to.be.above(0);
    expect(outcomes(afterFull.filter((s) => !ok(s))), 'failures once service was back').to.equal('none');

    const state = await checkConsistency(rel.db, w, sent);
    const ids = new Set((await rel.db.query(`SELECT id FROM orders`))[0].map((r: any) => r.id));
    const placed = samples.filter((s) => s.kind === 'order' && ok(s));
    const missing = placed.filter((s) => s.outcome.kind === 'answered' && !ids.has(s.outcome.body.order.id));
    expect(missing.length, 'orders answered 201 missing after the restart').to.equal(0);
    expect(state.incomplete).to.deep.equal([]);
    expect(state.ledger).to.deep.equal([]);
    expect(state.stockProblems).to.deep.equal([]);
  });
});
