// Password reset tokens: 32 random bytes in the e-mailed link (base64url), only their SHA-256 stored, valid one
// hour, single use. Asking again leaves the earlier links valid until their hour ends: a mail retried by the
// outbox may arrive after a newer one, and whichever link the person clicks first must work. Using any one of
// them ends them all (endAccountSessions), and the request limits bound how many can exist at once.
import { randomBytes } from 'node:crypto';
import type { Executor, Tx } from '../../db/executor.js';
import { hashToken } from './tokens.js';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export type AccountKind = 'customer' | 'employee';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const column = (kind: AccountKind) => (kind === 'customer' ? 'customer_id' : 'employee_id');

export interface NewResetToken {
  id: number;
  /** The raw token, for the link only: it is never stored. */
  token: string;
  expiresAt: Date;
}

/** A new reset token for the account, written in the caller's transaction. */
export async function createResetToken(
  tx: Tx,
  kind: AccountKind,
  accountId: number,
  now: Date,
): Promise<NewResetToken> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
  const row = (await tx.one<{ id: number }>(
    `INSERT INTO password_reset_tokens (token_hash, subject, ${column(kind)}, expires_at)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [hashToken(token), kind, accountId, expiresAt],
  ))!;
  return { id: row.id, token, expiresAt };
}

/** The unused, unexpired token of this kind of account: its row id and the account, or undefined. */
export async function findResetToken(
  ex: Executor,
  kind: AccountKind,
  token: string,
  now: Date,
): Promise<{ id: number; accountId: number } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  return ex.one<{ id: number; accountId: number }>(
    `SELECT id, ${column(kind)} AS "accountId" FROM password_reset_tokens
      WHERE token_hash = $1 AND subject = $2 AND used_at IS NULL AND expires_at > $3`,
    [hashToken(token), kind, now],
  );
}

/**
 * Marks the token used; false when it was used or expired meanwhile. The row lock makes this the one place two
 * confirmations of the same link meet: the second waits for the first, then finds it used.
 */
export async function useResetToken(tx: Tx, id: number, now: Date): Promise<boolean> {
  const n = await tx.exec(
    `UPDATE password_reset_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2`,
    [id, now],
  );
  return n > 0;
}

/**
 * After a password change: every bearer token of the account is revoked (each device signs in again) and every
 * other reset link it was sent stops working.
 */
export async function endAccountSessions(tx: Tx, kind: AccountKind, accountId: number, now: Date) {
  await tx.exec(
    `UPDATE auth_tokens SET revoked_at = $2 WHERE ${column(kind)} = $1 AND subject = $3 AND revoked_at IS NULL`,
    [accountId, now, kind],
  );
  await tx.exec(
    `UPDATE password_reset_tokens SET used_at = $2 WHERE ${column(kind)} = $1 AND subject = $3 AND used_at IS NULL`,
    [accountId, now, kind],
  );
}
