// The stock module: each shop's stock items and their ledger (stock_items, stock_movements: written here only).
// Staff and back-office operations (receipt, waste, count) run their own transactions; ordering reserves,
// consumes and releases through lock() and applyMovements() inside the order's transaction.
import type { Database, Executor, Tx } from '../../db/executor.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import { stockForecast } from './forecast.service.js';
import { assertLedgerInvariant } from './stock.invariant.js';
import {
  applyMovements,
  ledgerDiscrepancies,
  lockStock,
  reserveStock,
  reservedByOrder,
  type Movement,
} from './stock.ledger.js';
import { findStockRows } from './stock.repository.js';
import {
  listStock,
  lowStock,
  receiveInTx,
  receiveStock,
  recordCount,
  recordWaste,
  type CountInput,
  type ReceiptInput,
  type ReceiptInTxInput,
  type WasteInput,
} from './stock.service.js';

export type {
  HeldStock,
  LedgerDiscrepancy,
  LockedStock,
  Movement,
  MovementKind,
  Reservation,
} from './stock.ledger.js';
export type { Unit } from './stock.repository.js';
export type { CountInput, ReceiptInput, ReceiptInTxInput, StockLine, WasteInput } from './stock.service.js';
export { formatQuantity, toStockLine } from './stock.service.js';
export type { ForecastItem, ShopForecast } from './forecast.service.js';
export type { ForecastMethod } from './forecast.js';

export { stockHolder } from './personal-data.js';
export { stockRouter } from './stock.routes.js';
export function createStockService({ db, clock = systemClock }: { db: Database; clock?: Clock }) {
  const deps = { db, clock };
  return {
    /** Every ingredient the shop stocks (404 pizzeria_not_found). */
    list: (pizzeriaId: number) => listStock(db, pizzeriaId),
    /** Lines below their alert threshold: of one shop, or of every active shop. */
    low: (pizzeriaId?: number) => lowStock(db, pizzeriaId),
    /** The 14-day forecast per stock item (days of stock left, stock-out date, 8 weeks of use) of one shop
     * (404 pizzeria_not_found), or of every active shop; read in one statement. */
    forecast: (pizzeriaId?: number) => stockForecast(deps, pizzeriaId),
    receive: (input: ReceiptInput) => receiveStock(deps, input),
    waste: (input: WasteInput) => recordWaste(deps, input),
    count: (input: CountInput) => recordCount(deps, input),
    /** Stock items whose counters differ from their movements (empty when the ledger is true). */
    ledgerDiscrepancies: (pizzeriaId?: number) => db.read((ex) => ledgerDiscrepancies(ex, pizzeriaId)),
    assertLedgerInvariant: (pizzeriaId?: number) => assertLedgerInvariant(db, pizzeriaId),

    // Inside the caller's transaction (orders): lock last, in ingredient order, and commit soon after.
    /** Locks the shop's stock rows of these ingredients (ORDER BY ingredient_id FOR UPDATE). */
    lock: (tx: Tx, pizzeriaId: number, ingredientIds: number[]) => lockStock(tx, pizzeriaId, ingredientIds),
    /** Writes the movements (dated by the clock) and moves on_hand / reserved by the same amounts. */
    applyMovements: (tx: Tx, movements: Movement[]) => applyMovements(tx, movements, clock.now()),
    /** Placement: locks the shop's rows of `needs` in ingredient order and reserves them all, or nothing when
     * one does not fit (dated by the clock); one statement, the last before the commit. */
    reserve: (
      tx: Tx,
      pizzeriaId: number,
      needs: Map<number, number>,
      order: { orderId: string; employeeId: number | null },
    ) => reserveStock(tx, pizzeriaId, needs, order, clock.now()),
    /** What the shop could still give per ingredient (on hand − reserved), read without a lock: the cart's
     * quote flags what ran out; placement re-checks under the locks. Unstocked ingredients are absent. */
    available: async (ex: Executor, pizzeriaId: number) =>
      new Map((await findStockRows(ex, pizzeriaId)).map((r) => [r.ingredientId, r.onHand - r.reserved])),
    /** A supplier's delivery of several ingredients in the caller's transaction (purchasing's reception):
     * missing stock items created, rows locked in ingredient order, one receipt each with the purchase order's
     * id (dated by the clock); the locked rows after the receipt. */
    receiveInTx: (tx: Tx, input: ReceiptInTxInput) => receiveInTx(tx, input, clock.now()),
    /** What an order still holds reserved, per stock item. */
    reservedByOrder: (ex: Executor, orderId: string) => reservedByOrder(ex, orderId),
  };
}

export type StockService = ReturnType<typeof createStockService>;
