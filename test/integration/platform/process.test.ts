import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { CONFIG_EXIT_CODE } from '../../../src/config/index.js';
import { createSequelize } from '../../../src/db/sequelize.js';
import { migrateUp } from '../../../src/db/migrator.js';
import { startFakeSentry, type FakeSentry } from '../../fakes/sentry-ingest.js';
import {
  ownDatabaseName,
  recreateDatabase,
  siblingDatabaseUrl,
  testDb,
  TEST_DATABASE_URL,
} from '../../helpers/db.js';
import { fromRoot } from '../../../src/shared/paths.js';
import {
  spawnServer,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../../helpers/server-process.js';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../../helpers/journal-key.js';

const PRODUCTION_ENV = {
  OCPIZZA_SETTINGS: 'production',
  SECRET_KEY: 'production-secret-key-for-tests',
  SECRET_ADMIN_URL: 'gestion-x7k2',
  STRIPE_API_KEY: 'sk_test_not_a_real_key',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_not_a_real_secret',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_not_a_real_key',
  MAPS_API_KEY: 'maps-test-key',
  ACCOUNTING_SIREN: '732829320',
  MEDIA_DIR: '/tmp/ocpizza-media',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
  PUBLIC_URL: 'https://www.ocpizza.example',
  COMPANY_NAME: 'OC Pizza SAS',
  PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
  JOURNAL_SIGNING_KEY: PRODUCTION_TEST_JOURNAL_KEY,
  LOG_LEVEL: 'info',
};

describe('the server process (src/server.ts)', function () {
  this.timeout(60_000);

  it('when production starts with an empty environment, then it exits non-zero naming every missing variable', async () => {
    const proc = spawnServer({ OCPIZZA_SETTINGS: 'production', PORT: '' });
    const { code } = await proc.exited;
    expect(code).to.equal(CONFIG_EXIT_CODE); // 78: told apart from a crash by Supervisor and deploy.sh
    const out = proc.output();
    expect(out).to.match(/cannot start/);
    for (const name of [
      'POSTGRES_HOST',
      'POSTGRES_NAME',
      'POSTGRES_USER',
      'POSTGRES_PASS',
      'SECRET_KEY',
      'SECRET_ADMIN_URL',
      'SENTRY_DSN',
      'STRIPE_API_KEY',
      'MAPS_API_KEY',
    ]) {
      expect(out).to.include(name);
    }
    expect(out).not.to.match(/listening/);
  });

  describe('error monitoring with Sentry', () => {
    const dbName = ownDatabaseName('sentry');
    let sentry: FakeSentry;
    let server: ServerProcess;
    // Started as Supervisor starts it on the server: from a release folder, releases/<name> (the `ocpizza` link
    // resolved), without OCPIZZA_RELEASE.
    let releases: string;
    const RELEASE = '3f9c1a7e52d4b0860c7d';

    before(async () => {
      releases = await mkdtemp(path.join(tmpdir(), 'ocpizza-releases-'));
      const release = path.join(releases, 'releases', RELEASE);
      await mkdir(release, { recursive: true });
      for (const entry of ['node_modules', 'src', 'package.json', 'tsconfig.json']) {
        await symlink(fromRoot(entry), path.join(release, entry));
      }
      await recreateDatabase(dbName);
      const db = createSequelize({ url: siblingDatabaseUrl(dbName), poolMax: 1 });
      await migrateUp(db);
      // Schema drift the code does not expect: the menu query fails with an unexpected error.
      await db.query('ALTER TABLE products RENAME COLUMN name TO title');
      await db.close();
      sentry = await startFakeSentry();
      server = await startServerProcess(
        {
          ...PRODUCTION_ENV,
          DATABASE_URL: siblingDatabaseUrl(dbName),
          SENTRY_DSN: sentry.dsn,
        },
        30_000,
        'sources',
        release,
      );
    });
    after(async () => {
      if (server) await stopServerProcess(server);
      await sentry?.close();
      if (releases) await rm(releases, { recursive: true, force: true });
    });

    it('when a request fails unexpectedly, then the ingest server gets the event with the request id and no secret', async () => {
      const secrets = [
        'tok_secret_header',
        'cookie_secret_value',
        'tok_secret_query',
        'pw_in_query',
        '4242424242424242',
      ];
      const res = await fetch(
        `${server.url}/api/pizzerias/1/menu?token=tok_secret_query&password=pw_in_query&card=4242424242424242`,
        {
          headers: {
            Authorization: 'Bearer tok_secret_header',
            Cookie: 'session=cookie_secret_value',
            'X-Request-Id': 'sentry-test-0001',
          },
        },
      );
      expect(res.status).to.equal(500);
      const body = (await res.json()) as { error: Record<string, unknown> };
      expect(body.error).to.deep.include({ code: 'internal_error', id: 'sentry-test-0001' });

      const event = await sentry.waitFor('event');
      expect((event.payload.tags as Record<string, string>).request_id).to.equal('sentry-test-0001');
      expect(event.payload.environment).to.equal('production');
      expect(event.payload.release, 'the release folder names the release').to.equal(RELEASE);
      const exception = event.payload.exception as { values: { type: string; value: string }[] };
      expect(exception.values[0].value).to.match(/column .*name.* does not exist/);
      for (const s of secrets) {
        for (const raw of sentry.rawBodies) expect(raw).not.to.include(s);
        expect(server.output()).not.to.include(s);
      }
    });
  });

  describe('graceful shutdown', () => {
    let server: ServerProcess;
    before(async () => {
      await testDb();
      server = await startServerProcess({
        OCPIZZA_SETTINGS: 'test',
        DATABASE_URL: TEST_DATABASE_URL,
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_MS: '8000',
      });
    });
    after(async () => {
      if (server) await stopServerProcess(server);
    });

    it('when SIGTERM arrives during a request, then the request completes, new connections are refused, exit 0', async () => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      let response = '';
      socket.on('data', (d) => (response += d));
      const body = '{"slow":"client"}';
      socket.write(
        `POST /api/pizzerias HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));

      const refused = await new Promise<string>((resolve) => {
        const probe = connect(Number(port), '127.0.0.1');
        probe.once('connect', () => {
          probe.destroy();
          resolve('connected');
        });
        probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).to.equal('ECONNREFUSED');

      socket.write(body.slice(5));
      const { code } = await server.exited;
      expect(code).to.equal(0);
      expect(Date.now() - started).to.be.below(8000, 'drained before the grace period, not cut by it');
      // The path exists for GET only: 405 with Allow, as route() answers any other method.
      expect(response).to.match(/^HTTP\/1\.1 405/);
      expect(response).to.include('method_not_allowed');
      expect(server.output()).to.include('"msg":"stopped"');
    });
  });
});
