// Opaque bearer tokens: 32 random bytes given to the client once; only their SHA-256 is stored, with an expiry.
// Logging out revokes the token. A token of a deactivated employee stops working at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor, Tx } from '../../db/executor.js';
import type { Role } from '../staff/index.js';
import type { Principal } from './principal.js';

export const CUSTOMER_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
export const STAFF_TOKEN_TTL_MS = 12 * 3600 * 1000;

/** How a bearer or reset token is stored: its SHA-256, in hex (the token itself never is). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export type TokenSubject = { customerId: number } | { employeeId: number };

/** A new token for `subject`, valid from `now` for its TTL, written in the caller's transaction. */
export async function issueToken(tx: Tx, subject: TokenSubject, now: Date): Promise<IssuedToken> {
  const token = 'ocp_' + randomBytes(32).toString('base64url');
  const isCustomer = 'customerId' in subject;
  const expiresAt = new Date(now.getTime() + (isCustomer ? CUSTOMER_TOKEN_TTL_MS : STAFF_TOKEN_TTL_MS));
  await tx.exec(
    `INSERT INTO auth_tokens (token_hash, subject, customer_id, employee_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [
      hashToken(token),
      isCustomer ? 'customer' : 'employee',
      isCustomer ? subject.customerId : null,
      isCustomer ? null : subject.employeeId,
      expiresAt,
    ],
  );
  return { token, expiresAt };
}

interface TokenRow {
  id: number;
  subject: 'customer' | 'employee';
  customerId: number | null;
  employeeId: number | null;
  role: Role | null;
  pizzeriaId: number | null;
}

/** Who holds `token` at `now`: undefined when unknown, revoked, expired, or a deactivated employee's. */
export async function resolveToken(ex: Executor, token: string, now: Date): Promise<Principal | undefined> {
  if (!/^ocp_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await ex.one<TokenRow>(
    `SELECT t.id, t.subject, t.customer_id AS "customerId", t.employee_id AS "employeeId",
            e.role, e.pizzeria_id AS "pizzeriaId"
       FROM auth_tokens t LEFT JOIN employees e ON e.id = t.employee_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2
        AND (t.subject = 'customer' OR e.active)`,
    [hashToken(token), now],
  );
  if (!row) return undefined;
  if (row.subject === 'customer') return { kind: 'customer', customerId: row.customerId!, tokenId: row.id };
  return {
    kind: 'employee',
    employeeId: row.employeeId!,
    role: row.role!,
    pizzeriaId: row.pizzeriaId,
    tokenId: row.id,
  };
}

export async function revokeToken(tx: Tx, tokenId: number): Promise<void> {
  await tx.exec(`UPDATE auth_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [tokenId]);
}
