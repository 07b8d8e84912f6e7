// SQL of suppliers, purchase orders and their receptions. Returns plain objects. The stock ledger is never
// written here: receptions hand their quantities to the stock module (receiveInTx) in the same transaction.
import { nextShopNumber, shopNumberLabel } from '../../db/counters.js';
import type { Executor, Tx } from '../../db/executor.js';
import type { BaseUnit } from '../../shared/quantity.js';

export type PurchaseOrderStatus = 'draft' | 'sent' | 'partially_received' | 'received' | 'cancelled';

export interface SupplierItemRow {
  id: number;
  supplierId: number;
  ingredientId: number;
  ingredientName: string;
  unit: BaseUnit;
  reference: string | null;
  packLabel: string;
  packQuantity: number;
  packPriceCents: number;
}

export interface SupplierRow {
  id: number;
  pizzeriaId: number | null;
  name: string;
  contactName: string | null;
  email: string;
  phone: string | null;
  deliveryDays: string[];
  leadTimeDays: number;
  minimumOrderCents: number;
  active: boolean;
}

export interface ShopRow {
  id: number;
  code: string;
  name: string;
  addressLine: string;
  postcode: string;
  city: string;
  phone: string;
  email: string | null;
  timezone: string;
}

export interface OrderHeadRow {
  id: number;
  number: string;
  pizzeriaId: number;
  supplierId: number;
  status: PurchaseOrderStatus;
  expectedOn: string | null;
  note: string | null;
  totalCents: number;
  createdByEmployeeId: number | null;
  sentAt: Date | null;
  sentByEmployeeId: number | null;
  receivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderLineRow {
  id: number;
  ingredientId: number;
  ingredientName: string;
  unit: BaseUnit;
  supplierItemId: number | null;
  reference: string | null;
  packLabel: string;
  packQuantity: number;
  packPriceCents: number;
  packs: number;
  suggestedPacks: number | null;
  receivedQuantity: number;
  refusedQuantity: number;
}

export interface ReceiptLineRow {
  receiptId: number;
  createdAt: Date;
  employeeId: number | null;
  note: string | null;
  purchaseOrderLineId: number;
  receivedQuantity: number;
  refusedQuantity: number;
  refusedReason: string | null;
}

const SUPPLIER_COLUMNS = `s.id, s.pizzeria_id AS "pizzeriaId", s.name, s.contact_name AS "contactName", s.email,
  s.phone, s.delivery_days AS "deliveryDays", s.lead_time_days AS "leadTimeDays",
  s.minimum_order_cents AS "minimumOrderCents", s.active`;

/** Active suppliers a shop may order from: the group's and the shop's own. */
export async function findUsableSuppliers(ex: Executor, pizzeriaId: number): Promise<SupplierRow[]> {
  return ex.many<SupplierRow>(
    `SELECT ${SUPPLIER_COLUMNS} FROM suppliers s
      WHERE s.active AND (s.pizzeria_id IS NULL OR s.pizzeria_id = $1)
      ORDER BY lower(s.name), s.id`,
    [pizzeriaId],
  );
}

export async function findSupplier(ex: Executor, supplierId: number): Promise<SupplierRow | undefined> {
  return ex.one<SupplierRow>(`SELECT ${SUPPLIER_COLUMNS} FROM suppliers s WHERE s.id = $1`, [supplierId]);
}

export async function findSupplierItems(ex: Executor, supplierIds: number[]): Promise<SupplierItemRow[]> {
  return ex.many<SupplierItemRow>(
    `SELECT si.id, si.supplier_id AS "supplierId", si.ingredient_id AS "ingredientId", i.name AS "ingredientName",
            i.unit, si.reference, si.pack_label AS "packLabel", si.pack_quantity AS "packQuantity",
            si.pack_price_cents AS "packPriceCents"
       FROM supplier_items si JOIN ingredients i ON i.id = si.ingredient_id
      WHERE si.supplier_id = ANY($1::int[])
      ORDER BY lower(i.name), si.id`,
    [supplierIds],
  );
}

export async function findShop(ex: Executor, pizzeriaId: number): Promise<ShopRow | undefined> {
  return ex.one<ShopRow>(
    `SELECT id, code, name, address_line AS "addressLine", postcode, city, phone, email, timezone
       FROM pizzerias WHERE id = $1`,
    [pizzeriaId],
  );
}

/** The next number of the shop's purchase orders; the counter's row stays locked until the commit (no gaps). */
export async function nextPurchaseOrderNumber(tx: Tx, pizzeriaId: number, code: string): Promise<string> {
  return shopNumberLabel(`BC-${code}`, await nextShopNumber(tx, 'purchase_order_counters', pizzeriaId));
}

const HEAD_COLUMNS = `po.id, po.number, po.pizzeria_id AS "pizzeriaId", po.supplier_id AS "supplierId", po.status,
  po.expected_on AS "expectedOn", po.note, po.total_cents AS "totalCents",
  po.created_by_employee_id AS "createdByEmployeeId", po.sent_at AS "sentAt",
  po.sent_by_employee_id AS "sentByEmployeeId", po.received_at AS "receivedAt", po.created_at AS "createdAt",
  po.updated_at AS "updatedAt"`;

export async function insertPurchaseOrder(
  tx: Tx,
  o: {
    number: string;
    pizzeriaId: number;
    supplierId: number;
    expectedOn: string | null;
    note: string | null;
    employeeId: number | null;
    at: Date;
  },
): Promise<number> {
  const row = (await tx.one<{ id: number }>(
    `INSERT INTO purchase_orders (number, pizzeria_id, supplier_id, expected_on, note, created_by_employee_id,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [o.number, o.pizzeriaId, o.supplierId, o.expectedOn, o.note, o.employeeId, o.at],
  ))!;
  return row.id;
}

export interface NewLine {
  ingredientId: number;
  supplierItemId: number;
  reference: string | null;
  packLabel: string;
  packQuantity: number;
  packPriceCents: number;
  packs: number;
  suggestedPacks: number | null;
}

export async function insertLines(tx: Tx, purchaseOrderId: number, lines: NewLine[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.exec(
    `INSERT INTO purchase_order_lines (purchase_order_id, ingredient_id, supplier_item_id, reference, pack_label,
       pack_quantity, pack_price_cents, packs, suggested_packs)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::varchar[], $5::varchar[], $6::int[], $7::int[], $8::int[],
       $9::int[])`,
    [
      purchaseOrderId,
      lines.map((l) => l.ingredientId),
      lines.map((l) => l.supplierItemId),
      lines.map((l) => l.reference),
      lines.map((l) => l.packLabel),
      lines.map((l) => l.packQuantity),
      lines.map((l) => l.packPriceCents),
      lines.map((l) => l.packs),
      lines.map((l) => l.suggestedPacks),
    ],
  );
}

/** A draft's changed lines: packs (and the suggestion) of lines it keeps. */
export async function updateLinePacks(
  tx: Tx,
  changes: { id: number; packs: number; suggestedPacks: number | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx.exec(
    `UPDATE purchase_order_lines l SET packs = c.packs, suggested_packs = c.suggested
       FROM unnest($1::int[], $2::int[], $3::int[]) AS c(id, packs, suggested) WHERE l.id = c.id`,
    [changes.map((c) => c.id), changes.map((c) => c.packs), changes.map((c) => c.suggestedPacks)],
  );
}

export async function deleteLines(tx: Tx, lineIds: number[]): Promise<void> {
  if (lineIds.length === 0) return;
  await tx.exec(`DELETE FROM purchase_order_lines WHERE id = ANY($1::int[])`, [lineIds]);
}

/** Recomputes the order's total from its lines and sets what `set` gives (status, dates…). */
export async function updateHead(
  tx: Tx,
  id: number,
  set: {
    status?: PurchaseOrderStatus;
    expectedOn?: string | null;
    note?: string | null;
    sentAt?: Date;
    sentByEmployeeId?: number | null;
    receivedAt?: Date;
  },
  at: Date,
): Promise<void> {
  await tx.exec(
    `UPDATE purchase_orders po SET
        status = COALESCE($2::purchase_order_status, po.status),
        expected_on = CASE WHEN $3::boolean THEN $4::date ELSE po.expected_on END,
        note = CASE WHEN $5::boolean THEN $6::varchar ELSE po.note END,
        sent_at = COALESCE($7::timestamptz, po.sent_at),
        sent_by_employee_id = CASE WHEN $7::timestamptz IS NULL THEN po.sent_by_employee_id ELSE $8::int END,
        received_at = COALESCE($9::timestamptz, po.received_at),
        total_cents = (SELECT COALESCE(SUM(l.packs::bigint * l.pack_price_cents), 0) FROM purchase_order_lines l
                        WHERE l.purchase_order_id = po.id),
        updated_at = $10
      WHERE po.id = $1`,
    [
      id,
      set.status ?? null,
      'expectedOn' in set,
      set.expectedOn ?? null,
      'note' in set,
      set.note ?? null,
      set.sentAt ?? null,
      set.sentByEmployeeId ?? null,
      set.receivedAt ?? null,
      at,
    ],
  );
}

/** The order's head, locked (FOR UPDATE) inside a transaction when `lock`. */
export async function findHead(ex: Executor, id: number, lock = false): Promise<OrderHeadRow | undefined> {
  return ex.one<OrderHeadRow>(
    `SELECT ${HEAD_COLUMNS} FROM purchase_orders po WHERE po.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
}

export async function findLines(ex: Executor, purchaseOrderId: number): Promise<OrderLineRow[]> {
  return ex.many<OrderLineRow>(
    `SELECT l.id, l.ingredient_id AS "ingredientId", i.name AS "ingredientName", i.unit,
            l.supplier_item_id AS "supplierItemId", l.reference, l.pack_label AS "packLabel",
            l.pack_quantity AS "packQuantity", l.pack_price_cents AS "packPriceCents", l.packs,
            l.suggested_packs AS "suggestedPacks", l.received_quantity AS "receivedQuantity",
            l.refused_quantity AS "refusedQuantity"
       FROM purchase_order_lines l JOIN ingredients i ON i.id = l.ingredient_id
      WHERE l.purchase_order_id = $1
      ORDER BY lower(i.name), l.id`,
    [purchaseOrderId],
  );
}

export async function findReceiptLines(ex: Executor, purchaseOrderId: number): Promise<ReceiptLineRow[]> {
  return ex.many<ReceiptLineRow>(
    `SELECT r.id AS "receiptId", r.created_at AS "createdAt", r.employee_id AS "employeeId", r.note,
            rl.purchase_order_line_id AS "purchaseOrderLineId", rl.received_quantity AS "receivedQuantity",
            rl.refused_quantity AS "refusedQuantity", rl.refused_reason AS "refusedReason"
       FROM purchase_receipts r JOIN purchase_receipt_lines rl ON rl.purchase_receipt_id = r.id
      WHERE r.purchase_order_id = $1
      ORDER BY r.id, rl.id`,
    [purchaseOrderId],
  );
}

export interface HeadListRow extends OrderHeadRow {
  supplierName: string;
  pizzeriaCode: string;
}

export async function findHeads(
  ex: Executor,
  filter: { pizzeriaId?: number; status?: PurchaseOrderStatus; limit: number },
): Promise<HeadListRow[]> {
  return ex.many<HeadListRow>(
    `SELECT ${HEAD_COLUMNS}, s.name AS "supplierName", p.code AS "pizzeriaCode"
       FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id JOIN pizzerias p ON p.id = po.pizzeria_id
      WHERE ($1::int IS NULL OR po.pizzeria_id = $1) AND ($2::purchase_order_status IS NULL OR po.status = $2)
      ORDER BY po.created_at DESC, po.id DESC
      LIMIT $3`,
    [filter.pizzeriaId ?? null, filter.status ?? null, filter.limit],
  );
}

export async function insertReceipt(
  tx: Tx,
  r: {
    purchaseOrderId: number;
    employeeId: number | null;
    note: string | null;
    at: Date;
    lines: {
      purchaseOrderLineId: number;
      receivedQuantity: number;
      refusedQuantity: number;
      refusedReason: string | null;
    }[];
  },
): Promise<number> {
  const { id } = (await tx.one<{ id: number }>(
    `INSERT INTO purchase_receipts (purchase_order_id, employee_id, note, created_at) VALUES ($1, $2, $3, $4)
     RETURNING id`,
    [r.purchaseOrderId, r.employeeId, r.note, r.at],
  ))!;
  await tx.exec(
    `INSERT INTO purchase_receipt_lines (purchase_receipt_id, purchase_order_line_id, received_quantity,
       refused_quantity, refused_reason)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::varchar[])`,
    [
      id,
      r.lines.map((l) => l.purchaseOrderLineId),
      r.lines.map((l) => l.receivedQuantity),
      r.lines.map((l) => l.refusedQuantity),
      r.lines.map((l) => l.refusedReason),
    ],
  );
  await tx.exec(
    `UPDATE purchase_order_lines l
        SET received_quantity = l.received_quantity + c.received, refused_quantity = l.refused_quantity + c.refused
       FROM unnest($1::int[], $2::int[], $3::int[]) AS c(id, received, refused)
      WHERE l.id = c.id`,
    [
      r.lines.map((l) => l.purchaseOrderLineId),
      r.lines.map((l) => l.receivedQuantity),
      r.lines.map((l) => l.refusedQuantity),
    ],
  );
  return id;
}
