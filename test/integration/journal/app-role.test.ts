// The role set-up of the dossier (« Journal des ventes »): the processes connect as an application role that does
// not own the tables, given its rights by deploy/db-roles.sh (deploy/db-roles.sql) with the owner's URL. That
// role runs the whole order lifecycle, but can neither change the journal nor switch its protection off.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { adminClient, TEST_DATABASE_URL, testDb } from '../../helpers/db.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { createShopWorld, customerWithToken, staffWithToken } from '../../factories/shop.js';
import { collectedOrder, journalOf } from '../../factories/journal.js';

const run = promisify(execFile);

describe('sales journal: the application role of the dossier', function () {
  this.timeout(60_000);
  const role = `${new URL(TEST_DATABASE_URL).pathname.slice(1)}_app`.slice(0, 60);
  const appUrl = (() => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = '';
    return url.toString();
  })();
  let app: TestApp | undefined;

  async function dropRole() {
    const admin = await adminClient();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount === 0) return;
      // Its grants live in the test database: dropped there first.
      const inDb = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await inDb.connect();
      await inDb.query(`DROP OWNED BY "${role}"`).finally(() => inDb.end());
      await admin.query(`DROP ROLE "${role}"`);
    } finally {
      await admin.end();
    }
  }

  before(async () => {
    await testDb(); // migrated
    await dropRole();
    const admin = await adminClient();
    await admin.query(`CREATE ROLE "${role}" LOGIN`).finally(() => admin.end());
    const { stdout } = await run('bash', [fromRoot('deploy', 'db-roles.sh')], {
      env: {
        PATH: process.env.PATH ?? '',
        ENV_FILE: '/nonexistent/.env',
        DATABASE_URL: appUrl,
        DATABASE_OWNER_URL: TEST_DATABASE_URL,
      },
    });
    expect(stdout).to.include(`rights of ${role} applied`);
    app = await startTestApp({}, { ownPool: true, databaseUrl: appUrl });
  });
  after(async () => {
    await app?.close();
    await dropRole();
  });

  it('when the processes connect as the application role, then orders are handed over and journalled, and the journal cannot be changed nor unprotected', async () => {
    const api = client(app!.url);
    const w = await createShopWorld(app!.db);
    const tokens = {
      customer: (await customerWithToken(app!.db)).token,
      staff: (await staffWithToken(app!.db, 'manager', w.shopId)).token,
    };
    const order = await collectedOrder(api, w, tokens);
    const refund = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: tokens.staff,
      body: { amountCents: 100, reason: 'Geste commercial' },
    });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);
    const [session] = await app!.database.read((ex) =>
      ex.many<{ user: string }>('SELECT current_user AS user'),
    );
    expect(session.user).to.equal(role);
    await app!.services.journal.close({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: '2026-12-05',
      closedAt: new Date(),
      closedByEmployeeId: null,
    });
    expect((await journalOf(app!.db, w.shopId)).map((e) => e.kind)).to.deep.equal(['sale', 'refund']);

    const asApp = new pg.Client({ connectionString: appUrl });
    await asApp.connect();
    try {
      const refusal = (sql: string) =>
        asApp.query(sql).then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      for (const [table, column] of [
        ['sales_journal', 'amount_cents'],
        ['journal_closures', 'totals'],
        ['journal_keys', 'public_key'],
      ]) {
        expect(await refusal(`UPDATE ${table} SET ${column} = ${column}`)).to.match(/permission denied/);
        expect(await refusal(`DELETE FROM ${table}`)).to.match(/permission denied/);
        expect(await refusal(`TRUNCATE ${table}`)).to.match(/permission denied/);
        expect(await refusal(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).to.match(/must be owner/);
      }
      expect(await refusal('SET session_replication_role = replica')).to.match(/permission denied/);
    } finally {
      await asApp.end();
    }
    expect(await journalOf(app!.db, w.shopId)).to.have.length(2);
  });
});
