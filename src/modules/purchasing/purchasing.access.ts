// Who may see a purchase order: a shop's employee their shop's only (another shop's order answers 404, as if it
// did not exist), group roles every one. Writes lock the order's row first and check its status.
import type { Executor, Tx } from '../../db/executor.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/index.js';
import { findHead, type PurchaseOrderStatus } from './purchasing.repository.js';

const notFound = () => new NotFoundError('Ce bon de commande n’existe pas.', 'purchase_order_not_found');

/** The order's head if the employee may see it (else 404, another shop's order included). */
export async function visibleHead(ex: Executor, me: EmployeePrincipal, id: number, lock = false) {
  const head = await findHead(ex, id, lock);
  if (!head || (me.pizzeriaId !== null && head.pizzeriaId !== me.pizzeriaId)) throw notFound();
  return head;
}

/** Locks the order (404 if not visible) and checks its status is one of `allowed` (409 otherwise). */
export async function lockInStatus(
  tx: Tx,
  me: EmployeePrincipal,
  id: number,
  allowed: PurchaseOrderStatus[],
  code: string,
  message: string,
) {
  const head = await visibleHead(tx, me, id, true);
  if (!allowed.includes(head.status)) throw new ConflictError(code, message, { status: head.status });
  return head;
}
