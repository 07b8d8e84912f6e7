import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  type ShopWorld,
  staffWithToken,
} from '../../factories/shop.js';

// The counter's hand-over list: takeaway orders of its own shop that are not handed over yet.
describe('counter queue: GET /api/staff/takeaway', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let other: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;
  let pizzaiolo: Awaited<ReturnType<typeof staffWithToken>>;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    other = await createShopWorld(app.db, { prefix: 'B-' });
    customer = await customerWithToken(app.db);
    pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
  });

  async function place(shop: ShopWorld, fulfilment: 'takeaway' | 'delivery' = 'takeaway', quantity = 1) {
    const { order } = await placeThroughApi(api, customer.token, {
      pizzeriaId: shop.shopId,
      fulfilment,
      items: [
        { productId: shop.margherita.productId, sizeId: shop.margherita.sizeL, quantity },
        { productId: shop.cola.productId, sizeId: shop.cola.sizeId, quantity: 2 },
      ],
    });
    return order;
  }

  async function step(orderId: string, ...steps: string[]) {
    for (const s of steps) {
      const res = await api.post(`/api/staff/orders/${orderId}/${s}`, { token: pizzaiolo.token });
      expect(res.status, `${s}: ${JSON.stringify(res.body)}`).to.equal(200);
    }
  }

  it('when takeaway orders are at every stage, then only its shop’s waiting ones are listed, ready first then oldest', async () => {
    const received = await place(w);
    const preparing = await place(w);
    const readyOld = await place(w, 'takeaway', 2);
    const readyNew = await place(w);
    const collected = await place(w);
    const cancelled = await place(w);
    await place(w, 'delivery');
    await place(other);
    await step(preparing.id, 'start');
    await step(readyOld.id, 'start', 'ready');
    await step(readyNew.id, 'start', 'ready');
    await step(collected.id, 'start', 'ready');
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const handedOver = await api.post(`/api/staff/orders/${collected.id}/collect`, {
      token: counter.token,
      body: { payment: { method: 'card_terminal', amountReceivedCents: collected.totalCents } },
    });
    expect(handedOver.status).to.equal(200);
    const cancel = await api.post(`/api/staff/orders/${cancelled.id}/cancel`, {
      token: counter.token,
      body: { reason: 'Client injoignable' },
    });
    expect(cancel.status).to.equal(200);

    const res = await api.get('/api/staff/takeaway', { token: counter.token });
    expect(res.status).to.equal(200);
    expect(res.body.orders.map((o: any) => [o.number, o.status])).to.deep.equal([
      [readyOld.number, 'ready'],
      [readyNew.number, 'ready'],
      [received.number, 'received'],
      [preparing.number, 'preparing'],
    ]);
    const first = res.body.orders[0];
    // 2 × Margherita L (15,90 €) + 2 × cola (2,50 €), takeaway: no delivery fee.
    expect(first).to.include({
      id: readyOld.id,
      totalCents: 2 * 1590 + 2 * 250,
      amountToCollectCents: 2 * 1590 + 2 * 250,
      paymentMethod: 'cash',
      paymentStatus: 'unpaid',
      customerPhone: '06 39 98 00 00',
    });
    expect(first.lines).to.deep.equal([
      { productName: 'Margherita', sizeLabel: 'Méga 36 cm', quantity: 2 },
      { productName: 'Cola', sizeLabel: '33 cl', quantity: 2 },
    ]);
  });

  it('when an order is already paid, then nothing is left to collect at the counter', async () => {
    const order = await place(w);
    // A confirmed online payment ends as `paid` on the order (the Stripe path is covered by the payments tests).
    await app.db.query(`UPDATE orders SET payment_status = 'paid' WHERE id = $1`, { bind: [order.id] });
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    const res = await api.get('/api/staff/takeaway', { token: manager.token });
    expect(res.body.orders).to.have.length(1);
    expect(res.body.orders[0]).to.include({ paymentStatus: 'paid', amountToCollectCents: 0 });
  });

  it('when a pizzaiolo or a driver asks, then it is refused (403)', async () => {
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    for (const token of [pizzaiolo.token, driver.token]) {
      const res = await api.get('/api/staff/takeaway', { token });
      expect([res.status, res.body.error.code]).to.deep.equal([403, 'forbidden']);
    }
  });

  it('when a manager names another shop, then it is refused; the group admin must name one', async () => {
    await place(other);
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    const refused = await api.get(`/api/staff/takeaway?pizzeriaId=${other.shopId}`, { token: manager.token });
    expect([refused.status, refused.body.error.code]).to.deep.equal([403, 'other_pizzeria']);

    const admin = await staffWithToken(app.db, 'admin', null);
    const unnamed = await api.get('/api/staff/takeaway', { token: admin.token });
    expect([unnamed.status, unnamed.body.error.code]).to.deep.equal([422, 'pizzeria_required']);
    const named = await api.get(`/api/staff/takeaway?pizzeriaId=${other.shopId}`, { token: admin.token });
    expect(named.status).to.equal(200);
    expect(named.body.orders).to.have.length(1);
    expect(named.body.orders[0].lines[0].productName).to.equal('B-Margherita');
  });
});
