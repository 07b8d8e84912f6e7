// The canonical texts of the sales journal and their hashes. An entry's hash is written by PostgreSQL
// (journal_entry_hash() in migration 023, so that appending costs one statement); this file writes the SAME text
// for the verifier, which recomputes every hash from the stored columns. Closures are hashed and signed here.
// Version tags (OCPJ1, OCPC1) let a future format coexist with the entries already written.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export const ENTRY_KINDS = ['sale', 'payment', 'refund', 'cancellation', 'correction'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const CLOSURE_KINDS = ['day', 'month', 'year'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** A closure's period written as staff read it: 05/12/2026 (day), 12/2026 (month), 2026 (year). */
export const periodDate = (period: string) => period.split('-').reverse().join('/');

/** Amounts of one VAT rate, in signed cents (negative for a refund or a cancellation). */
export interface JournalVat {
  rateBp: number;
  baseCents: number;
  vatCents: number;
}

/** An entry as stored (sales_journal). */
export interface JournalEntry {
  pizzeriaId: number;
  seq: number;
  at: Date;
  kind: EntryKind;
  orderId: string | null;
  orderNumber: string;
  amountCents: number;
  htCents: number;
  vat: JournalVat[];
  method: string;
  /** Counts in the revenue (sales per VAT rate, the grand total): sales, refunds of sales, corrections. */
  revenue: boolean;
  employeeId: number | null;
  reference: string | null;
  grandTotalCents: number;
  prevHash: string;
  hash: string;
}

/** Code-point order (localeCompare would depend on the machine's locale). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const vatText = (vat: readonly JournalVat[]) =>
  [...vat]
    .sort((a, b) => a.rateBp - b.rateBp)
    .map((v) => `${v.rateBp}:${v.baseCents}:${v.vatCents}`)
    .join(';');

/** What journal_entry_hash() hashes (same fields, same order, same formats). */
export function entryText(e: Omit<JournalEntry, 'hash'>): string {
  return [
    'OCPJ1',
    e.pizzeriaId,
    e.seq,
    e.at.toISOString(),
    e.kind,
    e.orderId ?? '',
    e.orderNumber,
    e.amountCents,
    e.htCents,
    vatText(e.vat),
    e.method,
    e.revenue ? '1' : '0',
    e.employeeId ?? '',
    e.reference ?? '',
    e.grandTotalCents,
    e.prevHash,
  ].join('|');
}

export const entryHash = (e: Omit<JournalEntry, 'hash'>) => sha256(entryText(e));

/** Totals of a set of entries, as a closure holds them. */
export interface ClosureTotals {
  /** Revenue entries only, per VAT rate: base, VAT and their sum. */
  byRate: { rateBp: number; baseCents: number; vatCents: number; totalCents: number }[];
  /** Revenue entries only, per payment method. */
  byMethod: { method: string; totalCents: number; entries: number }[];
  /** Every entry, per kind (captures and cancellations are recorded but are no revenue). */
  byKind: { kind: string; totalCents: number; entries: number }[];
  /** Net revenue of the period, tax included. */
  revenueCents: number;
}

export interface Closure {
  pizzeriaId: number;
  seq: number;
  kind: ClosureKind;
  /** YYYY-MM-DD (business day), YYYY-MM or YYYY (fiscal year). */
  period: string;
  firstSeq: number | null;
  lastSeq: number | null;
  entries: number;
  totals: ClosureTotals;
  grandTotalCents: number;
  closedAt: Date;
  closedByEmployeeId: number | null;
  prevHash: string;
  hash: string;
  keyId: string;
  signature: string;
}

/** The totals in a fixed order, whatever order the stored JSON gives them back in. */
export function totalsText(t: ClosureTotals): string {
  const rates = [...t.byRate]
    .sort((a, b) => a.rateBp - b.rateBp)
    .map((r) => `${r.rateBp}:${r.baseCents}:${r.vatCents}:${r.totalCents}`);
  const methods = [...t.byMethod]
    .sort((a, b) => byText(a.method, b.method))
    .map((m) => `${m.method}:${m.totalCents}:${m.entries}`);
  const kinds = [...t.byKind]
    .sort((a, b) => byText(a.kind, b.kind))
    .map((k) => `${k.kind}:${k.totalCents}:${k.entries}`);
  return [rates.join(';'), methods.join(';'), kinds.join(';'), t.revenueCents].join('/');
}

export function closureText(c: Omit<Closure, 'hash' | 'signature'>): string {
  return [
    'OCPC1',
    c.pizzeriaId,
    c.seq,
    c.kind,
    c.period,
    c.firstSeq ?? '',
    c.lastSeq ?? '',
    c.entries,
    totalsText(c.totals),
    c.grandTotalCents,
    c.closedAt.toISOString(),
    c.closedByEmployeeId ?? '',
    c.prevHash,
    c.keyId,
  ].join('|');
}

export const closureHash = (c: Omit<Closure, 'hash' | 'signature'>) => sha256(closureText(c));

/** Adds entries up as a closure does. Pure: the verifier and the closures use it alike. */
export class TotalsAccumulator {
  private readonly rates = new Map<number, { baseCents: number; vatCents: number }>();
  private readonly methods = new Map<string, { totalCents: number; entries: number }>();
  private readonly kinds = new Map<string, { totalCents: number; entries: number }>();
  private revenue = 0;
  count = 0;

  add(e: Pick<JournalEntry, 'kind' | 'amountCents' | 'vat' | 'method' | 'revenue'>): void {
    this.count += 1;
    const kind = this.kinds.get(e.kind) ?? { totalCents: 0, entries: 0 };
    kind.totalCents += e.amountCents;
    kind.entries += 1;
    this.kinds.set(e.kind, kind);
    if (!e.revenue) return;
    this.revenue += e.amountCents;
    const method = this.methods.get(e.method) ?? { totalCents: 0, entries: 0 };
    method.totalCents += e.amountCents;
    method.entries += 1;
    this.methods.set(e.method, method);
    for (const v of e.vat) {
      const rate = this.rates.get(v.rateBp) ?? { baseCents: 0, vatCents: 0 };
      rate.baseCents += v.baseCents;
      rate.vatCents += v.vatCents;
      this.rates.set(v.rateBp, rate);
    }
  }

  totals(): ClosureTotals {
    return {
      byRate: [...this.rates]
        .sort(([a], [b]) => a - b)
        .map(([rateBp, r]) => ({ rateBp, ...r, totalCents: r.baseCents + r.vatCents })),
      byMethod: [...this.methods].sort(([a], [b]) => byText(a, b)).map(([method, m]) => ({ method, ...m })),
      byKind: [...this.kinds].sort(([a], [b]) => byText(a, b)).map(([kind, k]) => ({ kind, ...k })),
      revenueCents: this.revenue,
    };
  }
}
