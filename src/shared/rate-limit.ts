// Fixed-window attempt counters in PostgreSQL, so that every app process shares them. Over the limit → 429
// with Retry-After. An attempt is counted before it is tried (so that parallel attempts cannot all slip under
// the limit); one that turns out well can be taken back (forgiveAttempt).
import type { Database } from '../db/executor.js';
import { TooManyRequestsError } from './errors.js';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

const HIT_SQL = `
INSERT INTO rate_limits AS r (key, window_start, count) VALUES ($1, now(), 1)
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE r.count + 1 END,
  window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN now() ELSE r.window_start END
RETURNING count,
  GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now()))))::int AS "retryAfter"`;

/** Counts one attempt against each limit (in one transaction); throws 429 when any is exceeded. */
export async function hitLimits(db: Database, limits: Limit[]): Promise<void> {
  const retryAfter = await db.transaction(async (tx) => {
    let wait = 0;
    for (const limit of limits) {
      const row = (await tx.one<{ count: number; retryAfter: number }>(HIT_SQL, [
        limit.key.slice(0, 200),
        limit.windowSeconds,
      ]))!;
      if (row.count > limit.max) wait = Math.max(wait, row.retryAfter);
    }
    return wait;
  });
  // Old windows are pruned now and then, in a transaction of their own (never while counters are locked).
  if (Math.random() < 0.01) {
    await db.transaction((tx) =>
      tx.exec(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`),
    );
  }
  if (retryAfter > 0) throw new TooManyRequestsError(retryAfter);
}

/**
 * Takes back one counted attempt: `refund` counters lose one, `reset` counters are cleared.
 * A login that succeeded does not count against the limits (see src/modules/auth/login-limits.ts).
 */
export async function forgiveAttempt(
  db: Database,
  { refund, reset }: { refund: string[]; reset: string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of refund.map((k) => k.slice(0, 200))) {
      // Counters are positive (CHECK): the last attempt taken back removes the row.
      await tx.exec(`DELETE FROM rate_limits WHERE key = $1 AND count <= 1`, [key]);
      await tx.exec(`UPDATE rate_limits SET count = count - 1 WHERE key = $1`, [key]);
    }
    for (const key of reset) await tx.exec(`DELETE FROM rate_limits WHERE key = $1`, [key.slice(0, 200)]);
  });
}

/** The windows that no limit reads any more (the longest is an hour; a day is kept), up to `limit`, for the
 * retention job: keys hold e-mails and IP addresses. The number deleted. */
export function purgeOldWindows(db: Database, now: Date, limit: number): Promise<number> {
  return db.transaction((tx) =>
    tx.exec(
      `DELETE FROM rate_limits WHERE key IN (
         SELECT key FROM rate_limits WHERE window_start < $1::timestamptz - interval '1 day'
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [now, limit],
    ),
  );
}
