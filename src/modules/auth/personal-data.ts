// The auth module's part of a customer's personal data (issue 21): their sign-ins (bearer tokens), their password
// reset requests and the rate-limit counters keyed by their e-mail. The export gives dates only: a token's hash
// never leaves the database.
import type { PersonalDataHolder } from '../privacy/index.js';
import { emailLimitKeys } from './login-limits.js';

export const authHolder: PersonalDataHolder = {
  module: 'auth',
  tables: [
    { table: 'auth_tokens', treatment: 'deleted', why: 'les connexions du compte (jetons de session)' },
    { table: 'password_reset_tokens', treatment: 'deleted', why: 'les demandes de nouveau mot de passe' },
    { table: 'rate_limits', treatment: 'deleted', why: 'les compteurs de tentatives liés à l’e-mail' },
  ],
  async exportFor(ex, { customerId, email }) {
    return {
      loginHistory: await ex.many(
        `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
           FROM auth_tokens WHERE customer_id = $1 ORDER BY id`,
        [customerId],
      ),
      passwordResetRequests: await ex.many(
        `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
           FROM password_reset_tokens WHERE customer_id = $1 ORDER BY id`,
        [customerId],
      ),
      attemptCounters: await ex.many(
        `SELECT key, window_start AS "windowStart", count FROM rate_limits WHERE key = ANY($1::text[]) ORDER BY key`,
        [emailLimitKeys(email)],
      ),
    };
  },
  async erase(tx, { customerId, email }) {
    // The tokens would go with the customer row (ON DELETE CASCADE); deleted here so that the log counts them.
    return {
      auth_tokens: await tx.exec(`DELETE FROM auth_tokens WHERE customer_id = $1`, [customerId]),
      password_reset_tokens: await tx.exec(`DELETE FROM password_reset_tokens WHERE customer_id = $1`, [
        customerId,
      ]),
      rate_limits: await tx.exec(`DELETE FROM rate_limits WHERE key = ANY($1::text[])`, [
        emailLimitKeys(email),
      ]),
    };
  },
};
