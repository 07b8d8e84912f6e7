// Closures of the sales journal (« clôtures »): a day closure adds up every entry of its shop not yet closed
// (numbers first..last, contiguous with the previous day closure), a month closure the entries of its month's
// day closures, a fiscal-year closure those of its year's. Each holds the totals per VAT rate, per payment method
// and per kind, the number of entries, the first and last numbers and the perpetual grand total, and is chained
// (one chain per shop, every kind) and signed with Ed25519. Written inside the caller's transaction, under the
// shop's journal head lock.
import type { Tx } from '../../db/executor.js';
import { ConflictError } from '../../shared/errors.js';
import {
  closureHash,
  GENESIS_HASH,
  periodDate,
  TotalsAccumulator,
  type Closure,
  type ClosureKind,
} from './canonical.js';
import {
  closureOf,
  dayClosuresWithin,
  entriesBetween,
  insertClosure,
  lastClosure,
  lastSeqBefore,
  lockHead,
  publishKey,
} from './closures.repository.js';
import type { SigningKey } from './signing.js';

export interface ClosureRequest {
  pizzeriaId: number;
  kind: ClosureKind;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  period: string;
  closedAt: Date;
  /** The employee who asked for it; null for the automatic closure. */
  closedByEmployeeId: number | null;
  /** Day closures only: entries written from this time on are left to the next day. Default: every entry. */
  entriesBefore?: Date;
}

export const PERIOD_FORMAT: Record<ClosureKind, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  year: /^\d{4}$/,
};

/** The entries a closure covers: first..last numbers, or none. */
async function rangeOf(tx: Tx, r: ClosureRequest, headLastSeq: number) {
  if (r.kind === 'day') {
    const previous = await lastCoveredDay(tx, r.pizzeriaId);
    const last = r.entriesBefore ? await lastSeqBefore(tx, r.pizzeriaId, r.entriesBefore) : headLastSeq;
    return last > previous ? { first: previous + 1, last } : null;
  }
  const days = (await dayClosuresWithin(tx, r.pizzeriaId, r.period)).filter((d) => d.firstSeq !== null);
  if (days.length === 0) return null;
  return { first: days[0].firstSeq!, last: days[days.length - 1].lastSeq! };
}

/** The last entry number a day closure covers (0 before the first one). */
async function lastCoveredDay(tx: Tx, pizzeriaId: number): Promise<number> {
  const row = await tx.one<{ last: number | null }>(
    `SELECT max(last_seq) AS last FROM journal_closures WHERE pizzeria_id = $1 AND kind = 'day'`,
    [pizzeriaId],
  );
  return row?.last ?? 0;
}

async function grandTotalAt(tx: Tx, pizzeriaId: number, seq: number): Promise<number> {
  if (seq <= 0) return 0;
  const row = await tx.one<{ gt: number }>(
    `SELECT grand_total_cents AS gt FROM sales_journal WHERE pizzeria_id = $1 AND seq = $2`,
    [pizzeriaId, seq],
  );
  return row?.gt ?? 0;
}

/**
 * Writes the closure (409 closure_exists when that period is already closed for the shop). Returns it.
 */
export async function writeClosure(tx: Tx, key: SigningKey, r: ClosureRequest): Promise<Closure> {
  if (!PERIOD_FORMAT[r.kind].test(r.period)) throw new Error(`invalid ${r.kind} period "${r.period}"`);
  const head = await lockHead(tx, r.pizzeriaId);
  if (await closureOf(tx, r.pizzeriaId, r.kind, r.period)) {
    throw new ConflictError('closure_exists', closedMessage(r.kind, r.period), {
      kind: r.kind,
      period: r.period,
    });
  }
  const range = await rangeOf(tx, r, head.lastSeq);
  const totals = new TotalsAccumulator();
  let grandTotalCents: number;
  if (range) {
    const entries = await entriesBetween(tx, r.pizzeriaId, range.first, range.last);
    for (const e of entries) totals.add(e);
    grandTotalCents = entries[entries.length - 1].grandTotalCents;
  } else {
    grandTotalCents = await grandTotalAt(tx, r.pizzeriaId, await lastCoveredDay(tx, r.pizzeriaId));
  }
  const previous = await lastClosure(tx, r.pizzeriaId);
  const unsigned = {
    pizzeriaId: r.pizzeriaId,
    seq: (previous?.seq ?? 0) + 1,
    kind: r.kind,
    period: r.period,
    firstSeq: range?.first ?? null,
    lastSeq: range?.last ?? null,
    entries: totals.count,
    totals: totals.totals(),
    grandTotalCents,
    closedAt: r.closedAt,
    closedByEmployeeId: r.closedByEmployeeId,
    prevHash: previous?.hash ?? GENESIS_HASH,
    keyId: key.keyId,
  };
  const hash = closureHash(unsigned);
  const closure: Closure = { ...unsigned, hash, signature: key.sign(hash) };
  await publishKey(tx, key.keyId, key.publicKeyPem);
  await insertClosure(tx, closure);
  return closure;
}

function closedMessage(kind: ClosureKind, period: string): string {
  const when = periodDate(period);
  if (kind === 'day') return `La journée du ${when} est déjà clôturée.`;
  if (kind === 'month') return `Le mois ${when} est déjà clôturé.`;
  return `L’exercice ${when} est déjà clôturé.`;
}
