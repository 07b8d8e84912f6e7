// Mocha root hooks for every tier: stop at once, with directions, when no PostgreSQL answers; give each
// integration test an empty, migrated database.
import { createLogger, setLogger } from '../../src/shared/logger.js';
import { adminClient, closeTestDb, resetData, testDb, TEST_DATABASE_URL } from './db.js';

// Set before any spec file is loaded, so that code reading settings at import time sees the test layer.
process.env.OCPIZZA_SETTINGS = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
// The process-wide logger (used by gateways and jobs) is quiet in tests unless LOG_LEVEL asks otherwise.
setLogger(createLogger(process.env.LOG_LEVEL ?? 'silent'));

export async function mochaGlobalSetup(): Promise<void> {
  try {
    const client = await adminClient();
    await client.end();
  } catch (error) {
    const safeUrl = new URL(TEST_DATABASE_URL);
    safeUrl.password = safeUrl.password ? '***' : '';
    console.error(
      `\nNo PostgreSQL answers at ${safeUrl} (${(error as Error).message}).\n` +
        `Start one (e.g. "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start")\n` +
        `or point TEST_DATABASE_URL at a server where the user may create databases.\n`,
    );
    process.exit(2);
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await closeTestDb();
}

export const mochaHooks = {
  async beforeEach(this: Mocha.Context) {
    if (!/\/(integration|e2e)\//.test(this.currentTest?.file ?? '')) return;
    await resetData(await testDb());
  },
};
