// The driver's and the counter's live streams: each keeps one staff list live (the driver's deliveries, the
// counter's hand-over list), with that list's permission and shop scope, and hears changes made through any app
// process (PostgreSQL LISTEN/NOTIFY).
import { expect } from 'chai';
import type { Role } from '../../../src/shared/permissions.js';
import { openStreamCount } from '../../../src/realtime/sse.js';
import { createPizzeria } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { createCustomer, createEmployee, tokenFor } from '../../factories/people.js';
import { createShopWorld, customerWithToken, placeThroughApi, staffWithToken } from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { changeStatus, eventually, SseReader } from './support.js';

const STREAMS = {
  deliveries: { path: '/api/staff/deliveries/events', fulfilment: 'delivery' },
  takeaway: { path: '/api/staff/takeaway/events', fulfilment: 'takeaway' },
} as const;

describe('the driver’s and the counter’s live streams (SSE)', function () {
  this.timeout(30_000);
  let a: TestApp;
  let b: TestApp;
  let api: ReturnType<typeof client>;
  let readers: SseReader[] = [];

  before(async () => {
    // Two app instances as two processes would be: each its own pool and its own listening connection.
    a = await startTestApp({}, { bus: 'pg', ownPool: true });
    b = await startTestApp({}, { bus: 'pg', ownPool: true });
    api = client(a.url);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(async () => {
    for (const r of readers) r.close();
    readers = [];
    await eventually(() => openStreamCount() === 0);
  });

  async function open(url: string, token?: string) {
    const reader = await SseReader.open(url, { token });
    readers.push(reader);
    return reader;
  }

  async function staffToken(role: Role, pizzeriaId: number | null) {
    const employee = await createEmployee(a.db, { role, pizzeriaId });
    return (await tokenFor(a.db, { employeeId: employee.id })).token;
  }

  for (const [name, role, stream, other] of [
    ['driver', 'driver', STREAMS.deliveries, 'takeaway'],
    ['counter', 'counter', STREAMS.takeaway, 'delivery'],
  ] as const) {
    it(`when a ${name} follows their shop, then they get its ${stream.fulfilment} orders only, not its ${other} ones nor another shop’s`, async () => {
      const shopA = await createPizzeria(a.db);
      const shopB = await createPizzeria(a.db);
      const reader = await open(`${a.url}${stream.path}`, await staffToken(role, shopA));
      expect(reader.status).to.equal(200);
      expect(reader.headers.get('content-type')).to.match(/^text\/event-stream/);
      const ready = await reader.next();
      expect(ready.event).to.equal('ready');
      expect(ready.data).to.include({ pizzeriaId: shopA });

      const otherShop = await insertOrder(a.db, { pizzeriaId: shopB, fulfilment: stream.fulfilment });
      const otherKind = await insertOrder(a.db, { pizzeriaId: shopA, fulfilment: other });
      const mine = await insertOrder(a.db, { pizzeriaId: shopA, fulfilment: stream.fulfilment });
      // Events arrive in commit order: `mine` coming next proves the two before it were not sent.
      await changeStatus(a.database, a.bus, otherShop, 'ready');
      await changeStatus(a.database, a.bus, otherKind, 'ready');
      await changeStatus(a.database, a.bus, mine, 'ready');
      const frame = await reader.next();
      expect(frame.event).to.equal('order.status');
      expect(frame.data).to.include({ orderId: mine.id, pizzeriaId: shopA, status: 'ready' });
    });
  }

  it('when an order is made ready through instance A, then the driver’s and the counter’s streams on instance B hear it', async () => {
    const w = await createShopWorld(a.db);
    const customer = await customerWithToken(a.db);
    const pizzaiolo = await staffWithToken(a.db, 'pizzaiolo', w.shopId);
    const driver = await open(`${b.url}${STREAMS.deliveries.path}`, await staffToken('driver', w.shopId));
    const counter = await open(`${b.url}${STREAMS.takeaway.path}`, await staffToken('counter', w.shopId));
    expect((await driver.next()).event).to.equal('ready');
    expect((await counter.next()).event).to.equal('ready');

    for (const [fulfilment, reader] of [
      ['delivery', driver],
      ['takeaway', counter],
    ] as const) {
      const placed = await placeThroughApi(api, customer.token, {
        pizzeriaId: w.shopId,
        fulfilment,
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
      });
      const orderId = placed.order.id;
      expect((await reader.next()).data).to.include({ orderId, type: 'order.created', status: 'received' });
      for (const step of ['start', 'ready']) {
        const res = await api.post(`/api/staff/orders/${orderId}/${step}`, { token: pizzaiolo.token });
        expect(res.status).to.equal(200);
      }
      expect((await reader.next()).data).to.include({ orderId, status: 'preparing' });
      const ready = await reader.next();
      expect(ready.event).to.equal('order.status');
      expect(ready.data).to.include({ orderId, status: 'ready', fulfilment });
    }
  });

  it('when a group admin names a shop, then they follow it; without one, then 422; an unknown one, then 404', async () => {
    const shop = await createPizzeria(a.db);
    const admin = await staffToken('admin', null);
    for (const stream of Object.values(STREAMS)) {
      // The way EventSource authenticates: the token in the query string.
      const reader = await open(`${a.url}${stream.path}?pizzeriaId=${shop}&access_token=${admin}`);
      expect(reader.status).to.equal(200);
      expect((await reader.next()).data).to.include({ pizzeriaId: shop });
      const missing = await api.get(stream.path, { token: admin });
      expect(missing.status).to.equal(422);
      expect(missing.body.error.code).to.equal('pizzeria_required');
      const unknown = await api.get(`${stream.path}?pizzeriaId=999999`, { token: admin });
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error.code).to.equal('pizzeria_not_found');
    }
  });

  it('when someone without the list’s right, from another shop, a customer or nobody asks, then 403 or 401 and no stream opens', async () => {
    const shopA = await createPizzeria(a.db);
    const shopB = await createPizzeria(a.db);
    const customer = await createCustomer(a.db);
    const customerToken = (await tokenFor(a.db, { customerId: customer.id })).token;
    const refusals: [string, string | undefined, number, string][] = [
      // The driver's list: deliveries.view (admin, manager, driver).
      [`${STREAMS.deliveries.path}`, await staffToken('counter', shopA), 403, 'forbidden'],
      [`${STREAMS.deliveries.path}`, await staffToken('pizzaiolo', shopA), 403, 'forbidden'],
      [`${STREAMS.deliveries.path}`, await staffToken('accountant', null), 403, 'forbidden'],
      [
        `${STREAMS.deliveries.path}?pizzeriaId=${shopB}`,
        await staffToken('driver', shopA),
        403,
        'other_pizzeria',
      ],
      // The counter's hand-over list: orders.collect (admin, manager, counter).
      [`${STREAMS.takeaway.path}`, await staffToken('driver', shopA), 403, 'forbidden'],
      [`${STREAMS.takeaway.path}`, await staffToken('pizzaiolo', shopA), 403, 'forbidden'],
      [
        `${STREAMS.takeaway.path}?pizzeriaId=${shopB}`,
        await staffToken('counter', shopA),
        403,
        'other_pizzeria',
      ],
      [
        `${STREAMS.takeaway.path}?pizzeriaId=${shopB}`,
        await staffToken('manager', shopA),
        403,
        'other_pizzeria',
      ],
    ];
    for (const stream of Object.values(STREAMS)) {
      refusals.push(
        [stream.path, customerToken, 401, 'unauthorized'],
        [stream.path, undefined, 401, 'unauthorized'],
      );
    }
    for (const [path, token, status, code] of refusals) {
      const res = await api.get(path, { token });
      expect(res.status, `${path} → ${res.status}`).to.equal(status);
      expect(res.headers.get('content-type')).to.match(/json/);
      expect(res.body.error.code, path).to.equal(code);
    }
    expect(openStreamCount()).to.equal(0);
  });
});
