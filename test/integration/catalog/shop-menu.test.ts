// The shop's menu over the group catalogue, over HTTP and real PostgreSQL: a « rupture » of one shop leaves the
// others' menus alone and ends by itself at its time (the app's clock is moved, nothing is written); a shop price
// and a speciality show on that shop's menu, quote and order, and nowhere else; withdrawals; the staff API's
// rights on ruptures.
import { expect } from 'chai';
import { createPizzeria, createProduct, stock } from '../../factories/catalog.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { fixedClock } from '../../../src/shared/clock.js';

describe('a shop’s menu over the group catalogue', () => {
  const clock = fixedClock(new Date());
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let p02: number;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    clock.set(new Date());
    w = await createShopWorld(app.db, { shop: { code: 'P01' } });
    p02 = await createPizzeria(app.db, { code: 'P02' });
    for (const [name, id] of Object.entries(w.ingredients)) {
      await stock(app.db, p02, id, name === 'cola' ? 500 : 100_000);
    }
  });

  const menuOf = async (shop: number) => (await api.get(`/api/pizzerias/${shop}/menu`)).body;
  const sizeIn = (menu: any, sizeId: number) =>
    menu.products.flatMap((p: any) => p.sizes).find((s: any) => s.id === sizeId);
  const productIn = (menu: any, productId: number) => menu.products.find((p: any) => p.id === productId);
  const quote = (pizzeriaId: number, productId: number, sizeId: number) =>
    api.post('/api/orders/quote', {
      body: { pizzeriaId, fulfilment: 'takeaway', items: [{ productId, sizeId, quantity: 1 }] },
    });
  const tokens = new Map<string, string>();
  const customerOf = async (orderId: string) => tokens.get(orderId)!;
  async function place(pizzeriaId: number, productId: number, sizeId: number) {
    const customer = await customerWithToken(app.db);
    const res = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId,
        fulfilment: 'takeaway',
        items: [{ productId, sizeId, quantity: 1 }],
        paymentMethod: 'cash',
      },
    });
    if (res.status === 201) tokens.set(res.body.order.id, customer.token);
    return res;
  }

  describe('« rupture »', () => {
    it('when P01’s manager takes a size off until a time, then P01’s menu and quote refuse it, P02’s menu is unchanged, and it comes back by itself at that time', async () => {
      const manager = await staffWithToken(app.db, 'manager', w.shopId);
      const until = new Date(clock.now().getTime() + 30 * 60_000);
      const res = await api.post('/api/staff/ruptures', {
        token: manager.token,
        body: { sizeId: w.margherita.sizeM, reason: 'Plus de basilic frais', until: until.toISOString() },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.rupture).to.include({
        pizzeriaId: w.shopId,
        sizeId: w.margherita.sizeM,
        reason: 'Plus de basilic frais',
      });
      expect(res.body.rupture.label).to.equal('Margherita — Sénior 31 cm');

      const p01 = sizeIn(await menuOf(w.shopId), w.margherita.sizeM);
      expect(p01).to.include({ available: false, maxQuantity: 0, ruptured: true });
      expect(new Date(p01.ruptureUntil).getTime()).to.equal(until.getTime());
      // The other size of the same pizza stays on sale.
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeL)).to.include({
        available: true,
        ruptured: false,
      });
      expect(sizeIn(await menuOf(p02), w.margherita.sizeM)).to.include({
        available: true,
        ruptured: false,
        ruptureUntil: null,
      });

      // The quote prices the line and flags it, as a line the stock cannot make; placement refuses it.
      const flagged = await quote(w.shopId, w.margherita.productId, w.margherita.sizeM);
      expect(flagged.status).to.equal(200);
      expect(flagged.body.unavailable).to.deep.equal([
        {
          position: 1,
          productId: w.margherita.productId,
          sizeId: w.margherita.sizeM,
          productName: 'Margherita',
          sizeLabel: 'Sénior 31 cm',
        },
      ]);
      expect((await quote(p02, w.margherita.productId, w.margherita.sizeM)).body.unavailable).to.deep.equal(
        [],
      );
      const refused = await place(w.shopId, w.margherita.productId, w.margherita.sizeM);
      expect(refused.status).to.equal(422);
      expect(refused.body.error).to.include({
        code: 'product_inactive',
        message: 'Margherita (Sénior 31 cm) est momentanément indisponible dans cette pizzeria.',
      });
      const listed = await api.get('/api/staff/ruptures', { token: manager.token });
      expect(listed.body.ruptures.map((r: any) => r.id)).to.deep.equal([res.body.rupture.id]);

      // One minute before its end it still holds; at its end it is over, without anyone writing anything.
      clock.set(new Date(until.getTime() - 60_000));
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeM)).to.include({ available: false });
      clock.set(until);
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeM)).to.include({
        available: true,
        ruptured: false,
        ruptureUntil: null,
      });
      expect(
        (await quote(w.shopId, w.margherita.productId, w.margherita.sizeM)).body.unavailable,
      ).to.deep.equal([]);
      expect((await place(w.shopId, w.margherita.productId, w.margherita.sizeM)).status).to.equal(201);
      expect((await api.get('/api/staff/ruptures', { token: manager.token })).body.ruptures).to.deep.equal(
        [],
      );
    });

    it('when a pizzaiolo takes an extra off without an end, then it holds until someone puts it back, and a new rupture of the item replaces the open one', async () => {
      const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
      const first = await api.post('/api/staff/ruptures', {
        token: pizzaiolo.token,
        body: { extraId: w.extraMozza, reason: 'Four à réparer' },
      });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body.rupture.until).to.equal(null);
      clock.set(new Date(clock.now().getTime() + 6 * 3600_000)); // (within the staff token’s 12 hours)
      const extra = (await menuOf(w.shopId)).extras.find((e: any) => e.id === w.extraMozza);
      expect(extra).to.include({ available: false, ruptured: true, ruptureUntil: null });
      expect((await menuOf(p02)).extras.find((e: any) => e.id === w.extraMozza)).to.include({
        available: true,
      });

      const second = await api.post('/api/staff/ruptures', {
        token: pizzaiolo.token,
        body: { extraId: w.extraMozza, reason: 'Toujours en panne' },
      });
      expect(second.status).to.equal(201);
      const listed = await api.get('/api/staff/ruptures', { token: pizzaiolo.token });
      expect(listed.body.ruptures.map((r: any) => r.reason)).to.deep.equal(['Toujours en panne']);

      const ended = await api.post(`/api/staff/ruptures/${second.body.rupture.id}/end`, {
        token: pizzaiolo.token,
      });
      expect(ended.status).to.equal(204);
      expect((await menuOf(w.shopId)).extras.find((e: any) => e.id === w.extraMozza)).to.include({
        available: true,
        ruptured: false,
      });
      const again = await api.post(`/api/staff/ruptures/${second.body.rupture.id}/end`, {
        token: pizzaiolo.token,
      });
      expect(again.status).to.equal(404);
      expect(again.body.error.code).to.equal('rupture_not_found');
    });

    it('when staff act on another shop, lack the right, or send a bad rupture, then it is refused with a French message and nothing changes', async () => {
      const manager = await staffWithToken(app.db, 'manager', w.shopId);
      const otherShop = await api.post('/api/staff/ruptures', {
        token: manager.token,
        body: { pizzeriaId: p02, sizeId: w.margherita.sizeM, reason: 'Essai' },
      });
      expect(otherShop.status).to.equal(403);
      expect(otherShop.body.error.code).to.equal('other_pizzeria');

      const driver = await staffWithToken(app.db, 'driver', w.shopId);
      const noRight = await api.post('/api/staff/ruptures', {
        token: driver.token,
        body: { sizeId: w.margherita.sizeM, reason: 'Essai' },
      });
      expect(noRight.status).to.equal(403);

      const past = await api.post('/api/staff/ruptures', {
        token: manager.token,
        body: {
          sizeId: w.margherita.sizeM,
          reason: 'Essai',
          until: new Date(clock.now().getTime() - 1000).toISOString(),
        },
      });
      expect(past.status).to.equal(422);
      expect(past.body.error).to.include({ code: 'rupture_until_past' });
      expect(past.body.error.message).to.match(/futur/);

      const both = await api.post('/api/staff/ruptures', {
        token: manager.token,
        body: { sizeId: w.margherita.sizeM, extraId: w.extraMozza, reason: 'Essai' },
      });
      expect(both.status).to.equal(422);

      // Another shop's speciality is not on this shop's menu.
      const speciality = await createProduct(app.db, { name: 'Spécialité P02', recipe: {} });
      await app.db.query('UPDATE products SET pizzeria_id = $1 WHERE id = $2', {
        bind: [p02, speciality.id],
      });
      const foreign = await api.post('/api/staff/ruptures', {
        token: manager.token,
        body: { sizeId: speciality.sizeIds.M, reason: 'Essai' },
      });
      expect(foreign.status).to.equal(404);
      expect(foreign.body.error.code).to.equal('menu_item_not_found');

      // The P02 rupture of the group admin cannot be ended by P01's manager.
      const admin = await staffWithToken(app.db, 'admin', null);
      const p02Rupture = await api.post('/api/staff/ruptures', {
        token: admin.token,
        body: { pizzeriaId: p02, sizeId: w.margherita.sizeL, reason: 'Pâte' },
      });
      expect(p02Rupture.status).to.equal(201);
      const cross = await api.post(`/api/staff/ruptures/${p02Rupture.body.rupture.id}/end`, {
        token: manager.token,
      });
      expect(cross.status).to.equal(404);
      expect(sizeIn(await menuOf(p02), w.margherita.sizeL)).to.include({ available: false });
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeM)).to.include({ available: true });
    });
  });

  describe('shop prices and specialities', () => {
    it('when P01 sets its price for a size within the group’s bounds, then P01’s menu, quote and order use it and P02 keeps the group price', async () => {
      await app.db.query(
        `UPDATE product_sizes SET shop_price_min_cents = 1190, shop_price_max_cents = 1490 WHERE id = $1`,
        { bind: [w.margherita.sizeM] },
      );
      await app.db.query(`INSERT INTO shop_sizes (pizzeria_id, size_id, price_cents) VALUES ($1, $2, 1390)`, {
        bind: [w.shopId, w.margherita.sizeM],
      });
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeM).priceCents).to.equal(1390);
      expect(sizeIn(await menuOf(p02), w.margherita.sizeM).priceCents).to.equal(1290);
      const q1 = await quote(w.shopId, w.margherita.productId, w.margherita.sizeM);
      expect(q1.body.lines[0].unitPriceCents).to.equal(1390);
      expect(
        (await quote(p02, w.margherita.productId, w.margherita.sizeM)).body.lines[0].unitPriceCents,
      ).to.equal(1290);
      const placed = await place(w.shopId, w.margherita.productId, w.margherita.sizeM);
      expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
      expect(placed.body.order.lines[0].unitPriceCents).to.equal(1390);
      expect(placed.body.order.subtotalCents).to.equal(1390);
      // A modification is priced by the same menu: two at P01's price.
      const customerToken = await customerOf(placed.body.order.id);
      const modified = await api.patch(`/api/orders/${placed.body.order.id}`, {
        token: customerToken,
        body: { items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }] },
      });
      expect(modified.status, JSON.stringify(modified.body)).to.equal(200);
      expect(modified.body.order.subtotalCents).to.equal(2780);
      const other = await place(p02, w.margherita.productId, w.margherita.sizeM);
      expect(other.body.order.lines[0].unitPriceCents).to.equal(1290);

      // The group narrows the bounds: the shop's price follows them at once (never outside).
      await app.db.query(`UPDATE product_sizes SET shop_price_max_cents = 1350 WHERE id = $1`, {
        bind: [w.margherita.sizeM],
      });
      expect(sizeIn(await menuOf(w.shopId), w.margherita.sizeM).priceCents).to.equal(1350);
    });

    it('when P01 has a speciality, then it is on P01’s menu, quote and order only: P02’s menu lacks it and P02 cannot sell it', async () => {
      const speciality = await createProduct(app.db, {
        name: 'La Montmartroise',
        recipe: { [w.ingredients.dough]: 250, [w.ingredients.mozza]: 100 },
        sizes: [{ code: 'M', label: 'Sénior 31 cm', priceCents: 1450, factorPct: 100 }],
      });
      await app.db.query('UPDATE products SET pizzeria_id = $1 WHERE id = $2', {
        bind: [w.shopId, speciality.id],
      });
      const mine = productIn(await menuOf(w.shopId), speciality.id);
      expect(mine).to.include({ name: 'La Montmartroise', available: true });
      expect(mine.sizes[0]).to.include({ priceCents: 1450, available: true });
      expect(productIn(await menuOf(p02), speciality.id)).to.equal(undefined);

      const q = await quote(w.shopId, speciality.id, speciality.sizeIds.M);
      expect(q.status).to.equal(200);
      expect(q.body.lines[0]).to.include({ productName: 'La Montmartroise', unitPriceCents: 1450 });
      const placed = await place(w.shopId, speciality.id, speciality.sizeIds.M);
      expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
      expect(placed.body.order.lines[0]).to.include({
        productName: 'La Montmartroise',
        unitPriceCents: 1450,
      });

      // The recipe memo of P01's kitchen has it; P02's does not.
      const memoOf = async (shop: number) =>
        (
          await api.get('/api/staff/recipes', {
            token: (await staffWithToken(app.db, 'pizzaiolo', shop)).token,
          })
        ).body.recipes.map((r: any) => r.name);
      expect(await memoOf(w.shopId)).to.include('La Montmartroise');
      expect(await memoOf(p02)).to.not.include('La Montmartroise');

      expect((await quote(p02, speciality.id, speciality.sizeIds.M)).status).to.equal(422);
      const refused = await place(p02, speciality.id, speciality.sizeIds.M);
      expect(refused.status).to.equal(422);
      expect(JSON.stringify(refused.body)).to.contain('product_inactive');
    });

    it('when P01 withdraws a product or a size, then it leaves P01’s menu and orders only', async () => {
      await app.db.query(
        `INSERT INTO shop_products (pizzeria_id, product_id, offered) VALUES ($1, $2, false)`,
        {
          bind: [w.shopId, w.cola.productId],
        },
      );
      await app.db.query(`INSERT INTO shop_sizes (pizzeria_id, size_id, offered) VALUES ($1, $2, false)`, {
        bind: [w.shopId, w.margherita.sizeL],
      });
      const p01 = await menuOf(w.shopId);
      expect(productIn(p01, w.cola.productId)).to.equal(undefined);
      expect(productIn(p01, w.margherita.productId).sizes.map((s: any) => s.id)).to.deep.equal([
        w.margherita.sizeM,
      ]);
      const p02Menu = await menuOf(p02);
      expect(productIn(p02Menu, w.cola.productId)).to.not.equal(undefined);
      expect(productIn(p02Menu, w.margherita.productId).sizes).to.have.length(2);
      expect((await place(w.shopId, w.cola.productId, w.cola.sizeId)).status).to.equal(422);
      expect((await place(p02, w.cola.productId, w.cola.sizeId)).status).to.equal(201);
    });
  });
});
