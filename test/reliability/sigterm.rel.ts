// R7: SIGTERM while clients keep sending orders and menu reads over keep-alive connections. Every request that
// was sent gets a complete answer that is not a 5xx; connections opened after the listener closed are refused
// (never accepted, counted apart); the process exits 0 within its drain deadline.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { buildWorld, checkConsistency, orderRequest, restock, type OrderItem } from './order-world.js';
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
} from './support.js';

const ORDER_WORKERS = 6;
const MENU_WORKERS = 6;
const GRACE_MS = 15_000;
/** SIGTERM comes once this many requests have been answered, while the clients keep sending. */
const REQUESTS_BEFORE_SIGTERM = 300;

interface Sample {
  outcome: Outcome;
  /** Sent after SIGTERM, on a connection that was still open. */
  sentAfter: boolean;
  /** In flight or sent after SIGTERM: answered while the process was draining. */
  doneAfter: boolean;
}

describe('R7 SIGTERM during load', function () {
  let rel: RelDatabase | undefined;
  let app: AppProcess | undefined;

  after(async () => {
    await app?.stop();
    await rel?.drop();
  });

  it('when SIGTERM arrives under load, then every request sent is answered (no 5xx, no reset) and the exit is 0', async () => {
    rel = await freshDatabase('sigterm');
    const w = await buildWorld(rel.db);
    for (const ingredient of [w.ingredients.dough, w.ingredients.mozza, w.ingredients.sauce]) {
      await restock(rel.db, w, ingredient, 5_000_000);
    }
    app = await startApp(rel.url, { SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const proc = app;
    const client = new HttpClient(proc.url);

    const sent = new Map<string, OrderItem[]>();
    const samples: Sample[] = [];
    let sigtermAt = 0;
    let seq = 0;
    const items: OrderItem[] = [{ size: 'M', quantity: 1 }];
    const load = runWorkers(ORDER_WORKERS + MENU_WORKERS, async (worker) => {
      const isOrder = worker < ORDER_WORKERS;
      const key = `rel-sigterm-${process.pid}-${++seq}`;
      const spec = isOrder
        ? orderRequest(w, items, w.customers[worker % w.customers.length].token, key)
        : { method: 'GET' as const, path: `/api/pizzerias/${w.shopId}/menu` };
      if (isOrder) sent.set(key, items);
      const sentAfter = sigtermAt > 0;
      const outcome = await client.request(spec, 20_000);
      samples.push({ outcome, sentAfter, doneAfter: sigtermAt > 0 });
      // Nothing listens any more: a real client would go to another process; this one stops.
      return outcome.kind !== 'refused' && proc.alive();
    });

    await waitFor('load running', () => samples.length >= REQUESTS_BEFORE_SIGTERM || !proc.alive(), 60_000);
    const answeredBefore = samples.length;
    sigtermAt = Date.now();
    proc.signal('SIGTERM');
    const exit = await Promise.race([
      proc.exited,
      sleep(GRACE_MS + 10_000).then(() => ({ code: null, signal: 'still running' })),
    ]);
    const exitMs = Date.now() - sigtermAt;
    await load;
    client.close();

    const accepted = samples.filter((s) => s.outcome.kind !== 'refused');
    const failed = accepted.filter(
      ({ outcome: o }) => o.kind === 'lost' || (o.kind === 'answered' && o.status >= 500),
    );
    const refused = samples.length - accepted.length;
    const draining = accepted.filter((s) => s.doneAfter);
    const closing = draining.filter(
      (s) => s.outcome.kind === 'answered' && s.outcome.headers.connection === 'close',
    );
    console.log(
      `      R7: SIGTERM after ${answeredBefore} answers (${ORDER_WORKERS} order + ${MENU_WORKERS} menu keep-alive ` +
        `clients) -> ${accepted.length} requests sent: ${formatTally(tally(accepted.map((s) => s.outcome)))}; ` +
        `${failed.length} failed (5xx/reset/lost); ${draining.length} answered while draining ` +
        `(${draining.filter((s) => s.sentAfter).length} sent after SIGTERM on open connections, ` +
        `${closing.length} with Connection: close); ${refused} refused after the listener closed ` +
        `(never accepted, not counted as sent); exit ${exit.code ?? exit.signal} in ${exitMs} ms`,
    );
    expect(formatTally(tally(failed.map((s) => s.outcome))), tail(proc.output(), 15)).to.equal('none');
    expect(exit, tail(proc.output(), 15)).to.deep.equal({ code: 0, signal: null });
    expect(exitMs).to.be.below(GRACE_MS, 'drained before the grace period cut connections');
    expect(draining.length, 'requests in flight at SIGTERM were answered').to.be.above(0);
    // What the server answered once it was stopping told the client to close the connection.
    expect(closing.length, 'answers with Connection: close while draining').to.be.above(0);
    expect(answeredBefore).to.be.at.least(REQUESTS_BEFORE_SIGTERM);

    const placed = accepted.flatMap(({ outcome: o }) =>
      o.kind === 'answered' && o.status === 201 ? [o.body.order.id as string] : [],
    );
    expect(placed.length).to.be.above(0);
    const ids = new Set(
      (await rel.db.query<{ id: string }>(`SELECT id FROM orders`, { type: QueryTypes.SELECT })).map(
        (r) => r.id,
      ),
    );
    expect(
      placed.filter((id) => !ids.has(id)),
      'orders answered 201 missing',
    ).to.deep.equal([]);
    const state = await checkConsistency(rel.db, w, sent);
    expect(state.incomplete).to.deep.equal([]);
    expect(state.ledger).to.deep.equal([]);
    expect(state.stockProblems).to.deep.equal([]);
  });
});
