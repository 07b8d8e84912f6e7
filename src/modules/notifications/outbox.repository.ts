// The outbox table: a message is inserted in the transaction of the business change that causes it (its unique
// key makes a second insert of the same event a no-op), then claimed, sent and marked by the worker.
import { createHash } from 'node:crypto';
import type { Executor, Tx } from '../../db/executor.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface NewMessage {
  /** One business event, one message: e.g. `order:<id>:confirmation:v1`, `password-reset:<token id>`. */
  key: string;
  kind: string;
  to: string;
  toName?: string | null;
  /** What the template needs that the database will not hold later (a refund's amount, a reset link's token). */
  payload?: Record<string, unknown>;
  orderId?: string | null;
  customerId?: number | null;
  employeeId?: number | null;
  pizzeriaId?: number | null;
}

export interface OutboxMessage {
  id: number;
  key: string;
  kind: string;
  recipient: string;
  recipientName: string | null;
  payload: Record<string, unknown>;
  orderId: string | null;
  customerId: number | null;
  employeeId: number | null;
  pizzeriaId: number | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
}

const COLUMNS = `id, key, kind, recipient, recipient_name AS "recipientName", payload, order_id AS "orderId",
  customer_id AS "customerId", employee_id AS "employeeId", pizzeria_id AS "pizzeriaId", status, attempts,
  last_error AS "lastError"`;

/** The Message-ID of a key, worked out when the message is sent (and kept in `message_id` once it is): the same event always carries the same one, so a resend is recognisable as such. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'ocpizza.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** Inserts the message unless one with its key exists; true when inserted. */
export async function insertMessage(tx: Tx, m: NewMessage): Promise<boolean> {
  const n = await tx.exec(
    `INSERT INTO outbox (key, kind, recipient, recipient_name, payload, order_id, customer_id, employee_id,
       pizzeria_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING`,
    [
      m.key,
      m.kind,
      m.to,
      m.toName ?? null,
      JSON.stringify(m.payload ?? {}),
      m.orderId ?? null,
      m.customerId ?? null,
      m.employeeId ?? null,
      m.pizzeriaId ?? null,
    ],
  );
  return n > 0;
}

/**
 * A message to the customer of an order, in one statement (no round trip to read the customer first); nothing
 * when the order has no customer account. Only messages sent whatever the customer chose come this way (refunds,
 * failed payments): the optional step messages are written by the trigger of migration 022.
 */
export async function insertOrderMessage(
  tx: Tx,
  m: { key: string; kind: string; orderId: string; payload: Record<string, unknown> },
): Promise<void> {
  await tx.exec(
    `INSERT INTO outbox (key, kind, recipient, recipient_name, payload, order_id, customer_id, pizzeria_id)
     SELECT $1, $2, c.email, c.first_name || ' ' || c.last_name, $3, o.id, c.id, o.pizzeria_id
     FROM orders o JOIN customers c ON c.id = o.customer_id
     WHERE o.id = $4
     ON CONFLICT (key) DO NOTHING`,
    [m.key, m.kind, JSON.stringify(m.payload), m.orderId],
  );
}

/**
 * Claims up to `limit` due messages for `leaseSeconds` (FOR UPDATE SKIP LOCKED: two processes never take the
 * same one) and counts the attempt. A process that dies holding a claim frees it when the lease ends.
 */
export async function claimDue(tx: Tx, limit: number, leaseSeconds: number): Promise<OutboxMessage[]> {
  // UPDATE … RETURNING gives no order: the messages are sorted back into the order they were written.
  const claimed = await tx.many<OutboxMessage>(
    `UPDATE outbox SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1, updated_at = now()
     WHERE id IN (SELECT id FROM outbox
       WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
       ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [limit, leaseSeconds],
  );
  return claimed.sort((a, b) => a.id - b.id);
}

/**
 * Hands claimed messages back untried, their attempt not counted: due again at once (a process stopping), or
 * after `delayMs` (the SMTP server is unreachable: they wait as long as the message that found it so).
 */
export async function releaseClaims(ex: Executor, ids: number[], delayMs = 0): Promise<void> {
  await ex.exec(
    `UPDATE outbox SET locked_until = NULL, attempts = attempts - 1, updated_at = now(),
       next_attempt_at = GREATEST(next_attempt_at, now() + make_interval(secs => $2::float8 / 1000))
     WHERE id = ANY($1) AND status = 'pending'`,
    [ids, delayMs],
  );
}

/**
 * A payload's `token` is a credential (a password reset link's): once the mail is sent it leaves the database,
 * where only its hash stays. A pending or failed message keeps it (« Renvoyer » needs it).
 */
export async function markSent(ex: Executor, id: number, subject: string, messageId: string): Promise<void> {
  await ex.exec(
    `UPDATE outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL, subject = $2,
       message_id = $3, payload = payload - 'token', updated_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, subject, messageId],
  );
}

export async function markRetry(ex: Executor, id: number, delayMs: number, error: string): Promise<void> {
  await ex.exec(
    `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), locked_until = NULL,
       last_error = $3, updated_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, delayMs, error],
  );
}

/** Gives up on the message; true when this call did (the caller then alerts the group admin). */
export async function markFailed(tx: Tx, id: number, error: string): Promise<boolean> {
  const n = await tx.exec(
    `UPDATE outbox SET status = 'failed', failed_at = now(), locked_until = NULL, last_error = $2,
       updated_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, error],
  );
  return n > 0;
}

/** « Renvoyer »: a failed message goes back to the queue with its attempts counted afresh. */
export async function requeue(tx: Tx, id: number): Promise<boolean> {
  const n = await tx.exec(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL,
       failed_at = NULL, updated_at = now() WHERE id = $1 AND status = 'failed'`,
    [id],
  );
  return n > 0;
}

/**
 * Copies of messages sent (or given up) before `before`, up to `limit`, for the retention job: recipient, name,
 * subject and payload hold the person (orders placed without an account too). Pending ones are never purged.
 */
export function purgeOldMessages(tx: Tx, before: Date, limit: number): Promise<number> {
  return tx.exec(
    `DELETE FROM outbox WHERE id IN (
       SELECT id FROM outbox WHERE created_at < $1 AND status IN ('sent', 'failed') ORDER BY created_at
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [before, limit],
  );
}

/** An anonymised employee's messages (to them or about them: recipient, name and payload hold their person). */
export function deleteEmployeeMessages(tx: Tx, employeeId: number, email: string): Promise<number> {
  return tx.exec(`DELETE FROM outbox WHERE employee_id = $1 OR recipient = $2`, [employeeId, email]);
}
