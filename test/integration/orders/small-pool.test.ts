// No query of an order's transaction may wait for a second pooled connection while the order row is locked:
// with as many concurrent requests as connections, every transaction would wait for a connection that only
// another waiting transaction can give back, and the pool starves. (The executor refuses a pool query inside a
// transaction: the shop's settings are read on the transaction's own executor.)
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  takeawayMargherita,
} from '../../factories/shop.js';

describe('a small pool (DB_POOL_MAX=2) under concurrent order changes', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ DB_POOL_MAX: '2' }, { ownPool: true });
  });
  after(() => app.close());

  it('when 20 different orders are modified at once, then all 20 modifications finish, then 20 starts too', async () => {
    const api = client(app.url);
    const w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const orders: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.post('/api/orders', {
        token: customer.token,
        headers: { 'Idempotency-Key': newKey() },
        body: takeawayMargherita(w),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      orders.push(res.body.order.id);
    }

    const items = [{ productId: w.margherita.productId, sizeId: w.margherita.sizeL, quantity: 2 }];
    const modified = await Promise.all(
      orders.map((id) => api.patch(`/api/orders/${id}`, { token: customer.token, body: { items } })),
    );
    expect(modified.map((r) => r.status)).to.deep.equal(orders.map(() => 200));
    expect(modified.every((r) => r.body.order.subtotalCents === 2 * 1590)).to.equal(true);

    const started = await Promise.all(
      orders.map((id) => api.post(`/api/staff/orders/${id}/start`, { token: pizzaiolo.token })),
    );
    expect(started.map((r) => r.status)).to.deep.equal(orders.map(() => 200));
    expect(app.database.stats().total, 'connections the app opened').to.be.at.most(2);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });
});
