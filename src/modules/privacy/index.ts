// The privacy module (issue 21): a customer's export and erasure of their personal data. It owns no data but the
// privacy log: every owning module declares and handles its part through a PersonalDataHolder (holders.ts), and
// this service runs them, the export in one consistent read, the erasure in one transaction:
//   lock the customer row (an order being placed with the account waits for it, or it waits for the order) →
//   refuse while an order is in progress → each holder erases its part, in the order given (delivery first: it
//   collects the addresses before they go) → the customer row is deleted → one privacy_requests row.
import type { Logger } from 'pino';
import type { Database, Executor, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { PersonalDataHolder, PrivacySubject } from './holders.js';
import { logRequest, type RequestOrigin } from './requests.js';

export type { HeldTable, PersonalDataHolder, PrivacySubject, Treatment } from './holders.js';
export { privacyHolder } from './requests.js';
export { privacyRouter } from './privacy.routes.js';

export const ORDER_IN_PROGRESS_MESSAGE =
  'Une commande est en cours : le compte pourra être supprimé une fois la commande livrée, retirée ou annulée.';

/** What the privacy service needs from the customers and orders modules (they own the rows). */
export interface PrivacyAccounts {
  /** Locks the account (FOR UPDATE); undefined when there is none. */
  lockAccount(tx: Tx, customerId: number): Promise<{ id: number; email: string } | undefined>;
  findAccount(ex: Executor, customerId: number): Promise<{ id: number; email: string } | undefined>;
  /** Deletes the account row, last step of an erasure. */
  deleteAccount(tx: Tx, customerId: number): Promise<number>;
  /** The password checked again (undefined: no such account). */
  checkPassword(customerId: number, password: string): Promise<boolean | undefined>;
  ordersOf(ex: Executor, customerId: number): Promise<{ id: string; inProgress: boolean }[]>;
}

export interface PersonalDataExport {
  format: 'ocpizza-donnees-personnelles/1';
  generatedAt: string;
  customerId: number;
  /** Each owning module's part, by module name. */
  data: Record<string, Record<string, unknown>>;
}

export interface ErasureSummary {
  customerId: number;
  /** The privacy_requests row written. */
  requestId: number;
  /** Rows touched per table (deleted or anonymised). */
  rows: Record<string, number>;
}

export interface ErasureRequest {
  origin: Exclude<RequestOrigin, 'customer'>;
  employeeId?: number;
  reason?: string;
}

const notFound = () => new NotFoundError('Ce compte n’existe plus.', 'customer_not_found');

export function createPrivacyService({
  db,
  clock,
  logger,
  holders,
  accounts,
}: {
  db: Database;
  clock: Clock;
  logger?: Logger;
  holders: readonly PersonalDataHolder[];
  accounts: PrivacyAccounts;
}) {
  async function subjectOf(ex: Executor, account: { id: number; email: string }): Promise<PrivacySubject> {
    const orders = await accounts.ordersOf(ex, account.id);
    return { customerId: account.id, email: account.email, orderIds: orders.map((o) => o.id) };
  }

  async function erase(
    customerId: number,
    request: { origin: RequestOrigin; employeeId?: number; reason?: string },
  ): Promise<ErasureSummary> {
    const summary = await db.transaction(async (tx) => {
      const account = await accounts.lockAccount(tx, customerId);
      if (!account) throw notFound();
      const orders = await accounts.ordersOf(tx, customerId);
      if (orders.some((o) => o.inProgress))
        throw new ConflictError('order_in_progress', ORDER_IN_PROGRESS_MESSAGE);
      const subject: PrivacySubject = { customerId, email: account.email, orderIds: orders.map((o) => o.id) };
      const rows: Record<string, number> = {};
      for (const holder of holders) Object.assign(rows, await holder.erase(tx, subject));
      rows.customers = await accounts.deleteAccount(tx, customerId);
      const requestId = await logRequest(
        tx,
        { kind: 'erasure', ...request, customerId, summary: rows },
        clock.now(),
      );
      return { customerId, requestId, rows };
    });
    logger?.info(
      { customerId, origin: request.origin, employeeId: request.employeeId, rows: summary.rows },
      'customer personal data erased',
    );
    return summary;
  }

  return {
    /** Everything held about the customer, read in one snapshot; logged as an 'export' request. */
    async exportCustomer(customerId: number): Promise<PersonalDataExport> {
      const now = clock.now();
      const result = await db.transaction(
        async (tx) => {
          const account = await accounts.findAccount(tx, customerId);
          if (!account) throw notFound();
          const subject = await subjectOf(tx, account);
          const data: Record<string, Record<string, unknown>> = {};
          for (const holder of holders) data[holder.module] = await holder.exportFor(tx, subject);
          await logRequest(
            tx,
            { kind: 'export', origin: 'customer', customerId, summary: { sections: Object.keys(data) } },
            now,
          );
          return data;
        },
        { isolation: 'repeatable read' },
      );
      logger?.info({ customerId }, 'customer personal data exported');
      return {
        format: 'ocpizza-donnees-personnelles/1',
        generatedAt: now.toISOString(),
        customerId,
        data: result,
      };
    },
    /** The customer's own request: the password checked again (422 password_incorrect), 409 order_in_progress. */
    async eraseAccount(customerId: number, password: string): Promise<ErasureSummary> {
      const ok = await accounts.checkPassword(customerId, password);
      if (ok === undefined) throw notFound();
      if (!ok) throw new ValidationError('Mot de passe incorrect.', undefined, 'password_incorrect');
      return erase(customerId, { origin: 'customer' });
    },
    /** On request to the group admin (with a reason) or by the retention job; 404, 409 order_in_progress. */
    eraseCustomer(customerId: number, request: ErasureRequest): Promise<ErasureSummary> {
      if (request.origin === 'admin' && (!request.employeeId || !request.reason?.trim())) {
        throw new ValidationError('Indiquez le motif de la suppression.', undefined, 'reason_required');
      }
      return erase(customerId, request);
    },
    /** Every table a holder declares (the schema coverage test compares them with the database). */
    declaredTables: () => holders.flatMap((h) => h.tables.map((t) => ({ module: h.module, ...t }))),
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
