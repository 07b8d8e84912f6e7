// /healthz: the process answers. /readyz: the database answers and no migration is pending (else 503), within
// a short deadline so that a hung database makes the probe fail rather than hang.
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { pendingMigrations } from '../../db/migrator.js';

const READY_DEADLINE_MS = 2000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline exceeded')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(db: Sequelize): Promise<{ ready: boolean; checks: Record<string, string> }> {
  try {
    await withDeadline(db.query('SELECT 1'), READY_DEADLINE_MS);
  } catch {
    return { ready: false, checks: { database: 'unreachable', migrations: 'unknown' } };
  }
  try {
    const pending = await withDeadline(pendingMigrations(db), READY_DEADLINE_MS);
    if (pending.length > 0)
      return { ready: false, checks: { database: 'ok', migrations: `${pending.length} pending` } };
  } catch {
    return { ready: false, checks: { database: 'ok', migrations: 'unknown' } };
  }
  return { ready: true, checks: { database: 'ok', migrations: 'ok' } };
}

export function healthRouter(db: Sequelize, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result = isShuttingDown()
      ? { ready: false, checks: { process: 'shutting down' } }
      : await readiness(db);
    res
      .status(result.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: result.ready ? 'ready' : 'unavailable', checks: result.checks });
  });
  return router;
}
