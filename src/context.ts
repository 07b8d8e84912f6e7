// What the app is built from: settings, the database (the executor's pool for the API; Sequelize for the back
// office's models and the migrations), the live event bus, the clock, and the module services built once.
// Its own file so that admin/ and src/app.ts both import it without importing each other.
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Settings } from './config/index.js';
import type { Database } from './db/executor.js';
import type { ModelReads } from './db/sequelize.js';
import type { EventBus } from './realtime/events.js';
import type { Clock } from './shared/clock.js';
import type { Services } from './wiring.js';

export interface AppContext {
  settings: Settings;
  logger: Logger;
  /** The API's pool: every request path reaches SQL through it (src/db/executor.ts). */
  db: Database;
  /** AdminJS's models and the migrations only. */
  sequelize: Sequelize;
  /** Where the back office's order lists read (the replica when there is one and it is fit). */
  modelReads?: ModelReads;
  /** Live order events (LISTEN/NOTIFY across processes). */
  bus: EventBus;
  clock: Clock;
  services: Services;
  /** True once a graceful shutdown has begun: /readyz turns 503 so the proxy stops sending traffic. */
  isShuttingDown?: () => boolean;
  /** Called each time /readyz answers 200 (the server starts loading the back office after the first). */
  onReady?: () => void;
}
