// The server process (src/server.ts is its entry point): settings, database (embedded when none is configured
// outside production), migrations and demo seed in development, HTTP listen, and a graceful stop on SIGTERM/SIGINT.
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import type { Sequelize } from 'sequelize';
import { preloadBackOffice } from '../admin/lazy.js';
import { createDatabase, type Database } from './db/executor.js';
import { createApp } from './app.js';
import { CONFIG_EXIT_CODE, ConfigError, getSettings, type Settings } from './config/index.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import { migrateUp } from './db/migrator.js';
import { createReplicaReads } from './db/replica.js';
import { createSequelize, PRIMARY_MODEL_READS, replicaModelReads } from './db/sequelize.js';
import type { MapsProvider } from './modules/delivery/index.js';
import { LocalEventBus, type EventBus } from './realtime/events.js';
import { PgEventBus } from './realtime/pg-bus.js';
import { closeAllStreams } from './realtime/sse.js';
import { systemClock } from './shared/clock.js';
import { createLogger, setLogger } from './shared/logger.js';
import { createServices, type Infrastructure } from './wiring.js';
import { flushMonitoring, reportError } from './shared/monitoring.js';

/** How long a keep-alive connection idle at shutdown may still bring a request (see shutdown below). */
const IDLE_CLOSE_DELAY_MS = 1000;
const BACK_OFFICE_DELAY_MS = 1000;

function loadSettingsOrExit(): Settings {
  try {
    return getSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`ocpizza: cannot start. ${error.message}`);
      process.exit(CONFIG_EXIT_CODE);
    }
    throw error;
  }
}

/** Migrations, then the demo seed on an empty database; the seed's orders go through the services (its own,
 * on the demo's clock), over the app's pool and map provider. */
async function prepareDevelopmentDatabase(
  sequelize: Sequelize,
  seed: { db: Database; settings: Settings; maps: MapsProvider },
  log: (msg: string) => void,
): Promise<boolean> {
  const applied = await migrateUp(sequelize);
  if (applied.length > 0) log(`migrations applied: ${applied.length}`);
  const [[{ count }]] = (await sequelize.query('SELECT count(*)::int AS count FROM pizzerias')) as [
    [{ count: number }],
    unknown,
  ];
  if (count > 0) return false;
  const { seedDemo } = await import('../seeders/seed.js');
  await seedDemo(seed.db, { ...seed, log });
  return true;
}

/** What a benchmark may change in the process it starts (bench/journal-app.mjs); the product passes nothing. */
export type ServeOverrides = Pick<Infrastructure, 'journal'>;

export async function serve(overrides: ServeOverrides = {}): Promise<void> {
  const settings = loadSettingsOrExit();
  const logger = createLogger(settings.logLevel, { buffered: true });
  setLogger(logger);
  const info = (msg: string) => logger.info(msg);

  let embedded: EmbeddedDatabase | undefined;
  let url = settings.db.url;
  if (!url) {
    // Unreachable in production: the settings schema requires a database there.
    embedded = await startEmbeddedDatabase(settings.db.embeddedDir);
    url = embedded.url;
    info(`embedded PostgreSQL (PGlite) serving ${settings.db.embeddedDir}`);
  }
  // The embedded server accepts 20 connections in all: the API's pool, Sequelize's (back office, migrations)
  // and the session store share them.
  const poolMax = embedded ? Math.min(settings.db.poolMax, 5) : settings.db.poolMax;
  const db = createDatabase({ url, poolMax, applicationName: `ocpizza-${process.pid}` });
  const sequelize = createSequelize({
    url,
    poolMax: embedded ? 3 : Math.min(poolMax, 5),
    applicationName: `ocpizza-admin-${process.pid}`,
    readUrl: settings.db.readUrl,
  });

  let shuttingDown = false;
  let backOfficeStarted = false;
  const startBackOffice = () => {
    if (backOfficeStarted || settings.role === 'api') return;
    backOfficeStarted = true;
    void preloadBackOffice(logger);
  };
  // PGlite behind pglite-socket serves every connection from one backend session: a NOTIFY comes back on the
  // publishing connection, never on a separate listening one. The embedded database is single-process by
  // design, so an in-memory bus is exact there; a real server gets LISTEN/NOTIFY across processes.
  let bus: EventBus;
  if (embedded) {
    bus = new LocalEventBus();
  } else {
    const pgBus = new PgEventBus({ url, logger, applicationName: `ocpizza-listen-${process.pid}` });
    // Not awaited: the listener connects (and keeps reconnecting) in the background, logging what it does.
    void pgBus.start();
    bus = pgBus;
  }
  const clock = systemClock;
  // Exports and the dashboard read from the replica when there is one (and it is not too far behind).
  const reads = settings.db.readUrl
    ? createReplicaReads({
        primary: db,
        url: settings.db.readUrl,
        poolMax: Math.min(poolMax, 5),
        maxLagSeconds: settings.db.readMaxLagSeconds,
        logger,
      })
    : undefined;
  if (reads)
    info(
      `reads of exports, dashboard and back-office order lists: replica first ` +
        `(${settings.db.readMaxLagSeconds} s lag at most)`,
    );
  const modelReads = reads ? replicaModelReads(reads, logger) : PRIMARY_MODEL_READS;
  const services = createServices({ settings, logger, db, reads, bus, clock, ...overrides });
  // Development: the site's build (when its sources changed: esbuild, its own process) starts now and runs while
  // the database is migrated and seeded; ensureSiteBuilt() below waits for that same build.
  if (!settings.isProduction)
    void import('./site/build.js').then((site) => site.ensureSiteBuilt()).catch(() => undefined);
  let seeded = false;
  if (!settings.isProduction && settings.name !== 'test')
    seeded = await prepareDevelopmentDatabase(sequelize, { db, settings, maps: services.maps }, info);
  // The expiry of unpaid online orders runs beside the API (each order once, whatever the process count).
  const stopExpiry =
    settings.role === 'admin' ? undefined : services.payments.startExpiryJob(settings.stripe.expiryMinutes);
  // The outbox worker sends the e-mails beside the API (each message once, whatever the process count).
  const outbox = settings.role === 'admin' ? undefined : services.notifications.startWorker({ logger });
  // The managers' low-stock digest, checked each minute beside it (each digest once, by its outbox key).
  const stopDigest = settings.role === 'admin' ? undefined : services.lowStockDigest.start(logger);
  // The sales journal's automatic closures, checked each minute beside it (each closure once: a period closes once).
  const stopClosing = settings.role === 'admin' ? undefined : services.journal.startClosingJob(logger);
  // The daily retention job (RGPD), checked every few minutes beside it (one run a day, whatever the process count).
  const stopRetention = settings.role === 'admin' ? undefined : services.retention.start(logger);
  if (!services.payments.online)
    logger.info('online payment off (no Stripe keys): orders are paid on delivery or at the counter');
  if (!settings.isProduction) {
    // The site is built from its sources at each development start (production serves `npm run build`'s).
    const { ensureSiteBuilt } = await import('./site/build.js');
    const site = await ensureSiteBuilt();
    info(`site ${site.upToDate ? 'up to date' : 'built'} in ${site.ms} ms`);
  }
  const app = createApp({
    settings,
    logger,
    db,
    sequelize,
    modelReads,
    bus,
    clock,
    services,
    isShuttingDown: () => shuttingDown,
    onReady: () => startBackOffice(),
  });
  const server: Server = app.listen(settings.http.port, settings.http.host);
  // Once the shutdown has begun, every answer closes its connection (also those in flight at that moment), so that
  // keep-alive clients (browsers, NGINX) send their next request elsewhere instead of holding this process.
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (shuttingDown) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch((error: NodeJS.ErrnoException) => {
    logger.fatal({ code: error.code }, `cannot listen on ${settings.http.host}:${settings.http.port}`);
    process.exit(1);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, settings: settings.name, role: settings.role }, 'listening');
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    // Stop accepting connections. Not http's server.close(), which also destroys the idle keep-alive connections
    // at once: a client may be sending its next request on one of them (still unread in the socket), and that
    // request would get a reset. Those requests are answered (with Connection: close); connections still idle
    // after IDLE_CLOSE_DELAY_MS had nothing more to send and are closed then.
    const drained = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    // Event streams never end by themselves: end them before draining (EventSource reconnects to another
    // process), so that their connections turn idle and are closed with the others.
    const streams = await closeAllStreams();
    if (streams > 0) logger.info({ streams }, 'event streams closed');
    const idle = setTimeout(() => server.closeIdleConnections(), IDLE_CLOSE_DELAY_MS);
    const timer = setTimeout(() => server.closeAllConnections(), settings.shutdownGraceMs);
    await drained;
    clearTimeout(idle);
    clearTimeout(timer);
    stopExpiry?.();
    stopDigest?.();
    stopClosing?.();
    stopRetention?.();
    await outbox?.stop();
    await bus.close();
    await db.close();
    await reads?.close();
    await sequelize.close();
    await embedded?.stop();
    await flushMonitoring();
    logger.info('stopped');
    process.exit(0);
  };
  // Before anything else is loaded or awaited: a SIGTERM from Supervisor or a deploy while the back office or
  // the banner still loads must drain and exit 0, not kill the process by the default action.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    reportError(reason);
    logger.error(
      { errName: (reason as Error)?.name, errMessage: (reason as Error)?.message },
      'unhandled rejection',
    );
  });
  // The back office (role all) loads once the API has said it is ready, or a second after listening when nothing
  // probes: evaluating AdminJS's 2,000 modules holds the event loop for one to three seconds, and a readiness
  // probe caught behind it made start-up look that long (the start-up benchmark measured 3.3 s instead of 1 s).
  if (settings.role !== 'api') setTimeout(startBackOffice, BACK_OFFICE_DELAY_MS).unref();
  if (!settings.isProduction) {
    // Loaded only here: production never reads the demo data behind the banner.
    const { printBanner } = await import('./banner.js');
    printBanner(settings, port, { embedded: Boolean(embedded), seeded });
  }
}
