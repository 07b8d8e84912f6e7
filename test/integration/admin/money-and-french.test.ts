// Amounts typed in euros in the back office, through its JSON API as the form posts them (`<field>Text`), and
// AdminJS's English refusals turned French: a wrong amount is a French form error (never a 500, nothing written),
// another shop's record and a bulk action on records that do not exist answer in French.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { EUROS_EXPECTED } from '../../../src/shared/money.js';
import { parseCsv } from '../accounting/support.js';
import { loggedIn } from './support.js';
import { adminWorld, rowOf, type AdminWorld } from './world.js';

describe('back office: euros typed as people write them, refusals in French', () => {
  let app: TestApp;
  let w: AdminWorld;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await adminWorld(app.db);
  });

  const priceOf = async (sizeId: number) => {
    const [row] = await app.db.query<{ price: number }>(
      'SELECT price_cents AS price FROM product_sizes WHERE id = $1',
      {
        type: QueryTypes.SELECT,
        bind: [sizeId],
      },
    );
    return row.price;
  };

  it('when « 10,50 », « 10.5 » or « 1 250,00 € » is typed as a price, then it is saved in cents', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const sizeId = w.a.world.margherita.sizeM;
    for (const [typed, cents] of [
      ['10,50', 1050],
      ['10.5', 1050],
      ['1 250,00 €', 125000],
    ] as const) {
      const res = await admin.edit('product_sizes', sizeId, { priceCentsText: typed });
      expect(res.status, typed).to.equal(200);
      expect(res.body.notice?.type, JSON.stringify(res.body.notice)).to.equal('success');
      expect(await priceOf(sizeId), typed).to.equal(cents);
    }
  });

  it('when « dix » is typed as a price, then a French error under the field, no 500, and nothing is written', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const sizeId = w.a.world.margherita.sizeM;
    const before = await rowOf(app.db, 'product_sizes', sizeId);
    const forms: Record<string, string>[] = [
      { priceCentsText: 'dix' },
      { priceCents: '10,50' },
      { priceCents: 'dix' },
    ];
    for (const form of forms) {
      const res = await admin.edit('product_sizes', sizeId, form);
      expect(res.status, JSON.stringify(form)).to.be.below(500);
      expect(res.body.notice?.type).to.equal('error');
      expect(res.body.record.errors.priceCents.message).to.equal(EUROS_EXPECTED);
    }
    expect(await rowOf(app.db, 'product_sizes', sizeId)).to.deep.equal(before);
  });

  it('when a new size, an extra and a shop’s fees are typed in euros, then they are stored in cents', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const created = await admin.create('product_sizes', {
      productId: String(w.a.world.margherita.productId),
      code: 'XL',
      label: 'Maxi',
      priceCentsText: '18,90',
      recipeFactorPct: '200',
    });
    expect(created.body.notice?.type, JSON.stringify(created.body.notice)).to.equal('success');
    expect(await priceOf(Number(created.body.record.id))).to.equal(1890);
    await admin.edit('extras', w.a.world.extraMozza, { priceCentsText: '2' });
    expect(((await rowOf(app.db, 'extras', w.a.world.extraMozza)) as any).price_cents).to.equal(200);
    const fees = await admin.edit('pizzerias', w.a.world.shopId, {
      deliveryFeeCentsText: '2,50',
      minDeliveryOrderCentsText: '15',
      freeDeliveryThresholdCentsText: '35,00 €',
    });
    expect(fees.body.notice?.type, JSON.stringify(fees.body)).to.equal('success');
    const shop = (await rowOf(app.db, 'pizzerias', w.a.world.shopId)) as any;
    expect([
      shop.delivery_fee_cents,
      shop.min_delivery_order_cents,
      shop.free_delivery_threshold_cents,
    ]).to.deep.equal([250, 1500, 3500]);
  });

  it('when sizes and products are exported, then prices read as euros and VAT rates as percentages', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const sizes = await admin.post('/api/resources/product_sizes/actions/csvExport');
    const [header, ...rows] = parseCsv(sizes.body.exportedData.slice(1));
    const price = header.indexOf('Prix TTC');
    expect(price).to.be.at.least(0);
    expect(rows.map((r) => r[price])).to.include.members(['12,90', '15,90', '2,50']);
    const products = await admin.post('/api/resources/products/actions/csvExport');
    const [head, ...lines] = parseCsv(products.body.exportedData.slice(1));
    expect(lines.map((r) => r[head.indexOf('Taux de TVA')])).to.include.members(['10', '5,5']);
  });

  it('when a stock line or an employee is picked by typing part of its name, then the search finds it by that name', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.a.world.shopId);
    const stock = await manager.get('/api/resources/stock_items/actions/search/mozz');
    expect(stock.body.records.map((r: { title: string }) => r.title)).to.deep.equal(['Mozzarella · P01']);
    const admin = await loggedIn(app, app.db, 'admin', null);
    const [person] = await app.db.query<{ first: string; last: string }>(
      'SELECT first_name AS first, last_name AS last FROM employees WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [w.a.pizzaioloId] },
    );
    const found = await admin.get(
      `/api/resources/employees/actions/search/${encodeURIComponent(person.last)}`,
    );
    expect(found.body.records.map((r: { title: string }) => r.title)).to.deep.equal([
      `${person.first} ${person.last}`,
    ]);
    const none = await admin.get(
      `/api/resources/stock_items/actions/search/${encodeURIComponent("%' OR 1=1 --")}`,
    );
    expect(none.status).to.equal(200);
    expect(none.body.records).to.deep.equal([]);
  });

  it('when a manager asks for another shop’s record by its URL, then the refusal is the French message key', async () => {
    const manager = await loggedIn(app, app.db, 'manager', w.a.world.shopId);
    for (const res of [
      await manager.show('orders', w.b.orderId),
      await manager.get(`/api/resources/stock_items/records/${w.b.world.stockIds.mozza}/edit`),
    ]) {
      expect(res.body.notice).to.deep.include({ type: 'error', message: 'error404Record' });
      expect(JSON.stringify(res.body)).not.to.match(/cannot be found|given id/i);
    }
  });

  it('when a bulk action names records that do not exist, then a French 404, not a 500', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const res = await admin.bulkDelete('ingredients', [987654]);
    expect(res.status).to.equal(404);
    expect(res.body.error).to.deep.equal({
      code: 'not_found',
      message: 'Cet enregistrement n’existe pas ou ne fait pas partie de vos accès.',
    });
  });
});
