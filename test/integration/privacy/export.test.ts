// GET /api/me/export: every row the schema ties to the customer (found by following the foreign keys, not by
// asking the holders) is in the document, and nothing secret is: no password hash, no token hash, nothing like a card.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { addressKey } from '../../../src/modules/delivery/index.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildBystander,
  buildFullCustomer,
  PERSON,
  SAVED_ADDRESS,
  tiedTables,
  TYPED_ADDRESS,
} from './support.js';

type Doc = { customerId: number; data: Record<string, any> };
const ids = (rows: { id: unknown }[] | undefined) => (rows ?? []).map((r) => String(r.id));
const orders = (d: Doc) => d.data.orders.orders as { id: string; lines: any[]; statusHistory: any[] }[];

/** Where each table's rows are in the document, as their ids (sales_journal: shop:seq). */
const IN_EXPORT: Record<string, (d: Doc) => string[]> = {
  customers: (d) => [String(d.data.customers.account.id)],
  addresses: (d) => ids(d.data.customers.addresses),
  auth_tokens: (d) => ids(d.data.auth.loginHistory),
  password_reset_tokens: (d) => ids(d.data.auth.passwordResetRequests),
  orders: (d) => ids(orders(d)),
  order_lines: (d) => orders(d).flatMap((o) => ids(o.lines)),
  order_status_events: (d) => orders(d).flatMap((o) => ids(o.statusHistory)),
  payments: (d) => ids(d.data.payments.payments),
  refunds: (d) => ids(d.data.payments.refunds),
  payment_corrections: (d) => ids(d.data.payments.corrections),
  stock_movements: (d) => ids(d.data.stock.stockMovements),
  outbox: (d) => ids(d.data.notifications.messages),
  sales_journal: (d) => d.data.journal.salesJournal.map((e: any) => `${e.pizzeriaId}:${e.seq}`),
  privacy_requests: (d) => ids(d.data.privacy.requests),
};
const rowId = (table: string, row: Record<string, unknown>) =>
  table === 'sales_journal' ? `${row.pizzeria_id}:${row.seq}` : String(row.id);

describe('Personal data: the customer’s export', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('when a customer with data everywhere downloads their export, then every row tied to them is in it, as an attachment', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    const other = await buildBystander(app, c.world);
    // A first export leaves a privacy_requests row, which the second one lists.
    expect((await api.get('/api/me/export', { token: c.token })).status).to.equal(200);
    const tied = await tiedTables(app.db);
    const expected = new Map<string, string[]>();
    for (const [table, sql] of tied) {
      const rows = await app.db.query<Record<string, unknown>>(sql, {
        type: QueryTypes.SELECT,
        bind: [c.id],
      });
      expected.set(
        table,
        rows.map((r) => rowId(table, r)),
      );
    }
    const res = await api.get('/api/me/export', { token: c.token });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-disposition')).to.match(
      /^attachment; filename="ocpizza-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    const doc = res.body as Doc;
    expect(doc.customerId).to.equal(c.id);

    const declared = app.services.privacy.declaredTables().map((t) => t.table);
    for (const [table, rows] of expected) {
      expect(declared, `${table} is declared`).to.include(table);
      expect(IN_EXPORT, `the test knows where ${table} is in the export`).to.have.property(table);
      expect(rows.length, `${table}: the customer has rows there`).to.be.greaterThan(0);
      expect(IN_EXPORT[table](doc), table).to.have.members(rows);
    }
    // Tied by text: the counters keyed by the e-mail, the cached positions of their addresses.
    const counters = await app.db.query<{ key: string }>(`SELECT key FROM rate_limits WHERE key LIKE $1`, {
      type: QueryTypes.SELECT,
      bind: [`%:email:${PERSON.email}`],
    });
    expect(counters.length).to.be.greaterThan(0);
    expect(doc.data.auth.attemptCounters.map((r: any) => r.key)).to.have.members(counters.map((r) => r.key));
    expect(doc.data.delivery.geocodedAddresses.map((r: any) => r.addressKey)).to.have.members([
      addressKey(SAVED_ADDRESS),
      addressKey(TYPED_ADDRESS),
    ]);
    // What the customer reads: their names, the order's amounts and VAT, the message subjects.
    expect(doc.data.customers.account).to.include({ firstName: PERSON.firstName, email: PERSON.email });
    expect(doc.data.customers.notificationPreferences).to.deep.equal({ statusEmails: true });
    const delivered = orders(doc).find((o) => o.id === c.orders.delivered) as any;
    expect(delivered).to.include({ status: 'delivered', deliveryLine1: SAVED_ADDRESS.line1 });
    expect(delivered.totalCents).to.be.a('number');
    expect(delivered.vatBreakdown).to.be.an('array').with.length.greaterThan(0);
    // Nobody else's rows.
    expect(ids(orders(doc))).not.to.include(other.orderId);
  });

  it('when the export is read, then it holds no password hash, no token hash and nothing card-like', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    const text = JSON.stringify((await api.get('/api/me/export', { token: c.token })).body);
    const secrets = await app.db.query<{ secret: string }>(
      `SELECT password_hash AS secret FROM customers WHERE id = $1
       UNION ALL SELECT token_hash FROM auth_tokens WHERE customer_id = $1
       UNION ALL SELECT token_hash FROM password_reset_tokens WHERE customer_id = $1
       UNION ALL SELECT provider_reference FROM payments p JOIN orders o ON o.id = p.order_id
                 WHERE o.customer_id = $1 AND provider_reference IS NOT NULL`,
      { type: QueryTypes.SELECT, bind: [c.id] },
    );
    expect(secrets.length).to.be.greaterThan(2);
    for (const { secret } of secrets) expect(text).not.to.include(secret.trim());
    expect(text).not.to.match(/\$2[aby]\$\d\d\$/);
    const keys = [...text.matchAll(/"([^"]+)":/g)].map((m) => m[1]);
    const secretKey =
      /hash|^password$|^token$|card_?number|last4|cvc|^pan$|expir(y|ation)_?(month|year)|provider_?reference/i;
    expect(keys.filter((k) => secretKey.test(k))).to.deep.equal([]);
    expect(text).not.to.match(/\d{13,19}/);
  });

  it('when the export is asked without a token or with a staff token, then 401 and nothing is logged', async () => {
    const api = client(app.url);
    const c = await buildFullCustomer(app);
    expect((await api.get('/api/me/export')).status).to.equal(401);
    expect((await api.get('/api/me/export', { token: c.admin.token })).status).to.equal(401);
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM privacy_requests`, {
      type: QueryTypes.SELECT,
    });
    expect(n).to.equal(0);
  });
});
