// The shop's menu in the back office, through AdminJS's JSON API after a real login: a P01 manager creates a
// speciality (with its size and recipe from the group's ingredients), sets a shop price within the group's
// bounds, takes a size off; each shows on P01's menu only. Another shop's menu and the group catalogue are out
// of their reach.
import { formatEuros } from '../../../src/shared/money.js';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { isRefused, loggedIn } from './support.js';
import { adminWorld, rowOf, type AdminWorld } from './world.js';

describe('back office: a manager runs their own shop’s menu', function () {
  this.timeout(30_000);
  let app: TestApp;
  let world: AdminWorld;
  let manager: Awaited<ReturnType<typeof loggedIn>>;
  let p01: number;
  let p02: number;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    world = await adminWorld(app.db);
    p01 = world.a.world.shopId;
    p02 = world.b.world.shopId;
    manager = await loggedIn(app, app.db, 'manager', p01);
  });

  const menuOf = async (shop: number) => (await client(app.url).get(`/api/pizzerias/${shop}/menu`)).body;
  const sizeIn = (menu: any, sizeId: number) =>
    menu.products.flatMap((p: any) => p.sizes).find((s: any) => s.id === sizeId);
  const idOf = (res: any) => Number(res.body.record.params.id);
  const one = async (sql: string, bind: unknown[]) =>
    (await app.db.query<any>(sql, { type: QueryTypes.SELECT, bind }))[0];

  it('when a P01 manager creates a speciality with its size and recipe, then it is P01’s (whatever shop was posted) and on P01’s menu only', async () => {
    const product = await manager.create('products', {
      name: 'La Montmartroise',
      category: 'pizza',
      vatRateBp: '1000',
      pizzeriaId: String(p02),
    });
    expect(product.body.notice.type, JSON.stringify(product.body.notice)).to.equal('success');
    const productId = idOf(product);
    expect(await rowOf(app.db, 'products', productId)).to.include({ pizzeria_id: p01 });
    const size = await manager.create('product_sizes', {
      productId: String(productId),
      code: 'M',
      label: 'Sénior 31 cm',
      priceCents: '1450',
    });
    expect(size.body.notice.type, JSON.stringify(size.body)).to.equal('success');
    const line = await manager.create('recipe_lines', {
      productId: String(productId),
      ingredientId: String(world.a.world.ingredients.dough),
      quantity: '250',
    });
    expect(line.body.notice.type).to.equal('success');

    const mine = (await menuOf(p01)).products.find((p: any) => p.id === productId);
    expect(mine.sizes[0]).to.include({ priceCents: 1450, available: true });
    expect((await menuOf(p02)).products.find((p: any) => p.id === productId)).to.equal(undefined);

    // The P02 manager neither sees it nor changes it.
    const other = await loggedIn(app, app.db, 'manager', p02);
    expect(isRefused(await other.show('products', productId))).to.equal(true);
    expect(isRefused(await other.edit('products', productId, { name: 'Volée' }))).to.equal(true);
    expect(isRefused(await other.edit('product_sizes', idOf(size), { priceCents: '1' }))).to.equal(true);
    expect(await rowOf(app.db, 'products', productId)).to.include({ name: 'La Montmartroise' });
    // Nor can a manager add a size or a recipe line to a group product.
    const groupSize = await manager.create('product_sizes', {
      productId: String(world.a.world.margherita.productId),
      code: 'XL',
      label: 'Maxi',
      priceCents: '100',
    });
    expect(groupSize.body.notice.type).to.equal('error');
    expect(groupSize.body.record.errors.productId.message).to.match(/spécialité de votre pizzeria/);
    expect(
      await one('SELECT count(*)::int AS n FROM product_sizes WHERE product_id = $1', [
        world.a.world.margherita.productId,
      ]),
    ).to.deep.equal({ n: 2 });
  });

  it('when a P01 manager sets a shop price, then within the group’s bounds it is saved and on P01’s menu only; outside them a French message names the bounds', async () => {
    const sizeM = world.a.world.margherita.sizeM;
    const admin = await loggedIn(app, app.db, 'admin', null);
    const bounds = await admin.edit('product_sizes', sizeM, {
      shopPriceMinCents: '1190',
      shopPriceMaxCents: '1490',
    });
    expect(bounds.body.notice.type).to.equal('success');

    const tooHigh = await manager.create('shop_sizes', { sizeId: String(sizeM), priceCents: '1990' });
    expect(tooHigh.body.notice.type).to.equal('error');
    expect(tooHigh.body.record.errors.priceCents.message).to.equal(
      `Le prix doit rester entre ${formatEuros(1190)} et ${formatEuros(1490)} (fourchette fixée par le groupe).`,
    );
    expect(await one('SELECT count(*)::int AS n FROM shop_sizes', [])).to.deep.equal({ n: 0 });

    const ok = await manager.create('shop_sizes', {
      sizeId: String(sizeM),
      priceCents: '1390',
      pizzeriaId: String(p02),
    });
    expect(ok.body.notice.type, JSON.stringify(ok.body.record?.errors)).to.equal('success');
    expect(await rowOf(app.db, 'shop_sizes', idOf(ok))).to.include({ pizzeria_id: p01, price_cents: 1390 });
    expect(sizeIn(await menuOf(p01), sizeM).priceCents).to.equal(1390);
    expect(sizeIn(await menuOf(p02), sizeM).priceCents).to.equal(1290);

    // A size without bounds keeps the group's price.
    const fixed = await manager.create('shop_sizes', {
      sizeId: String(world.a.world.margherita.sizeL),
      priceCents: '1490',
    });
    expect(fixed.body.record.errors.priceCents.message).to.match(/fixé par le groupe \(15,90\s€\)/);
  });

  it('when a manager tries another shop’s menu or the group price, then the back office refuses and nothing changes', async () => {
    const sizeM = world.a.world.margherita.sizeM;
    const p02Row = await one(
      `INSERT INTO shop_sizes (pizzeria_id, size_id, price_cents) VALUES ($1, $2, NULL) RETURNING id`,
      [p02, sizeM],
    );
    const before = await rowOf(app.db, 'shop_sizes', p02Row.id);
    expect(isRefused(await manager.show('shop_sizes', p02Row.id))).to.equal(true);
    expect(isRefused(await manager.edit('shop_sizes', p02Row.id, { offered: 'false' }))).to.equal(true);
    expect(isRefused(await manager.remove('shop_sizes', p02Row.id))).to.equal(true);
    expect(await rowOf(app.db, 'shop_sizes', p02Row.id)).to.deep.equal(before);
    const listed = await manager.list('shop_sizes', `filters.pizzeriaId=${p02}`);
    expect(listed.body.records).to.deep.equal([]);

    const size = await rowOf(app.db, 'product_sizes', sizeM);
    expect(isRefused(await manager.edit('product_sizes', sizeM, { priceCents: '990' }))).to.equal(true);
    expect(await rowOf(app.db, 'product_sizes', sizeM)).to.deep.equal(size);
  });

  it('when a P01 manager records a rupture in the back office, then the size is off P01’s menu only, with its author', async () => {
    const sizeL = world.a.world.margherita.sizeL;
    const res = await manager.create('menu_ruptures', {
      sizeId: String(sizeL),
      reason: 'Plus de pâte Méga',
      pizzeriaId: String(p02),
    });
    expect(res.body.notice.type, JSON.stringify(res.body.record?.errors)).to.equal('success');
    expect(await rowOf(app.db, 'menu_ruptures', idOf(res))).to.include({
      pizzeria_id: p01,
      employee_id: manager.employee.id,
    });
    expect(sizeIn(await menuOf(p01), sizeL)).to.include({ available: false, ruptured: true });
    // (P02 stocks other ingredients in this world: its menu lists the size, not under any rupture.)
    expect(sizeIn(await menuOf(p02), sizeL)).to.include({ ruptured: false, ruptureUntil: null });
  });
});
