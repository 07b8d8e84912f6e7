// Which accounts the retention job erases: inactive since `before` (RETENTION_CUSTOMER_INACTIVE_DAYS ago), that
// is created, changed (the account or one of its addresses) and last signed in before it, with no order placed
// since and no sign-in token issued since, and no order still in progress (the erasure would refuse it: 409).
// Read only: the erasure itself goes through the privacy service, which asks every owning module.
import type { Executor } from '../../db/executor.js';
import { FINAL_STATUSES } from '../orders/index.js';

/** Up to `limit` inactive accounts with an id above `afterId`, oldest id first. */
export async function inactiveCustomerIds(
  ex: Executor,
  before: Date,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await ex.many<{ id: number }>(
    `SELECT c.id FROM customers c
      WHERE c.id > $4 AND c.updated_at < $1 AND c.created_at < $1 AND (c.last_login_at IS NULL OR c.last_login_at < $1)
        AND NOT EXISTS (SELECT 1 FROM addresses a WHERE a.customer_id = c.id AND a.updated_at >= $1)
        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
                          AND (o.created_at >= $1 OR o.status <> ALL($3::order_status[])))
        AND NOT EXISTS (SELECT 1 FROM auth_tokens t WHERE t.customer_id = c.id AND t.created_at >= $1)
      ORDER BY c.id
      LIMIT $2`,
    [before, limit, FINAL_STATUSES, afterId],
  );
  return rows.map((r) => r.id);
}
