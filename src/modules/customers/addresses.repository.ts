// SQL for saved addresses. Every statement is scoped by customer id, so that no query can reach another
// customer's address, whatever id a caller sends.
import type { Executor, Tx } from '../../db/executor.js';

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
/** Locks the account; false when it is gone (erased while the request waited). */
export async function lockCustomer(tx: Tx, customerId: number): Promise<boolean> {
  return (await tx.exec(`SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, [customerId])) > 0;
}

export async function listAddressRows(ex: Executor, customerId: number): Promise<AddressRow[]> {
  return ex.many<AddressRow>(
    `SELECT ${COLUMNS} FROM addresses WHERE customer_id = $1 ORDER BY is_default DESC, created_at, id`,
    [customerId],
  );
}

export async function findAddressRow(
  ex: Executor,
  customerId: number,
  addressId: number,
): Promise<AddressRow | undefined> {
  return ex.one<AddressRow>(`SELECT ${COLUMNS} FROM addresses WHERE id = $1 AND customer_id = $2`, [
    addressId,
    customerId,
  ]);
}

export async function countAddresses(ex: Executor, customerId: number): Promise<number> {
  const row = await ex.one<{ count: number }>(
    `SELECT count(*)::int AS count FROM addresses WHERE customer_id = $1`,
    [customerId],
  );
  return row!.count;
}

export async function insertAddressRow(
  tx: Tx,
  customerId: number,
  fields: AddressFields,
): Promise<AddressRow> {
  const row = await tx.one<AddressRow>(
    `INSERT INTO addresses (customer_id, label, line1, line2, postcode, city, instructions, lat, lng, is_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
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
  );
  return row!;
}

/** Writes only the fields present in `changes`. */
export async function updateAddressRow(
  tx: Tx,
  customerId: number,
  addressId: number,
  changes: Partial<AddressFields>,
): Promise<AddressRow | undefined> {
  const entries = (Object.keys(COLUMN_OF) as (keyof AddressFields)[]).filter((k) => changes[k] !== undefined);
  const sets = entries.map((k, i) => `${COLUMN_OF[k]} = $${i + 3}`);
  return tx.one<AddressRow>(
    `UPDATE addresses SET ${[...sets, 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND customer_id = $2 RETURNING ${COLUMNS}`,
    [addressId, customerId, ...entries.map((k) => changes[k])],
  );
}

export async function clearDefault(tx: Tx, customerId: number) {
  await tx.exec(
    `UPDATE addresses SET is_default = false, updated_at = now() WHERE customer_id = $1 AND is_default`,
    [customerId],
  );
}

/** The deleted address, or undefined when the customer has no such address. */
export async function deleteAddressRow(
  tx: Tx,
  customerId: number,
  addressId: number,
): Promise<AddressRow | undefined> {
  return tx.one<AddressRow>(`DELETE FROM addresses WHERE id = $1 AND customer_id = $2 RETURNING ${COLUMNS}`, [
    addressId,
    customerId,
  ]);
}

/** Makes the customer's oldest remaining address the default (none when they have no address left). */
export async function promoteOldestAddress(tx: Tx, customerId: number) {
  await tx.exec(
    `UPDATE addresses SET is_default = true, updated_at = now()
      WHERE id = (SELECT id FROM addresses WHERE customer_id = $1 ORDER BY created_at, id LIMIT 1)`,
    [customerId],
  );
}
