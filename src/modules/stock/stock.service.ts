// Stock operations of a shop: receipts, waste, counts (inventaire), and the stock views. Every write is one
// transaction that locks the stock row through the ledger's lockStock, checks the rule on the locked counters
// (so two staff members acting at once cannot both pass a check that only one of them may pass), then writes
// the movement with applyMovements. Callers (staff API, back office) pass plain values; shop scoping is theirs.
import type { Database, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { formatQuantity } from '../../shared/quantity.js';
import { applyMovements, lockStock, type LockedStock, type MovementKind } from './stock.ledger.js';
import {
  ensureStockItem,
  ensureStockItems,
  findLowStockRows,
  findStockRows,
  findStockTarget,
  pizzeriaExists,
  type IngredientRow,
  type StockRow,
} from './stock.repository.js';
import { MAX_ON_HAND, MAX_OPERATION_QUANTITY } from './stock.schemas.js';

export interface StockLine extends StockRow {
  available: number;
  low: boolean;
}

export interface ReceiptInput {
  pizzeriaId: number;
  ingredientId: number;
  quantity: number;
  employeeId: number;
  note?: string | null;
}

export interface WasteInput extends ReceiptInput {
  /** The reason of the loss: required. */
  note: string;
}

export interface CountInput {
  pizzeriaId: number;
  ingredientId: number;
  countedQuantity: number;
  employeeId: number;
  note?: string | null;
}

export function toStockLine<R extends StockRow>(row: R): R & { available: number; low: boolean } {
  const available = row.onHand - row.reserved;
  return { ...row, available, low: available < row.alertThreshold };
}

export { formatQuantity };

function requireQuantity(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(
      `Quantité invalide : un entier entre ${min} et ${max} (unités de base) est attendu.`,
      { field },
    );
  }
}

const pizzeriaNotFound = () => new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');

type Decision = { kind: MovementKind; quantity: number } | null;

/** The database, and the clock that dates the movements. */
export interface StockDeps {
  db: Database;
  clock: Clock;
}

/**
 * The common path of every write: find the shop's stock item (creating it empty on first use: a refused
 * operation rolls the creation back with everything else), lock it, let `decide` apply the rule to the locked
 * counters, write the movement. The line returned is computed from the locked counters and the movement, so
 * no extra query runs while the hot row is locked.
 */
async function operate(
  { db, clock }: StockDeps,
  op: { pizzeriaId: number; ingredientId: number; employeeId: number; note?: string | null },
  decide: (locked: LockedStock, ingredient: IngredientRow) => Decision,
): Promise<StockLine> {
  return db.transaction(async (tx) => {
    const target = await findStockTarget(tx, op.pizzeriaId, op.ingredientId);
    if (!target) throw pizzeriaNotFound();
    if (!target.ingredient) throw new NotFoundError('Cet ingrédient n’existe pas.', 'ingredient_not_found');
    if (target.stockItemId === null) await ensureStockItem(tx, op.pizzeriaId, op.ingredientId);

    const locked = (await lockStock(tx, op.pizzeriaId, [op.ingredientId])).get(op.ingredientId);
    if (!locked) throw new Error(`stock item of ingredient ${op.ingredientId} vanished while locking`);
    const move = decide(locked, target.ingredient);
    if (move) {
      await applyMovements(
        tx,
        [
          {
            stockItemId: locked.stockItemId,
            kind: move.kind,
            quantity: move.quantity,
            employeeId: op.employeeId,
            note: op.note || null,
          },
        ],
        clock.now(),
      );
    }
    // Receipts, waste and adjustments move on_hand only (see ON_HAND_KINDS in stock.ledger.ts).
    return toStockLine({
      ...target.ingredient,
      onHand: locked.onHand + (move?.quantity ?? 0),
      reserved: locked.reserved,
      alertThreshold: target.alertThreshold,
    });
  });
}

/** A delivery from a supplier: on_hand grows. The shop's stock item is created on its first receipt. */
export async function receiveStock(deps: StockDeps, input: ReceiptInput): Promise<StockLine> {
  requireQuantity('quantity', input.quantity, 1, MAX_OPERATION_QUANTITY);
  return operate(deps, input, (locked, ingredient) => {
    if (locked.onHand + input.quantity > MAX_ON_HAND) {
      throw new ConflictError(
        'stock_limit_exceeded',
        `Réception refusée pour « ${ingredient.name} » : le stock dépasserait ` +
          `${formatQuantity(MAX_ON_HAND, ingredient.unit)}. Vérifiez la quantité.`,
        { onHand: locked.onHand, max: MAX_ON_HAND },
      );
    }
    return { kind: 'receipt', quantity: input.quantity };
  });
}

export interface ReceiptInTxInput {
  pizzeriaId: number;
  /** Quantities in the ingredient's base unit; an ingredient may appear once only. */
  lines: { ingredientId: number; quantity: number }[];
  /** The purchase order whose reception this is (stock_movements.purchase_order_id). */
  purchaseOrderId: number | null;
  employeeId: number | null;
  note?: string | null;
}

/**
 * A delivery of several ingredients inside the caller's transaction (the purchasing module's reception): the
 * shop's missing stock items are created, every row is locked in ingredient order (as placement locks them, so
 * no deadlock), and one receipt per ingredient is written with the purchase order's id. Call it late in the
 * transaction and commit soon after. 409 stock_limit_exceeded when a line would pass MAX_ON_HAND.
 */
export async function receiveInTx(tx: Tx, input: ReceiptInTxInput, at: Date): Promise<LockedStock[]> {
  const lines = input.lines.filter((l) => l.quantity !== 0).sort((a, b) => a.ingredientId - b.ingredientId);
  lines.forEach((l, i) => {
    requireQuantity(`lines.${i}.quantity`, l.quantity, 1, MAX_OPERATION_QUANTITY);
    if (i > 0 && lines[i - 1].ingredientId === l.ingredientId) {
      throw new Error(`ingredient ${l.ingredientId} received twice in one receipt`);
    }
  });
  if (lines.length === 0) return [];
  const ids = lines.map((l) => l.ingredientId);
  await ensureStockItems(tx, input.pizzeriaId, ids);
  const locked = await lockStock(tx, input.pizzeriaId, ids);
  const movements = lines.map((l) => {
    const row = locked.get(l.ingredientId);
    if (!row) throw new Error(`stock item of ingredient ${l.ingredientId} vanished while locking`);
    if (row.onHand + l.quantity > MAX_ON_HAND) {
      throw new ConflictError(
        'stock_limit_exceeded',
        `Réception refusée : le stock de l’ingrédient n° ${l.ingredientId} dépasserait ` +
          `${MAX_ON_HAND} unités. Vérifiez la quantité.`,
        { ingredientId: l.ingredientId, onHand: row.onHand, max: MAX_ON_HAND },
      );
    }
    return {
      stockItemId: row.stockItemId,
      kind: 'receipt' as const,
      quantity: l.quantity,
      employeeId: input.employeeId,
      note: input.note || null,
      purchaseOrderId: input.purchaseOrderId,
    };
  });
  await applyMovements(tx, movements, at);
  return lines.map((l) => {
    const row = locked.get(l.ingredientId)!;
    return { ...row, onHand: row.onHand + l.quantity };
  });
}

/**
 * A loss (burnt, dropped, out of date): on_hand shrinks, with its reason. What orders in progress have reserved
 * must stay on hand, else those orders could not be made.
 */
export async function recordWaste(deps: StockDeps, input: WasteInput): Promise<StockLine> {
  requireQuantity('quantity', input.quantity, 1, MAX_OPERATION_QUANTITY);
  if (typeof input.note !== 'string' || input.note.trim() === '') {
    throw new ValidationError('Le motif de la perte est obligatoire.', { field: 'note' }, 'reason_required');
  }
  return operate(deps, { ...input, note: input.note.trim() }, (locked, ingredient) => {
    const available = locked.onHand - locked.reserved;
    if (input.quantity <= available) return { kind: 'waste', quantity: -input.quantity };
    const q = (n: number) => formatQuantity(n, ingredient.unit);
    const details = { onHand: locked.onHand, reserved: locked.reserved, available };
    if (locked.reserved > 0) {
      throw new ConflictError(
        'stock_reserved',
        `Perte refusée pour « ${ingredient.name} » : les commandes en cours réservent ${q(locked.reserved)} ` +
          `sur les ${q(locked.onHand)} en stock (perte maximale : ${q(available)}).`,
        details,
      );
    }
    throw new ConflictError(
      'insufficient_stock',
      `Perte refusée pour « ${ingredient.name} » : ` +
        (locked.onHand === 0 ? 'le stock est vide.' : `le stock n’est que de ${q(locked.onHand)}.`),
      details,
    );
  });
}

/**
 * An inventory count: the ledger gets an adjustment of (counted − on hand), none when they agree. A count
 * below what orders in progress have reserved is refused: those orders must be dealt with (or the count
 * checked) first, since reserved can never exceed on hand.
 */
export async function recordCount(deps: StockDeps, input: CountInput): Promise<StockLine> {
  requireQuantity('countedQuantity', input.countedQuantity, 0, MAX_ON_HAND);
  return operate(deps, input, (locked, ingredient) => {
    if (input.countedQuantity < locked.reserved) {
      const q = (n: number) => formatQuantity(n, ingredient.unit);
      throw new ConflictError(
        'count_below_reserved',
        `Inventaire refusé pour « ${ingredient.name} » : ${q(input.countedQuantity)} comptés, mais les ` +
          `commandes en cours en réservent ${q(locked.reserved)}. Recomptez, ou traitez d’abord ces commandes.`,
        { countedQuantity: input.countedQuantity, onHand: locked.onHand, reserved: locked.reserved },
      );
    }
    const difference = input.countedQuantity - locked.onHand;
    return difference === 0 ? null : { kind: 'adjustment', quantity: difference };
  });
}

/** Every ingredient the shop stocks, with what is available and whether it is below its alert threshold. */
export async function listStock(db: Database, pizzeriaId: number): Promise<StockLine[]> {
  return db.read(async (ex) => {
    const rows = await findStockRows(ex, pizzeriaId);
    if (rows.length === 0 && !(await pizzeriaExists(ex, pizzeriaId))) throw pizzeriaNotFound();
    return rows.map(toStockLine);
  });
}

/** The low lines of one shop, or of every active shop when none is given (group-wide roles). */
export async function lowStock(db: Database, pizzeriaId?: number) {
  return db.read(async (ex) => {
    const rows = await findLowStockRows(ex, pizzeriaId);
    if (pizzeriaId !== undefined && rows.length === 0 && !(await pizzeriaExists(ex, pizzeriaId))) {
      throw pizzeriaNotFound();
    }
    return rows.map(toStockLine);
  });
}
