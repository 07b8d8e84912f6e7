// The customer's choice of e-mails: order status e-mails (preparation, on the way, delivered…) on or off. The
// notifications module reads the column when it writes an optional message; the e-mails a customer always gets
// (confirmation, cancellation, refund, password reset) are its rule, listed here as it states them.
import type { Database, Executor } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import { ALWAYS_SENT_TO_CUSTOMERS } from '../notifications/index.js';

export interface NotificationPreferences {
  statusEmails: boolean;
  /** What is sent whatever the choice, in French, for the account page's note. */
  alwaysSent: readonly string[];
}

const gone = () => new NotFoundError('Ce compte n’existe plus.', 'customer_not_found');

async function readChoice(ex: Executor, customerId: number): Promise<boolean | undefined> {
  const row = await ex.one<{ statusEmails: boolean }>(
    `SELECT status_emails AS "statusEmails" FROM customers WHERE id = $1`,
    [customerId],
  );
  return row?.statusEmails;
}

/** 404 customer_not_found for a deleted account. */
export async function notificationPreferences(
  db: Database,
  customerId: number,
): Promise<NotificationPreferences> {
  const statusEmails = await db.read((ex) => readChoice(ex, customerId));
  if (statusEmails === undefined) throw gone();
  return { statusEmails, alwaysSent: ALWAYS_SENT_TO_CUSTOMERS };
}

/** The new choice applies to the messages written from now on (those already queued are sent). */
export async function setStatusEmails(
  db: Database,
  customerId: number,
  statusEmails: boolean,
): Promise<NotificationPreferences> {
  const row = await db.transaction((tx) =>
    tx.one<{ statusEmails: boolean }>(
      `UPDATE customers SET status_emails = $2, updated_at = now() WHERE id = $1
       RETURNING status_emails AS "statusEmails"`,
      [customerId, statusEmails],
    ),
  );
  if (!row) throw gone();
  return { statusEmails: row.statusEmails, alwaysSent: ALWAYS_SENT_TO_CUSTOMERS };
}
