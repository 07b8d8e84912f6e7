// /healthz: the process answers. /readyz: the database answers and no migration is pending (else 503), within
// a short deadline so that a hung database makes the probe fail rather than hang.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { pendingMigrations } from '../../db/migrator.js';

const READY_DEADLINE_MS = 2000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline exceeded')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What the probe reads: the API's pool, and (until the migrator reads through it) Sequelize for migrations. */
export type HealthContext = Pick<AppContext, 'db' | 'sequelize' | 'onReady'>;

export async function readiness({
  db,
  sequelize,
}: HealthContext): Promise<{ ready: boolean; checks: Record<string, string> }> {
  try {
    await withDeadline(
      db.read((ex) => ex.one('SELECT 1')),
      READY_DEADLINE_MS,
    );
  } catch {
    return { ready: false, checks: { database: 'unreachable', migrations: 'unknown' } };
  }
  try {
    const pending = await withDeadline(pendingMigrations(sequelize), READY_DEADLINE_MS);
    if (pending.length > 0)
      return { ready: false, checks: { database: 'ok', migrations: `${pending.length} pending` } };
  } catch {
    return { ready: false, checks: { database: 'ok', migrations: 'unknown' } };
  }
  return { ready: true, checks: { database: 'ok', migrations: 'ok' } };
}

export function healthRouter(ctx: HealthContext, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result = isShuttingDown()
      ? { ready: false, checks: { process: 'shutting down' } }
      : await readiness(ctx);
    if (result.ready) ctx.onReady?.();
    res
      .status(result.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: result.ready ? 'ready' : 'unavailable', checks: result.checks });
  });
  return router;
}
