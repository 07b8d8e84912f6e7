// The schema decides what personal data is: every table with a foreign key path to customers or orders, or a
// customer / order column without a key, must be declared by one module's holder (export and erasure), and the
// holders declare nothing else but the two tables keyed by the text of an e-mail or an address.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { tiedTables } from './support.js';

/** Tied by text rather than by a reference: the rate-limit keys hold the e-mail, the geocoding cache an address. */
const TIED_BY_TEXT = ['geocode_cache', 'rate_limits'];

function compare(schema: Iterable<string>, declared: Iterable<string>) {
  const s = new Set(schema);
  const d = new Set(declared);
  return {
    undeclared: [...s].filter((t) => !d.has(t)).sort(),
    declaredOnly: [...d].filter((t) => !s.has(t)).sort(),
  };
}

describe('Personal data: the holders cover the schema', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const declared = () => app.services.privacy.declaredTables().map((t) => t.table);

  it('when the schema is read, then the tables tied to a customer or an order are exactly those the holders declare', async () => {
    const tied = [...(await tiedTables(app.db)).keys()];
    // The computation finds what we know is there (a broken query would find nothing and compare nothing).
    expect(tied).to.include.members([
      'customers',
      'addresses',
      'auth_tokens',
      'password_reset_tokens',
      'orders',
      'order_lines',
      'order_status_events',
      'payments',
      'refunds',
      'payment_corrections',
      'stock_movements',
      'outbox',
      'sales_journal',
      'privacy_requests',
    ]);
    expect(tied).not.to.include.members(['pizzerias', 'products', 'employees', 'processed_webhook_events']);
    expect(compare(tied, declared())).to.deep.equal({ undeclared: [], declaredOnly: TIED_BY_TEXT });
  });

  it('when each table is declared, then it is declared once, with a treatment and a reason', () => {
    const tables = app.services.privacy.declaredTables();
    expect(new Set(tables.map((t) => t.table)).size).to.equal(tables.length);
    for (const t of tables) {
      expect(['deleted', 'anonymised', 'kept'], t.table).to.include(t.treatment);
      expect(t.why.length, t.table).to.be.greaterThan(5);
    }
  });

  it('when a new table references orders (or names a customer) and no holder declares it, then the check reports it', async () => {
    try {
      await app.db.query(
        `CREATE TABLE privacy_probe_fk (id serial PRIMARY KEY, order_id uuid REFERENCES orders(id));
         CREATE TABLE privacy_probe_child (id serial PRIMARY KEY, probe_id int REFERENCES privacy_probe_fk(id));
         CREATE TABLE privacy_probe_named (id serial PRIMARY KEY, buyer_customer_id int)`,
      );
      const tied = [...(await tiedTables(app.db)).keys()];
      expect(compare(tied, declared()).undeclared).to.deep.equal([
        'privacy_probe_child',
        'privacy_probe_fk',
        'privacy_probe_named',
      ]);
    } finally {
      await app.db.query(`DROP TABLE IF EXISTS privacy_probe_child, privacy_probe_fk, privacy_probe_named`);
    }
  });
});
