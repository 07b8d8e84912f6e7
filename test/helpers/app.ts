// The real app over real HTTP on an ephemeral loopback port, on the migrated test database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sequelize } from 'sequelize';
import { createApp } from '../../src/app.js';
import { LocalEventBus } from '../../src/realtime/events.js';
import { loadSettings, type Settings } from '../../src/config/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_DATABASE_URL, testDb } from './db.js';

export interface TestApp {
  url: string;
  db: Sequelize;
  settings: Settings;
  bus: LocalEventBus;
  close(): Promise<void>;
}

export function testSettings(overrides: Record<string, string> = {}): Settings {
  return loadSettings({ OCPIZZA_SETTINGS: 'test', DATABASE_URL: TEST_DATABASE_URL, ...overrides });
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const db = await testDb();
  const settings = testSettings(overrides);
  const bus = new LocalEventBus();
  const app = createApp({ settings, db, bus, logger: createLogger(settings.logLevel) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    settings,
    bus,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
