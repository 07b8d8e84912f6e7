// SQL of the closures. A closure is written under its shop's journal head row (locked FOR UPDATE): no entry can
// be appended while its range and totals are read, and two processes closing the same shop take turns.
import type { Executor, Tx } from '../../db/executor.js';
import type { Closure, ClosureKind, JournalEntry } from './canonical.js';

export const CLOSURE_COLUMNS = `pizzeria_id AS "pizzeriaId", seq, kind, period, first_seq AS "firstSeq",
  last_seq AS "lastSeq", entries, totals, grand_total_cents AS "grandTotalCents", closed_at AS "closedAt",
  closed_by_employee_id AS "closedByEmployeeId", prev_hash AS "prevHash", hash, key_id AS "keyId", signature`;

/** Locks the shop's journal (creating its head row on first use) and returns its last number and grand total. */
export async function lockHead(tx: Tx, pizzeriaId: number) {
  return (await tx.one<{ lastSeq: number; grandTotalCents: number }>(
    `INSERT INTO journal_heads AS jh (pizzeria_id) VALUES ($1)
     ON CONFLICT (pizzeria_id) DO UPDATE SET pizzeria_id = jh.pizzeria_id
     RETURNING last_seq AS "lastSeq", grand_total_cents AS "grandTotalCents"`,
    [pizzeriaId],
  ))!;
}

export async function lastClosure(ex: Executor, pizzeriaId: number, kind?: ClosureKind) {
  return ex.one<Closure>(
    `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND ($2::text IS NULL OR kind = $2)
     ORDER BY seq DESC LIMIT 1`,
    [pizzeriaId, kind ?? null],
  );
}

export async function closureOf(ex: Executor, pizzeriaId: number, kind: ClosureKind, period: string) {
  return ex.one<Closure>(
    `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND kind = $2 AND period = $3`,
    [pizzeriaId, kind, period],
  );
}

/** The day closures whose business day starts with `prefix` (YYYY-MM or YYYY), in order. */
export async function dayClosuresWithin(ex: Executor, pizzeriaId: number, prefix: string) {
  return ex.many<Closure>(
    `SELECT ${CLOSURE_COLUMNS} FROM journal_closures
      WHERE pizzeria_id = $1 AND kind = 'day' AND period LIKE $2 || '%' ORDER BY seq`,
    [pizzeriaId, prefix],
  );
}

/** Entries first..last of a shop (what a closure adds up), in number order. */
export async function entriesBetween(ex: Executor, pizzeriaId: number, first: number, last: number) {
  return ex.many<
    Pick<JournalEntry, 'kind' | 'amountCents' | 'vat' | 'method' | 'revenue' | 'grandTotalCents'>
  >(
    `SELECT kind, amount_cents AS "amountCents", vat, method, revenue, grand_total_cents AS "grandTotalCents"
       FROM sales_journal WHERE pizzeria_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq`,
    [pizzeriaId, first, last],
  );
}

/** The highest number among the shop's entries written before `before` (what a day closure at that time covers). */
export async function lastSeqBefore(ex: Executor, pizzeriaId: number, before: Date): Promise<number> {
  const row = await ex.one<{ seq: number | null }>(
    `SELECT max(seq) AS seq FROM sales_journal WHERE pizzeria_id = $1 AND at < $2`,
    [pizzeriaId, before],
  );
  return row?.seq ?? 0;
}

export async function insertClosure(tx: Tx, c: Closure): Promise<void> {
  await tx.exec(
    `INSERT INTO journal_closures (pizzeria_id, seq, kind, period, first_seq, last_seq, entries, totals,
       grand_total_cents, closed_at, closed_by_employee_id, prev_hash, hash, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      c.pizzeriaId,
      c.seq,
      c.kind,
      c.period,
      c.firstSeq,
      c.lastSeq,
      c.entries,
      JSON.stringify(c.totals),
      c.grandTotalCents,
      c.closedAt,
      c.closedByEmployeeId,
      c.prevHash,
      c.hash,
      c.keyId,
      c.signature,
    ],
  );
}

/** Publishes a public key (once; keys are never changed or removed). */
export async function publishKey(ex: Executor, keyId: string, publicKeyPem: string): Promise<void> {
  await ex.exec(
    `INSERT INTO journal_keys (key_id, public_key) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING`,
    [keyId, publicKeyPem],
  );
}

export async function publishedKeys(ex: Executor) {
  return ex.many<{ keyId: string; publicKey: string; createdAt: Date }>(
    `SELECT key_id AS "keyId", public_key AS "publicKey", created_at AS "createdAt" FROM journal_keys ORDER BY created_at`,
  );
}
