// DATABASE_READ_URL with a real streaming replica: a private primary, a replica made by pg_basebackup -R, and the
// real server process. The accountant's export and the back office's order list are served FROM THE REPLICA
// (shown by pausing its replay: an order placed since is in neither), while the order's own page, the sign-in
// and every write stay on the primary; a replica further behind than READ_REPLICA_MAX_LAG_S, or down, is
// skipped: export and list come from the primary (the order is in them) and a warning is logged.
import { expect } from 'chai';
import pg from 'pg';
import { createSequelize } from '../../src/db/sequelize.js';
import { migrateUp } from '../../src/db/migrator.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  takeawayMargherita,
} from '../factories/shop.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait.js';
import { AdminClient } from '../integration/admin/support.js';
import { PrivatePostgres } from '../reliability/private-postgres.js';

const dbUrl = (server: PrivatePostgres) => server.url.replace(/\/postgres$/, '/ocpizza');

async function sql<T = any>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('operations: exports read from a streaming replica (DATABASE_READ_URL)', function () {
  this.timeout(240_000);
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  const servers: ServerProcess[] = [];
  let accountant: string;
  let manager: { email: string; password: string };
  let place: () => Promise<string>;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

  const startApp = async (maxLag: string) => {
    const server = await startServerProcess(
      {
        OCPIZZA_SETTINGS: 'test',
        DATABASE_URL: dbUrl(primary),
        DATABASE_READ_URL: dbUrl(replica),
        READ_REPLICA_MAX_LAG_S: maxLag,
        LOG_LEVEL: 'info',
      },
      60_000,
    );
    servers.push(server);
    return server;
  };
  const exportCsv = async (server: ServerProcess) => {
    const res = await fetch(`${server.url}/api/staff/exports/orders.csv?from=${today}&to=${today}`, {
      headers: { Authorization: `Bearer ${accountant}` },
    });
    expect(res.status).to.equal(200);
    return res.text();
  };
  /** The back office as the shop's manager: the order numbers of the list's first page. */
  const backOffice = async (server: ServerProcess) => {
    const admin = new AdminClient({ url: server.url, settings: { adminPath: '/gestion-test' } });
    expect((await admin.login(manager.email, manager.password)).status).to.equal(302);
    return {
      admin,
      listed: async () => {
        const res = await admin.list('orders', 'sortBy=createdAt&direction=desc');
        expect(res.status).to.equal(200);
        return (res.body.records as Array<{ id: string; params: { number: string } }>).map((r) => ({
          id: r.id,
          number: r.params.number,
        }));
      },
    };
  };

  before(async () => {
    primary = await PrivatePostgres.create();
    await primary.start();
    await sql(primary.url, 'CREATE DATABASE ocpizza');
    const db = createSequelize({ url: dbUrl(primary), poolMax: 2 });
    await migrateUp(db);
    const world = await createShopWorld(db);
    const customer = await customerWithToken(db);
    accountant = (await staffWithToken(db, 'accountant', null)).token;
    manager = await staffWithToken(db, 'manager', world.shopId);
    await db.close();
    replica = await PrivatePostgres.replicaOf(primary);
    await replica.start();
    await waitFor(
      'the replica in recovery',
      async () => (await sql(dbUrl(replica), 'SELECT 1')).length === 1,
      30_000,
    );
    place = async () => {
      const res = await fetch(`${servers[0].url}/api/orders`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${customer.token}`,
          'Idempotency-Key': newKey(),
        },
        body: JSON.stringify(takeawayMargherita(world)),
      });
      expect(res.status).to.equal(201);
      return ((await res.json()) as any).order.number as string;
    };
  });

  after(async () => {
    for (const s of servers) await stopServerProcess(s);
    await replica?.destroy();
    await primary?.destroy();
  });

  it('when the replica is paused behind the primary within the bound, then the export comes from the replica', async () => {
    const app = await startApp('3600');
    const first = await place();
    const replicated = async () =>
      (await sql(dbUrl(replica), `SELECT count(*)::int AS n FROM orders`))[0].n === 1;
    await waitFor('the first order on the replica', replicated, 30_000);
    expect(await exportCsv(app)).to.include(first);
    await sql(dbUrl(replica), 'SELECT pg_wal_replay_pause()');
    const second = await place();
    await new Promise((r) => setTimeout(r, 2500)); // past the lag measure's cache
    const csv = await exportCsv(app);
    expect(csv, 'served by the paused replica').to.include(first).and.not.include(second);
    const { admin, listed } = await backOffice(app);
    const numbers = (await listed()).map((o) => o.number);
    expect(numbers, 'the back-office list, served by the paused replica')
      .to.include(first)
      .and.not.include(second);
    // The order's own page (what a manager opens from a notification) reads the primary.
    const [{ id }] = await sql<{ id: string }>(
      dbUrl(primary),
      `SELECT id FROM orders WHERE number = '${second}'`,
    );
    const shown = await admin.show('orders', id);
    expect(shown.status).to.equal(200);
    expect(shown.body.record.params.number).to.equal(second);
    expect(app.output()).to.not.include('replica skipped');
  });

  it('when the replica is further behind than READ_REPLICA_MAX_LAG_S, then the export comes from the primary, with a warning', async () => {
    const strict = await startApp('1');
    await new Promise((r) => setTimeout(r, 1500));
    const latest = await place(); // the primary moves on; the paused replica does not
    await new Promise((r) => setTimeout(r, 1500));
    expect(await exportCsv(strict)).to.include(latest);
    const { listed } = await backOffice(strict);
    expect(
      (await listed()).map((o) => o.number),
      'the list, from the primary',
    ).to.include(latest);
    await waitFor('the warning', async () => strict.output().includes('replica skipped'), 5_000);
    expect(strict.output()).to.match(/"replica":"replica \d+ s behind \(limit 1 s\)"/);
    await sql(dbUrl(replica), 'SELECT pg_wal_replay_resume()');
  });

  it('when the replica is down, then the export comes from the primary, with a warning', async () => {
    const tolerant = servers[0];
    await replica.stop('fast');
    const latest = await place();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await exportCsv(tolerant)).to.include(latest);
    const { listed } = await backOffice(tolerant);
    expect(
      (await listed()).map((o) => o.number),
      'the list, from the primary',
    ).to.include(latest);
    expect(tolerant.output()).to.match(
      /replica unreachable[^\n]*"msg":"replica skipped: reads go to the primary"/,
    );
  });
});
