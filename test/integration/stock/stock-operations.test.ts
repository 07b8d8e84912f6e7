import { expect } from 'chai';
import { createIngredient, createPizzeria, createProduct } from '../../factories/catalog.js';
import { movementCount, movementsOf, staffSession, stockItem, stockRow } from '../../factories/stock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('stock operations: receipts, waste, counts', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  /** A shop with mozzarella: 1,000 g on hand, of which `reserved` g are held by orders in progress. */
  async function mozzaShop(reserved = 0) {
    const shop = await createPizzeria(app.db);
    const mozza = await createIngredient(app.db, 'Mozzarella', 'g');
    await stockItem(app.db, shop, mozza, { onHand: 1000, reserved, alertThreshold: 200 });
    const manager = await staffSession(api, app.db, 'manager', shop);
    return { shop, mozza, manager };
  }

  const expectLedgerTrue = async () =>
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);

  it('when a manager records a receipt, then on hand grows and the ledger gets one receipt by them with the note', async () => {
    const { shop, mozza, manager } = await mozzaShop(300);
    const res = await api.post('/api/staff/stock/receipts', {
      token: manager.token,
      body: { ingredientId: mozza, quantity: 2500, note: 'BL 4711 Laiterie Martin' },
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      ingredientId: mozza,
      name: 'Mozzarella',
      unit: 'g',
      onHand: 3500,
      reserved: 300,
      available: 3200,
      alertThreshold: 200,
      low: false,
    });
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 3500, reserved: 300 });
    expect((await movementsOf(app.db, shop, mozza)).slice(2)).to.deep.equal([
      { kind: 'receipt', quantity: 2500, employeeId: manager.id, note: 'BL 4711 Laiterie Martin' },
    ]);
    await expectLedgerTrue();
  });

  it('when an ingredient the shop never stocked is received, then its stock item is created with the receipt', async () => {
    const shop = await createPizzeria(app.db);
    const truffle = await createIngredient(app.db, 'Crème de truffe', 'g');
    const manager = await staffSession(api, app.db, 'manager', shop);
    const res = await api.post('/api/staff/stock/receipts', {
      token: manager.token,
      body: { ingredientId: truffle, quantity: 500 },
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ onHand: 500, reserved: 0, available: 500, alertThreshold: 0, low: false });
    expect(await movementsOf(app.db, shop, truffle)).to.deep.equal([
      { kind: 'receipt', quantity: 500, employeeId: manager.id, note: null },
    ]);
    await expectLedgerTrue();
  });

  it('when a pizzaiolo records waste within what is free, then on hand shrinks and the ledger gets a negative waste with its reason', async () => {
    const { shop, mozza } = await mozzaShop(300);
    const pizzaiolo = await staffSession(api, app.db, 'pizzaiolo', shop);
    const res = await api.post('/api/staff/stock/waste', {
      token: pizzaiolo.token,
      body: { ingredientId: mozza, quantity: 700, note: '  Sachet percé  ' },
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ onHand: 300, reserved: 300, available: 0, low: true });
    expect((await movementsOf(app.db, shop, mozza)).slice(2)).to.deep.equal([
      { kind: 'waste', quantity: -700, employeeId: pizzaiolo.id, note: 'Sachet percé' },
    ]);
    await expectLedgerTrue();
  });

  it('when waste would take on hand below what orders reserved, then 409 stock_reserved says how much is reserved, and nothing is written', async () => {
    const { shop, mozza, manager } = await mozzaShop(300);
    const before = await movementCount(app.db);
    const res = await api.post('/api/staff/stock/waste', {
      token: manager.token,
      body: { ingredientId: mozza, quantity: 701, note: 'Périmé' },
    });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('stock_reserved');
    expect(res.body.error.message).to.include('300 g').and.include('commandes en cours').and.include('700 g');
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 1000, reserved: 300 });
    expect(await movementCount(app.db)).to.equal(before);
  });

  it('when waste exceeds on hand with nothing reserved, or the shop never stocked the ingredient, then 409 insufficient_stock and nothing is written', async () => {
    const { shop, mozza, manager } = await mozzaShop(0);
    const basil = await createIngredient(app.db, 'Basilic', 'g');
    const before = await movementCount(app.db);
    for (const [ingredientId, quantity] of [
      [mozza, 1001],
      [basil, 1],
    ]) {
      const res = await api.post('/api/staff/stock/waste', {
        token: manager.token,
        body: { ingredientId, quantity, note: 'Erreur de saisie' },
      });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('insufficient_stock');
    }
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 1000, reserved: 0 });
    expect(await stockRow(app.db, shop, basil)).to.equal(undefined);
    expect(await movementCount(app.db)).to.equal(before);
  });

  it('when a count differs from on hand, then one adjustment of the difference is written, either way', async () => {
    const { shop, mozza, manager } = await mozzaShop(300);
    const down = await api.post('/api/staff/stock/counts', {
      token: manager.token,
      body: { ingredientId: mozza, countedQuantity: 940, note: 'Inventaire du lundi' },
    });
    expect(down.status).to.equal(200);
    expect(down.body).to.include({ onHand: 940, reserved: 300, available: 640 });
    const up = await api.post('/api/staff/stock/counts', {
      token: manager.token,
      body: { ingredientId: mozza, countedQuantity: 1200 },
    });
    expect(up.body).to.include({ onHand: 1200, reserved: 300, available: 900 });
    expect((await movementsOf(app.db, shop, mozza)).slice(2)).to.deep.equal([
      { kind: 'adjustment', quantity: -60, employeeId: manager.id, note: 'Inventaire du lundi' },
      { kind: 'adjustment', quantity: 260, employeeId: manager.id, note: null },
    ]);
    await expectLedgerTrue();
  });

  it('when a count equals on hand, then no movement is written and the line is returned as it is', async () => {
    const { shop, mozza, manager } = await mozzaShop(300);
    const before = await movementCount(app.db);
    const res = await api.post('/api/staff/stock/counts', {
      token: manager.token,
      body: { ingredientId: mozza, countedQuantity: 1000 },
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ onHand: 1000, reserved: 300, available: 700 });
    expect(await movementCount(app.db)).to.equal(before);
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 1000 });
  });

  it('when a count is below what orders reserved, then 409 count_below_reserved and nothing is written', async () => {
    const { shop, mozza, manager } = await mozzaShop(300);
    const before = await movementCount(app.db);
    const res = await api.post('/api/staff/stock/counts', {
      token: manager.token,
      body: { ingredientId: mozza, countedQuantity: 299 },
    });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('count_below_reserved');
    expect(res.body.error.message).to.include('300 g');
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 1000, reserved: 300 });
    expect(await movementCount(app.db)).to.equal(before);
  });

  it('when the ingredient or the named shop does not exist, then 404 with its code and nothing is written', async () => {
    const { mozza, manager } = await mozzaShop();
    const admin = await staffSession(api, app.db, 'admin');
    const before = await movementCount(app.db);
    const noIngredient = await api.post('/api/staff/stock/receipts', {
      token: manager.token,
      body: { ingredientId: 999_999, quantity: 10 },
    });
    expect(noIngredient.status).to.equal(404);
    expect(noIngredient.body.error.code).to.equal('ingredient_not_found');
    const noShop = await api.post('/api/staff/stock/receipts', {
      token: admin.token,
      body: { pizzeriaId: 999_999, ingredientId: mozza, quantity: 10 },
    });
    expect(noShop.status).to.equal(404);
    expect(noShop.body.error.code).to.equal('pizzeria_not_found');
    const noShopList = await api.get('/api/staff/stock?pizzeriaId=999999', { token: admin.token });
    expect(noShopList.status).to.equal(404);
    expect(await movementCount(app.db)).to.equal(before);
  });

  it('when a pizza lacks an ingredient, then the menu shows it unavailable, and available again after a receipt', async () => {
    const shop = await createPizzeria(app.db);
    const dough = await createIngredient(app.db, 'Pâte', 'g');
    const mozza = await createIngredient(app.db, 'Mozzarella', 'g');
    await createProduct(app.db, { name: 'Margherita', recipe: { [dough]: 250, [mozza]: 120 } });
    await stockItem(app.db, shop, dough, { onHand: 10_000 });
    await stockItem(app.db, shop, mozza, { onHand: 100 });
    const manager = await staffSession(api, app.db, 'manager', shop);
    const margherita = async () => {
      const menu = await api.get(`/api/pizzerias/${shop}/menu`);
      return menu.body.products.find((p: { name: string }) => p.name === 'Margherita');
    };

    expect(await margherita()).to.include({ available: false });
    const receipt = await api.post('/api/staff/stock/receipts', {
      token: manager.token,
      body: { ingredientId: mozza, quantity: 500 },
    });
    expect(receipt.status).to.equal(200);
    const after = await margherita();
    expect(after.available).to.equal(true);
    expect(after.sizes.find((s: { code: string }) => s.code === 'M')).to.include({ maxQuantity: 5 });
  });

  it('when several wastes race for the same free stock, then only those that fit pass and on hand never drops below reserved', async () => {
    const { shop, mozza, manager } = await mozzaShop(100);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post('/api/staff/stock/waste', {
          token: manager.token,
          body: { ingredientId: mozza, quantity: 250, note: 'Chambre froide en panne' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).to.deep.equal([200, 200, 200, 409, 409]);
    expect(await stockRow(app.db, shop, mozza)).to.include({ onHand: 250, reserved: 100 });
    await expectLedgerTrue();
  });

  it('when first receipts of a new ingredient race, then all pass on one stock item', async () => {
    const shop = await createPizzeria(app.db);
    const flour = await createIngredient(app.db, 'Farine', 'g');
    const manager = await staffSession(api, app.db, 'manager', shop);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post('/api/staff/stock/receipts', {
          token: manager.token,
          body: { ingredientId: flour, quantity: 1000 },
        }),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(await stockRow(app.db, shop, flour)).to.include({ onHand: 5000, reserved: 0 });
    expect(await movementsOf(app.db, shop, flour)).to.have.length(5);
    await expectLedgerTrue();
  });
});
