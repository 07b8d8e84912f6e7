// The back office's sessions as other modules may end them (through a hook given in src/wiring.ts): admin/ owns
// admin_sessions. Kept apart from auth.ts so that the API process imports no session store to use it.
import type { Tx } from '../src/db/executor.js';

/** Ends every back-office session of the employee (their password was reset): they sign in again. */
export async function endBackOfficeSessions(tx: Tx, employeeId: number): Promise<void> {
  // The session holds the employee as auth.ts's StaffAdmin (`adminUser.employeeId`), in a json column.
  await tx.exec(`DELETE FROM admin_sessions WHERE sess -> 'adminUser' ->> 'employeeId' = $1`, [
    String(employeeId),
  ]);
}

/** The retention job's batch: up to `limit` sessions expired at `now` (connect-pg-simple prunes them too, but only
 * in processes serving the back office). The number deleted. */
export function purgeExpiredBackOfficeSessions(tx: Tx, now: Date, limit: number): Promise<number> {
  return tx.exec(
    `DELETE FROM admin_sessions WHERE sid IN (
       SELECT sid FROM admin_sessions WHERE expire < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );
}
