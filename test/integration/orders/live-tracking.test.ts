import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, staffWithToken } from '../../factories/shop.js';
import { SseReader } from '../realtime/support.js';

// Two app processes on one database, as in production behind NGINX: what happens through one reaches the
// live streams of the other, through PostgreSQL LISTEN/NOTIFY.
describe('live tracking across app instances, through the API', function () {
  this.timeout(30_000);
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    a = await startTestApp({}, { bus: 'pg', ownPool: true });
    b = await startTestApp({}, { bus: 'pg', ownPool: true });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('when an order is placed and prepared through instance A, then SSE clients of instance B see each step', async () => {
    const w = await createShopWorld(a.db, { mozzarella: 600 });
    const customer = await customerWithToken(a.db);
    const pizzaiolo = await staffWithToken(a.db, 'pizzaiolo', w.shopId);
    const kitchen = await SseReader.open(`${b.url}/api/staff/kitchen/events`, { token: pizzaiolo.token });
    expect((await kitchen.next()).event).to.equal('ready');

    const placed = await client(a.url).post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'cash',
      },
    });
    expect(placed.status).to.equal(201);
    const orderId = placed.body.order.id;
    const created = await kitchen.next();
    expect(created.event).to.equal('order.created');
    expect(created.data).to.include({ orderId, status: 'received' });

    // The menu of instance B reflects the reservation at once: 600 g − 240 g reserved = 3 pizzas M left.
    const menu = await client(b.url).get(`/api/pizzerias/${w.shopId}/menu`);
    const sizeM = menu.body.products
      .find((p: any) => p.name === 'Margherita')
      .sizes.find((s: any) => s.code === 'M');
    expect(sizeM.maxQuantity).to.equal(3);

    const tracking = await SseReader.open(
      `${b.url}/api/orders/${orderId}/events?access_token=${customer.token}`,
    );
    const initial = await tracking.next();
    expect(initial.event).to.equal('status');
    expect(initial.data).to.include({ status: 'received' });

    expect(
      (await client(a.url).post(`/api/staff/orders/${orderId}/start`, { token: pizzaiolo.token })).status,
    ).to.equal(200);
    const preparing = await tracking.next();
    expect(preparing.data).to.include({ orderId, status: 'preparing' });
    expect(preparing.data.estimatedReadyAt).to.be.a('string');
    expect((await kitchen.next()).data).to.include({ orderId, status: 'preparing' });

    await client(a.url).post(`/api/staff/orders/${orderId}/ready`, { token: pizzaiolo.token });
    expect((await tracking.next()).data).to.include({ status: 'ready' });
    tracking.close();
    kitchen.close();
  });
});
