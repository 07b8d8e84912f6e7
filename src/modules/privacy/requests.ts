// The privacy log (privacy_requests): one row per export or erasure, written by this module only. It keeps the
// customer's number and, for an erasure, the rows touched per table: never a name, an e-mail or an address.
import type { Tx } from '../../db/executor.js';
import type { PersonalDataHolder } from './holders.js';

export type RequestOrigin = 'customer' | 'admin' | 'retention';

export interface NewPrivacyRequest {
  kind: 'export' | 'erasure';
  origin: RequestOrigin;
  customerId: number;
  employeeId?: number | null;
  reason?: string | null;
  summary: Record<string, unknown>;
}

export async function logRequest(tx: Tx, r: NewPrivacyRequest, now: Date): Promise<number> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO privacy_requests (kind, origin, customer_id, employee_id, reason, summary, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.kind, r.origin, r.customerId, r.employeeId ?? null, r.reason ?? null, JSON.stringify(r.summary), now],
  );
  return row!.id;
}

/** The privacy module's own part: the customer's past requests (what, by whom, when), kept after an erasure. */
export const privacyHolder: PersonalDataHolder = {
  module: 'privacy',
  tables: [
    { table: 'privacy_requests', treatment: 'kept', why: 'preuve des demandes traitées, sans donnée' },
  ],
  async exportFor(ex, { customerId }) {
    return {
      requests: await ex.many(
        `SELECT id, kind, origin, created_at AS "createdAt" FROM privacy_requests WHERE customer_id = $1 ORDER BY id`,
        [customerId],
      ),
    };
  },
  async erase() {
    return {};
  },
};
