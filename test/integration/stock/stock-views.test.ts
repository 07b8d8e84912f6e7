import { expect } from 'chai';
import { createIngredient, createPizzeria } from '../../factories/catalog.js';
import { staffSession, stockItem } from '../../factories/stock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('stock views: the shop list and low-stock alerts', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  /** Two active shops and a closed one; each has salmon below its threshold, A also has fine flour. */
  async function group() {
    const shopA = await createPizzeria(app.db, { code: 'P01', name: 'OC Pizza Montmartre' });
    const shopB = await createPizzeria(app.db, { code: 'P02', name: 'OC Pizza Bastille' });
    const closed = await createPizzeria(app.db, { code: 'P09', name: 'Fermée', active: false });
    const salmon = await createIngredient(app.db, 'Saumon fumé', 'g');
    const flour = await createIngredient(app.db, 'Farine', 'g');
    const cans = await createIngredient(app.db, 'Coca-Cola 33 cl', 'piece');
    // A: 300 g salmon, 250 g of it reserved → 50 available < 100 (low); flour plenty; cans 12 − 2 = 10 = threshold.
    await stockItem(app.db, shopA, salmon, { onHand: 300, reserved: 250, alertThreshold: 100 });
    await stockItem(app.db, shopA, flour, { onHand: 20_000, alertThreshold: 5_000 });
    await stockItem(app.db, shopA, cans, { onHand: 12, reserved: 2, alertThreshold: 10 });
    await stockItem(app.db, shopB, salmon, { onHand: 0, alertThreshold: 100 });
    await stockItem(app.db, shopB, flour, { onHand: 4_000, alertThreshold: 5_000 });
    await stockItem(app.db, closed, salmon, { onHand: 0, alertThreshold: 100 });
    return { shopA, shopB, closed, salmon, flour, cans };
  }

  it('when staff list their shop, then every ingredient it stocks comes with on hand, reserved, available and low, by name', async () => {
    const { shopA, salmon, flour, cans } = await group();
    const pizzaiolo = await staffSession(api, app.db, 'pizzaiolo', shopA);
    const res = await api.get('/api/staff/stock', { token: pizzaiolo.token });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      pizzeriaId: shopA,
      items: [
        {
          ingredientId: cans,
          name: 'Coca-Cola 33 cl',
          unit: 'piece',
          onHand: 12,
          reserved: 2,
          available: 10,
          alertThreshold: 10,
          low: false,
        },
        {
          ingredientId: flour,
          name: 'Farine',
          unit: 'g',
          onHand: 20_000,
          reserved: 0,
          available: 20_000,
          alertThreshold: 5_000,
          low: false,
        },
        {
          ingredientId: salmon,
          name: 'Saumon fumé',
          unit: 'g',
          onHand: 300,
          reserved: 250,
          available: 50,
          alertThreshold: 100,
          low: true,
        },
      ],
    });
  });

  it('when a shop stocks nothing yet, then its list is empty', async () => {
    const shop = await createPizzeria(app.db);
    const manager = await staffSession(api, app.db, 'manager', shop);
    const res = await api.get('/api/staff/stock', { token: manager.token });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ pizzeriaId: shop, items: [] });
  });

  it('when a manager asks for low stock, then only their shop’s low lines come, most urgent first', async () => {
    const { shopA, shopB, salmon, flour } = await group();
    const manager = await staffSession(api, app.db, 'manager', shopB);
    const res = await api.get('/api/staff/stock/low', { token: manager.token });
    expect(res.status).to.equal(200);
    expect(res.body.items.map((i: any) => [i.pizzeriaId, i.ingredientId, i.available])).to.deep.equal([
      [shopB, salmon, 0],
      [shopB, flour, 4_000],
    ]);
    expect(res.body.items[0]).to.include({
      pizzeriaCode: 'P02',
      pizzeriaName: 'OC Pizza Bastille',
      low: true,
    });
    expect(res.body.items.map((i: any) => i.pizzeriaId)).not.to.include(shopA);
  });

  it('when the admin asks for low stock without a shop, then every active shop’s low lines come; naming a shop narrows it', async () => {
    const { shopA, closed, salmon, flour } = await group();
    const admin = await staffSession(api, app.db, 'admin');
    const all = await api.get('/api/staff/stock/low', { token: admin.token });
    expect(all.status).to.equal(200);
    expect(all.body.items.map((i: any) => [i.pizzeriaCode, i.ingredientId])).to.deep.equal([
      ['P01', salmon],
      ['P02', salmon],
      ['P02', flour],
    ]);
    const one = await api.get(`/api/staff/stock/low?pizzeriaId=${shopA}`, { token: admin.token });
    expect(one.body.items.map((i: any) => [i.pizzeriaId, i.ingredientId])).to.deep.equal([[shopA, salmon]]);
    // A closed shop is left out of the group view, but can still be looked at by name.
    const closedShop = await api.get(`/api/staff/stock/low?pizzeriaId=${closed}`, { token: admin.token });
    expect(closedShop.body.items.map((i: any) => i.pizzeriaId)).to.deep.equal([closed]);
    const unknown = await api.get('/api/staff/stock/low?pizzeriaId=999999', { token: admin.token });
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('pizzeria_not_found');
  });

  it('when a receipt lifts a line above its threshold, then it leaves the low-stock list', async () => {
    const { shopA, salmon } = await group();
    const manager = await staffSession(api, app.db, 'manager', shopA);
    const receipt = await api.post('/api/staff/stock/receipts', {
      token: manager.token,
      body: { ingredientId: salmon, quantity: 1000 },
    });
    expect(receipt.body).to.include({ available: 1050, low: false });
    const low = await api.get('/api/staff/stock/low', { token: manager.token });
    expect(low.body.items).to.deep.equal([]);
  });
});
