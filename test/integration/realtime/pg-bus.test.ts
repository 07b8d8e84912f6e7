import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { PgEventBus } from '../../../src/realtime/pg-bus.js';
import { isMenuEvent, type OrderEvent } from '../../../src/realtime/events.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createPizzeria } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { createCustomer, tokenFor } from '../../factories/people.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { changeStatus, eventually, SseReader } from './support.js';

describe('order events across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let a: TestApp;
  let b: TestApp;
  let readers: SseReader[] = [];

  before(async () => {
    // Two app instances as two processes would be: each its own pool and its own listening connection.
    a = await startTestApp({}, { bus: 'pg', ownPool: true });
    b = await startTestApp({}, { bus: 'pg', ownPool: true });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(() => {
    for (const r of readers) r.close();
    readers = [];
  });

  async function followOrder(app: TestApp) {
    const shop = await createPizzeria(app.db);
    const customer = await createCustomer(app.db);
    const { token } = await tokenFor(app.db, { customerId: customer.id });
    const order = await insertOrder(app.db, { pizzeriaId: shop, customerId: customer.id });
    const reader = await SseReader.open(`${app.url}/api/orders/${order.id}/events`, { token });
    readers.push(reader);
    expect(reader.status).to.equal(200);
    expect((await reader.next()).data.status).to.equal('received');
    return { order, reader };
  }

  it('when a change is committed through instance A, then a stream connected to instance B receives it', async () => {
    const { order, reader } = await followOrder(b);
    await changeStatus(a.database, a.bus, order, 'preparing');
    const frame = await reader.next();
    expect(frame.event).to.equal('order.status');
    expect(frame.data).to.include({ orderId: order.id, number: order.number, status: 'preparing' });
    expect(frame.data).not.to.have.property('customerId');
  });

  it('when the transaction rolls back, then nothing is published and the next committed change comes next', async () => {
    const { order, reader } = await followOrder(b);
    await changeStatus(a.database, a.bus, order, 'cancelled', { rollback: true });
    await changeStatus(a.database, a.bus, order, 'preparing');
    expect((await reader.next()).data.status).to.equal('preparing');
    const [row] = await a.db.query<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, {
      bind: [order.id],
      type: QueryTypes.SELECT,
    });
    expect(row.status).to.equal('preparing');
  });

  it('when the transaction is still open, then the event waits for its commit', async () => {
    const { order, reader } = await followOrder(b);
    await a.database.transaction(async (tx) => {
      await a.bus.publish(tx, statusEvent(order, 'preparing'));
      let early: unknown;
      await reader.next(400).then(
        (f) => (early = f),
        () => undefined,
      );
      expect(early, 'delivered before commit').to.equal(undefined);
    });
    expect((await reader.next()).data.status).to.equal('preparing');
  });

  it('when the listening connection is killed, then the bus reconnects, resyncs streams and delivers later events', async () => {
    const { order, reader } = await followOrder(b);
    const bus = b.bus as PgEventBus;
    const killed = bus.backendPid;
    expect(killed).to.be.a('number');
    await b.db.query('SELECT pg_terminate_backend($1)', { bind: [killed] });

    // The stream first gets the state again (events may have been lost while disconnected)...
    const resent = await reader.next(5_000);
    expect(resent.event).to.equal('status');
    expect(resent.data.status).to.equal('received');
    await eventually(() => bus.listening && bus.backendPid !== killed);

    // ...then live events flow again, from the other instance too.
    await changeStatus(a.database, a.bus, order, 'preparing');
    expect((await reader.next()).data).to.include({ status: 'preparing' });
  });

  it('when a subscriber throws, then the other subscribers still get the event', async () => {
    const shop = await createPizzeria(a.db);
    const order = await insertOrder(a.db, { pizzeriaId: shop });
    const seen: OrderEvent[] = [];
    const stopFaulty = b.bus.subscribe(() => {
      throw new Error('faulty subscriber');
    });
    const stop = b.bus.subscribe((e) => void (isMenuEvent(e) || seen.push(e)));
    try {
      await changeStatus(a.database, a.bus, order, 'preparing');
      await eventually(() => seen.some((e) => e.orderId === order.id));
    } finally {
      stopFaulty();
      stop();
    }
  });

  it('when PostgreSQL cannot be reached, then start() keeps retrying without throwing and close() stops it', async () => {
    const bus = new PgEventBus({
      url: 'postgres://postgres@127.0.0.1:1/none',
      logger: createLogger('silent'),
      minBackoffMs: 20,
      maxBackoffMs: 50,
    });
    let settled = false;
    void bus.start().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(bus.listening).to.equal(false);
    expect(settled).to.equal(false);
    await bus.close();
    await eventually(() => settled, 1_000);
  });
});

function statusEvent(order: { id: string; number: string; pizzeriaId: number }, status: string): OrderEvent {
  return {
    type: 'order.status',
    orderId: order.id,
    number: order.number,
    pizzeriaId: order.pizzeriaId,
    customerId: null,
    status,
    fulfilment: 'delivery',
    estimatedReadyAt: null,
    estimatedDeliveryAt: null,
    at: new Date().toISOString(),
  };
}
