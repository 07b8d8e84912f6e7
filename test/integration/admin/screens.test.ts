// What staff get on screen: the sidebar per role, the pages' headers, the links between related lists, the
// opening hours edited as JSON, unknown routes, and big lists that stay fast (newest first, capped count).
import { expect } from 'chai';
import { createShopWorld } from '../../factories/shop.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { COUNT_CAP } from '../../../admin/resource.js';
import { loggedIn, type AdminClient } from './support.js';
import { adminWorld, rowOf } from './world.js';

/** The resources the sidebar offers: AdminJS gives a link (href) to those whose list may be opened. */
async function sidebar(client: AdminClient): Promise<string[]> {
  const page = await client.get('');
  const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.body)![1]);
  return state.resources.filter((r: { href: string | null }) => r.href).map((r: { id: string }) => r.id);
}

describe('back office: screens, links and big lists', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  it('when each role opens the back office, then the sidebar offers only what the role may read', async () => {
    const world = await adminWorld(app.db);
    const shop = world.a.world.shopId;
    const catalogue = ['products', 'product_sizes', 'recipe_lines', 'extras', 'ingredients'];
    const orders = ['orders', 'order_lines', 'order_status_events'];
    expect(await sidebar(await loggedIn(app, app.db, 'pizzaiolo', shop))).to.have.members([
      ...catalogue,
      'menu_ruptures',
      'stock_items',
      'stock_movements',
      ...orders,
      'pizzerias',
    ]);
    const purchasing = ['suppliers', 'supplier_items', 'purchase_orders'];
    expect(await sidebar(await loggedIn(app, app.db, 'accountant', null))).to.have.members([
      ...purchasing,
      ...orders,
      'payments',
      'refunds',
      'payment_corrections',
      'pizzerias',
    ]);
    const managerSees = await sidebar(await loggedIn(app, app.db, 'manager', shop));
    expect(managerSees).to.include.members(['employees', 'customers', 'payments', 'stock_items']);
    // Their shop's menu over the group catalogue (issue 17).
    expect(managerSees).to.include.members(['shop_products', 'shop_sizes', 'menu_ruptures']);
    expect(managerSees).to.include.members(purchasing);
    expect(managerSees).not.to.include('outbox');
    expect(managerSees).not.to.include('privacy_requests');
    const adminSees = await sidebar(await loggedIn(app, app.db, 'admin', null));
    expect(adminSees).to.have.length(24);
    expect(adminSees).to.include.members(purchasing);
    expect(adminSees).to.include.members(['outbox', 'privacy_requests']);
  });

  it('when a page of the back office is served, then it is French, branded, private and allowed its inline scripts', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const page = await admin.get('');
    expect(page.status).to.equal(200);
    expect(page.body).to.include('<html lang=fr>').and.include('<title>OC Pizza — Gestion</title>');
    expect(page.body).to.include('"logo":false');
    expect(page.headers.get('cache-control')).to.equal('no-store');
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self' 'unsafe-inline'");
    const api = await admin.list('products');
    expect(api.headers.get('cache-control')).to.equal('no-store');
    expect(api.headers.get('x-content-type-options')).to.equal('nosniff');
  });

  it('when a related list is opened from a record, then it is the list filtered on that record, if the role may read it', async () => {
    const world = await adminWorld(app.db);
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', world.a.world.shopId);
    const product = world.a.world.margherita.productId;
    const sizes = await pizzaiolo.get(`/api/resources/products/records/${product}/sizes`);
    expect(sizes.body.redirectUrl).to.equal(
      `${app.settings.adminPath}/resources/product_sizes?filters.productId=${product}`,
    );
    const filtered = await pizzaiolo.list('product_sizes', `filters.productId=${product}`);
    expect(filtered.body.records).to.have.length(2);
    const order = await pizzaiolo.show('orders', world.a.orderId);
    const links = order.body.record.recordActions.map((a: { name: string }) => a.name);
    expect(links).to.include.members(['lines', 'history']).and.not.include('payments');
    const lines = await pizzaiolo.list('order_lines', `filters.orderId=${world.a.orderId}`);
    expect(lines.body.records.map((r: any) => r.params.id)).to.deep.equal([world.a.lineId]);
  });

  it('when opening hours are edited as JSON, then valid hours are saved and anything else is refused in French', async () => {
    const world = await adminWorld(app.db);
    const admin = await loggedIn(app, app.db, 'admin', null);
    const shop = world.a.world.shopId;
    const shown = await admin.show('pizzerias', shop);
    expect(JSON.parse(shown.body.record.params.openingHoursJson)).to.have.property('mon');
    const saved = await admin.edit('pizzerias', shop, { openingHoursJson: '{"mon": [["11:30", "14:30"]]}' });
    expect(saved.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'pizzerias', shop)).to.deep.include({
      opening_hours: { mon: [['11:30', '14:30']] },
    });
    const broken = await admin.edit('pizzerias', shop, { openingHoursJson: '{"mon": [["11:30"' });
    expect(broken.body.record.errors.openingHoursJson.message).to.match(/^JSON invalide/);
    const wrong = await admin.edit('pizzerias', shop, { openingHoursJson: '{"lundi": "midi"}' });
    expect(wrong.body.notice.type).to.equal('error');
    expect(await rowOf(app.db, 'pizzerias', shop)).to.deep.include({
      opening_hours: { mon: [['11:30', '14:30']] },
    });
  });

  it('when an unknown resource or action or a malformed id filter is asked, then 404 or nothing, never an error', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    for (const path of [
      '/api/resources/auth_tokens/actions/list',
      '/api/resources/orders/actions/export',
      '/api/resources/employees/records/1/impersonate',
    ]) {
      const res = await admin.get(path);
      expect(res.status, path).to.equal(404);
      expect(res.body.error.message).to.equal('Ressource ou action inconnue.');
    }
    const malformed = await admin.list('order_lines', 'filters.orderId=pas-un-uuid');
    expect(malformed.status).to.equal(200);
    expect(malformed.body.records).to.have.length(0);
  });

  it('when the orders list is opened on a big table, then it is newest first, 20 a page, and the count stops at the cap', async function () {
    this.timeout(60_000);
    const { shopId } = await createShopWorld(app.db);
    await app.db.query(
      `INSERT INTO orders (number, pizzeria_id, customer_name, channel, fulfilment, status, subtotal_cents,
         total_cents, payment_method, created_at)
       SELECT 'G' || g, $1, 'Client', 'web', 'takeaway', 'collected', 1000, 1000, 'cash', now() - g * interval '1 minute'
       FROM generate_series(1, $2::int) g`,
      { bind: [shopId, COUNT_CAP + 50] },
    );
    for (const client of [
      await loggedIn(app, app.db, 'accountant', null),
      await loggedIn(app, app.db, 'manager', shopId),
    ]) {
      const started = Date.now();
      const first = await client.list('orders');
      expect(Date.now() - started).to.be.below(2_000);
      expect(first.body.meta).to.include({
        total: COUNT_CAP + 1,
        perPage: 20,
        sortBy: 'createdAt',
        direction: 'desc',
      });
      expect(first.body.records.map((r: any) => r.params.number).slice(0, 3)).to.deep.equal([
        'G1',
        'G2',
        'G3',
      ]);
      const third = await client.list('orders', 'page=3');
      expect(third.body.records[0].params.number).to.equal('G41');
    }
  });
});
