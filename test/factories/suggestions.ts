// Suppliers, what they sell and purchase orders, inserted with plain SQL for the reorder suggestions' tests
// (the purchasing module's own factories live in purchasing.ts).
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSupplier as purchasingSupplier, supplierItem, type SupplierInput } from './purchasing.js';

let seq = 0;

async function insert(db: Sequelize, sql: string, bind: unknown[]): Promise<number> {
  const rows = await db.query<{ id: number }>(sql + ' RETURNING id', { type: QueryTypes.SELECT, bind });
  return rows[0].id;
}

/** A supplier (a group one by default) delivering on Tuesdays and Fridays, a day after the order by default. */
export const createSupplier = (db: Sequelize, input: SupplierInput = {}) =>
  purchasingSupplier(db, { deliveryDays: ['tue', 'fri'], ...input });

export interface SupplierItemInput {
  packQuantity: number;
  packPriceCents: number;
  packLabel?: string;
  reference?: string | null;
}

export const createSupplierItem = (
  db: Sequelize,
  supplierId: number,
  ingredientId: number,
  input: SupplierItemInput,
) =>
  supplierItem(db, supplierId, ingredientId, {
    packLabel: `Colis de ${input.packQuantity}`,
    reference: null,
    ...input,
  });

export interface OrderLineInput {
  ingredientId: number;
  packs: number;
  packQuantity: number;
  packPriceCents?: number;
  receivedQuantity?: number;
  refusedQuantity?: number;
}

export interface PurchaseOrderInput {
  pizzeriaId: number;
  supplierId: number;
  status: 'draft' | 'sent' | 'partially_received' | 'received' | 'cancelled';
  expectedOn?: string | null;
  lines: OrderLineInput[];
}

/** A purchase order with its lines, in any status (no counter: the number only has to be unique). */
export async function createPurchaseOrder(db: Sequelize, input: PurchaseOrderInput): Promise<number> {
  const total = input.lines.reduce((a, l) => a + l.packs * (l.packPriceCents ?? 1000), 0);
  const id = await insert(
    db,
    `INSERT INTO purchase_orders (number, pizzeria_id, supplier_id, status, expected_on, total_cents)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [`BC-TEST-${++seq}`, input.pizzeriaId, input.supplierId, input.status, input.expectedOn ?? null, total],
  );
  for (const l of input.lines) {
    await insert(
      db,
      `INSERT INTO purchase_order_lines (purchase_order_id, ingredient_id, pack_label, pack_quantity,
         pack_price_cents, packs, received_quantity, refused_quantity)
       VALUES ($1, $2, 'Colis', $3, $4, $5, $6, $7)`,
      [
        id,
        l.ingredientId,
        l.packQuantity,
        l.packPriceCents ?? 1000,
        l.packs,
        l.receivedQuantity ?? 0,
        l.refusedQuantity ?? 0,
      ],
    );
  }
  return id;
}
