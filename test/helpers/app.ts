// The real app over real HTTP on an ephemeral loopback port, on the migrated test database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sequelize } from 'sequelize';
import { createApp, type AppContext } from '../../src/app.js';
import { ensureSiteBuilt } from '../../src/site/build.js';
import { createSequelize } from '../../src/db/sequelize.js';
import { LocalEventBus, type EventBus } from '../../src/realtime/events.js';
import { PgEventBus } from '../../src/realtime/pg-bus.js';
import { createMapsProvider } from '../../src/modules/delivery/index.js';
import { createPaymentsContext, type PaymentsContext } from '../../src/modules/payments/index.js';
import { loadSettings, type Settings } from '../../src/config/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_DATABASE_URL, testDb } from './db.js';

export interface TestApp {
  url: string;
  /** What the app was built from (for code under test that takes the app's context). */
  context: AppContext;
  db: Sequelize;
  settings: Settings;
  bus: EventBus;
  payments?: PaymentsContext;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** `local` (default): in-memory bus; `pg`: LISTEN/NOTIFY, listening before startTestApp resolves. */
  bus?: 'local' | 'pg';
  /** Its own Sequelize pool instead of the shared one, as a separate app process would have. */
  ownPool?: boolean;
}

export function testSettings(overrides: Record<string, string> = {}): Settings {
  return loadSettings({ OCPIZZA_SETTINGS: 'test', DATABASE_URL: TEST_DATABASE_URL, ...overrides });
}

export async function startTestApp(
  overrides: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const shared = await testDb();
  const db = options.ownPool
    ? createSequelize({ url: TEST_DATABASE_URL, poolMax: 5, applicationName: 'ocpizza-tests-own' })
    : shared;
  const settings = testSettings(overrides);
  const logger = createLogger(settings.logLevel);
  let bus: EventBus;
  if (options.bus === 'pg') {
    const pgBus = new PgEventBus({ db, url: TEST_DATABASE_URL, logger, minBackoffMs: 50, maxBackoffMs: 500 });
    await pgBus.start();
    bus = pgBus;
  } else {
    bus = new LocalEventBus();
  }
  // Online payment is on when the test gives Stripe settings (pointing the real SDK at test/fakes/stripe-server).
  const payments = createPaymentsContext({ db, bus, settings });
  // Maps: the offline approximation unless the test points the real Google client at test/fakes/maps-server.
  const maps = createMapsProvider(settings, db);
  // The site pages served at / and /personnel, built from the sources once per test process.
  await ensureSiteBuilt();
  const context: AppContext = { settings, db, bus, logger, payments, maps };
  const app = createApp(context);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    db,
    settings,
    bus,
    payments,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      await bus.close();
      if (db !== shared) await db.close();
    },
  };
}
