// `npm run check:config`, the gate deploy.sh passes before switching a release: the .env of the folder it runs in,
// judged by the production schema, then the database. Exit 0, 78 (configuration) or 69 (database), no secret.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { fromRoot } from '../../../src/shared/paths.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../../helpers/journal-key.js';

const run = promisify(execFile);

const PRODUCTION = {
  SECRET_KEY: 'check-config-secret-key-0123456789',
  SECRET_ADMIN_URL: 'gestion-check',
  SENTRY_DSN: 'http://public@127.0.0.1:9/1',
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
};

describe('npm run check:config', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ocpizza-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script in a release-like folder holding `.env`, with a bare environment. */
  async function check(env: Record<string, string>) {
    writeFileSync(
      path.join(dir, '.env'),
      Object.entries(env)
        .map(([k, v]) => `${k}='${v}'`)
        .join('\n') + '\n',
    );
    // tsx by its file URL: the folder has no node_modules of its own.
    const tsx = pathToFileURL(fromRoot('node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    return run(process.execPath, ['--import', tsx, fromRoot('src', 'check-config.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
    );
  }

  it('when the .env is complete and the database answers, then 0, the server version and the pending migrations', async () => {
    const result = await check({ ...PRODUCTION, DATABASE_URL: TEST_DATABASE_URL });
    expect(result.code, result.out).to.equal(0);
    expect(result.out).to.match(/configuration valid; PostgreSQL \d+/);
    expect(result.out).to.match(/no pending migration|pending migration\(s\)/);
  });

  it('when a production variable is missing, then 78 naming it, whatever the folder’s settings layer', async () => {
    const { ACCOUNTING_SIREN: _missing, ...rest } = PRODUCTION;
    const result = await check({ ...rest, DATABASE_URL: TEST_DATABASE_URL, OCPIZZA_SETTINGS: 'development' });
    expect(result.code, result.out).to.equal(78);
    expect(result.out).to.include('ACCOUNTING_SIREN');
  });

  it('when the database cannot be reached, then 69 naming host, port and database, never the password', async () => {
    const result = await check({
      ...PRODUCTION,
      DATABASE_URL: 'postgres://ocpizza:s3cr3t-pass@127.0.0.1:1/ocpizza',
    });
    expect(result.code, result.out).to.equal(69);
    expect(result.out).to.include('the database 127.0.0.1:1/ocpizza cannot be used');
    expect(result.out).to.not.include('s3cr3t-pass');
  });
});
