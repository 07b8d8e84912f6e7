// The back office's own pages: the dashboard's figures per role and shop, the recipe memo, and the accountant's
// downloads (the same streamed files as the staff API), each behind the session and the permission table.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { buildSales, download, parisToday, type SalesWorld } from '../accounting/support.js';
import { AdminClient, isRefused, loggedIn } from './support.js';

describe('back office pages: dashboard, recipe memo, accountant downloads', function () {
  this.timeout(60_000);
  let app: TestApp;
  let sales: SalesWorld;
  const today = parisToday();
  before(async () => {
    app = await startTestApp({ ACCOUNTING_SIREN: '732829320' });
  });
  after(() => app.close());
  beforeEach(async () => {
    sales = await buildSales(app.url, app.db);
  });

  /** A download with the session cookie, bytes decoded as they came (BOM kept). */
  async function adminDownload(client: AdminClient, path: string) {
    const res = await fetch(client.base + path, { headers: { Cookie: client.cookie! }, redirect: 'manual' });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, text };
  }

  describe('dashboard', () => {
    /** The cost of goods of one shop as the purchasing service computes it for the group admin. */
    const foodCost = (shopId: number) =>
      app.services.purchasing.foodCost(
        { kind: 'employee', employeeId: 0, role: 'admin', pizzeriaId: null, tokenId: 0 },
        shopId,
      );

    it("when a manager opens it, then the figures are their shop's, whatever shop the request names", async () => {
      const manager = await loggedIn(app, app.db, 'manager', sales.a.shopId);
      const res = await manager.get(`/api/dashboard?pizzeriaId=${sales.b.shopId}`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ allowed: true, memo: true });
      expect(res.body.shops.map((s: any) => s.id)).to.deep.equal([sales.a.shopId]);
      expect(res.body.figures).to.deep.equal(await app.services.dashboard.figures(sales.a.shopId));
      expect(res.body.figures.revenueCents.today).to.be.above(0);
      // « Coût matière »: the shop's, with today's sales beside their revenue excluding VAT
      expect(res.body.foodCost).to.deep.equal(await foodCost(sales.a.shopId));
      expect(res.body.foodCost.days).to.have.length(14);
      expect(res.body.foodCost.days.at(-1).revenueExclVatCents).to.be.above(0);
    });

    it('when the accountant opens it, then the group figures come first and any shop can be chosen', async () => {
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const group = await accountant.get('/api/dashboard');
      expect(group.body).to.deep.include({ allowed: true, group: true, memo: false });
      expect(group.body.figures).to.deep.equal(await app.services.dashboard.figures(null));
      const a = await app.services.dashboard.figures(sales.a.shopId);
      const b = await app.services.dashboard.figures(sales.b.shopId);
      expect(group.body.figures.revenueCents.today).to.equal(a.revenueCents.today + b.revenueCents.today);
      const one = await accountant.get(`/api/dashboard?pizzeriaId=${sales.b.shopId}`);
      expect(one.body.figures).to.deep.equal(b);
      // The cost of goods is a shop's: none for the whole group, the chosen shop's otherwise
      expect(group.body.foodCost).to.equal(null);
      expect(one.body.foodCost).to.deep.equal(await foodCost(sales.b.shopId));
    });

    it('when a pizzaiolo opens it, then no figures are sent, only the way to the recipe memo', async () => {
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', sales.a.shopId);
      const res = await pizzaiolo.get('/api/dashboard');
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ allowed: false, memo: true, title: res.body.title });
      expect(res.body.title).to.match(/Pizzaïolo/);
    });
  });

  describe('recipe memo', () => {
    it('when a pizzaiolo opens it, then the printable French memo lists the pizzas; an accountant is refused', async () => {
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', sales.a.shopId);
      const page = await pizzaiolo.get('/memo');
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      expect(page.body)
        .to.include('<h1>Mémo recettes</h1>')
        .and.include('Margherita')
        .and.include('@media print');
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const refused = await accountant.get('/memo');
      expect(refused.status).to.equal(403);
      expect(refused.body.error).to.deep.include({ code: 'forbidden' });
      const anonymous = await new AdminClient(app).get('/memo');
      expect(anonymous.status).to.equal(302);
      expect(anonymous.headers.get('location')).to.equal(`${app.settings.adminPath}/login`);
    });

    it('when the products list is opened, then the memo action is offered to kitchen roles only', async () => {
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', sales.a.shopId);
      expect((await pizzaiolo.get('/api/resources/products/actions/memo')).status).to.equal(200);
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const res = await accountant.get('/api/resources/products/actions/memo');
      expect(isRefused(res), JSON.stringify(res.body)).to.equal(true);
    });
  });

  describe('accountant downloads', () => {
    it('when the accountant downloads the orders CSV, then it is the staff API file, byte for byte, as an attachment', async () => {
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const query = `from=${today}&to=${today}&pizzeriaId=${sales.a.shopId}`;
      const mine = await adminDownload(accountant, `/exports/orders.csv?${query}`);
      expect(mine.status).to.equal(200);
      expect(mine.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(mine.headers.get('content-disposition')).to.match(/^attachment; filename=".+\.csv"$/);
      expect(mine.text.charCodeAt(0)).to.equal(0xfeff);
      expect(mine.text).to.include(sales.orders.delivered.number);
      expect(mine.text).to.not.include(sales.orders.otherShop.number);
      const api = await download(app.url, `/api/staff/exports/orders.csv?${query}`, sales.tokens.accountant);
      expect(mine.text).to.equal(api.text);
    });

    it('when the accountant downloads the FEC, then it is the staff API file and is named <SIREN>FEC<date>.txt', async () => {
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const mine = await adminDownload(accountant, `/exports/fec?from=${today}&to=${today}`);
      expect(mine.status).to.equal(200);
      expect(mine.headers.get('content-disposition')).to.equal(
        `attachment; filename="732829320FEC${today.replace(/-/g, '')}.txt"`,
      );
      const api = await download(
        app.url,
        `/api/staff/exports/fec?from=${today}&to=${today}`,
        sales.tokens.accountant,
      );
      expect(mine.text).to.equal(api.text);
      expect(mine.text.split('\n').length).to.be.above(3);
    });

    it('when the period is wrong, or the caller is not allowed, then 422 / 403 in JSON and no file', async () => {
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const wrong = await adminDownload(accountant, `/exports/orders.csv?from=2026-12-31&to=2026-01-01`);
      expect(wrong.status).to.equal(422);
      expect(wrong.headers.get('content-disposition')).to.equal(null);
      expect(JSON.parse(wrong.text).error.code).to.equal('validation_failed');
      const manager = await loggedIn(app, app.db, 'manager', sales.a.shopId);
      for (const path of [
        `/exports/orders.csv?from=${today}&to=${today}`,
        `/exports/fec?from=${today}&to=${today}`,
      ]) {
        const refused = await adminDownload(manager, path);
        expect(refused.status, path).to.equal(403);
        expect(refused.text).to.not.include(sales.orders.delivered.number);
      }
      const exportsAction = await manager.get('/api/resources/orders/actions/exports');
      expect(exportsAction.body?.notice?.type ?? String(exportsAction.status)).to.be.oneOf([
        'error',
        '404',
        '403',
      ]);
      expect(exportsAction.body?.shops).to.equal(undefined);
    });
  });
});
