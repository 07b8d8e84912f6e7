// The back office off the start-up path. Importing AdminJS evaluates some 2,000 modules (its React front end,
// its bundler, their dependencies): about 3 s of CPU and 115 MB, more than the rest of the app together. So
// createApp mounts this stand-in, which imports admin/index.ts only when asked, and the server asks right
// after it listens (preloadBackOffice): the API, the site and the staff screens serve (and /readyz answers)
// meanwhile. A request to the back office path that comes before it has loaded waits for it, then goes
// through as if it had always been there. A back office that cannot load stops the process, as it did when it
// was imported at start.
import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import { flushMonitoring, reportError } from '../src/shared/monitoring.js';
import type { AdminContext } from './deps.js';

let loadingModule: Promise<typeof import('./index.js')> | undefined;
const loadModule = () => (loadingModule ??= import('./index.js'));

/** The back office of the app created last, for preloadBackOffice (the server creates one app). */
let latest: (() => Promise<Router>) | undefined;

/** The router to mount at settings.adminPath; the real one is built on first use or by preloadBackOffice. */
export function lazyAdminRouter(ctx: AdminContext): RequestHandler {
  let router: Promise<Router> | undefined;
  const build = () => (router ??= loadModule().then((admin) => admin.adminRouter(ctx)));
  latest = build;
  return (req, res, next) => {
    build().then((real) => real(req, res, next), next);
  };
}

/**
 * Loads the back office of the app created last (AdminJS, its resources, in development its component bundle)
 * without waiting for a request; on failure, logs it, reports it and ends the process with exit code 1.
 */
export function preloadBackOffice(logger: Logger): Promise<void> {
  const started = performance.now();
  return (latest?.() ?? loadModule()).then(
    () => logger.info({ ms: Math.round(performance.now() - started) }, 'back office loaded'),
    async (error: unknown) => {
      reportError(error);
      logger.fatal({ err: error }, 'back office: cannot load, stopping');
      await flushMonitoring();
      process.exit(1);
    },
  );
}
