// SQL for saved addresses. Every statement is scoped by customer id, so that no query can reach another
// customer's address, whatever id a caller sends.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface AddressRow {
  id: number;
  label: string;
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  instructions: string | null;
  lat: number | null;
  lng: number | null;
  isDefault: boolean;
}

export type AddressFields = Omit<AddressRow, 'id'>;

const COLUMNS = `id, label, line1, line2, postcode, city, instructions, lat, lng, is_default AS "isDefault"`;

const COLUMN_OF: Record<keyof AddressFields, string> = {
  label: 'label',
  line1: 'line1',
  line2: 'line2',
  postcode: 'postcode',
  city: 'city',
  instructions: 'instructions',
  lat: 'lat',
  lng: 'lng',
  isDefault: 'is_default',
};

/**
 * Locks the customer's row for the rest of the transaction: address writes of one customer then run one after
 * the other, so that two of them at once cannot both pass the count limit or both become the default.
 */
export async function lockCustomer(db: Sequelize, customerId: number, transaction: Transaction) {
  await db.query(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, { bind: [customerId], transaction });
}

export async function listAddressRows(db: Sequelize, customerId: number): Promise<AddressRow[]> {
  return db.query<AddressRow>(
    `SELECT ${COLUMNS} FROM addresses WHERE customer_id = $1 ORDER BY is_default DESC, created_at, id`,
    { type: QueryTypes.SELECT, bind: [customerId] },
  );
}

export async function findAddressRow(
  db: Sequelize,
  customerId: number,
  addressId: number,
  transaction?: Transaction,
): Promise<AddressRow | undefined> {
  const [row] = await db.query<AddressRow>(
    `SELECT ${COLUMNS} FROM addresses WHERE id = $1 AND customer_id = $2`,
    { type: QueryTypes.SELECT, bind: [addressId, customerId], transaction },
  );
  return row;
}

export async function countAddresses(db: Sequelize, customerId: number, transaction: Transaction) {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM addresses WHERE customer_id = $1`,
    { type: QueryTypes.SELECT, bind: [customerId], transaction },
  );
  return row.count;
}

export async function insertAddressRow(
  db: Sequelize,
  customerId: number,
  fields: AddressFields,
  transaction: Transaction,
): Promise<AddressRow> {
  const [row] = await db.query<AddressRow>(
    `INSERT INTO addresses (customer_id, label, line1, line2, postcode, city, instructions, lat, lng, is_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    {
      type: QueryTypes.SELECT,
      bind: [
        customerId,
        fields.label,
        fields.line1,
        fields.line2,
        fields.postcode,
        fields.city,
        fields.instructions,
        fields.lat,
        fields.lng,
        fields.isDefault,
      ],
      transaction,
    },
  );
  return row;
}

/** Writes only the fields present in `changes`. */
export async function updateAddressRow(
  db: Sequelize,
  customerId: number,
  addressId: number,
  changes: Partial<AddressFields>,
  transaction: Transaction,
): Promise<AddressRow | undefined> {
  const entries = (Object.keys(COLUMN_OF) as (keyof AddressFields)[]).filter((k) => changes[k] !== undefined);
  const sets = entries.map((k, i) => `${COLUMN_OF[k]} = $${i + 3}`);
  const [row] = await db.query<AddressRow>(
    `UPDATE addresses SET ${[...sets, 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND customer_id = $2 RETURNING ${COLUMNS}`,
    {
      type: QueryTypes.SELECT,
      bind: [addressId, customerId, ...entries.map((k) => changes[k])],
      transaction,
    },
  );
  return row;
}

export async function clearDefault(db: Sequelize, customerId: number, transaction: Transaction) {
  await db.query(
    `UPDATE addresses SET is_default = false, updated_at = now() WHERE customer_id = $1 AND is_default`,
    { bind: [customerId], transaction },
  );
}

/** The deleted address, or undefined when the customer has no such address. */
export async function deleteAddressRow(
  db: Sequelize,
  customerId: number,
  addressId: number,
  transaction: Transaction,
): Promise<AddressRow | undefined> {
  const [row] = await db.query<AddressRow>(
    `DELETE FROM addresses WHERE id = $1 AND customer_id = $2 RETURNING ${COLUMNS}`,
    { type: QueryTypes.SELECT, bind: [addressId, customerId], transaction },
  );
  return row;
}

/** Makes the customer's oldest remaining address the default (none when they have no address left). */
export async function promoteOldestAddress(db: Sequelize, customerId: number, transaction: Transaction) {
  await db.query(
    `UPDATE addresses SET is_default = true, updated_at = now()
      WHERE id = (SELECT id FROM addresses WHERE customer_id = $1 ORDER BY created_at, id LIMIT 1)`,
    { bind: [customerId], transaction },
  );
}
