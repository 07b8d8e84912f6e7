import { expect } from 'chai';
import { createIngredient, createPizzeria } from '../../factories/catalog.js';
import { movementCount, movementsOf, staffSession, stockItem, stockRow } from '../../factories/stock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('stock endpoints: who may do what, and input checks', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  async function twoShops() {
    const shopA = await createPizzeria(app.db);
    const shopB = await createPizzeria(app.db);
    const mozza = await createIngredient(app.db, 'Mozzarella', 'g');
    await stockItem(app.db, shopA, mozza, { onHand: 1000 });
    await stockItem(app.db, shopB, mozza, { onHand: 1000 });
    return { shopA, shopB, mozza };
  }

  const receipt = (token: string | undefined, body: object) =>
    api.post('/api/staff/stock/receipts', { token, body });
  const waste = (token: string | undefined, body: object) =>
    api.post('/api/staff/stock/waste', { token, body });
  const count = (token: string | undefined, body: object) =>
    api.post('/api/staff/stock/counts', { token, body });

  it('when a pizzaiolo acts, then they may see stock and record waste, but not a receipt or a count (403)', async () => {
    const { shopA, mozza } = await twoShops();
    const pizzaiolo = await staffSession(api, app.db, 'pizzaiolo', shopA);
    expect((await api.get('/api/staff/stock', { token: pizzaiolo.token })).status).to.equal(200);
    expect(
      (await waste(pizzaiolo.token, { ingredientId: mozza, quantity: 10, note: 'Brûlé' })).status,
    ).to.equal(200);
    const refusedReceipt = await receipt(pizzaiolo.token, { ingredientId: mozza, quantity: 10 });
    const refusedCount = await count(pizzaiolo.token, { ingredientId: mozza, countedQuantity: 0 });
    expect([refusedReceipt.status, refusedCount.status]).to.deep.equal([403, 403]);
    expect(refusedReceipt.body.error.code).to.equal('forbidden');
    expect(await stockRow(app.db, shopA, mozza)).to.include({ onHand: 990 });
  });

  for (const role of ['driver', 'counter'] as const) {
    it(`when a ${role} asks for the stock, then 403 on every stock endpoint`, async () => {
      const { shopA, mozza } = await twoShops();
      const { token } = await staffSession(api, app.db, role, shopA);
      const statuses = [
        (await api.get('/api/staff/stock', { token })).status,
        (await api.get('/api/staff/stock/low', { token })).status,
        (await receipt(token, { ingredientId: mozza, quantity: 10 })).status,
        (await waste(token, { ingredientId: mozza, quantity: 10, note: 'x' })).status,
        (await count(token, { ingredientId: mozza, countedQuantity: 0 })).status,
      ];
      expect(statuses).to.deep.equal([403, 403, 403, 403, 403]);
    });
  }

  it('when an accountant asks for the stock, then 403 (the group role has no stock right)', async () => {
    const { token } = await staffSession(api, app.db, 'accountant');
    expect((await api.get('/api/staff/stock/low', { token })).status).to.equal(403);
  });

  it('when a manager of shop A names shop B, then 403 other_pizzeria and B is never touched', async () => {
    const { shopA, shopB, mozza } = await twoShops();
    const manager = await staffSession(api, app.db, 'manager', shopA);
    const before = await movementCount(app.db);
    const answers = [
      await api.get(`/api/staff/stock?pizzeriaId=${shopB}`, { token: manager.token }),
      await api.get(`/api/staff/stock/low?pizzeriaId=${shopB}`, { token: manager.token }),
      await receipt(manager.token, { pizzeriaId: shopB, ingredientId: mozza, quantity: 10 }),
      await waste(manager.token, { pizzeriaId: shopB, ingredientId: mozza, quantity: 10, note: 'x' }),
      await count(manager.token, { pizzeriaId: shopB, ingredientId: mozza, countedQuantity: 0 }),
    ];
    expect(answers.map((a) => a.status)).to.deep.equal([403, 403, 403, 403, 403]);
    expect(answers.map((a) => a.body.error.code)).to.deep.equal(Array(5).fill('other_pizzeria'));
    expect(await stockRow(app.db, shopB, mozza)).to.include({ onHand: 1000 });
    expect(await movementCount(app.db)).to.equal(before);

    // Naming their own shop, or none, acts on their own shop.
    expect(
      (await receipt(manager.token, { pizzeriaId: shopA, ingredientId: mozza, quantity: 5 })).status,
    ).to.equal(200);
    const own = await api.get('/api/staff/stock', { token: manager.token });
    expect(own.body).to.include({ pizzeriaId: shopA });
    expect(own.body.items[0]).to.include({ onHand: 1005 });
  });

  it('when the admin does not name the shop, then 422 pizzeria_required; naming one, they act on it', async () => {
    const { shopA, shopB, mozza } = await twoShops();
    const admin = await staffSession(api, app.db, 'admin');
    const unnamed = [
      await api.get('/api/staff/stock', { token: admin.token }),
      await receipt(admin.token, { ingredientId: mozza, quantity: 10 }),
      await waste(admin.token, { ingredientId: mozza, quantity: 10, note: 'x' }),
      await count(admin.token, { ingredientId: mozza, countedQuantity: 0 }),
    ];
    expect(unnamed.map((a) => [a.status, a.body.error.code])).to.deep.equal(
      Array(4).fill([422, 'pizzeria_required']),
    );

    expect(
      (await receipt(admin.token, { pizzeriaId: shopB, ingredientId: mozza, quantity: 10 })).status,
    ).to.equal(200);
    expect(
      (await count(admin.token, { pizzeriaId: shopA, ingredientId: mozza, countedQuantity: 900 })).status,
    ).to.equal(200);
    expect(await stockRow(app.db, shopB, mozza)).to.include({ onHand: 1010 });
    expect(await stockRow(app.db, shopA, mozza)).to.include({ onHand: 900 });
    expect((await movementsOf(app.db, shopB, mozza)).at(-1)).to.include({
      kind: 'receipt',
      employeeId: admin.id,
    });
    const list = await api.get(`/api/staff/stock?pizzeriaId=${shopB}`, { token: admin.token });
    expect(list.status).to.equal(200);
    expect(list.body.items[0]).to.include({ onHand: 1010 });
  });

  it('when no token or an unknown token is sent, then 401 on every stock endpoint', async () => {
    const { mozza } = await twoShops();
    for (const token of [undefined, 'ocp_' + 'x'.repeat(43)]) {
      const statuses = [
        (await api.get('/api/staff/stock', { token })).status,
        (await api.get('/api/staff/stock/low', { token })).status,
        (await receipt(token, { ingredientId: mozza, quantity: 10 })).status,
        (await waste(token, { ingredientId: mozza, quantity: 10, note: 'x' })).status,
        (await count(token, { ingredientId: mozza, countedQuantity: 0 })).status,
      ];
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401]);
    }
  });

  it('when a quantity is negative, zero, fractional, huge, a string or missing, then 422 and nothing is written', async () => {
    const { shopA, mozza } = await twoShops();
    const manager = await staffSession(api, app.db, 'manager', shopA);
    const before = await movementCount(app.db);
    const bad: [typeof receipt, object][] = [
      [receipt, { ingredientId: mozza, quantity: -5 }],
      [receipt, { ingredientId: mozza, quantity: 0 }],
      [receipt, { ingredientId: mozza, quantity: 1.5 }],
      [receipt, { ingredientId: mozza, quantity: 1_000_001 }],
      [receipt, { ingredientId: mozza, quantity: 1e300 }],
      [receipt, { ingredientId: mozza, quantity: '10' }],
      [receipt, { ingredientId: mozza }],
      [receipt, { ingredientId: 0, quantity: 10 }],
      [receipt, { ingredientId: 2 ** 31, quantity: 10 }],
      [receipt, { ingredientId: mozza, quantity: 10, note: 'x'.repeat(501) }],
      [receipt, { pizzeriaId: 'A', ingredientId: mozza, quantity: 10 }],
      [waste, { ingredientId: mozza, quantity: -5, note: 'Périmé' }],
      [waste, { ingredientId: mozza, quantity: 0, note: 'Périmé' }],
      [waste, { ingredientId: mozza, quantity: 2.5, note: 'Périmé' }],
      [waste, { ingredientId: mozza, quantity: 10 }],
      [waste, { ingredientId: mozza, quantity: 10, note: '   ' }],
      [count, { ingredientId: mozza, countedQuantity: -1 }],
      [count, { ingredientId: mozza, countedQuantity: 0.5 }],
      [count, { ingredientId: mozza, countedQuantity: 1e12 }],
      [count, { ingredientId: mozza }],
    ];
    for (const [send, body] of bad) {
      const res = await send(manager.token, body);
      expect(res.status, JSON.stringify(body)).to.equal(422);
      expect(res.body.error.code).to.equal('validation_failed');
    }
    const reasonless = await waste(manager.token, { ingredientId: mozza, quantity: 10 });
    expect(reasonless.body.error.details).to.deep.include({
      path: 'note',
      message: 'motif de la perte obligatoire',
      code: 'invalid_type',
    });
    for (const query of ['pizzeriaId=abc', 'pizzeriaId=0', 'pizzeriaId=99999999999']) {
      expect((await api.get(`/api/staff/stock?${query}`, { token: manager.token })).status).to.equal(422);
    }
    expect(await stockRow(app.db, shopA, mozza)).to.include({ onHand: 1000, reserved: 0 });
    expect(await movementCount(app.db)).to.equal(before);
  });
});
