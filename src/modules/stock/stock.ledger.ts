// The stock ledger's primitives, shared by ordering and stock operations.
// - lockStock: locks a shop's stock rows in ONE global order (ingredient id), so that concurrent orders never
//   deadlock; call it as late as possible in the transaction and commit soon after.
// - applyMovements: writes the movements and moves on_hand / reserved by the same amounts in one statement,
//   so the counters always equal the sums of the ledger (the CHECKs refuse anything below zero). Movements are
//   dated `at`, the services' clock (not PostgreSQL's now()).
// - reserveStock: placement's lock and reservation in one statement (same lock order, same rule, same rows).
import type { Executor, Tx } from '../../db/executor.js';

export type MovementKind = 'receipt' | 'reservation' | 'release' | 'consumption' | 'waste' | 'adjustment';

/** Kinds that move on_hand, and kinds that move reserved (a consumption moves both). */
export const ON_HAND_KINDS: readonly MovementKind[] = ['receipt', 'consumption', 'waste', 'adjustment'];
export const RESERVED_KINDS: readonly MovementKind[] = ['reservation', 'release', 'consumption'];

export interface LockedStock {
  stockItemId: number;
  ingredientId: number;
  onHand: number;
  reserved: number;
}

export interface Movement {
  stockItemId: number;
  kind: MovementKind;
  /** Signed: + for receipt and reservation, − for release, consumption and waste, either for adjustment. */
  quantity: number;
  orderId?: string | null;
  employeeId?: number | null;
  note?: string | null;
  /** The purchase order whose reception brought a receipt. */
  purchaseOrderId?: number | null;
}

export async function lockStock(
  tx: Tx,
  pizzeriaId: number,
  ingredientIds: number[],
): Promise<Map<number, LockedStock>> {
  const rows = await tx.many<LockedStock>(
    `SELECT id AS "stockItemId", ingredient_id AS "ingredientId", on_hand AS "onHand", reserved
       FROM stock_items WHERE pizzeria_id = $1 AND ingredient_id = ANY($2::int[])
      ORDER BY ingredient_id FOR UPDATE`,
    [pizzeriaId, ingredientIds],
  );
  return new Map(rows.map((r) => [r.ingredientId, r]));
}

const APPLY_SQL = `
WITH m AS (
  INSERT INTO stock_movements (stock_item_id, kind, quantity, order_id, employee_id, note, purchase_order_id,
    created_at)
  SELECT *, $7::timestamptz FROM unnest($1::int[], $2::stock_movement_kind[], $3::int[], $4::uuid[], $5::int[],
    $6::varchar[], $8::int[])
  RETURNING stock_item_id, kind, quantity
), d AS (
  SELECT stock_item_id,
         SUM(CASE WHEN kind IN ('receipt', 'consumption', 'waste', 'adjustment') THEN quantity ELSE 0 END) AS dh,
         SUM(CASE WHEN kind IN ('reservation', 'release', 'consumption') THEN quantity ELSE 0 END) AS dr
    FROM m GROUP BY stock_item_id
)
UPDATE stock_items s SET on_hand = s.on_hand + d.dh, reserved = s.reserved + d.dr, updated_at = $7
  FROM d WHERE s.id = d.stock_item_id`;

export async function applyMovements(tx: Tx, movements: Movement[], at: Date): Promise<void> {
  const moves = movements.filter((m) => m.quantity !== 0);
  if (moves.length === 0) return;
  await tx.exec(APPLY_SQL, [
    moves.map((m) => m.stockItemId),
    moves.map((m) => m.kind),
    moves.map((m) => m.quantity),
    moves.map((m) => m.orderId ?? null),
    moves.map((m) => m.employeeId ?? null),
    moves.map((m) => m.note ?? null),
    at,
    moves.map((m) => m.purchaseOrderId ?? null),
  ]);
}

// Placement's reservation in one statement: the shop's rows are locked in ingredient order (the materialised
// FOR UPDATE below, read before anything else), and the reservation movements are written and the counters
// moved only if every need fits in on_hand − reserved of the locked rows (the latest committed values: a row
// found locked is read again once its holder commits). The locked rows come back either way, so the caller
// names what is short. One round trip while the hot rows are held instead of two (lock, then movements).
const RESERVE_SQL = `
WITH locked AS MATERIALIZED (
  SELECT id, ingredient_id, on_hand, reserved FROM stock_items
   WHERE pizzeria_id = $1 AND ingredient_id = ANY($2::int[])
   ORDER BY ingredient_id FOR UPDATE
), need AS (
  SELECT * FROM unnest($2::int[], $3::int[]) AS n(ingredient_id, quantity)
), enough AS (
  SELECT bool_and(l.id IS NOT NULL AND l.on_hand - l.reserved >= n.quantity) AS ok
    FROM need n LEFT JOIN locked l ON l.ingredient_id = n.ingredient_id
), m AS (
  INSERT INTO stock_movements (stock_item_id, kind, quantity, order_id, employee_id, note, created_at)
  SELECT l.id, 'reservation', n.quantity, $4::uuid, $5::int, NULL, $6::timestamptz
    FROM need n JOIN locked l ON l.ingredient_id = n.ingredient_id
   WHERE (SELECT ok FROM enough) AND n.quantity <> 0
  RETURNING stock_item_id, quantity
), u AS (
  UPDATE stock_items s SET reserved = s.reserved + m.quantity, updated_at = $6
    FROM m WHERE s.id = m.stock_item_id
  RETURNING s.id
)
SELECT l.id AS "stockItemId", l.ingredient_id AS "ingredientId", l.on_hand AS "onHand", l.reserved,
       (SELECT ok FROM enough) AS applied, (SELECT count(*) FROM u)::int AS moved
  FROM locked l ORDER BY l.ingredient_id`;

export interface Reservation {
  /** True when every need fitted and was reserved; false: nothing was written. */
  applied: boolean;
  /** The shop's locked rows of these ingredients, as they were before the reservation. */
  locked: Map<number, LockedStock>;
}

/** Locks the shop's rows of `needs` (ingredient id → quantity) and reserves them for the order if all fit. */
export async function reserveStock(
  tx: Tx,
  pizzeriaId: number,
  needs: Map<number, number>,
  order: { orderId: string; employeeId: number | null },
  at: Date,
): Promise<Reservation> {
  if (needs.size === 0) return { applied: true, locked: new Map() };
  const entries = [...needs].sort((a, b) => a[0] - b[0]);
  const rows = await tx.many<LockedStock & { applied: boolean; moved: number }>(RESERVE_SQL, [
    pizzeriaId,
    entries.map(([ingredientId]) => ingredientId),
    entries.map(([, quantity]) => quantity),
    order.orderId,
    order.employeeId,
    at,
  ]);
  const locked = new Map<number, LockedStock>();
  for (const { applied: _a, moved: _m, ...row } of rows) locked.set(row.ingredientId, row);
  // No locked row at all (ingredients the shop never stocked): nothing fitted, nothing was written.
  return { applied: rows.length > 0 && rows[0].applied === true, locked };
}

export interface HeldStock {
  stockItemId: number;
  ingredientId: number;
  quantity: number;
}

/** What an order still holds reserved, per stock item (reservations − releases − consumptions). */
export async function reservedByOrder(ex: Executor, orderId: string): Promise<HeldStock[]> {
  return ex.many<HeldStock>(
    `SELECT m.stock_item_id AS "stockItemId", s.ingredient_id AS "ingredientId", SUM(m.quantity)::int AS quantity
       FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
      WHERE m.order_id = $1 AND m.kind IN ('reservation', 'release', 'consumption')
      GROUP BY m.stock_item_id, s.ingredient_id HAVING SUM(m.quantity) <> 0`,
    [orderId],
  );
}

export interface LedgerDiscrepancy {
  stockItemId: number;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
}

/** Stock items whose counters differ from the sums of their movements (empty when the ledger is true). */
export async function ledgerDiscrepancies(ex: Executor, pizzeriaId?: number): Promise<LedgerDiscrepancy[]> {
  return ex.many<LedgerDiscrepancy>(
    `SELECT s.id AS "stockItemId", s.on_hand AS "onHand", s.reserved,
            COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('receipt', 'consumption', 'waste', 'adjustment')), 0)::int
              AS "ledgerOnHand",
            COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('reservation', 'release', 'consumption')), 0)::int
              AS "ledgerReserved"
       FROM stock_items s LEFT JOIN stock_movements m ON m.stock_item_id = s.id
      WHERE $1::int IS NULL OR s.pizzeria_id = $1
      GROUP BY s.id
     HAVING s.on_hand <> COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('receipt', 'consumption', 'waste', 'adjustment')), 0)
         OR s.reserved <> COALESCE(SUM(m.quantity) FILTER (WHERE m.kind IN ('reservation', 'release', 'consumption')), 0)`,
    [pizzeriaId ?? null],
  );
}
