// GET /api/staff/purchasing/food-cost over HTTP: a manager reads their shop's cost of goods with the price
// received for mozzarella; the period and the shop are checked (422 / 403) as the permission table says.
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { createPurchaseOrder, createSupplier } from '../../factories/suggestions.js';

describe('purchasing: cost of goods over HTTP', function () {
  this.timeout(60_000);
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
  });

  it('when the manager asks, then their shop’s sizes are costed at the received price and 14 days are listed', async () => {
    const supplierId = await createSupplier(app.db, { name: `Laiterie ${Date.now()}` });
    await createPurchaseOrder(app.db, {
      pizzeriaId: w.shopId,
      supplierId,
      status: 'received',
      lines: [
        {
          ingredientId: w.ingredients.mozza,
          packs: 1,
          packQuantity: 2500,
          packPriceCents: 2125,
          receivedQuantity: 2500,
        },
      ],
    });
    const { token } = await staffWithToken(app.db, 'manager', w.shopId);
    const res = await api.get('/api/staff/purchasing/food-cost', { token });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.pizzeriaId).to.equal(w.shopId);
    expect(res.body.days).to.have.length(14);
    expect(res.body.prices.find((p: any) => p.ingredientId === w.ingredients.mozza)).to.include({
      source: 'received',
      packPriceCents: 2125,
    });
    expect(res.body.sizes.length).to.be.above(0);
  });

  it('when the period or the shop is wrong, then 422 or 403 with a code', async () => {
    const { token } = await staffWithToken(app.db, 'manager', w.shopId);
    const reversed = await api.get('/api/staff/purchasing/food-cost?from=2026-12-02&to=2026-12-01', {
      token,
    });
    expect(reversed.status).to.equal(422);
    expect(reversed.body.error.code).to.equal('invalid_period');
    const bad = await api.get('/api/staff/purchasing/food-cost?from=2026-02-30', { token });
    expect(bad.status).to.equal(422);
    const other = await api.get(`/api/staff/purchasing/food-cost?pizzeriaId=${w.shopId + 100000}`, { token });
    expect(other.status).to.equal(403);
    const accountant = await staffWithToken(app.db, 'accountant', null);
    const noShop = await api.get('/api/staff/purchasing/food-cost', { token: accountant.token });
    expect(noShop.status).to.equal(422);
    expect(noShop.body.error.code).to.equal('pizzeria_required');
    const shop = await api.get(`/api/staff/purchasing/food-cost?pizzeriaId=${w.shopId}`, {
      token: accountant.token,
    });
    expect(shop.status).to.equal(200);
  });
});
