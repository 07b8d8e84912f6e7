// R2: kill -9 of the app process while clients keep placing orders. No partial order is left in the database,
// every order answered 201 is there with its lines and reservations, the ledger is true; and each request cut
// mid-flight, sent again with its Idempotency-Key to a new process, gives exactly one order.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import {
  buildWorld,
  checkConsistency,
  orderRequest,
  restock,
  type OrderItem,
  type World,
} from './order-world.js';
import {
  formatTally,
  freshDatabase,
  HttpClient,
  runWorkers,
  startApp,
  tally,
  tail,
  waitFor,
  waitForSessionsGone,
  type AppProcess,
  type Outcome,
  type RelDatabase,
  type RequestSpec,
} from './support.js';

const WORKERS = 16;
/** The kill comes once this many orders have been answered 201, while the clients keep sending. */
const PLACED_BEFORE_KILL = 60;

// A few shapes of order, so that orders reserve different rows and amounts.
const SHAPES: OrderItem[][] = [
  [{ size: 'M', quantity: 1 }],
  [
    { size: 'L', quantity: 2 },
    { size: 'cola', quantity: 2 },
  ],
  [
    { size: 'M', quantity: 3 },
    { size: 'L', quantity: 1 },
  ],
];

describe('R2 kill -9 during order load', function () {
  let rel: RelDatabase | undefined;
  const apps: AppProcess[] = [];

  after(async () => {
    for (const app of apps) await app.stop();
    await rel?.drop();
  });

  const orderIds = async (w: World) =>
    new Map(
      (
        await rel!.db.query<{ id: string; key: string }>(
          `SELECT id, idempotency_key AS key FROM orders WHERE pizzeria_id = $1`,
          { type: QueryTypes.SELECT, bind: [w.shopId] },
        )
      ).map((r) => [r.key, r.id]),
    );

  it('when the process is killed mid-load, then no order is partial and every 201 order is complete', async () => {
    rel = await freshDatabase('kill9');
    const w = await buildWorld(rel.db, { customers: WORKERS });
    for (const ingredient of [w.ingredients.dough, w.ingredients.mozza, w.ingredients.sauce]) {
      await restock(rel.db, w, ingredient, 5_000_000);
    }
    await restock(rel.db, w, w.ingredients.cola, 100_000);
    const app = await startApp(rel.url);
    apps.push(app);
    const client = new HttpClient(app.url);

    const sent = new Map<string, OrderItem[]>();
    const requests = new Map<string, RequestSpec>();
    const outcomes = new Map<string, Outcome>();
    let placedCount = 0;
    let seq = 0;
    let killed = false;
    const load = runWorkers(WORKERS, async (worker) => {
      const n = ++seq;
      const key = `rel-kill9-${process.pid}-${n}`;
      const items = SHAPES[n % SHAPES.length];
      sent.set(key, items);
      requests.set(key, orderRequest(w, items, w.customers[worker].token, key));
      const outcome = await client.request(requests.get(key)!, 20_000);
      outcomes.set(key, outcome);
      if (outcome.kind === 'answered' && outcome.status === 201) placedCount++;
      return !killed && outcome.kind !== 'refused';
    });
    await waitFor(
      `${PLACED_BEFORE_KILL} orders placed`,
      () => placedCount >= PLACED_BEFORE_KILL || !app.alive(),
      60_000,
    );
    killed = true;
    app.signal('SIGKILL');
    const exit = await app.exited;
    await load;
    client.close();
    expect(exit.signal).to.equal('SIGKILL');
    await waitForSessionsGone(rel.db, app.pid);

    const all = [...outcomes.values()];
    const placed = [...outcomes].filter(([, o]) => o.kind === 'answered' && o.status === 201);
    const unknown = [...outcomes].filter(([, o]) => o.kind === 'lost').map(([key]) => key);
    const refused = all.filter((o) => o.kind === 'refused').length;
    const otherAnswers = all.filter((o) => o.kind === 'answered' && o.status !== 201);
    const inDb = await orderIds(w);
    const state = await checkConsistency(rel.db, w, sent);
    const missing = placed.filter(([key, o]) => o.kind === 'answered' && inDb.get(key) !== o.body.order.id);
    const committedUnknown = unknown.filter((key) => inDb.has(key));
    const strays = [...inDb.keys()].filter(
      (key) => !outcomes.has(key) || outcomes.get(key)!.kind === 'refused',
    );

    // A client that lost its answer sends the same request again (same key) to another process.
    const next = await startApp(rel.url);
    apps.push(next);
    const retryClient = new HttpClient(next.url);
    const retries = await Promise.all(unknown.map((key) => retryClient.request(requests.get(key)!, 20_000)));
    retryClient.close();
    const replayed = retries.filter(
      (o) => o.kind === 'answered' && o.headers['idempotent-replayed'] === 'true',
    );
    const after = await checkConsistency(rel.db, w, sent);

    console.log(
      `      R2: kill -9 under load (${WORKERS} order clients) -> ${placed.length} answered 201 ` +
        `(${placed.length - missing.length} in the database, complete), ${unknown.length} cut mid-flight ` +
        `(${committedUnknown.length} committed whole, ${unknown.length - committedUnknown.length} not at all), ` +
        `${refused} refused, ${otherAnswers.length} other answers; ${state.orders} orders, ` +
        `${state.incomplete.length} partial, ledger discrepancies ${state.ledger.length}, stock problems ` +
        `${state.stockProblems.length}; retried with their keys after restart: ${formatTally(tally(retries))} ` +
        `(${replayed.length} replayed) -> ${after.orders} orders, ${after.incomplete.length} partial, ` +
        `ledger discrepancies ${after.ledger.length}`,
    );

    expect(placed.length, 'orders were placed before the kill').to.be.at.least(PLACED_BEFORE_KILL);
    expect(formatTally(tally(otherAnswers)), tail(app.output(), 10)).to.equal('none');
    expect(
      missing.map(([key]) => key),
      'orders answered 201 but not in the database',
    ).to.deep.equal([]);
    expect(strays, 'orders in the database that were never sent or never accepted').to.deep.equal([]);
    expect(state.orders).to.equal(placed.length + committedUnknown.length);
    expect(state.incomplete, 'partial orders').to.deep.equal([]);
    expect(state.reservationsWithoutOrder).to.equal(0);
    expect(state.ledger).to.deep.equal([]);
    expect(state.stockProblems).to.deep.equal([]);

    expect(formatTally(tally(retries))).to.equal(unknown.length ? `201×${unknown.length}` : 'none');
    expect(replayed.length, 'retries of committed orders are replays').to.equal(committedUnknown.length);
    expect(after.orders, 'exactly one order per key').to.equal(placed.length + unknown.length);
    expect(after.incomplete).to.deep.equal([]);
    expect(after.ledger).to.deep.equal([]);
    expect(after.stockProblems).to.deep.equal([]);
  });
});
