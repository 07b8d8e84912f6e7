// Where a customer's personal data lives, declared by the modules that own it (rule 10: each table has one
// owning module, the only one that writes it). The privacy module never writes another module's table: for an
// export it asks every holder for its part, for an erasure it asks every holder to erase its part, all in one
// transaction. The schema test (test/integration/privacy/coverage.test.ts) reads the database's foreign keys and
// columns and fails when a table tied to a customer or an order is declared by no holder.
import type { Executor, Tx } from '../../db/executor.js';

/** What an erasure does with a table's rows tied to the customer. */
export type Treatment =
  /** The rows are deleted (addresses, tokens, messages). */
  | 'deleted'
  /** The rows stay with their personal columns erased or replaced (orders keep their amounts). */
  | 'anonymised'
  /** The rows stay as they are: accounting keeps them and they hold no personal data (payments, the journal). */
  | 'kept';

export interface HeldTable {
  table: string;
  treatment: Treatment;
  /** Why, in a few words (the register of processing activities and the privacy page say the same). */
  why: string;
}

/** The customer an export or an erasure is about, read once before the holders run. */
export interface PrivacySubject {
  customerId: number;
  /** The account's e-mail (rate-limit keys, messages sent to it). */
  email: string;
  /** Every order placed with the account, oldest first. */
  orderIds: readonly string[];
}

export interface PersonalDataHolder {
  /** The owning module's name (a key of the export document). */
  module: string;
  tables: readonly HeldTable[];
  /** The module's part of the export: plain JSON, every row of its tables tied to the subject. */
  exportFor(ex: Executor, subject: PrivacySubject): Promise<Record<string, unknown>>;
  /** Erases the module's part inside the erasure's transaction; returns rows touched per table (for the log). */
  erase(tx: Tx, subject: PrivacySubject): Promise<Record<string, number>>;
}
