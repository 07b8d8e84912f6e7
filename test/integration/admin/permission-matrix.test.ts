// Every back-office role × every resource × list, show, edit, new and delete, through the AdminJS JSON API
// of the real app, after a real login. The expected rights are written out here from the permission table
// (README « Staff roles »): this table is the specification the code must meet.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { FIXTURES } from './matrix-fixtures.js';
import { isRefused, loggedIn, type AdminClient } from './support.js';
import { adminWorld, countOf, rowOf } from './world.js';

type BackOfficeRole = 'admin' | 'manager' | 'pizzaiolo' | 'accountant';

// L list · S show · E edit · N new · D delete. Shop staff act on shop A's records (their own shop).
const MATRIX: Record<string, Record<BackOfficeRole, string>> = {
  pizzerias: { admin: 'LSEND', manager: 'LS', pizzaiolo: 'LS', accountant: 'LS' },
  // A manager never changes the group catalogue (not even its availability, which is every shop's); their
  // new product is a speciality of their own shop (admin/shop-menu.ts).
  products: { admin: 'LSEND', manager: 'LSN', pizzaiolo: 'LS', accountant: '' },
  product_sizes: { admin: 'LSEND', manager: 'LS', pizzaiolo: 'LS', accountant: '' },
  recipe_lines: { admin: 'LSEND', manager: 'LS', pizzaiolo: 'LS', accountant: '' },
  extras: { admin: 'LSEND', manager: 'LS', pizzaiolo: 'LS', accountant: '' },
  shop_products: { admin: 'LSEND', manager: 'LSEND', pizzaiolo: '', accountant: '' },
  shop_sizes: { admin: 'LSEND', manager: 'LSEND', pizzaiolo: '', accountant: '' },
  menu_ruptures: { admin: 'LSEN', manager: 'LSEN', pizzaiolo: 'LSEN', accountant: '' },
  ingredients: { admin: 'LSEND', manager: 'LS', pizzaiolo: 'LS', accountant: '' },
  stock_items: { admin: 'LSE', manager: 'LSE', pizzaiolo: 'LS', accountant: '' },
  stock_movements: { admin: 'LS', manager: 'LS', pizzaiolo: 'LS', accountant: '' },
  // Group suppliers are the group admin's; a manager changes their own shop's (shop A's here) and reads the
  // group's (admin/suppliers.ts; the group's refused in test/integration/admin/suppliers.test.ts).
  suppliers: { admin: 'LSEND', manager: 'LSEND', pizzaiolo: '', accountant: 'LS' },
  supplier_items: { admin: 'LSEND', manager: 'LSEND', pizzaiolo: '', accountant: 'LS' },
  // Read-only as CRUD: orders are drafted, sent and received through the purchasing service.
  purchase_orders: { admin: 'LS', manager: 'LS', pizzaiolo: '', accountant: 'LS' },
  employees: { admin: 'LSEND', manager: 'LSEN', pizzaiolo: '', accountant: '' },
  customers: { admin: 'LS', manager: 'LS', pizzaiolo: '', accountant: '' },
  orders: { admin: 'LS', manager: 'LS', pizzaiolo: 'LS', accountant: 'LS' },
  order_lines: { admin: 'LS', manager: 'LS', pizzaiolo: 'LS', accountant: 'LS' },
  order_status_events: { admin: 'LS', manager: 'LS', pizzaiolo: 'LS', accountant: 'LS' },
  payments: { admin: 'LS', manager: 'LS', pizzaiolo: '', accountant: 'LS' },
  refunds: { admin: 'LS', manager: 'LS', pizzaiolo: '', accountant: 'LS' },
  payment_corrections: { admin: 'LS', manager: 'LS', pizzaiolo: '', accountant: 'LS' },
  // The e-mails of every shop's customers: the group admin's only, and read-only (« Renvoyer » aside).
  outbox: { admin: 'LS', manager: '', pizzaiolo: '', accountant: '' },
  // The privacy log (« Demandes RGPD »): the group admin's, read-only (the privacy module writes it).
  privacy_requests: { admin: 'LS', manager: '', pizzaiolo: '', accountant: '' },
};

const NAMES: Record<string, string> = { L: 'list', S: 'show', E: 'edit', N: 'create', D: 'delete' };

const and = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words.join('');

function summary(rights: string): string {
  const allowed = [...rights].map((r) => NAMES[r]);
  const refused = Object.keys(NAMES)
    .filter((r) => !rights.includes(r))
    .map((r) => NAMES[r]);
  if (allowed.length === 0) return 'everything is refused';
  if (refused.length === 0) return `${and(allowed)} all work`;
  return `${and(allowed)} work; ${and(refused)} ${refused.length > 1 ? 'are' : 'is'} refused`;
}

const article = (role: string) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);

function expectSuccess(res: { body: any }, what: string) {
  expect(
    res.body?.notice?.type,
    `${what}: ${JSON.stringify([res.body?.notice, res.body?.record?.errors])}`,
  ).to.equal('success');
}

describe('back office: permission matrix of every role on every resource', function () {
  this.timeout(30_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  for (const [table, byRole] of Object.entries(MATRIX)) {
    for (const [role, rights] of Object.entries(byRole) as [BackOfficeRole, string][]) {
      it(`when ${article(role)} uses ${table}, then ${summary(rights)}`, async () => {
        const db = app.db;
        const world = await adminWorld(db);
        const fixture = await FIXTURES[table](world, db);
        const shop = role === 'admin' || role === 'accountant' ? null : world.a.world.shopId;
        const client: AdminClient = await loggedIn(app, db, role, shop);

        const list = await client.list(table);
        if (rights.includes('L')) {
          expect(list.body.notice, 'list').to.equal(undefined);
          expect(list.body.records, 'list').to.have.length.greaterThan(0);
        } else expect(isRefused(list), 'list refused').to.equal(true);

        const show = await client.show(table, fixture.showId);
        if (rights.includes('S'))
          expect(String(show.body.record?.params?.id), 'show').to.equal(String(fixture.showId));
        else expect(isRefused(show), 'show refused').to.equal(true);

        const before = await rowOf(db, table, fixture.editId);
        const edit = await client.edit(table, fixture.editId, fixture.edit);
        if (rights.includes('E')) {
          expectSuccess(edit, 'edit');
          expect(await rowOf(db, table, fixture.editId), 'edit saved').not.to.deep.equal(before);
        } else {
          expect(isRefused(edit), 'edit refused').to.equal(true);
          expect(await rowOf(db, table, fixture.editId), 'nothing changed').to.deep.equal(before);
        }

        const count = await countOf(db, table);
        const created = await client.create(table, fixture.create);
        if (rights.includes('N')) {
          expectSuccess(created, 'new');
          expect(await countOf(db, table)).to.equal(count + 1);
        } else {
          expect(isRefused(created), 'new refused').to.equal(true);
          expect(await countOf(db, table), 'nothing created').to.equal(count);
        }

        const doomed = await fixture.deleteId(db);
        const removed = await client.remove(table, doomed);
        if (rights.includes('D')) {
          expectSuccess(removed, 'delete');
          expect(await rowOf(db, table, doomed)).to.equal(null);
        } else {
          expect(isRefused(removed), 'delete refused').to.equal(true);
          expect(await rowOf(db, table, doomed), 'nothing deleted').not.to.equal(null);
        }
      });
    }
  }

  it('when a driver or a counter employee logs in with the right password, then the back office refuses them', async () => {
    const world = await adminWorld(app.db);
    for (const role of ['driver', 'counter'] as const) {
      await loggedIn(app, app.db, role, world.a.world.shopId).then(
        () => expect.fail(`a ${role} got in`),
        (error: Error) => expect(error.message).to.include('login of a'),
      );
    }
  });
});
