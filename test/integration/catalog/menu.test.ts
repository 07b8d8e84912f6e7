import { expect } from 'chai';
import request from 'supertest';
import {
  createIngredient,
  createPizzeria,
  createProduct,
  createExtra,
  stock,
} from '../../factories/catalog.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('GET /api/pizzerias and GET /api/pizzerias/:id/menu', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  async function margheritaShop() {
    const db = app.db;
    const shop = await createPizzeria(db, { code: 'P03', name: 'OC Pizza Bastille' });
    const dough = await createIngredient(db, 'Pâte', 'g');
    const mozza = await createIngredient(db, 'Mozzarella', 'g');
    const sauce = await createIngredient(db, 'Sauce tomate', 'ml');
    // 100 % size: 250 g dough, 120 g mozzarella, 80 ml sauce; L = 150 %.
    const pizza = await createProduct(db, {
      name: 'Margherita',
      recipe: { [dough]: 250, [mozza]: 120, [sauce]: 80 },
    });
    await stock(db, shop, dough, 10_000);
    const mozzaStock = await stock(db, shop, mozza, 600); // 5 M (120) or 3 L (180)
    await stock(db, shop, sauce, 10_000);
    return { shop, pizza, mozza, mozzaStock };
  }

  const menuOf = async (shop: number | string) =>
    (await client(app.url).get(`/api/pizzerias/${shop}/menu`)).body;
  const sizesOf = (menu: { products: { name: string; sizes: { code: string }[] }[] }, name: string) =>
    Object.fromEntries(menu.products.find((p) => p.name === name)!.sizes.map((s) => [s.code, s]));

  it('when shops exist, then the active ones are listed with address, location and delivery terms', async () => {
    await createPizzeria(app.db, { code: 'P01', name: 'OC Pizza Montmartre' });
    await createPizzeria(app.db, { code: 'P02', name: 'Fermée pour travaux', active: false });
    const res = await request(app.url).get('/api/pizzerias').expect(200).expect('Content-Type', /json/);
    expect(res.body.pizzerias).to.have.length(1);
    const [shop] = res.body.pizzerias;
    expect(shop).to.include({ code: 'P01', name: 'OC Pizza Montmartre', isOpenNow: true });
    expect(shop.location).to.have.keys('lat', 'lng');
    expect(shop.delivery).to.deep.equal({
      radiusM: 3000,
      minOrderCents: 1500,
      feeCents: 250,
      freeThresholdCents: 3000,
    });
  });

  it('when the stock covers the recipe, then each size says available and how many can be made', async () => {
    const { shop } = await margheritaShop();
    const menu = await menuOf(shop);
    expect(menu.pizzeria).to.include({ id: shop, code: 'P03' });
    const sizes = sizesOf(menu, 'Margherita');
    expect(sizes.M).to.include({ available: true, maxQuantity: 5, priceCents: 1290, label: 'Sénior 31 cm' });
    expect(sizes.L).to.include({ available: true, maxQuantity: 3, priceCents: 1590 });
    expect(menu.products[0]).to.include({
      name: 'Margherita',
      available: true,
      category: 'pizza',
      vatRateBp: 1000,
    });
  });

  it('when stock is reserved or runs out, then the item becomes unavailable, and available again after a receipt', async () => {
    const { shop, mozzaStock } = await margheritaShop();
    // 500 g reserved by orders in progress: 100 g left, less than one M (120 g).
    await app.db.query(`UPDATE stock_items SET reserved = 500 WHERE id = $1`, { bind: [mozzaStock] });
    let sizes = sizesOf(await menuOf(shop), 'Margherita');
    expect(sizes.M).to.include({ available: false, maxQuantity: 0 });
    expect(sizes.L).to.include({ available: false, maxQuantity: 0 });
    const product = (await menuOf(shop)).products[0];
    expect(product.available).to.equal(false);

    await app.db.query(`UPDATE stock_items SET on_hand = on_hand + 240 WHERE id = $1`, {
      bind: [mozzaStock],
    });
    sizes = sizesOf(await menuOf(shop), 'Margherita');
    expect(sizes.M).to.include({ available: true, maxQuantity: 2 }); // 340 g free → 2 × 120
    expect(sizes.L).to.include({ available: true, maxQuantity: 1 }); // 340 g free → 1 × 180
  });

  it('when the shop does not stock an ingredient of the recipe, then the pizza is unavailable there', async () => {
    const { pizza } = await margheritaShop();
    const other = await createPizzeria(app.db, { code: 'P04' });
    const sizes = sizesOf(await menuOf(other), 'Margherita');
    expect(sizes.M).to.include({ available: false, maxQuantity: 0 });
    expect(pizza.id).to.be.a('number');
  });

  it('when a size or product is inactive, then it is not on the menu; extras carry their own availability', async () => {
    const { shop, mozza } = await margheritaShop();
    const dough = await createIngredient(app.db, 'Pâte complète');
    await stock(app.db, shop, dough, 1000);
    await createProduct(app.db, {
      name: 'Retirée',
      active: false,
      recipe: { [dough]: 100 },
    });
    await createProduct(app.db, {
      name: 'Une seule taille',
      recipe: { [dough]: 100 },
      sizes: [
        { code: 'M', label: 'Sénior', priceCents: 1100, factorPct: 100 },
        { code: 'L', label: 'Méga', priceCents: 1400, factorPct: 140, active: false },
      ],
    });
    await createExtra(app.db, mozza, 40, 150);
    const menu = await menuOf('p03');
    expect(menu.products.map((p: { name: string }) => p.name)).to.have.members([
      'Margherita',
      'Une seule taille',
    ]);
    expect(Object.keys(sizesOf(menu, 'Une seule taille'))).to.deep.equal(['M']);
    expect(menu.extras).to.have.length(1);
    expect(menu.extras[0]).to.include({ priceCents: 150, maxQuantity: 15, available: true }); // 600 g / 40 g
  });

  it('when the shop is unknown or inactive, then 404 with a JSON error; a malformed id is no route: 404', async () => {
    const inactive = await createPizzeria(app.db, { active: false });
    for (const ref of ['999999', String(inactive), 'P99']) {
      const res = await request(app.url).get(`/api/pizzerias/${ref}/menu`).expect(404);
      expect(res.body.error).to.include({ code: 'pizzeria_not_found' });
      expect(res.body.error.message).to.be.a('string').with.length.above(0);
    }
    // The id's pattern is part of the route (documented in the path parameter): anything else matches no route.
    const bad = await request(app.url).get('/api/pizzerias/abc/menu').expect(404);
    expect(bad.body.error.code).to.equal('route_not_found');
  });

  it('when the menu is read, then it takes a single SQL statement whatever the number of products', async () => {
    const { shop } = await margheritaShop();
    const dough = await createIngredient(app.db);
    await stock(app.db, shop, dough, 5000);
    for (let i = 0; i < 12; i++) await createProduct(app.db, { recipe: { [dough]: 100 + i } });
    const statements: string[] = [];
    const stop = app.database.observe((sql) => void statements.push(sql));
    try {
      const menu = await menuOf(shop);
      expect(menu.products).to.have.length(13);
    } finally {
      stop();
    }
    expect(statements).to.have.length(1);
  });
});
