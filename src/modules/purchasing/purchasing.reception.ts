// A delivery against a purchase order, in ONE transaction: the order's row locked first (two receptions of the
// same order queue), the reception and its lines, the lines' received and refused totals, the status, then the
// receipts into stock through the stock module (which locks the shop's stock rows in ingredient order, last, as
// placement does), then the commit.
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ValidationError } from '../../shared/errors.js';
import type { EmployeePrincipal } from '../auth/index.js';
import type { StockService } from '../stock/index.js';
import { lockInStatus } from './purchasing.access.js';
import { findHead, findLines, insertReceipt, updateHead } from './purchasing.repository.js';
import { purchaseOrderView } from './purchasing.view.js';

export interface ReceptionInput {
  lines: {
    purchaseOrderLineId: number;
    receivedQuantity: number;
    refusedQuantity?: number;
    refusedReason?: string | null;
  }[];
  note?: string | null;
  /** The manager says nothing more will come: the order is received whatever is missing. */
  final?: boolean;
}

export interface ReceptionDeps {
  db: Database;
  clock: Clock;
  stock: Pick<StockService, 'receiveInTx'>;
}

/**
 * A delivery against a sent or partly received order, in one transaction: the reception and its lines, the
 * lines' totals, the receipts into stock (with the order's id), and the status: received once every line is
 * accounted for (received + refused ≥ ordered) or when the manager says so (`final`).
 */
export function receivePurchaseOrder(
  { db, clock, stock }: ReceptionDeps,
  me: EmployeePrincipal,
  id: number,
  input: ReceptionInput,
) {
  return db.transaction(async (tx) => {
    const head = await lockInStatus(
      tx,
      me,
      id,
      ['sent', 'partially_received'],
      'not_receivable',
      'Seul un bon de commande envoyé et pas encore soldé peut être réceptionné.',
    );
    const lines = new Map((await findLines(tx, id)).map((l) => [l.id, l]));
    const seen = new Set<number>();
    const problems: { field: string; message: string }[] = [];
    input.lines.forEach((l, i) => {
      if (!lines.has(l.purchaseOrderLineId)) {
        problems.push({ field: `lines.${i}.purchaseOrderLineId`, message: 'ligne absente de ce bon' });
      } else if (seen.has(l.purchaseOrderLineId)) {
        problems.push({ field: `lines.${i}.purchaseOrderLineId`, message: 'ligne en double' });
      }
      seen.add(l.purchaseOrderLineId);
    });
    if (problems.length > 0) {
      throw new ValidationError(
        'La réception ne correspond pas aux lignes du bon de commande.',
        problems,
        'unknown_order_line',
      );
    }
    const reasonless = input.lines.findIndex((l) => (l.refusedQuantity ?? 0) > 0 && !l.refusedReason?.trim());
    if (reasonless >= 0) {
      throw new ValidationError(
        'Le motif du refus est obligatoire pour une quantité refusée.',
        { field: `lines.${reasonless}.refusedReason` },
        'refusal_reason_required',
      );
    }
    const counted = input.lines.reduce((s, l) => s + l.receivedQuantity + (l.refusedQuantity ?? 0), 0);
    if (counted === 0 && !input.final) {
      throw new ValidationError(
        'La réception est vide : indiquez les quantités reçues ou refusées.',
        { field: 'lines' },
        'empty_reception',
      );
    }
    const now = clock.now();
    const receiptLines = input.lines.map((l) => ({
      purchaseOrderLineId: l.purchaseOrderLineId,
      receivedQuantity: l.receivedQuantity,
      refusedQuantity: l.refusedQuantity ?? 0,
      refusedReason: (l.refusedQuantity ?? 0) > 0 ? l.refusedReason!.trim() : null,
    }));
    const receiptId = await insertReceipt(tx, {
      purchaseOrderId: id,
      employeeId: me.employeeId,
      note: input.note || null,
      at: now,
      lines: receiptLines,
    });
    for (const l of receiptLines) {
      const line = lines.get(l.purchaseOrderLineId)!;
      line.receivedQuantity += l.receivedQuantity;
      line.refusedQuantity += l.refusedQuantity;
    }
    const complete = [...lines.values()].every(
      (l) => l.receivedQuantity + l.refusedQuantity >= l.packs * l.packQuantity,
    );
    const received = complete || input.final === true;
    await updateHead(
      tx,
      id,
      received ? { status: 'received', receivedAt: now } : { status: 'partially_received' },
      now,
    );
    // The stock rows last (locked in ingredient order by the stock module), then the commit.
    await stock.receiveInTx(tx, {
      pizzeriaId: head.pizzeriaId,
      lines: receiptLines
        .filter((l) => l.receivedQuantity > 0)
        .map((l) => ({
          ingredientId: lines.get(l.purchaseOrderLineId)!.ingredientId,
          quantity: l.receivedQuantity,
        })),
      purchaseOrderId: id,
      employeeId: me.employeeId,
      note: `${head.number}${input.note ? ` — ${input.note}` : ''}`.slice(0, 500),
    });
    return { receiptId, purchaseOrder: await purchaseOrderView(tx, (await findHead(tx, id))!) };
  });
}
