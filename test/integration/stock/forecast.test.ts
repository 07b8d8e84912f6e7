// GET /api/staff/stock/forecast over HTTP: twelve weeks of back-dated use (a weekday cycle and a closure), the
// route's figures against forecastStock on the same rows, who sees which shop, and the reservations of orders
// (immediate and for later) shortening the days of stock left. The clock is Monday 19 January 2026, 11:00 in Paris.
import { expect } from 'chai';
import { closureOn } from '../../../src/modules/pizzerias/index.js';
import { forecastStock } from '../../../src/modules/stock/forecast.js';
import { findStockUse } from '../../../src/modules/stock/forecast.repository.js';
import { FORECAST_READ_WEEKS } from '../../../src/modules/stock/forecast.service.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { createPizzeria } from '../../factories/catalog.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  takeawayMargherita,
  type ShopWorld,
} from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const TODAY = '2026-01-19';
const PATH = '/api/staff/stock/forecast';
/** Use per weekday, Sunday first: quiet Mondays, busy Fridays and Saturdays. */
const DOUGH = [1500, 600, 700, 800, 900, 1800, 2000];
const MOZZA = [700, 300, 350, 400, 450, 850, 950];
const CLOSURES = [
  { from: '2025-12-25', to: '2025-12-25', reason: 'Noël' },
  { from: '2026-01-25', to: '2026-01-25', reason: 'Inventaire' },
];

describe('stock forecast over HTTP (GET /api/staff/stock/forecast)', () => {
  const clock = fixedClock('2026-01-19T10:00:00Z');
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());

  /** 84 days of use before today (none on Christmas, the shop was closed), 300 g of dough so far today. */
  async function history(world: ShopWorld) {
    const rows: [number, string, number, string][] = [];
    for (let i = 84; i >= 1; i--) {
      const day = new Date(Date.parse(`${TODAY}T11:00:00Z`) - i * 86_400_000);
      const iso = day.toISOString().slice(0, 10);
      if (iso === '2025-12-25') continue;
      // A slow growth, so that the trend has something to follow.
      const growth = 1 + (84 - i) / 840;
      const dow = day.getUTCDay();
      rows.push([world.stockIds.dough, 'consumption', -Math.round(DOUGH[dow] * growth), day.toISOString()]);
      rows.push([world.stockIds.mozza, 'consumption', -Math.round(MOZZA[dow] * growth), day.toISOString()]);
      if (dow === 6) rows.push([world.stockIds.mozza, 'waste', -50, day.toISOString()]);
    }
    rows.push([world.stockIds.dough, 'consumption', -300, '2026-01-19T09:00:00Z']);
    await app.db.query(
      `UPDATE stock_movements SET created_at = '2025-10-01T08:00:00Z' WHERE stock_item_id = ANY($1)`,
      { bind: [Object.values(world.stockIds)] },
    );
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at)
       SELECT * FROM unnest($1::int[], $2::text[]::stock_movement_kind[], $3::int[], $4::timestamptz[])`,
      { bind: [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])] },
    );
    await app.db.query(`UPDATE pizzerias SET closures = $1 WHERE id = $2`, {
      bind: [JSON.stringify(CLOSURES), world.shopId],
    });
  }

  beforeEach(async () => {
    clock.set('2026-01-19T10:00:00Z');
    // 6 kg of mozzarella: about 9 days of use, so a stock-out within the 14 days.
    // Every shop's code is named in this file: the factory's own (P00…P99 from a counter) could meet a named one.
    w = await createShopWorld(app.db, { mozzarella: 6000, shop: { code: 'P01' } });
    await history(w);
  });

  const forecastOf = async (token: string, query = '') => {
    const res = await api.get(`${PATH}${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { shops: any[] };
  };
  const itemOf = (body: { shops: any[] }, stockItemId: number) =>
    body.shops.flatMap((s) => s.items).find((i: { stockItemId: number }) => i.stockItemId === stockItemId);

  it('when a manager asks, then each item carries what forecastStock computes from the same rows, the closure included', async () => {
    const { token } = await staffWithToken(app.db, 'manager', w.shopId);
    const body = await forecastOf(token);
    expect(body.shops).to.have.length(1);
    expect(body.shops[0]).to.include({ pizzeriaId: w.shopId, today: TODAY, horizonDays: 14 });
    expect(body.shops[0].items.map((i: { stockItemId: number }) => i.stockItemId)).to.have.members(
      Object.values(w.stockIds),
    );

    const rows = await app.database.read((ex) =>
      findStockUse(ex, { pizzeriaId: w.shopId, today: TODAY, weeks: FORECAST_READ_WEEKS }),
    );
    const isClosed = (day: string) => closureOn(CLOSURES, day) !== undefined;
    for (const name of ['dough', 'mozza'] as const) {
      const row = rows.find((r) => r.stockItemId === w.stockIds[name])!;
      const expected = forecastStock({ ...row, today: TODAY, isClosed });
      const got = itemOf(body, w.stockIds[name]);
      expect(got.days.map((d: { day: string; expectedUse: number }) => [d.day, d.expectedUse])).to.deep.equal(
        expected.days.map((d) => [d.day, d.expectedUse]),
      );
      expect(got).to.deep.include({
        method: expected.method,
        available: expected.available,
        usedToday: expected.usedToday,
        expectedUse: expected.expectedUse,
        daysOfStockLeft: expected.daysOfStockLeft,
        stockOutDate: expected.stockOutDate,
        error: expected.error,
      });
      expect(got.method).to.equal('weekday-trend');
    }
    const dough = itemOf(body, w.stockIds.dough);
    const mozza = itemOf(body, w.stockIds.mozza);
    // Sunday 25 January is closed: nothing expected, flagged for the chart.
    expect(dough.days.find((d: { day: string }) => d.day === '2026-01-25')).to.include({
      closed: true,
      expectedUse: 0,
    });
    expect(dough.usedToday).to.equal(300);
    // 6 kg of mozzarella run out inside the horizon, on the day the projected stock goes below zero.
    expect(mozza.stockOutDate).to.be.a('string');
    const firstShort = mozza.days.find((d: { stockAfter: number }) => d.stockAfter < 0);
    expect(firstShort.day).to.equal(mozza.stockOutDate);
    expect(mozza.daysOfStockLeft).to.be.within(6, 12);
    // The dough's 100 kg cover the horizon.
    expect(dough.stockOutDate).to.equal(null);
    expect(dough.days.at(-1).stockAfter).to.equal(
      dough.available - dough.expectedUse + Math.min(dough.usedToday, dough.days[0].expectedUse),
    );
    // The chart's history: the 56 days before today, Christmas among them as a closed day of no use.
    expect(dough.history).to.have.length(56);
    expect([dough.history[0].day, dough.history.at(-1).day]).to.deep.equal(['2025-11-24', '2026-01-18']);
    expect(dough.history.find((d: { day: string }) => d.day === '2025-12-25')).to.deep.equal({
      day: '2025-12-25',
      use: 0,
      closed: true,
    });
    expect(dough.history.find((d: { day: string }) => d.day === '2026-01-16').use).to.equal(
      Math.round(DOUGH[5] * (1 + 81 / 840)),
    );
    // An item received 12 weeks ago and never used since: none expected, no stock-out, no days left.
    expect(itemOf(body, w.stockIds.cola)).to.include({
      method: 'weekday',
      expectedUse: 0,
      daysOfStockLeft: null,
      stockOutDate: null,
    });
  });

  it('when the service forecasts one shop or every shop, then it reads them in one statement', async () => {
    await createShopWorld(app.db, { prefix: 'B ', shop: { code: 'P02' } });
    const statements: string[] = [];
    const stop = app.database.observe((sql) => statements.push(sql));
    try {
      expect((await app.services.stock.forecast(w.shopId)).map((s) => s.pizzeriaId)).to.deep.equal([
        w.shopId,
      ]);
      expect((await app.services.stock.forecast()).length).to.equal(2);
    } finally {
      stop();
    }
    expect(statements).to.have.length(2);
  });

  it('when a pizzaiolo asks, then they get their shop; another shop named is 403 other_pizzeria', async () => {
    const other = await createShopWorld(app.db, { prefix: 'B ', shop: { code: 'P02' } });
    const { token } = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const mine = await forecastOf(token);
    expect(mine.shops.map((s) => s.pizzeriaId)).to.deep.equal([w.shopId]);
    expect((await forecastOf(token, `?pizzeriaId=${w.shopId}`)).shops[0].pizzeriaId).to.equal(w.shopId);
    const refused = await api.get(`${PATH}?pizzeriaId=${other.shopId}`, { token });
    expect([refused.status, refused.body.error.code]).to.deep.equal([403, 'other_pizzeria']);
    expect(JSON.stringify(refused.body)).not.to.include('B Pâte');
  });

  it('when a counter, a driver or an accountant asks, then 403 forbidden; without a token, 401', async () => {
    for (const role of ['counter', 'driver', 'accountant'] as const) {
      const { token } = await staffWithToken(app.db, role, role === 'accountant' ? null : w.shopId);
      const res = await api.get(`${PATH}?pizzeriaId=${w.shopId}`, { token });
      expect([role, res.status, res.body.error.code]).to.deep.equal([role, 403, 'forbidden']);
    }
    expect((await api.get(PATH)).status).to.equal(401);
  });

  it('when the admin names no shop, then every active shop comes, by code; a named shop alone; an unknown one 404', async () => {
    const b = await createShopWorld(app.db, { prefix: 'B ', shop: { code: 'P98' } });
    const closed = await createShopWorld(app.db, { prefix: 'C ', shop: { code: 'P99', active: false } });
    const { token } = await staffWithToken(app.db, 'admin', null);
    const all = await forecastOf(token);
    expect(all.shops.map((s) => s.pizzeriaId)).to.deep.equal([w.shopId, b.shopId]);
    expect(all.shops[1].items).to.have.length(4);
    const one = await forecastOf(token, `?pizzeriaId=${closed.shopId}`);
    expect(one.shops.map((s) => s.pizzeriaId)).to.deep.equal([closed.shopId]);
    const empty = await createPizzeria(app.db, { code: 'P50' });
    expect((await forecastOf(token, `?pizzeriaId=${empty}`)).shops).to.deep.equal([]);
    const unknown = await api.get(`${PATH}?pizzeriaId=999999`, { token });
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([404, 'pizzeria_not_found']);
    const bad = await api.get(`${PATH}?pizzeriaId=abc`, { token });
    expect(bad.status).to.be.oneOf([400, 422]);
  });

  it('when orders reserve mozzarella, an order for tomorrow included, then available and the days of stock left drop', async () => {
    const { token } = await staffWithToken(app.db, 'manager', w.shopId);
    const before = itemOf(await forecastOf(token), w.stockIds.mozza);
    const customer = await customerWithToken(app.db);
    const place = (body: object) =>
      api.post('/api/orders', { token: customer.token, body, headers: { 'Idempotency-Key': newKey() } });
    const threePizzas = {
      ...takeawayMargherita(w),
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 3 }],
    };
    expect((await place(threePizzas)).status).to.equal(201);
    const afterNow = itemOf(await forecastOf(token), w.stockIds.mozza);
    expect([afterNow.reserved, afterNow.available]).to.deep.equal([360, before.available - 360]);
    expect(afterNow.daysOfStockLeft).to.be.below(before.daysOfStockLeft);

    // An order for tomorrow noon reserves at once too: its 360 g are held from now.
    const later = await place({ ...threePizzas, scheduledFor: '2026-01-20T11:00:00.000Z' });
    expect(later.status, JSON.stringify(later.body)).to.equal(201);
    const afterLater = itemOf(await forecastOf(token), w.stockIds.mozza);
    expect([afterLater.reserved, afterLater.available]).to.deep.equal([720, before.available - 720]);
    expect(afterLater.daysOfStockLeft).to.be.below(afterNow.daysOfStockLeft);
    // The expected use does not move: reservations change what is left, not the forecast.
    expect(afterLater.expectedUse).to.equal(before.expectedUse);
  });
});
