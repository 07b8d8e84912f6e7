// SQL of the sales journal. Appending is ONE statement: the shop's head row is upserted (locked until commit, so
// two settlements of one shop are numbered one after the other, never in parallel), its number, hash and grand
// total moved on by PostgreSQL (journal_entry_hash(), migration 023), and the entry inserted from what it returns.
import type { Executor, Tx } from '../../db/executor.js';
import type { EntryKind, JournalEntry, JournalVat } from './canonical.js';

/** An entry before the database numbers, chains and hashes it. */
export interface EntryDraft {
  pizzeriaId: number;
  at: Date;
  kind: EntryKind;
  orderId: string | null;
  orderNumber: string;
  vat: JournalVat[];
  method: string;
  revenue: boolean;
  employeeId: number | null;
  reference: string | null;
}

const HASH_ARGS = `$2::timestamptz, $3::text, $4::uuid, $5::text, $6::bigint, $7::bigint, $8::jsonb, $9::text,
  $10::boolean, $11::integer, $12::text`;

// The head row exists from the shop's first entry on (created empty by the first append, below): an UPDATE locks
// it and computes the entry's hash once (an upsert would also evaluate its VALUES' hash on every call).
const APPEND = `
  WITH h AS (
    UPDATE journal_heads AS jh SET
      last_seq = jh.last_seq + 1,
      prev_hash = jh.last_hash,
      grand_total_cents = jh.grand_total_cents + $13::bigint,
      last_hash = journal_entry_hash($1, jh.last_seq + 1, ${HASH_ARGS}, jh.grand_total_cents + $13, jh.last_hash)
    WHERE jh.pizzeria_id = $1
    RETURNING last_seq, prev_hash, last_hash, grand_total_cents)
  INSERT INTO sales_journal (pizzeria_id, seq, at, kind, order_id, order_number, amount_cents, ht_cents, vat,
                             method, revenue, employee_id, reference, grand_total_cents, prev_hash, hash)
  SELECT $1, h.last_seq, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, h.grand_total_cents, h.prev_hash, h.last_hash
    FROM h
  RETURNING seq, hash`;

/** Appends the entry (inside the caller's transaction: take it last, the shop's head stays locked until commit). */
export async function appendEntry(tx: Tx, d: EntryDraft): Promise<{ seq: number; hash: string }> {
  const ht = d.vat.reduce((s, v) => s + v.baseCents, 0);
  const amount = ht + d.vat.reduce((s, v) => s + v.vatCents, 0);
  const params = [
    d.pizzeriaId,
    d.at,
    d.kind,
    d.orderId,
    d.orderNumber,
    amount,
    ht,
    JSON.stringify(d.vat),
    d.method,
    d.revenue,
    d.employeeId,
    d.reference,
    d.revenue ? amount : 0,
  ];
  const row = await tx.one<{ seq: number; hash: string }>(APPEND, params);
  if (row) return row;
  // The shop's first entry: its empty head (number 0, genesis hash, grand total 0), then the same append.
  await tx.exec(`INSERT INTO journal_heads (pizzeria_id) VALUES ($1) ON CONFLICT (pizzeria_id) DO NOTHING`, [
    d.pizzeriaId,
  ]);
  return (await tx.one<{ seq: number; hash: string }>(APPEND, params))!;
}

export const ENTRY_COLUMNS = `pizzeria_id AS "pizzeriaId", seq, at, kind, order_id AS "orderId",
  order_number AS "orderNumber", amount_cents AS "amountCents", ht_cents AS "htCents", vat, method, revenue,
  employee_id AS "employeeId", reference, grand_total_cents AS "grandTotalCents", prev_hash AS "prevHash", hash`;

export async function entriesOfOrder(ex: Executor, orderId: string): Promise<JournalEntry[]> {
  return ex.many<JournalEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM sales_journal WHERE order_id = $1 ORDER BY pizzeria_id, seq`,
    [orderId],
  );
}

/** What a journal entry needs to know of an order (its VAT breakdown as the FEC reads it). */
export interface OrderMoney {
  id: string;
  number: string;
  pizzeriaId: number;
  status: string;
  paymentMethod: string;
  totalCents: number;
  deliveryFeeCents: number;
  vatBreakdown: unknown;
  /** The order's lines, only when the stored breakdown does not account for its total. */
  lines: { rateBp: number; inclusiveCents: number }[] | null;
  /** Its settled payment (cash, card_terminal, meal_voucher, stripe): provider, amount taken, refunded so far. */
  provider: string | null;
  paidCents: number;
  refundedCents: number;
  /** When it was delivered or collected (its status event's time, the FEC's date of the sale); null before. */
  soldAt: Date | null;
}

export async function orderMoney(ex: Executor, orderId: string): Promise<OrderMoney | undefined> {
  return ex.one<OrderMoney>(
    `SELECT o.id, o.number, o.pizzeria_id AS "pizzeriaId", o.status, o.payment_method AS "paymentMethod",
            o.total_cents AS "totalCents", o.delivery_fee_cents AS "deliveryFeeCents",
            o.vat_breakdown AS "vatBreakdown",
            CASE WHEN jsonb_typeof(o.vat_breakdown) = 'array'
                  AND o.total_cents = (SELECT COALESCE(SUM((b->>'baseCents')::int + (b->>'vatCents')::int), 0)
                                         FROM jsonb_array_elements(o.vat_breakdown) b) THEN NULL
                 ELSE (SELECT json_agg(json_build_object('rateBp', l.vat_rate_bp, 'inclusiveCents', l.line_total_cents))
                         FROM order_lines l WHERE l.order_id = o.id) END AS lines,
            pm.provider::text AS provider, COALESCE(pm.amount_cents, 0) AS "paidCents",
            COALESCE(pm.refunded_cents, 0) AS "refundedCents",
            (SELECT max(e.created_at) FROM order_status_events e
              WHERE e.order_id = o.id AND e.to_status IN ('delivered', 'collected')) AS "soldAt"
       FROM orders o
       LEFT JOIN LATERAL (SELECT provider, amount_cents, refunded_cents FROM payments
                           WHERE order_id = o.id AND status = 'succeeded' ORDER BY id DESC LIMIT 1) pm ON true
      WHERE o.id = $1`,
    [orderId],
  );
}
