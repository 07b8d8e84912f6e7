import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Role } from '../../../src/shared/permissions.js';
import { closeAllStreams, openStreamCount } from '../../../src/realtime/sse.js';
import { createPizzeria } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { createCustomer, createEmployee, tokenFor } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { changeStatus, eventually, SseReader } from './support.js';

describe('live tracking streams (SSE)', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let readers: SseReader[] = [];

  before(async () => {
    app = await startTestApp({}, { bus: 'pg' });
    api = client(app.url);
  });
  after(() => app?.close());
  afterEach(async () => {
    for (const r of readers) r.close();
    readers = [];
    await eventually(() => openStreamCount() === 0);
  });

  async function open(path: string, token?: string) {
    const reader = await SseReader.open(app.url + path, { token });
    readers.push(reader);
    return reader;
  }

  async function customerWithOrder() {
    const shop = await createPizzeria(app.db);
    const customer = await createCustomer(app.db);
    const { token } = await tokenFor(app.db, { customerId: customer.id });
    const estimatedReadyAt = new Date('2026-12-01T19:30:00Z');
    const order = await insertOrder(app.db, { pizzeriaId: shop, customerId: customer.id, estimatedReadyAt });
    return { shop, token, order };
  }

  async function staffToken(role: Role, pizzeriaId: number | null) {
    const employee = await createEmployee(app.db, { role, pizzeriaId });
    return (await tokenFor(app.db, { employeeId: employee.id })).token;
  }

  describe('GET /api/orders/:orderId/events', () => {
    it('when the owner follows the order, then the current state comes first, then each change', async () => {
      const { token, order } = await customerWithOrder();
      // The way EventSource authenticates: the token in the query string.
      const reader = await open(`/api/orders/${order.id}/events?access_token=${token}`);
      expect(reader.status).to.equal(200);
      expect(reader.headers.get('content-type')).to.match(/^text\/event-stream/);
      expect(reader.headers.get('cache-control')).to.equal('no-cache, no-transform');
      expect(reader.headers.get('x-accel-buffering')).to.equal('no');

      const first = await reader.next();
      expect(first.event).to.equal('status');
      expect(first.data).to.deep.include({
        orderId: order.id,
        number: order.number,
        status: 'received',
        fulfilment: 'delivery',
        estimatedReadyAt: '2026-12-01T19:30:00.000Z',
        estimatedDeliveryAt: null,
      });
      expect(first.id).to.equal(first.data.at);

      await changeStatus(app.database, app.bus, order, 'preparing');
      const change = await reader.next();
      expect(change.event).to.equal('order.status');
      expect(change.data).to.include({ orderId: order.id, status: 'preparing' });
    });

    it('when another order changes, then the stream stays silent about it', async () => {
      const { token, order } = await customerWithOrder();
      const other = await insertOrder(app.db, { pizzeriaId: order.pizzeriaId, customerId: order.customerId });
      const reader = await open(`/api/orders/${order.id}/events`, token);
      await reader.next();
      await changeStatus(app.database, app.bus, other, 'preparing');
      await changeStatus(app.database, app.bus, order, 'cancelled');
      const frame = await reader.next();
      expect(frame.data).to.include({ orderId: order.id, status: 'cancelled' });
    });

    it('when another customer asks, then 404 order_not_found; a staff member or an anonymous caller: 401', async () => {
      const { order, shop } = await customerWithOrder();
      const stranger = await createCustomer(app.db);
      const { token: strangerToken } = await tokenFor(app.db, { customerId: stranger.id });
      const res = await api.get(`/api/orders/${order.id}/events`, { token: strangerToken });
      expect(res.status).to.equal(404);
      expect(res.headers.get('content-type')).to.match(/json/);
      expect(res.body.error.code).to.equal('order_not_found');
      // The stream is a customer's: without a customer session, whichever order it is, 401 (nothing learnt).
      const manager = await staffToken('manager', shop);
      for (const token of [manager, undefined]) {
        const refused = await api.get(`/api/orders/${order.id}/events`, { token });
        expect(refused.status).to.equal(401);
        expect(refused.body.error.code).to.equal('unauthorized');
      }
      expect(openStreamCount()).to.equal(0);
    });

    it('when the order does not exist, then the same 404; an id that is not a uuid matches no route: 404', async () => {
      const { token } = await customerWithOrder();
      const unknown = await api.get(`/api/orders/${randomUUID()}/events`, { token });
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error.code).to.equal('order_not_found');
      const malformed = await api.get('/api/orders/42/events', { token });
      expect(malformed.status).to.equal(404);
      expect(malformed.body.error.code).to.equal('route_not_found');
      expect(openStreamCount()).to.equal(0);
    });
  });

  describe('GET /api/staff/kitchen/events', () => {
    it('when a pizzaiolo follows their kitchen, then they get their shop’s events and not another shop’s', async () => {
      const shopA = await createPizzeria(app.db);
      const shopB = await createPizzeria(app.db);
      const token = await staffToken('pizzaiolo', shopA);
      const reader = await open('/api/staff/kitchen/events', token);
      expect(reader.status).to.equal(200);
      expect((await reader.next()).event).to.equal('ready');

      const orderB = await insertOrder(app.db, { pizzeriaId: shopB, fulfilment: 'takeaway' });
      const orderA = await insertOrder(app.db, { pizzeriaId: shopA, fulfilment: 'takeaway' });
      // B's change commits first: events arrive in commit order, so A's being next proves B's was not sent.
      await changeStatus(app.database, app.bus, orderB, 'received', { type: 'order.created' });
      await changeStatus(app.database, app.bus, orderA, 'received', { type: 'order.created' });
      await changeStatus(app.database, app.bus, orderB, 'preparing');
      await changeStatus(app.database, app.bus, orderA, 'preparing');

      const created = await reader.next();
      expect(created.event).to.equal('order.created');
      expect(created.data).to.include({ orderId: orderA.id, pizzeriaId: shopA, status: 'received' });
      const changed = await reader.next();
      expect(changed.event).to.equal('order.status');
      expect(changed.data).to.include({ orderId: orderA.id, status: 'preparing' });
    });

    it('when an admin names a shop, then they follow it; without one, then 422', async () => {
      const shop = await createPizzeria(app.db);
      const admin = await staffToken('admin', null);
      const reader = await open(`/api/staff/kitchen/events?pizzeriaId=${shop}&access_token=${admin}`);
      expect(reader.status).to.equal(200);
      expect((await reader.next()).data).to.include({ pizzeriaId: shop });
      const missing = await api.get('/api/staff/kitchen/events', { token: admin });
      expect(missing.status).to.equal(422);
      expect(missing.body.error.code).to.equal('pizzeria_required');
      const unknown = await api.get('/api/staff/kitchen/events?pizzeriaId=999999', { token: admin });
      expect(unknown.status).to.equal(404);
    });

    it('when a pizzaiolo asks for another shop, or a driver for their own, then 403; anonymous, then 401', async () => {
      const shopA = await createPizzeria(app.db);
      const shopB = await createPizzeria(app.db);
      const pizzaiolo = await staffToken('pizzaiolo', shopA);
      const driver = await staffToken('driver', shopA);
      const otherShop = await api.get(`/api/staff/kitchen/events?pizzeriaId=${shopB}`, { token: pizzaiolo });
      expect(otherShop.status).to.equal(403);
      expect(otherShop.body.error.code).to.equal('other_pizzeria');
      const asDriver = await api.get('/api/staff/kitchen/events', { token: driver });
      expect(asDriver.status).to.equal(403);
      expect((await api.get('/api/staff/kitchen/events')).status).to.equal(401);
      expect(openStreamCount()).to.equal(0);
    });
  });

  describe('stream lifecycle', () => {
    it('when all streams are closed (shutdown), then every open HTTP response ends', async () => {
      const { token, order } = await customerWithOrder();
      const kitchen = await open('/api/staff/kitchen/events', await staffToken('manager', order.pizzeriaId));
      const tracking = await open(`/api/orders/${order.id}/events`, token);
      await kitchen.next();
      await tracking.next();
      expect(openStreamCount()).to.equal(2);

      expect(await closeAllStreams()).to.equal(2);
      await kitchen.end();
      await tracking.end();
      expect(openStreamCount()).to.equal(0);
    });

    it('when the client goes away, then its stream is cleaned up', async () => {
      const { token, order } = await customerWithOrder();
      const reader = await open(`/api/orders/${order.id}/events`, token);
      await reader.next();
      expect(openStreamCount()).to.equal(1);
      reader.close();
      await eventually(() => openStreamCount() === 0);
      // The unsubscribed stream must not trip over later events.
      await changeStatus(app.database, app.bus, order, 'preparing');
    });
  });
});
