// The cost of goods against PostgreSQL, with known purchase prices and recipes: which price is used (latest
// received, else latest sent, else the cheapest supplier item, else « prix inconnu »), the food cost of each size
// (CEIL of the recipe × the size's factor, as the stock consumes) and of each Paris day's sold products, to the cent.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Database } from '../../../src/db/executor.js';
import { createFoodCost } from '../../../src/modules/purchasing/food-cost.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { NotFoundError, ValidationError } from '../../../src/shared/errors.js';
import { createExtra, createIngredient, createPizzeria, createProduct } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { createPurchaseOrder, createSupplier, createSupplierItem } from '../../factories/suggestions.js';
import { testDatabase, testDb } from '../../helpers/db.js';

let seq = 0;
const unique = (name: string) => `${name} ${process.pid}-${Date.now()}-${++seq}`;

describe('cost of goods (food cost) with PostgreSQL', () => {
  let db: Sequelize;
  let database: Database;
  before(async () => {
    db = await testDb();
    database = await testDatabase();
  });

  async function received(poId: number, at: string) {
    await db.query(`UPDATE purchase_orders SET received_at = $2, sent_at = $2 WHERE id = $1`, {
      bind: [poId, at],
    });
  }

  async function sale(
    shop: number,
    status: 'delivered' | 'collected' | 'cancelled',
    handedOverAt: string,
    lines: { productId: number; sizeId: number; qty: number; unit: number; vat: number; extras?: number[] }[],
  ) {
    const order = await insertOrder(db, { pizzeriaId: shop, status });
    for (const [i, l] of lines.entries()) {
      await db.query(
        `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
           unit_price_cents, extras, quantity, vat_rate_bp, line_total_cents)
         VALUES ($1, $2, $3, $4, 'P', 'S', $5, $6, $7, $8, $9)`,
        {
          bind: [
            order.id,
            i + 1,
            l.productId,
            l.sizeId,
            l.unit,
            JSON.stringify((l.extras ?? []).map((id) => ({ id, name: 'Supplément', priceCents: 150 }))),
            l.qty,
            l.vat,
            l.unit * l.qty,
          ],
        },
      );
    }
    await db.query(
      `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, created_at)
       VALUES ($1, 'ready', $2, 'system', $3)`,
      { bind: [order.id, status === 'cancelled' ? 'cancelled' : status, handedOverAt] },
    );
  }

  async function world() {
    const shop = await createPizzeria(db);
    const other = await createPizzeria(db);
    const mozza = await createIngredient(db, unique('Mozzarella'), 'g');
    const tomato = await createIngredient(db, unique('Tomate'), 'g');
    const basilName = unique('Basilic');
    const basil = await createIngredient(db, basilName, 'g');
    const cola = await createIngredient(db, unique('Cola'), 'piece');
    const group = await createSupplier(db, { name: unique('Laiterie') });
    await createSupplierItem(db, group, mozza, { packQuantity: 2500, packPriceCents: 2250 });
    // Tomato: never ordered, the cheapest per gram of two suppliers (0,16 c/g); a cheaper one of another shop is
    // not the shop's.
    await createSupplierItem(db, group, tomato, { packQuantity: 1000, packPriceCents: 200 });
    const own = await createSupplier(db, { pizzeriaId: shop, name: unique('Primeur') });
    await createSupplierItem(db, own, tomato, { packQuantity: 5000, packPriceCents: 800 });
    const foreign = await createSupplier(db, { pizzeriaId: other, name: unique('Ailleurs') });
    await createSupplierItem(db, foreign, tomato, { packQuantity: 5000, packPriceCents: 1 });
    await createSupplierItem(db, foreign, basil, { packQuantity: 100, packPriceCents: 1 });
    // Mozzarella: received at 1,20 c/g ten days ago, then at 0,80 c/g two days ago; a later order sent at 5 c/g
    // is not received yet, and another shop's receipt at 0,01 c/g is not this shop's.
    // The latest receipt is written first (smaller ids): only the receipt dates decide.
    const latest = await createPurchaseOrder(db, {
      pizzeriaId: shop,
      supplierId: group,
      status: 'partially_received',
      lines: [
        { ingredientId: mozza, packs: 2, packQuantity: 2500, packPriceCents: 2000, receivedQuantity: 2500 },
      ],
    });
    await received(latest, '2026-11-29T09:00:00Z');
    const older = await createPurchaseOrder(db, {
      pizzeriaId: shop,
      supplierId: group,
      status: 'received',
      lines: [
        { ingredientId: mozza, packs: 1, packQuantity: 1000, packPriceCents: 1200, receivedQuantity: 1000 },
      ],
    });
    await received(older, '2026-11-21T09:00:00Z');
    const pending = await createPurchaseOrder(db, {
      pizzeriaId: shop,
      supplierId: group,
      status: 'sent',
      lines: [
        { ingredientId: mozza, packs: 1, packQuantity: 1000, packPriceCents: 5000 },
        // Cola: only ever ordered (sent), 24 cans at 12 € → 50 c a can
        { ingredientId: cola, packs: 1, packQuantity: 24, packPriceCents: 1200 },
      ],
    });
    await received(pending, '2026-11-30T09:00:00Z');
    await db.query(`UPDATE purchase_orders SET received_at = NULL WHERE id = $1`, { bind: [pending] });
    const theirs = await createPurchaseOrder(db, {
      pizzeriaId: other,
      supplierId: group,
      status: 'received',
      lines: [
        { ingredientId: mozza, packs: 1, packQuantity: 1000, packPriceCents: 10, receivedQuantity: 1000 },
      ],
    });
    await received(theirs, '2026-11-30T10:00:00Z');
    // A draft is no price at all
    await createPurchaseOrder(db, {
      pizzeriaId: shop,
      supplierId: group,
      status: 'draft',
      lines: [{ ingredientId: basil, packs: 1, packQuantity: 100, packPriceCents: 100 }],
    });

    const pizza = await createProduct(db, {
      recipe: { [mozza]: 125, [tomato]: 80, [basil]: 3 },
      sizes: [
        { code: 'M', label: 'Sénior', priceCents: 1290, factorPct: 100 },
        { code: 'L', label: 'Méga', priceCents: 1590, factorPct: 133 },
      ],
    });
    const drink = await createProduct(db, {
      category: 'drink',
      vatRateBp: 550,
      recipe: { [cola]: 1 },
      sizes: [{ code: 'U', label: '33 cl', priceCents: 250, factorPct: 100 }],
    });
    const extra = await createExtra(db, mozza, 50);
    return { shop, other, mozza, tomato, basil, basilName, cola, pizza, drink, extra };
  }

  it('when prices come from receipts, sendings and supplier lists, then each size costs its portion at the latest price, rounded once, and an ingredient without a price is named, not counted', async () => {
    const w = await world();
    const service = createFoodCost({ db: database, clock: fixedClock(new Date('2026-12-01T12:00:00Z')) });
    const result = await service.foodCost(w.shop);

    const price = (id: number) => result.prices.find((p) => p.ingredientId === id);
    expect(price(w.mozza)).to.include({ source: 'received', packPriceCents: 2000, packQuantity: 2500 });
    expect(price(w.cola)).to.include({ source: 'ordered', packPriceCents: 1200, packQuantity: 24 });
    expect(price(w.tomato)).to.include({ source: 'catalog', packPriceCents: 800, packQuantity: 5000 });
    expect(price(w.basil)).to.include({ source: null, packPriceCents: null, packQuantity: null });

    const size = (id: number) => result.sizes.find((s) => s.sizeId === id);
    // M: 125 g × 0,8 + 80 g × 0,16 = 112,8 → 113 c; 12,90 € TTC at 10 % → 1 173 c HT
    expect(size(w.pizza.sizeIds.M)).to.deep.include({
      priceCents: 1290,
      priceExclVatCents: 1173,
      foodCostCents: 113,
      marginCents: 1060,
      foodCostPct: 9.6,
      missingIngredients: [w.basilName],
    });
    // L (133 %): CEIL(166,25) = 167 g × 0,8 + CEIL(106,4) = 107 g × 0,16 = 133,6 + 17,12 = 150,72 → 151 c
    expect(size(w.pizza.sizeIds.L)).to.deep.include({
      priceExclVatCents: 1445,
      foodCostCents: 151,
      marginCents: 1294,
      foodCostPct: 10.4,
    });
    expect(size(w.drink.sizeIds.U)).to.deep.include({
      priceExclVatCents: 237,
      foodCostCents: 50,
      missingIngredients: [],
    });
    expect(result.unknownPrices).to.include(w.basilName);
    expect(result).to.include({ from: '2026-11-18', to: '2026-12-01' });
    expect(result.days).to.have.length(14);
  });

  it('when orders were delivered or collected around Paris midnight, then each day adds the sold products and their extras at cost beside their revenue excluding VAT', async () => {
    const w = await world();
    const pizzaM = { productId: w.pizza.id, sizeId: w.pizza.sizeIds.M, vat: 1000 };
    const colaLine = { productId: w.drink.id, sizeId: w.drink.sizeIds.U, unit: 250, vat: 550 };
    // 1 December (Paris): 2 × M with extra mozzarella, 1 × L, 3 × cola
    await sale(w.shop, 'delivered', '2026-12-01T18:00:00Z', [
      { ...pizzaM, qty: 2, unit: 1440, extras: [w.extra] },
      { productId: w.pizza.id, sizeId: w.pizza.sizeIds.L, qty: 1, unit: 1590, vat: 1000 },
      { ...colaLine, qty: 3 },
    ]);
    // 00:30 in Paris on 1 December; 23:30 in Paris on 30 November
    await sale(w.shop, 'collected', '2026-11-30T23:30:00Z', [{ ...colaLine, qty: 1 }]);
    await sale(w.shop, 'delivered', '2026-11-30T22:30:00Z', [{ ...colaLine, qty: 1 }]);
    // Not sold, or not this shop's, or outside the period
    await sale(w.shop, 'cancelled', '2026-12-01T12:00:00Z', [{ ...colaLine, qty: 9 }]);
    await sale(w.other, 'delivered', '2026-12-01T12:00:00Z', [{ ...colaLine, qty: 9 }]);
    await sale(w.shop, 'delivered', '2026-11-29T12:00:00Z', [{ ...colaLine, qty: 9 }]);

    const service = createFoodCost({ db: database, clock: fixedClock(new Date('2026-12-05T12:00:00Z')) });
    const result = await service.foodCost(w.shop, { from: '2026-11-30', to: '2026-12-01' });

    // 1 Dec: (112,8 + 40) × 2 + 150,72 + 50 × 4 = 656,32 → 656 c;
    // revenue HT: 2 880 / 1,1 + 1 590 / 1,1 + 1 000 / 1,055 = 5 011,50 → 5 012 c
    expect(result.days).to.deep.equal([
      {
        day: '2026-11-30',
        revenueExclVatCents: 237,
        foodCostCents: 50,
        foodCostPct: 21.1,
        missingIngredients: [],
      },
      {
        day: '2026-12-01',
        revenueExclVatCents: 5012,
        foodCostCents: 656,
        foodCostPct: 13.1,
        missingIngredients: [w.basilName],
      },
    ]);
    expect(result.totals).to.deep.equal({ revenueExclVatCents: 5249, foodCostCents: 706, foodCostPct: 13.5 });
  });

  it('when the period is reversed, too long or the shop unknown, then it is refused', async () => {
    const w = await world();
    const service = createFoodCost({ db: database, clock: fixedClock(new Date('2026-12-05T12:00:00Z')) });
    const refused = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        return e;
      }
      throw new Error('accepted');
    };
    const reversed = await refused(service.foodCost(w.shop, { from: '2026-12-02', to: '2026-12-01' }));
    expect(reversed).to.be.instanceOf(ValidationError).with.property('code', 'invalid_period');
    const long = await refused(service.foodCost(w.shop, { from: '2026-01-01', to: '2026-12-01' }));
    expect(long).to.be.instanceOf(ValidationError).with.property('code', 'invalid_period');
    const [{ max }] = await db.query<{ max: number }>(`SELECT max(id) AS max FROM pizzerias`, {
      type: QueryTypes.SELECT,
    });
    const unknown = await refused(service.foodCost(max + 1000));
    expect(unknown).to.be.instanceOf(NotFoundError).with.property('code', 'pizzeria_not_found');
  });
});
