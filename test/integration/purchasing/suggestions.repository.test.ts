// The reorder suggestions against PostgreSQL: which suppliers a shop may order from, what it has on order,
// and the service end to end with the forecast read from the ledger (findStockUse + forecastStock, as the
// stock module will pass it).
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import type { Database } from '../../../src/db/executor.js';
import { createSuggestions } from '../../../src/modules/purchasing/suggestions.service.js';
import { findOnOrder, findUsableSuppliers } from '../../../src/modules/purchasing/suggestions.repository.js';
import { forecastStock } from '../../../src/modules/stock/forecast.js';
import { findStockUse } from '../../../src/modules/stock/forecast.repository.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { NotFoundError } from '../../../src/shared/errors.js';
import { createIngredient, createPizzeria, stock } from '../../factories/catalog.js';
import { createPurchaseOrder, createSupplier, createSupplierItem } from '../../factories/suggestions.js';
import { testDatabase, testDb } from '../../helpers/db.js';

describe('reorder suggestions with PostgreSQL', () => {
  let db: Sequelize;
  let database: Database;
  before(async () => {
    db = await testDb();
    database = await testDatabase();
  });

  it('when suppliers of the group, of the shop, of another shop and inactive ones exist, then the shop may order from the active group and own ones that sell something', async () => {
    const shop = await createPizzeria(db);
    const other = await createPizzeria(db);
    const dough = await createIngredient(db, 'Pâte', 'g');
    const cola = await createIngredient(db, 'Cola 33 cl', 'piece');
    const group = await createSupplier(db, {
      name: 'Grossiste',
      deliveryDays: ['tue', 'fri'],
      leadTimeDays: 1,
    });
    const doughItem = await createSupplierItem(db, group, dough, {
      packQuantity: 5000,
      packPriceCents: 450,
      packLabel: 'Sac 5 kg',
      reference: 'PAT-5',
    });
    const own = await createSupplier(db, {
      pizzeriaId: shop,
      name: 'Boissons du quartier',
      deliveryDays: ['wed'],
      leadTimeDays: 3,
      minimumOrderCents: 15_000,
    });
    const colaItem = await createSupplierItem(db, own, cola, { packQuantity: 24, packPriceCents: 1100 });
    await createSupplierItem(db, await createSupplier(db, { pizzeriaId: other }), dough, {
      packQuantity: 1,
      packPriceCents: 1,
    });
    await createSupplierItem(db, await createSupplier(db, { active: false }), dough, {
      packQuantity: 1,
      packPriceCents: 1,
    });
    await createSupplier(db, { name: 'Sans articles' });

    const found = await database.read((ex) => findUsableSuppliers(ex, shop));
    expect(found).to.deep.equal([
      {
        id: own,
        name: 'Boissons du quartier',
        pizzeriaId: shop,
        deliveryDays: ['wed'],
        leadTimeDays: 3,
        minimumOrderCents: 15_000,
        items: [
          {
            supplierItemId: colaItem,
            ingredientId: cola,
            name: 'Cola 33 cl',
            unit: 'piece',
            reference: null,
            packLabel: 'Colis de 24',
            packQuantity: 24,
            packPriceCents: 1100,
          },
        ],
      },
      {
        id: group,
        name: 'Grossiste',
        pizzeriaId: null,
        deliveryDays: ['tue', 'fri'],
        leadTimeDays: 1,
        minimumOrderCents: 0,
        items: [
          {
            supplierItemId: doughItem,
            ingredientId: dough,
            name: 'Pâte',
            unit: 'g',
            reference: 'PAT-5',
            packLabel: 'Sac 5 kg',
            packQuantity: 5000,
            packPriceCents: 450,
          },
        ],
      },
    ]);
    // The other shop sees the group's supplier and its own, not this shop's.
    const seen = await database.read((ex) => findUsableSuppliers(ex, other));
    expect(seen.map((s) => s.name))
      .to.include('Grossiste')
      .and.not.include('Boissons du quartier');
  });

  it('when orders of every status exist, then what is on order is what sent and partially received orders still have to bring', async () => {
    const shop = await createPizzeria(db);
    const other = await createPizzeria(db);
    const dough = await createIngredient(db, 'Pâte', 'g');
    const mozza = await createIngredient(db, 'Mozzarella', 'g');
    const s = await createSupplier(db);
    const order = (
      pizzeriaId: number,
      status: Parameters<typeof createPurchaseOrder>[1]['status'],
      expectedOn: string | null,
      lines: Parameters<typeof createPurchaseOrder>[1]['lines'],
    ) => createPurchaseOrder(db, { pizzeriaId, supplierId: s, status, expectedOn, lines });
    await order(shop, 'sent', '2027-01-22', [
      { ingredientId: dough, packs: 2, packQuantity: 5000 },
      { ingredientId: mozza, packs: 1, packQuantity: 2500 },
    ]);
    // 3 × 2 500 ordered, 4 000 received and 1 000 refused: 2 500 still to come; the dough line is complete.
    await order(shop, 'partially_received', null, [
      { ingredientId: mozza, packs: 3, packQuantity: 2500, receivedQuantity: 4000, refusedQuantity: 1000 },
      { ingredientId: dough, packs: 1, packQuantity: 5000, receivedQuantity: 5000 },
    ]);
    for (const status of ['draft', 'received', 'cancelled'] as const) {
      await order(shop, status, '2027-01-20', [{ ingredientId: dough, packs: 9, packQuantity: 5000 }]);
    }
    await order(other, 'sent', '2027-01-20', [{ ingredientId: dough, packs: 9, packQuantity: 5000 }]);

    expect(await database.read((ex) => findOnOrder(ex, shop))).to.deep.equal([
      { ingredientId: mozza, quantity: 2500, expectedOn: null },
      { ingredientId: dough, quantity: 10_000, expectedOn: '2027-01-22' },
      { ingredientId: mozza, quantity: 2500, expectedOn: '2027-01-22' },
    ]);
  });

  describe('the service', () => {
    // Monday 18 January 2027, 10:00 in Paris; the dough was used 300 g a day for the three weeks before.
    const TODAY = '2027-01-18';
    const clock = fixedClock('2027-01-18T09:00:00Z');
    const forecast = async (pizzeriaId: number) =>
      (await database.read((ex) => findStockUse(ex, { pizzeriaId, today: TODAY }))).map((row) => ({
        ingredientId: row.ingredientId,
        ...forecastStock({ ...row, today: TODAY }),
      }));
    const service = () => createSuggestions({ db: database, clock, forecast });

    async function shopWithHistory() {
      const shop = await createPizzeria(db);
      const dough = await createIngredient(db, 'Pâte', 'g');
      const itemId = await stock(db, shop, dough, 1000);
      await db.query(
        `UPDATE stock_movements SET created_at = '2026-12-28T08:00:00Z' WHERE stock_item_id = $1`,
        {
          bind: [itemId],
        },
      );
      for (let d = 0; d < 21; d++) {
        await db.query(
          `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at) VALUES ($1, 'consumption', -300, $2)`,
          { bind: [itemId, new Date(Date.UTC(2026, 11, 28 + d, 11)).toISOString()] },
        );
      }
      // Tuesday and Friday, one day of lead time: D1 = Tuesday 19, D2 = Friday 22.
      const group = await createSupplier(db, {
        name: 'Grossiste',
        deliveryDays: ['tue', 'fri'],
        leadTimeDays: 1,
      });
      await createSupplierItem(db, group, dough, { packQuantity: 500, packPriceCents: 1250 });
      // Cheaper, but delivering only on Friday: not chosen.
      const own = await createSupplier(db, {
        pizzeriaId: shop,
        name: 'Moulin',
        deliveryDays: ['fri'],
        leadTimeDays: 1,
      });
      await createSupplierItem(db, own, dough, { packQuantity: 500, packPriceCents: 500 });
      return { shop, dough, group };
    }

    it('when the shop has history and suppliers, then the order brings the stock at delivery to the par level from the soonest supplier', async () => {
      const { shop, dough, group } = await shopWithHistory();
      const result = await service().suggest(shop);
      expect([result.pizzeriaId, result.today, result.safetyDays]).to.deep.equal([shop, TODAY, 2]);
      // 1 000 − Monday's 300 = 700 at delivery; par level 3 × 300 + 2 × 300 = 1 500; 800 missing → 2 packs.
      expect(result.suppliers).to.have.length(1);
      const [s] = result.suppliers;
      expect([s.supplierId, s.deliveryOn, s.nextDeliveryOn, s.totalCents]).to.deep.equal([
        group,
        '2027-01-19',
        '2027-01-22',
        2500,
      ]);
      expect(s.lines.map((l) => [l.ingredientId, l.stockAtDelivery, l.parLevel, l.packs])).to.deep.equal([
        [dough, 700, 1500, 2],
      ]);
    });

    it('when some is already on order before the next delivery, then the suggestion shrinks by it', async () => {
      const { shop, dough, group } = await shopWithHistory();
      await createPurchaseOrder(db, {
        pizzeriaId: shop,
        supplierId: group,
        status: 'sent',
        expectedOn: '2027-01-19',
        lines: [{ ingredientId: dough, packs: 1, packQuantity: 500 }],
      });
      const [s] = (await service().suggest(shop)).suppliers;
      expect(s.lines.map((l) => [l.stockAtDelivery, l.packs])).to.deep.equal([[1200, 1]]);
      // A draft is not on order yet.
      await createPurchaseOrder(db, {
        pizzeriaId: shop,
        supplierId: group,
        status: 'draft',
        expectedOn: '2027-01-19',
        lines: [{ ingredientId: dough, packs: 1, packQuantity: 500 }],
      });
      expect((await service().suggest(shop)).suppliers[0].lines[0].packs).to.equal(1);
    });

    it('when the shop has no supplier, then nothing is suggested and the forecast is not even read', async () => {
      const shop = await createPizzeria(db);
      let read = 0;
      const counting = createSuggestions({
        db: database,
        clock,
        forecast: async (id) => {
          read++;
          return forecast(id);
        },
      });
      expect((await counting.suggest(shop)).suppliers).to.deep.equal([]);
      expect(read).to.equal(0);
    });

    it('when the shop does not exist, then a 404 pizzeria_not_found', async () => {
      const error = await service()
        .suggest(999_999)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ status: 404, code: 'pizzeria_not_found' });
    });
  });
});
