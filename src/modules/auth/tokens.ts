// Opaque bearer tokens: 32 random bytes given to the client once; only their SHA-256 is stored, with an expiry.
// Logging out revokes the token. A token of a deactivated employee stops working at once.
import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Principal } from './principal.js';
import type { Role } from '../staff/permissions.js';

export const CUSTOMER_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
export const STAFF_TOKEN_TTL_MS = 12 * 3600 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export async function issueToken(
  db: Sequelize,
  subject: { customerId: number } | { employeeId: number },
  options: { transaction?: Transaction } = {},
): Promise<IssuedToken> {
  const token = 'ocp_' + randomBytes(32).toString('base64url');
  const isCustomer = 'customerId' in subject;
  const expiresAt = new Date(Date.now() + (isCustomer ? CUSTOMER_TOKEN_TTL_MS : STAFF_TOKEN_TTL_MS));
  await db.query(
    `INSERT INTO auth_tokens (token_hash, subject, customer_id, employee_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    {
      bind: [
        hash(token),
        isCustomer ? 'customer' : 'employee',
        isCustomer ? subject.customerId : null,
        isCustomer ? null : subject.employeeId,
        expiresAt,
      ],
      transaction: options.transaction,
    },
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

export async function resolveToken(db: Sequelize, token: string): Promise<Principal | undefined> {
  if (!/^ocp_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db.query<TokenRow>(
    `SELECT t.id, t.subject, t.customer_id AS "customerId", t.employee_id AS "employeeId",
            e.role, e.pizzeria_id AS "pizzeriaId"
       FROM auth_tokens t LEFT JOIN employees e ON e.id = t.employee_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()
        AND (t.subject = 'customer' OR e.active)`,
    { type: QueryTypes.SELECT, bind: [hash(token)] },
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

export async function revokeToken(db: Sequelize, tokenId: number): Promise<void> {
  await db.query(`UPDATE auth_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, {
    bind: [tokenId],
  });
}
