// Suppliers and what they sell, for the purchasing tests (plain SQL, as the other factories).
import { QueryTypes, type Sequelize } from 'sequelize';

let seq = 0;

export interface SupplierInput {
  /** null (default): a supplier of the whole group. */
  pizzeriaId?: number | null;
  name?: string;
  contactName?: string | null;
  email?: string;
  deliveryDays?: string[];
  leadTimeDays?: number;
  minimumOrderCents?: number;
  active?: boolean;
}

export async function createSupplier(db: Sequelize, input: SupplierInput = {}): Promise<number> {
  const n = ++seq;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO suppliers (pizzeria_id, name, contact_name, email, phone, delivery_days, lead_time_days,
       minimum_order_cents, active)
     VALUES ($1, $2, $3, $4, '01 40 00 00 00', $5::varchar(3)[], $6, $7, $8) RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [
        input.pizzeriaId ?? null,
        input.name ?? `Fournisseur test ${n}`,
        input.contactName === undefined ? 'Mme Martin' : input.contactName,
        input.email ?? `commandes.${n}.${process.pid}@fournisseur.example.fr`,
        input.deliveryDays ?? ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        input.leadTimeDays ?? 1,
        input.minimumOrderCents ?? 0,
        input.active ?? true,
      ],
    },
  );
  return row.id;
}

export interface SupplierItemInput {
  reference?: string | null;
  packLabel?: string;
  packQuantity?: number;
  packPriceCents?: number;
}

/** What the supplier sells of an ingredient: by default a 2,5 kg pack at 12,50 € HT. */
export async function supplierItem(
  db: Sequelize,
  supplierId: number,
  ingredientId: number,
  input: SupplierItemInput = {},
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO supplier_items (supplier_id, ingredient_id, reference, pack_label, pack_quantity,
       pack_price_cents)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [
        supplierId,
        ingredientId,
        input.reference === undefined ? `REF-${ingredientId}` : input.reference,
        input.packLabel ?? 'Bloc 2,5 kg',
        input.packQuantity ?? 2500,
        input.packPriceCents ?? 1250,
      ],
    },
  );
  return row.id;
}
