// « Exporter (CSV) » of the plain CRUD tables: what the caller may read, nothing more, never a password hash.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { parseCsv } from '../accounting/support.js';
import { isRefused, loggedIn } from './support.js';
import { adminWorld, type AdminWorld } from './world.js';

describe('back office: CSV export of the CRUD tables', () => {
  let app: TestApp;
  let world: AdminWorld;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    world = await adminWorld(app.db);
  });

  const exportOf = (table: string) => `/api/resources/${table}/actions/csvExport`;

  it("when a manager exports the stock, then the file holds their shop's rows only, with French headers and names", async () => {
    const manager = await loggedIn(app, app.db, 'manager', world.a.world.shopId);
    const res = await manager.post(exportOf('stock_items'));
    expect(res.status).to.equal(200);
    expect(res.body.fileName).to.match(/^stock_items-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(res.body.exportedData.charCodeAt(0)).to.equal(0xfeff);
    const [header, ...rows] = parseCsv(res.body.exportedData.slice(1));
    expect(header).to.include.members(['Pizzeria', 'Ingrédient', 'En stock', 'Réservé', 'Seuil d’alerte']);
    const mine = await app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM stock_items WHERE pizzeria_id = $1',
      { type: QueryTypes.SELECT, bind: [world.a.world.shopId] },
    );
    expect(rows).to.have.length(mine[0].n);
    expect(res.body.rows).to.equal(mine[0].n);
    const shopColumn = header.indexOf('Pizzeria');
    const shopNames = new Set(rows.map((r) => r[shopColumn]));
    expect(shopNames.size).to.equal(1);
    expect(rows.map((r) => r[header.indexOf('Ingrédient')])).to.include('Mozzarella');
  });

  it('when the staff list is exported, then no password hash is in it and a manager gets their shop only', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const all = await admin.post(exportOf('employees'));
    expect(all.status).to.equal(200);
    const text: string = all.body.exportedData;
    const hashes = await app.db.query<{ h: string }>('SELECT password_hash AS h FROM employees', {
      type: QueryTypes.SELECT,
    });
    for (const { h } of hashes) expect(text).to.not.include(h);
    expect(text).to.not.match(/\$2[aby]\$/);
    const manager = await loggedIn(app, app.db, 'manager', world.a.world.shopId);
    const mine = parseCsv((await manager.post(exportOf('employees'))).body.exportedData.slice(1));
    const emails = mine.slice(1).map((r) => r[mine[0].indexOf('E-mail')]);
    const inShopA = await app.db.query<{ email: string }>(
      'SELECT email FROM employees WHERE pizzeria_id = $1',
      { type: QueryTypes.SELECT, bind: [world.a.world.shopId] },
    );
    expect(emails).to.have.members(inShopA.map((e) => e.email));
  });

  it('when a role may not read a table, then its export is refused; orders have none (the accounting exports do that)', async () => {
    const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', world.a.world.shopId);
    expect(isRefused(await pizzaiolo.post(exportOf('employees')))).to.equal(true);
    const accountant = await loggedIn(app, app.db, 'accountant', null);
    expect(isRefused(await accountant.post(exportOf('stock_items')))).to.equal(true);
    expect((await accountant.post(exportOf('orders'))).status).to.equal(404);
  });
});
