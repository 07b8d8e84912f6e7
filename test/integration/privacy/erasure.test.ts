// DELETE /api/me and the admin's erasure: the account is closed at once, no text column anywhere still holds the
// customer's name, e-mail, phone or address, and accounting is untouched (FEC, orders CSV, sales journal
// byte-identical, the journal still verifies). A refusal (wrong password, order in progress) changes nothing.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { ORDER_IN_PROGRESS_MESSAGE } from '../../../src/modules/privacy/index.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { newKey } from '../../factories/shop.js';
import { download, parisToday } from '../accounting/support.js';
import {
  buildBystander,
  buildFullCustomer,
  PERSON,
  SAVED_ADDRESS,
  tiedTables,
  type FullCustomer,
} from './support.js';

const NEEDLES = [
  PERSON.firstName,
  PERSON.lastName,
  PERSON.email,
  PERSON.phone,
  SAVED_ADDRESS.line1,
  SAVED_ADDRESS.instructions,
];
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

describe('Personal data: erasure of a customer', function () {
  this.timeout(90_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const q = <T extends object>(sql: string, bind: unknown[] = []) =>
    app.db.query<T>(sql, { type: QueryTypes.SELECT, bind });

  /** Every text, character and JSON column of every table of the public schema holding one of the needles. */
  async function scan(needles: string[]): Promise<string[]> {
    const columns = await q<{ t: string; c: string }>(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns c
        JOIN information_schema.tables USING (table_schema, table_name)
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
    );
    expect(columns.length).to.be.greaterThan(100);
    const hits: string[] = [];
    for (const { t, c } of columns) {
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${t}" WHERE "${c}"::text ILIKE ANY($1::text[])`,
        [needles.map(likePattern)],
      );
      if (n > 0) hits.push(`${t}.${c}`);
    }
    return hits;
  }

  /** Every row tied to the customer by the schema, the counters and the cache: what a refusal must not change. */
  async function everything(customerId: number): Promise<string> {
    const parts: unknown[] = [];
    for (const [table, sql] of await tiedTables(app.db)) parts.push(table, await q(sql, [customerId]));
    parts.push(
      await q(`SELECT * FROM rate_limits ORDER BY key`),
      await q(`SELECT * FROM geocode_cache ORDER BY 1`),
    );
    return JSON.stringify(parts);
  }

  async function books(c: FullCustomer) {
    const day = parisToday();
    const fec = await download(app.url, `/api/staff/exports/fec?from=${day}&to=${day}`, c.accountant);
    const csv = await download(app.url, `/api/staff/exports/orders.csv?from=${day}&to=${day}`, c.accountant);
    expect([fec.status, csv.status], fec.text + csv.text).to.deep.equal([200, 200]);
    const journal = await q(`SELECT * FROM sales_journal ORDER BY pizzeria_id, seq`);
    expect(journal.length).to.be.greaterThan(2);
    return { fec: fec.text, csv: csv.text, journal: JSON.stringify(journal) };
  }

  const amounts = (customerIdOrNull: number | null, ids: string[]) =>
    q(
      `SELECT id, number, status, subtotal_cents, delivery_fee_cents, total_cents, vat_breakdown, payment_method,
              payment_status FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    ).then((rows) => ({ customerIdOrNull, rows }));

  it('when the customer deletes their account, then it is closed at once and their data is gone everywhere, the books unchanged', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    const other = await buildBystander(app, c.world);
    const orderIds = Object.values(c.orders);
    // The scan finds the person where they live today (a scan that finds nothing proves nothing).
    expect(await scan(NEEDLES)).to.include.members([
      'customers.first_name',
      'customers.email',
      'addresses.line1',
      'addresses.instructions',
      'orders.customer_name',
      'orders.customer_phone',
      'orders.delivery_line1',
      'outbox.recipient',
      'geocode_cache.query',
      'rate_limits.key',
    ]);
    const before = { books: await books(c), amounts: (await amounts(null, orderIds)).rows };

    const res = await api.delete('/api/me', { token: c.token, body: { password: PERSON.password } });
    expect(res.status, JSON.stringify(res.body)).to.equal(204);

    expect((await api.get('/api/me', { token: c.token })).status).to.equal(401);
    expect((await api.get('/api/me/export', { token: c.token })).status).to.equal(401);
    expect(await scan(NEEDLES)).to.deep.equal([]);
    // The orders keep their numbers and money; the books are the same to the byte; the journal verifies.
    expect((await amounts(null, orderIds)).rows).to.deep.equal(before.amounts);
    const erased = await q<{ name: string; at: Date | null; customer: number | null }>(
      `SELECT customer_name AS name, personal_data_erased_at AS at, customer_id AS customer FROM orders
        WHERE id = ANY($1::uuid[])`,
      [orderIds],
    );
    expect(erased.every((o) => o.name === 'Anonyme' && o.at !== null && o.customer === null)).to.equal(true);
    const after = await books(c);
    expect(after).to.deep.equal(before.books);
    const v = await api.get(`/api/staff/journal/verification?pizzeriaId=${c.world.shopId}`, {
      token: c.accountant,
    });
    expect(v.status, JSON.stringify(v.body)).to.equal(200);
    expect(v.body).to.include({ intact: true });
    // The log: who asked, what was touched, nothing personal.
    const [log] = await q<any>(`SELECT * FROM privacy_requests WHERE kind = 'erasure'`);
    expect(log).to.include({ origin: 'customer', customer_id: c.id, employee_id: null, reason: null });
    expect(log.summary).to.include({ customers: 1, addresses: 1, orders: 3, geocode_cache: 2 });
    expect(log.summary.outbox).to.be.greaterThan(0);
    expect(log.summary.auth_tokens).to.equal(2);
    // Signing in again fails (a new attempt counted against the e-mail, as for any unknown address).
    const login = await api.post('/api/auth/login', {
      body: { email: PERSON.email, password: PERSON.password },
    });
    expect(login.status).to.equal(401);
    // Someone else is untouched.
    const mine = await q<{ customer_name: string }>(`SELECT customer_name FROM orders WHERE id = $1`, [
      other.orderId,
    ]);
    expect(mine[0].customer_name).to.equal('Bastien Morel');
    expect((await api.get('/api/me', { token: other.token })).status).to.equal(200);
  });

  it('when the password is wrong, then 422 password_incorrect and nothing changes', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    const before = await everything(c.id);
    const res = await api.delete('/api/me', { token: c.token, body: { password: 'pas-le-bon-mot-2' } });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'password_incorrect', message: 'Mot de passe incorrect.' });
    expect(await everything(c.id)).to.equal(before);
    expect((await api.get('/api/me', { token: c.token })).status).to.equal(200);
  });

  it('when an order is still in progress, then 409 order_in_progress and nothing changes', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    const placed = await api.post('/api/orders', {
      token: c.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: c.world.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: c.world.margherita.productId, sizeId: c.world.margherita.sizeM, quantity: 1 }],
        paymentMethod: 'cash',
      },
    });
    expect(placed.status).to.equal(201);
    const before = await everything(c.id);
    const res = await api.delete('/api/me', { token: c.token, body: { password: PERSON.password } });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.include({ code: 'order_in_progress', message: ORDER_IN_PROGRESS_MESSAGE });
    expect(await everything(c.id)).to.equal(before);
    const [{ n }] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM privacy_requests WHERE kind = 'erasure'`,
    );
    expect(n).to.equal(0);
  });

  it('when the group admin erases a customer on request, then it is done with their name and reason in the log', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    try {
      await app.services.privacy.eraseCustomer(c.id, { origin: 'admin', employeeId: c.admin.id });
      expect.fail('an admin erasure without a reason was accepted');
    } catch (error) {
      expect((error as { code?: string }).code).to.equal('reason_required');
    }
    const summary = await app.services.privacy.eraseCustomer(c.id, {
      origin: 'admin',
      employeeId: c.admin.id,
      reason: 'Demande écrite du client',
    });
    expect(summary.rows).to.include({ customers: 1, orders: 3 });
    expect((await api.get('/api/me', { token: c.token })).status).to.equal(401);
    expect(await scan(NEEDLES)).to.deep.equal([]);
    const [log] = await q<any>(`SELECT * FROM privacy_requests WHERE id = $1`, [summary.requestId]);
    expect(log).to.include({
      kind: 'erasure',
      origin: 'admin',
      customer_id: c.id,
      employee_id: c.admin.id,
      reason: 'Demande écrite du client',
    });
    try {
      await app.services.privacy.eraseCustomer(c.id, { origin: 'retention' });
      expect.fail('a second erasure of a gone customer was accepted');
    } catch (error) {
      expect((error as { code?: string }).code).to.equal('customer_not_found');
    }
  });
});
