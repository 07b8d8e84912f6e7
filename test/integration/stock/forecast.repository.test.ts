// The forecast's reader against PostgreSQL: use summed per Paris calendar day (winter UTC+1, summer UTC+2), only
// consumption and waste counted, the window's edges, the first movement, the shops read, in one statement.
// Movements are inserted with a backdated created_at (no route writes the past); the counters stay the factory's.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import type { Database } from '../../../src/db/executor.js';
import { forecastStock } from '../../../src/modules/stock/forecast.js';
import { findStockUse } from '../../../src/modules/stock/forecast.repository.js';
import { createIngredient, createPizzeria, stock } from '../../factories/catalog.js';
import { createShopWorld, stockOf } from '../../factories/shop.js';
import { testDatabase, testDb } from '../../helpers/db.js';

describe('stock forecast reader (daily use per Paris day)', () => {
  let db: Sequelize;
  let database: Database;
  before(async () => {
    db = await testDb();
    database = await testDatabase();
  });

  /** Inserts ledger rows [kind, quantity, created_at] for a stock item. */
  async function moves(stockItemId: number, rows: [string, number, string][]) {
    for (const [kind, quantity, at] of rows) {
      await db.query(
        `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at) VALUES ($1, $2, $3, $4)`,
        {
          bind: [stockItemId, kind, quantity, at],
        },
      );
    }
  }

  /** Dates the factory's opening receipt of a stock item. */
  async function firstMovedAt(stockItemId: number, at: string) {
    await db.query(`UPDATE stock_movements SET created_at = $2 WHERE stock_item_id = $1`, {
      bind: [stockItemId, at],
    });
  }

  const read = (today: string, pizzeriaId?: number, weeks?: number) =>
    database.read((ex) => findStockUse(ex, { pizzeriaId, today, weeks }));

  it('when movements straddle midnight in winter, then each counts on its Paris day and only consumption and waste count', async () => {
    const w = await createShopWorld(db);
    const dough = w.stockIds.dough;
    await firstMovedAt(dough, '2026-01-01T09:00:00Z');
    await moves(dough, [
      ['consumption', -250, '2026-01-10T22:30:00Z'], // 23:30 in Paris: the 10th
      ['consumption', -100, '2026-01-10T23:30:00Z'], // 00:30 in Paris: the 11th
      ['waste', -30, '2026-01-11T12:00:00Z'],
      ['receipt', 1000, '2026-01-11T08:00:00Z'],
      ['reservation', 500, '2026-01-11T12:00:00Z'],
      ['release', -200, '2026-01-11T13:00:00Z'],
      ['adjustment', -40, '2026-01-11T14:00:00Z'],
      ['adjustment', 15, '2026-01-12T14:00:00Z'],
      ['consumption', -70, '2026-01-20T10:00:00Z'], // today, so far
      ['consumption', -999, '2026-01-20T23:30:00Z'], // tomorrow in Paris: not read
    ]);
    const rows = await read('2026-01-20', w.shopId);
    const row = rows.find((r) => r.stockItemId === dough);
    expect(row).to.deep.equal({
      stockItemId: dough,
      pizzeriaId: w.shopId,
      ingredientId: w.ingredients.dough,
      ...(await stockOf(db, dough)),
      knownSince: '2026-01-01',
      history: [
        { day: '2026-01-10', use: 250 },
        { day: '2026-01-11', use: 130 },
        { day: '2026-01-20', use: 70 },
      ],
    });
  });

  it('when movements straddle midnight in summer, then the Paris day is UTC+2', async () => {
    const w = await createShopWorld(db);
    await firstMovedAt(w.stockIds.sauce, '2026-06-01T09:00:00Z');
    await moves(w.stockIds.sauce, [
      ['consumption', -80, '2026-07-10T21:30:00Z'], // 23:30 in Paris: the 10th
      ['consumption', -160, '2026-07-10T22:30:00Z'], // 00:30 in Paris: the 11th
    ]);
    const [row] = (await read('2026-07-15', w.shopId)).filter((r) => r.stockItemId === w.stockIds.sauce);
    expect(row.history).to.deep.equal([
      { day: '2026-07-10', use: 80 },
      { day: '2026-07-11', use: 160 },
    ]);
  });

  it('when the item moved long before the window, then the window starts at its first Paris day, read to the minute', async () => {
    const w = await createShopWorld(db);
    const mozza = w.stockIds.mozza;
    await firstMovedAt(mozza, '2025-10-01T09:00:00Z');
    // 8 weeks before 2026-01-20 is 2025-11-25; midnight in Paris is 23:00 UTC the day before.
    await moves(mozza, [
      ['consumption', -11, '2025-11-24T22:59:59Z'],
      ['consumption', -22, '2025-11-24T23:00:00Z'],
    ]);
    const [row] = (await read('2026-01-20', w.shopId)).filter((r) => r.stockItemId === mozza);
    expect([row.knownSince, row.history]).to.deep.equal(['2025-11-25', [{ day: '2025-11-25', use: 22 }]]);
    // Twelve weeks back, the older day is read too.
    const [longer] = (await read('2026-01-20', w.shopId, 12)).filter((r) => r.stockItemId === mozza);
    expect([longer.knownSince, longer.history.map((d) => d.use)]).to.deep.equal(['2025-10-28', [11, 22]]);
  });

  it('when an item never moved, then it comes with no known day and no history', async () => {
    const shop = await createPizzeria(db);
    const basil = await createIngredient(db, 'Basilic', 'g');
    const id = await stock(db, shop, basil, 0);
    expect(await read('2026-01-20', shop)).to.deep.equal([
      {
        stockItemId: id,
        pizzeriaId: shop,
        ingredientId: basil,
        onHand: 0,
        reserved: 0,
        knownSince: null,
        history: [],
      },
    ]);
  });

  it('when one shop or every shop is read, then it is one statement and a closed shop is left out of the group', async () => {
    const a = await createShopWorld(db, { prefix: 'A ', shop: { code: 'P71' } });
    const b = await createShopWorld(db, { prefix: 'B ', shop: { code: 'P72' } });
    const closed = await createShopWorld(db, { prefix: 'C ', shop: { code: 'P79', active: false } });
    const statements: string[] = [];
    const stop = database.observe((sql) => statements.push(sql));
    try {
      const one = await read('2026-01-20', b.shopId);
      expect(one.map((r) => r.stockItemId)).to.have.members(Object.values(b.stockIds));
      expect(statements).to.have.length(1);
      const all = await read('2026-01-20');
      expect(new Set(all.map((r) => r.pizzeriaId))).to.deep.equal(new Set([a.shopId, b.shopId]));
      expect(all).to.have.length(8);
      expect((await read('2026-01-20', closed.shopId)).length).to.equal(4);
    } finally {
      stop();
    }
  });
  it('when the rows read are forecast, then three weeks of use give the week ahead and the days of stock left', async () => {
    const shop = await createPizzeria(db);
    const cans = await createIngredient(db, 'Limonade 33 cl', 'piece');
    const id = await stock(db, shop, cans, 500, 20);
    await firstMovedAt(id, '2025-12-29T08:00:00Z');
    // 30 cans a day from Monday 29 December to Sunday 18 January (noon in Paris), none on Wednesdays.
    const days = Array.from({ length: 21 }, (_, i) => new Date(Date.UTC(2025, 11, 29 + i, 11)).toISOString());
    await moves(
      id,
      days
        .filter((at) => new Date(at).getUTCDay() !== 3)
        .map((at) => ['consumption', -30, at] as [string, number, string]),
    );
    const [row] = await read('2026-01-19', shop);
    const f = forecastStock({ ...row, today: '2026-01-19' });
    expect(f.method).to.equal('weekday-trend');
    expect(f.days.slice(0, 7).map((d) => d.expectedUse)).to.deep.equal([30, 30, 0, 30, 30, 30, 30]);
    // 480 available, 360 expected over the 14 days: the other 120 last 120 / (360 / 14) = 4.67 days more.
    expect([f.available, f.stockOutDate]).to.deep.equal([480, null]);
    expect(f.daysOfStockLeft).to.equal(18.6);
  });
});
