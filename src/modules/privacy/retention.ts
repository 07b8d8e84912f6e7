// The daily retention job (issue 21, point 3). Every app process (API role) checks every few minutes; from
// RETENTION_HOUR (Europe/Paris) the day's run is due until retention_runs holds the day. The process that takes
// the advisory lock runs it, the others find the lock held or the day recorded: one run per day in total. A
// process that dies mid-run releases the lock with its connection and the day stays unrecorded: another process
// runs it again (every step is idempotent and resumes where the last one stopped).
// Each category is worked by its owning module in batches of RETENTION_BATCH_SIZE rows, each batch its own short
// transaction, up to RETENTION_MAX_PER_RUN rows per run (the rest waits for the next day). A failing category is
// logged (no personal data: the error's name and code only) and the others still run. The run logs one line
// with its counts.
import type { Logger } from 'pino';
import type { RetentionSettings } from '../../config/index.js';
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { localDate, localTime } from '../pizzerias/index.js';
import { startPeriodic } from '../../shared/periodic.js';

/** The group's time zone: the run's hour and day are French ones (every shop is in France). */
const TIME_ZONE = 'Europe/Paris';
const LOCK_KEY = 'ocpizza:retention';
const CHECK_EVERY_MS = 5 * 60_000;
const FIRST_CHECK_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

export const RETENTION_CATEGORIES = [
  'customers',
  'orders',
  'auth_tokens',
  'password_reset_tokens',
  'admin_sessions',
  'rate_limits',
  'geocode_cache',
  'outbox',
  'employees',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionReport {
  /** Rows erased, anonymised or deleted per category (customers: accounts erased; orders: orders erased). */
  counts: Record<RetentionCategory, number>;
  /** Inactive accounts left for a later run: an order was placed in the meantime (409 order_in_progress). */
  customersSkipped: number;
  /** The categories that failed (logged apart). */
  failed: RetentionCategory[];
  /** Time spent per category, then in all (milliseconds). */
  msByCategory: Record<RetentionCategory, number>;
  ms: number;
}

/** What the owning modules do, one batch at a time: each returns what it did (at most `limit`). */
export interface RetentionSteps {
  /** Inactive accounts with an id above `afterId`, oldest first (customers module, read only). */
  inactiveCustomers(before: Date, afterId: number, limit: number): Promise<number[]>;
  /** The privacy service's erasure (origin 'retention'); 409 order_in_progress leaves the account for later. */
  eraseCustomer?(customerId: number): Promise<unknown>;
  orders(before: Date, limit: number): Promise<number>;
  authTokens(limit: number): Promise<number>;
  resetTokens(limit: number): Promise<number>;
  adminSessions(now: Date, limit: number): Promise<number>;
  rateLimits(now: Date, limit: number): Promise<number>;
  geocodeCache(before: Date, limit: number): Promise<number>;
  outbox(before: Date, limit: number): Promise<number>;
  employees(before: Date, limit: number): Promise<number>;
}

export interface RetentionDeps {
  db: Database;
  clock: Clock;
  settings: RetentionSettings;
  steps: RetentionSteps;
}

/** The local (Europe/Paris) date and hour of `at`, from the pizzerias module's clock reading. */
export function localDayAndHour(at: Date): { day: string; hour: number } {
  return { day: localDate(at, TIME_ZONE), hour: Math.floor(localTime(at, TIME_ZONE).minute / 60) };
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

export function createRetentionJob(deps: RetentionDeps) {
  const { db, clock, settings, steps } = deps;
  const { batchSize, maxPerRun } = settings;

  /** Calls `batch` until it does less than asked or the run's limit is reached; the rows done. */
  async function drain(batch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    while (total < maxPerRun) {
      const asked = Math.min(batchSize, maxPerRun - total);
      const done = await batch(asked);
      total += done;
      if (done < asked) break;
    }
    return total;
  }

  async function eraseInactiveCustomers(before: Date): Promise<{ erased: number; skipped: number }> {
    let erased = 0;
    let skipped = 0;
    if (!steps.eraseCustomer) return { erased, skipped };
    let afterId = 0;
    while (erased + skipped < maxPerRun) {
      const asked = Math.min(batchSize, maxPerRun - erased - skipped);
      const ids = await steps.inactiveCustomers(before, afterId, asked);
      for (const id of ids) {
        afterId = id;
        try {
          await steps.eraseCustomer(id);
          erased += 1;
        } catch (error) {
          // An order placed since the candidates were read (409), or the account erased meanwhile (404).
          if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 404)) throw error;
          skipped += 1;
        }
      }
      if (ids.length < asked) break;
    }
    return { erased, skipped };
  }

  /** Every category once at `now` (no lock, no record: runOnce and runIfDue hold those). */
  async function work(now: Date, logger?: Logger): Promise<RetentionReport> {
    const started = Date.now();
    const counts = Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, 0])) as Record<
      RetentionCategory,
      number
    >;
    const failed: RetentionCategory[] = [];
    let customersSkipped = 0;
    const tasks: Record<RetentionCategory, () => Promise<number>> = {
      customers: async () => {
        const r = await eraseInactiveCustomers(daysBefore(now, settings.customerInactiveDays));
        customersSkipped = r.skipped;
        return r.erased;
      },
      orders: () => drain((n) => steps.orders(daysBefore(now, settings.orderDetailsDays), n)),
      auth_tokens: () => drain((n) => steps.authTokens(n)),
      password_reset_tokens: () => drain((n) => steps.resetTokens(n)),
      admin_sessions: () => drain((n) => steps.adminSessions(now, n)),
      rate_limits: () => drain((n) => steps.rateLimits(now, n)),
      geocode_cache: () => drain((n) => steps.geocodeCache(daysBefore(now, settings.geocodeCacheDays), n)),
      outbox: () => drain((n) => steps.outbox(daysBefore(now, settings.outboxDays), n)),
      employees: () => drain((n) => steps.employees(daysBefore(now, settings.staffDays), n)),
    };
    const msByCategory = { ...counts };
    for (const category of RETENTION_CATEGORIES) {
      const t = Date.now();
      try {
        counts[category] = await tasks[category]();
      } catch (error) {
        failed.push(category);
        // The name and code only: a database error's message may quote a row's values.
        logger?.error(
          { category, errName: (error as Error).name, errCode: (error as { code?: string }).code },
          'retention: category failed',
        );
      }
      msByCategory[category] = Date.now() - t;
    }
    const report = { counts, customersSkipped, failed, msByCategory, ms: Date.now() - started };
    logger?.info({ retention: report }, 'retention run');
    return report;
  }

  /** Runs under the cluster-wide lock: the report, or null when another process holds it. */
  async function locked<T>(fn: () => Promise<T>): Promise<T | null> {
    return db.withClient(async (client) => {
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`,
        [LOCK_KEY],
      );
      if (!rows[0].ok) return null;
      try {
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [LOCK_KEY]);
      }
    });
  }

  const dayDone = (day: string) =>
    db.read(async (ex) => Boolean(await ex.one(`SELECT 1 FROM retention_runs WHERE day = $1`, [day])));

  /** One run now whatever the day (tests, benchmark): the report, or null when another run holds the lock. */
  function runOnce(logger?: Logger): Promise<RetentionReport | null> {
    return locked(() => work(clock.now(), logger));
  }

  /** The day's run if it is due at the clock's time and nobody did it: the report, else null. */
  async function runIfDue(logger?: Logger): Promise<RetentionReport | null> {
    const now = clock.now();
    const { day, hour } = localDayAndHour(now);
    if (hour < settings.hour || (await dayDone(day))) return null;
    return locked(async () => {
      if (await dayDone(day)) return null; // another process finished it between the check and the lock
      const report = await work(now, logger);
      await db.transaction((tx) =>
        tx.exec(
          `INSERT INTO retention_runs (day, started_at, finished_at, report) VALUES ($1, $2, now(), $3)
           ON CONFLICT (day) DO NOTHING`,
          [day, now, JSON.stringify(report)],
        ),
      );
      return report;
    });
  }

  /** Checks a minute after start, then every five minutes; returns the stop. */
  function start(logger: Logger, everyMs = CHECK_EVERY_MS): () => void {
    return startPeriodic(() => runIfDue(logger), {
      everyMs,
      firstMs: Math.min(FIRST_CHECK_MS, everyMs),
      onError: (error) =>
        logger.error(
          { errName: error.name, errCode: (error as { code?: string }).code },
          'retention: check failed',
        ),
    });
  }

  return { runOnce, runIfDue, start };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
