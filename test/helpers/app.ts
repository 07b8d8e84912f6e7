// The real app over real HTTP on an ephemeral loopback port, on the migrated test database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sequelize } from 'sequelize';
import { preloadBackOffice } from '../../admin/lazy.js';
import { createApp } from '../../src/app.js';
import type { AppContext } from '../../src/context.js';
import { createDatabase, type Database } from '../../src/db/executor.js';
import { ensureSiteBuilt } from '../../src/site/build.js';
import { createSequelize } from '../../src/db/sequelize.js';
import { LocalEventBus, type EventBus } from '../../src/realtime/events.js';
import { PgEventBus } from '../../src/realtime/pg-bus.js';
import { loadSettings, type Settings } from '../../src/config/index.js';
import { systemClock, type Clock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { createServices, type Services } from '../../src/wiring.js';
import { TEST_DATABASE_URL, testDatabase, testDb } from './db.js';

export interface TestApp {
  url: string;
  /** What the app was built from (for code under test that takes the app's context). */
  context: AppContext;
  /** Sequelize on the test database: the tests' own tool for factories and checks. */
  db: Sequelize;
  /** The app's executor pool (what its services use). */
  database: Database;
  services: Services;
  settings: Settings;
  bus: EventBus;
  clock: Clock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** `local` (default): in-memory bus; `pg`: LISTEN/NOTIFY, listening before startTestApp resolves. */
  bus?: 'local' | 'pg';
  /** Its own pools instead of the shared ones, as a separate app process would have (size: DB_POOL_MAX). */
  ownPool?: boolean;
  /** The time of the business rules (opening hours, ETAs); the system clock by default. */
  clock?: Clock;
  /** With `ownPool`: the app's services connect here (another role on the test database) instead of
   * TEST_DATABASE_URL; the tests' own Sequelize (`db`) stays the superuser's. */
  databaseUrl?: string;
}

export function testSettings(overrides: Record<string, string> = {}): Settings {
  return loadSettings({ OCPIZZA_SETTINGS: 'test', DATABASE_URL: TEST_DATABASE_URL, ...overrides });
}

/** An app context on the database at `url` (own pools, in-memory bus), for tests that build the app themselves. */
export function contextOn(
  url: string,
  overrides: Record<string, string> = {},
): AppContext & {
  close(): Promise<void>;
} {
  const settings = testSettings({ DATABASE_URL: url, ...overrides });
  const logger = createLogger('silent');
  const db = createDatabase({
    url,
    poolMax: 2,
    acquireTimeoutMs: 2000,
    applicationName: 'ocpizza-tests-ctx',
  });
  const sequelize = createSequelize({ url, poolMax: 2, applicationName: 'ocpizza-tests-ctx' });
  const bus = new LocalEventBus();
  const clock = systemClock;
  const services = createServices({ settings, logger, db, bus, clock });
  return {
    settings,
    logger,
    db,
    sequelize,
    bus,
    clock,
    services,
    close: async () => {
      await db.close();
      await sequelize.close();
    },
  };
}

export async function startTestApp(
  overrides: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const shared = await testDb();
  const settings = testSettings(overrides);
  const db = options.ownPool
    ? createSequelize({ url: TEST_DATABASE_URL, poolMax: 5, applicationName: 'ocpizza-tests-own' })
    : shared;
  const database = options.ownPool
    ? createDatabase({
        url: options.databaseUrl ?? TEST_DATABASE_URL,
        poolMax: settings.db.poolMax,
        applicationName: 'ocpizza-tests-own',
      })
    : await testDatabase();
  const logger = createLogger(settings.logLevel);
  let bus: EventBus;
  if (options.bus === 'pg') {
    const pgBus = new PgEventBus({ url: TEST_DATABASE_URL, logger, minBackoffMs: 50, maxBackoffMs: 500 });
    await pgBus.start();
    bus = pgBus;
  } else {
    bus = new LocalEventBus();
  }
  const clock = options.clock ?? systemClock;
  // Online payment is on when the test gives Stripe settings (pointing the real SDK at test/fakes/stripe-server);
  // maps: the offline approximation unless the test points the real Google client at test/fakes/maps-server.
  const services = createServices({ settings, logger, db: database, bus, clock });
  // The site pages served at / and /personnel, built from the sources once per test process.
  await ensureSiteBuilt();
  const context: AppContext = { settings, logger, db: database, sequelize: db, bus, clock, services };
  const app = createApp(context);
  // As the server does after listening: the back office is loaded before the first request, so that no test
  // pays AdminJS's import (seconds on a busy machine) inside its own timeout.
  await preloadBackOffice(logger);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    db,
    database,
    services,
    settings,
    bus,
    clock,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      await bus.close();
      if (db !== shared) await db.close();
      if (options.ownPool) await database.close();
    },
  };
}
