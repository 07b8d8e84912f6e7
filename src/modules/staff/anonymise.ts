// An employee who left (deactivated_at, set by « départ ») is anonymised by the retention job once
// RETENTION_STAFF_DAYS have passed: the row stays, so that the order history, payments and refunds keep their
// actor's role and shop, but it no longer names anyone (« Ancien employé n° 12 », an address that can receive
// nothing, no phone, a hash no password matches). Their tokens, reset links, back-office sessions and messages
// are deleted by their owners in the same transaction. One employee per transaction.
import type { Database, Tx } from '../../db/executor.js';
import { deleteEmployeeTokens } from '../auth/index.js';

export const ANONYMOUS_FIRST_NAME = 'Ancien';
export const anonymousLastName = (id: number) => `employé n° ${id}`;
/** RFC 2606's .invalid: the address passes the model's validation and can never be delivered. */
export const anonymousEmail = (id: number) => `ancien-${id}@anonyme.invalid`;
/** Not a bcrypt hash: bcrypt.compare never matches it. */
const UNUSABLE_HASH = '!anonymised';

export interface AnonymiseDeps {
  db: Database;
  /** The back office's sessions of the employee (admin/ owns them). */
  endBackOfficeSessions?: (tx: Tx, employeeId: number) => Promise<void>;
  /** The employee's messages in the outbox (the notifications module owns it). */
  forgetMessages?: (tx: Tx, employeeId: number, email: string) => Promise<number>;
}

/** Up to `limit` employees deactivated before `before` and not yet anonymised, anonymised; the number done. */
export async function anonymiseDeparted(
  deps: AnonymiseDeps,
  before: Date,
  limit: number,
  now: Date,
): Promise<number> {
  const due = await deps.db.read((ex) =>
    ex.many<{ id: number }>(
      `SELECT id FROM employees
        WHERE deactivated_at IS NOT NULL AND anonymised_at IS NULL AND deactivated_at < $1 AND NOT active
        ORDER BY deactivated_at LIMIT $2`,
      [before, limit],
    ),
  );
  let done = 0;
  for (const { id } of due) {
    const anonymised = await deps.db.transaction(async (tx) => {
      // Locked and checked again: reactivated or done by another run meanwhile means nothing to do.
      const row = await tx.one<{ email: string }>(
        `SELECT email FROM employees
          WHERE id = $1 AND deactivated_at < $2 AND anonymised_at IS NULL AND NOT active FOR UPDATE`,
        [id, before],
      );
      if (!row) return false;
      await tx.exec(
        `UPDATE employees
            SET first_name = $2, last_name = $3, email = $4, phone = NULL, password_hash = $5,
                anonymised_at = $6, updated_at = $6
          WHERE id = $1`,
        [id, ANONYMOUS_FIRST_NAME, anonymousLastName(id), anonymousEmail(id), UNUSABLE_HASH, now],
      );
      await deleteEmployeeTokens(tx, id);
      await deps.endBackOfficeSessions?.(tx, id);
      await deps.forgetMessages?.(tx, id, row.email);
      return true;
    });
    if (anonymised) done += 1;
  }
  return done;
}
