// « Prévisions » in the back office (stock items' resource action): a manager or a pizzaiolo sees their shop
// only, whatever shop the request names; the admin picks one (the first by code until then); the figures are the
// API's, written in French (« 2,5 kg », « mardi 27 janvier », the method's name); an accountant has no such page.
import { expect } from 'chai';
import { fixedClock } from '../../../src/shared/clock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { isRefused, loggedIn } from './support.js';

const PAGE = '/api/resources/stock_items/actions/forecast';

describe('back office: « Prévisions » of the stock', () => {
  const clock = fixedClock('2026-01-19T10:00:00Z');
  let app: TestApp;
  let a: ShopWorld;
  let b: ShopWorld;
  before(async () => {
    app = await startTestApp({}, { clock });
  });
  after(() => app.close());

  /** 250 g of mozzarella a day over the 28 days before Monday 19 January 2026, its first movements (2,5 kg in stock: 10 days). */
  async function use(w: ShopWorld) {
    // The other items were received this morning: no history yet.
    await app.db.query(
      `UPDATE stock_movements SET created_at = '2026-01-19T07:00:00Z' WHERE stock_item_id = ANY($1)`,
      {
        bind: [Object.values(w.stockIds)],
      },
    );
    await app.db.query(
      `UPDATE stock_movements SET created_at = '2025-12-22T07:00:00Z' WHERE stock_item_id = $1`,
      {
        bind: [w.stockIds.mozza],
      },
    );
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at)
       SELECT $1, 'consumption', -250, timestamptz '2026-01-19 12:00 Europe/Paris' - d * interval '1 day'
         FROM generate_series(1, 28) d`,
      { bind: [w.stockIds.mozza] },
    );
  }

  beforeEach(async () => {
    a = await createShopWorld(app.db, { mozzarella: 2500, shop: { code: 'P11' } });
    b = await createShopWorld(app.db, { prefix: 'B ', shop: { code: 'P12' } });
    await use(a);
    await app.db.query(
      `UPDATE stock_movements SET created_at = '2026-01-19T07:00:00Z' WHERE stock_item_id = ANY($1)`,
      {
        bind: [Object.values(b.stockIds)],
      },
    );
  });

  const mozzaOf = (body: { items: { name: string }[] }, name = 'Mozzarella') =>
    body.items.find((i) => i.name === name) as Record<string, any>;

  it('when a manager opens it, then their shop shows with French figures, the same as the API, whatever shop is named', async () => {
    const manager = await loggedIn(app, app.db, 'manager', a.shopId);
    const page = await manager.get(`${PAGE}?pizzeriaId=${b.shopId}`);
    expect(page.status).to.equal(200);
    expect(page.body.shops.map((s: { id: number }) => s.id)).to.deep.equal([a.shopId]);
    expect(page.body).to.include({ shopId: a.shopId, today: '2026-01-19', todayLabel: 'lundi 19 janvier' });
    const mozza = mozzaOf(page.body);
    // 250 g a day from today (none used yet today): 2,5 kg last 10 days, gone on the 10th day after today.
    expect(mozza).to.include({
      availableLabel: '2,5 kg',
      daysOfStockLeft: 10,
      daysLeftLabel: '10 j',
      stockOutDate: '2026-01-29',
      stockOutLabel: 'jeudi 29 janvier',
      methodLabel: 'Profil de la semaine et tendance',
    });
    expect(mozza.history).to.have.length(28);
    expect(mozza.days).to.have.length(14);
    expect(mozza.days[0]).to.include({ day: '2026-01-19', label: 'lundi 19 janvier', expectedUse: 250 });
    expect(mozzaOf(page.body, 'Cola 33 cl')).to.include({
      availableLabel: '500 pièces',
      daysLeftLabel: 'Aucune consommation prévue',
      stockOutLabel: '—',
      methodLabel: 'Aucun historique',
    });
    expect(mozzaOf(page.body, 'Pâte')).to.include({ availableLabel: '100 kg' });

    const { token } = await staffWithToken(app.db, 'manager', a.shopId);
    const api = await client(app.url).get('/api/staff/stock/forecast', { token });
    const fromApi = api.body.shops[0].items.find((i: { name: string }) => i.name === 'Mozzarella');
    expect([
      mozza.daysOfStockLeft,
      mozza.stockOutDate,
      mozza.days.map((d: any) => d.expectedUse),
    ]).to.deep.equal([
      fromApi.daysOfStockLeft,
      fromApi.stockOutDate,
      fromApi.days.map((d: any) => d.expectedUse),
    ]);
  });

  it('when a pizzaiolo opens it, then their shop only; the admin gets the first shop, then the one picked', async () => {
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', b.shopId);
    const own = await pizzaiolo.get(`${PAGE}?pizzeriaId=${a.shopId}`);
    expect([own.body.shopId, own.body.shops.length]).to.deep.equal([b.shopId, 1]);
    expect(own.body.items.map((i: { name: string }) => i.name)).to.include('B Mozzarella');
    expect(JSON.stringify(own.body)).not.to.include('"Mozzarella"');

    const admin = await loggedIn(app, app.db, 'admin', null);
    const first = await admin.get(PAGE);
    expect(first.body.shops.map((s: { id: number }) => s.id)).to.deep.equal([a.shopId, b.shopId]);
    expect(first.body.shopId).to.equal(a.shopId);
    const picked = await admin.get(`${PAGE}?pizzeriaId=${b.shopId}`);
    expect(picked.body.shopId).to.equal(b.shopId);
    expect(mozzaOf(picked.body, 'B Mozzarella')).to.include({ availableLabel: '50 kg', stockOutDate: null });
  });

  it('when an accountant opens it, then it is refused', async () => {
    const accountant = await loggedIn(app, app.db, 'accountant', null);
    expect(isRefused(await accountant.get(PAGE))).to.equal(true);
  });
});
