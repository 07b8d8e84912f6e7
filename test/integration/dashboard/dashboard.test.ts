import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';

describe('dashboard figures', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  async function collectedOrder(w: ShopWorld, quantity: number) {
    const api = client(app.url);
    const customer = await customerWithToken(app.db);
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity }],
        paymentMethod: 'cash',
      },
    });
    const id = placed.body.order.id;
    await api.post(`/api/staff/orders/${id}/start`, { token: pizzaiolo.token });
    await api.post(`/api/staff/orders/${id}/ready`, { token: pizzaiolo.token });
    await api.post(`/api/staff/orders/${id}/collect`, {
      token: counter.token,
      body: { payment: { method: 'cash', amountReceivedCents: 10_000 } },
    });
    return id as string;
  }

  it('when orders were completed and refunded, then revenue, statuses, top products and times add up per shop and group', async () => {
    const a = await createShopWorld(app.db);
    const b = await createShopWorld(app.db, { prefix: 'B-' });
    const first = await collectedOrder(a, 2); // 25,80 €
    await collectedOrder(a, 1); // 12,90 €
    await collectedOrder(b, 3); // 38,70 €
    const manager = await staffWithToken(app.db, 'manager', a.shopId);
    await client(app.url).post(`/api/staff/orders/${first}/refunds`, {
      token: manager.token,
      body: { amountCents: 300, reason: 'Geste commercial' },
    });
    await app.db.query(`UPDATE stock_items SET alert_threshold = 600 WHERE id = $1`, {
      bind: [a.stockIds.cola],
    });

    const shopA = await app.services.dashboard.figures(a.shopId);
    expect(shopA.revenueCents).to.deep.equal({ today: 2580 + 1290 - 300, days7: 3570, days30: 3570 });
    expect(shopA.ordersToday).to.deep.equal({ total: 2, byStatus: { collected: 2 } });
    expect(shopA.topProducts).to.deep.equal([{ name: 'Margherita', quantity: 3, revenueCents: 3870 }]);
    expect(shopA.lowStock).to.have.length(1);
    expect(shopA.lowStock[0]).to.include({ ingredient: 'Cola 33 cl', available: 500, threshold: 600 });
    expect(shopA.averageMinutes.preparation).to.be.a('number').and.at.least(0);
    expect(shopA.averageMinutes.delivery).to.equal(null); // takeaway only
    expect(shopA.revenueByDay).to.have.length(30);
    expect(shopA.revenueByDay.at(-1)!.revenueCents).to.equal(3570);

    const group = await app.services.dashboard.figures(null);
    expect(group.revenueCents.today).to.equal(3570 + 3870);
    expect(group.ordersToday.total).to.equal(3);
    expect(group.topProducts.map((p) => [p.name, p.quantity]).sort()).to.deep.equal([
      ['B-Margherita', 3],
      ['Margherita', 3],
    ]);
  });
});
