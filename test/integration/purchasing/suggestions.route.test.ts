// GET /api/staff/purchasing/suggestions over HTTP: a shop with four weeks of mozzarella use and a supplier gets a
// suggestion of whole packs that covers the use until the delivery after next plus the safety stock; it can be
// turned into a draft purchase order as it is; who may ask follows the permission table.
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';

const DAY_MS = 86_400_000;

describe('purchasing: reorder suggestions over HTTP', function () {
  this.timeout(60_000);
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let manager: string;
  let supplierId: number;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    manager = (await staffWithToken(app.db, 'manager', w.shopId)).token;
    // 4 weeks of mozzarella use, 400 g a day (800 g on Fridays and Saturdays), before today.
    const rows: string[] = [];
    const bind: unknown[] = [w.stockIds.mozza];
    for (let d = 28; d >= 1; d--) {
      const at = new Date(Date.now() - d * DAY_MS);
      const weekend = at.getUTCDay() === 5 || at.getUTCDay() === 6;
      bind.push(at.toISOString(), weekend ? -800 : -400);
      rows.push(`($1, 'consumption', $${bind.length}, $${bind.length - 1})`);
    }
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at) VALUES ${rows.join(', ')}`,
      { bind },
    );
    // Little left: the counters say so, as the ledger would after the use above.
    await app.db.query(`UPDATE stock_items SET on_hand = 500, reserved = 0 WHERE id = $1`, {
      bind: [w.stockIds.mozza],
    });
    supplierId = await createSupplier(app.db, {
      name: 'Laiterie du Val',
      deliveryDays: ['mon', 'wed', 'fri'],
      leadTimeDays: 1,
    });
    await supplierItem(app.db, supplierId, w.ingredients.mozza, { packQuantity: 2500, packPriceCents: 1250 });
  });

  it('when a manager asks, then each supplier’s suggestion covers the expected use to the next delivery plus safety, in whole packs, and becomes a draft', async () => {
    const res = await api.get('/api/staff/purchasing/suggestions', { token: manager });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const suggestion = res.body.suppliers.find((s: any) => s.supplierId === supplierId);
    expect(suggestion, JSON.stringify(res.body)).to.be.an('object');
    const line = suggestion.lines.find((l: any) => l.ingredientId === w.ingredients.mozza);
    expect(line.packs).to.be.greaterThan(0);
    expect(line.packQuantity).to.equal(2500);
    // Whole packs, enough for the par level and not a pack more.
    const delivered = line.stockAtDelivery + line.packs * line.packQuantity;
    expect(delivered).to.be.at.least(line.parLevel);
    expect(delivered - line.packQuantity).to.be.below(line.parLevel);
    expect(line.lineTotalCents).to.equal(line.packs * 1250);
    expect(suggestion.totalCents).to.equal(
      suggestion.lines.reduce((s: number, l: any) => s + l.lineTotalCents, 0),
    );
    expect(line.reason)
      .to.be.a('string')
      .and.match(/[a-zé]/);
    expect(suggestion.deliveryOn > res.body.today, 'a day of lead time').to.equal(true);

    const draft = await api.post('/api/staff/purchase-orders', {
      token: manager,
      body: {
        supplierId,
        lines: suggestion.lines.map((l: any) => ({
          ingredientId: l.ingredientId,
          packs: l.packs,
          suggestedPacks: l.packs,
        })),
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect(draft.body.totalCents).to.equal(suggestion.totalCents);
  });

  it('when others ask, then the permission table and the shop scope decide', async () => {
    const other = await createShopWorld(app.db, { prefix: 'Autre-' });
    const cases: [string, string, string | undefined, number, string | undefined][] = [
      ['pizzaiolo', (await staffWithToken(app.db, 'pizzaiolo', w.shopId)).token, undefined, 403, 'forbidden'],
      [
        'accountant',
        (await staffWithToken(app.db, 'accountant', null)).token,
        `${w.shopId}`,
        403,
        'forbidden',
      ],
      ['manager of another shop', manager, `${other.shopId}`, 403, 'other_pizzeria'],
      [
        'admin without a shop',
        (await staffWithToken(app.db, 'admin', null)).token,
        undefined,
        422,
        'pizzeria_required',
      ],
      [
        'admin, unknown shop',
        (await staffWithToken(app.db, 'admin', null)).token,
        '999999',
        404,
        'pizzeria_not_found',
      ],
      ['nobody', '', undefined, 401, undefined],
    ];
    for (const [who, token, shop, status, code] of cases) {
      const res = await api.get(
        `/api/staff/purchasing/suggestions${shop ? `?pizzeriaId=${shop}` : ''}`,
        token ? { token } : {},
      );
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).to.equal(status);
      if (code) expect(res.body.error.code, who).to.equal(code);
    }
    const admin = (await staffWithToken(app.db, 'admin', null)).token;
    const named = await api.get(`/api/staff/purchasing/suggestions?pizzeriaId=${w.shopId}`, { token: admin });
    expect(named.status).to.equal(200);
    expect(named.body.pizzeriaId).to.equal(w.shopId);
  });
});
