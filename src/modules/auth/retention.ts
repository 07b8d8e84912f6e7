// What the retention job asks of the auth module: tokens that can no longer be used are deleted (a bearer token
// expired or revoked, a reset link used or expired), in bounded batches; and an anonymised employee's tokens go
// whatever their state. The expiry index serves the expired ones; revoked and used ones are few (the table holds
// live tokens only once the job has run).
import type { Tx } from '../../db/executor.js';

/** Up to `limit` bearer tokens expired or revoked at `now`; the number deleted. */
export function purgeDeadTokens(tx: Tx, now: Date, limit: number): Promise<number> {
  return tx.exec(
    `DELETE FROM auth_tokens WHERE id IN (
       SELECT id FROM auth_tokens WHERE expires_at <= $1 OR revoked_at IS NOT NULL LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );
}

/** Up to `limit` password reset tokens used or expired at `now`; the number deleted. */
export function purgeSpentResetTokens(tx: Tx, now: Date, limit: number): Promise<number> {
  return tx.exec(
    `DELETE FROM password_reset_tokens WHERE id IN (
       SELECT id FROM password_reset_tokens WHERE expires_at <= $1 OR used_at IS NOT NULL
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );
}

/** Every bearer and reset token of the employee (anonymised: nothing of theirs may sign in again). */
export async function deleteEmployeeTokens(
  tx: Tx,
  employeeId: number,
): Promise<{ auth_tokens: number; password_reset_tokens: number }> {
  return {
    auth_tokens: await tx.exec(`DELETE FROM auth_tokens WHERE employee_id = $1`, [employeeId]),
    password_reset_tokens: await tx.exec(`DELETE FROM password_reset_tokens WHERE employee_id = $1`, [
      employeeId,
    ]),
  };
}
