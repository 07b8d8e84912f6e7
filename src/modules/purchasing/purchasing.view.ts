// What staff see of a purchase order (lines with their differences, receptions), and the calendar rules of a
// supplier's deliveries. Pure reads and pure functions: the service decides, this file describes.
import type { Executor } from '../../db/executor.js';
import {
  findLines,
  findReceiptLines,
  findShop,
  findSupplier,
  type OrderHeadRow,
  type OrderLineRow,
  type SupplierRow,
} from './purchasing.repository.js';

export const DAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const weekday = (isoDate: string) => DAY_CODES[new Date(`${isoDate}T00:00:00Z`).getUTCDay()];

/** The first day, lead time after today, on which the supplier delivers. */
export function earliestDelivery(supplier: SupplierRow, today: string): string {
  let day = addDays(today, supplier.leadTimeDays);
  for (let i = 0; i < 7 && !supplier.deliveryDays.includes(weekday(day)); i++) day = addDays(day, 1);
  return day;
}

/** Differences of a line: what was ordered (base units), accepted, refused, still missing, and over. */
export function lineDifferences(l: OrderLineRow) {
  const orderedQuantity = l.packs * l.packQuantity;
  return {
    orderedQuantity,
    shortQuantity: Math.max(0, orderedQuantity - l.receivedQuantity - l.refusedQuantity),
    overQuantity: Math.max(0, l.receivedQuantity - orderedQuantity),
  };
}

export const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function purchaseOrderView(ex: Executor, head: OrderHeadRow) {
  const [lines, receiptLines, shop, supplier] = await Promise.all([
    findLines(ex, head.id),
    findReceiptLines(ex, head.id),
    findShop(ex, head.pizzeriaId),
    findSupplier(ex, head.supplierId),
  ]);
  const receipts = new Map<
    number,
    { id: number; createdAt: string; employeeId: number | null; note: string | null; lines: object[] }
  >();
  for (const r of receiptLines) {
    if (!receipts.has(r.receiptId)) {
      receipts.set(r.receiptId, {
        id: r.receiptId,
        createdAt: iso(r.createdAt)!,
        employeeId: r.employeeId,
        note: r.note,
        lines: [],
      });
    }
    receipts.get(r.receiptId)!.lines.push({
      purchaseOrderLineId: r.purchaseOrderLineId,
      receivedQuantity: r.receivedQuantity,
      refusedQuantity: r.refusedQuantity,
      refusedReason: r.refusedReason,
    });
  }
  return {
    id: head.id,
    number: head.number,
    status: head.status,
    pizzeria: { id: shop!.id, code: shop!.code, name: shop!.name },
    supplier: { id: supplier!.id, name: supplier!.name, email: supplier!.email },
    expectedOn: head.expectedOn,
    note: head.note,
    totalCents: head.totalCents,
    createdByEmployeeId: head.createdByEmployeeId,
    createdAt: iso(head.createdAt)!,
    sentAt: iso(head.sentAt),
    sentByEmployeeId: head.sentByEmployeeId,
    receivedAt: iso(head.receivedAt),
    lines: lines.map((l) => ({
      id: l.id,
      ingredientId: l.ingredientId,
      ingredientName: l.ingredientName,
      unit: l.unit,
      reference: l.reference,
      packLabel: l.packLabel,
      packQuantity: l.packQuantity,
      packPriceCents: l.packPriceCents,
      packs: l.packs,
      suggestedPacks: l.suggestedPacks,
      lineTotalCents: l.packs * l.packPriceCents,
      receivedQuantity: l.receivedQuantity,
      refusedQuantity: l.refusedQuantity,
      refusedReasons: receiptLines
        .filter((r) => r.purchaseOrderLineId === l.id && r.refusedReason)
        .map((r) => r.refusedReason!),
      ...lineDifferences(l),
    })),
    receipts: [...receipts.values()],
  };
}
