// The customers module's part of a customer's personal data (issue 21): the account, its saved addresses and
// its e-mail preference. The privacy module asks; only this module writes customers and addresses (rule 10).
import type { Executor, Tx } from '../../db/executor.js';
import { verifyPassword } from '../auth/index.js';
import type { PostalAddress } from '../delivery/index.js';
import type { PersonalDataHolder } from '../privacy/index.js';

export const customersHolder: PersonalDataHolder = {
  module: 'customers',
  tables: [
    { table: 'customers', treatment: 'deleted', why: 'le compte : nom, e-mail, téléphone, mot de passe' },
    { table: 'addresses', treatment: 'deleted', why: 'les adresses de livraison enregistrées' },
  ],
  async exportFor(ex, { customerId }) {
    // Named columns only: the password hash never leaves.
    const account = await ex.one<Record<string, unknown> & { statusEmails: boolean }>(
      `SELECT id, email, first_name AS "firstName", last_name AS "lastName", phone, status_emails AS "statusEmails",
              created_at AS "createdAt", updated_at AS "updatedAt"
         FROM customers WHERE id = $1`,
      [customerId],
    );
    const addresses = await ex.many(
      `SELECT id, label, line1, line2, postcode, city, instructions, lat, lng, is_default AS "isDefault",
              created_at AS "createdAt", updated_at AS "updatedAt"
         FROM addresses WHERE customer_id = $1 ORDER BY id`,
      [customerId],
    );
    if (!account) return { account: null, addresses, notificationPreferences: null };
    const { statusEmails, ...rest } = account;
    return { account: rest, addresses, notificationPreferences: { statusEmails } };
  },
  async erase(tx, { customerId }) {
    // The customer row itself goes last, after every holder (deleteAccount below).
    return { addresses: await tx.exec(`DELETE FROM addresses WHERE customer_id = $1`, [customerId]) };
  },
};

/** Locks the account for its erasure (FOR UPDATE: an order being placed with it waits, see placement). */
export function lockAccount(tx: Tx, customerId: number): Promise<{ id: number; email: string } | undefined> {
  return tx.one(`SELECT id, email FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
}

/** Deletes the account row (last step of an erasure); its tokens, reset tokens and messages cascade. */
export function deleteAccount(tx: Tx, customerId: number): Promise<number> {
  return tx.exec(`DELETE FROM customers WHERE id = $1`, [customerId]);
}

/** The account's password, checked again before an erasure; undefined: no such account. */
export async function checkAccountPassword(
  ex: Executor,
  customerId: number,
  password: string,
): Promise<boolean | undefined> {
  const row = await ex.one<{ hash: string }>(`SELECT password_hash AS hash FROM customers WHERE id = $1`, [
    customerId,
  ]);
  const ok = await verifyPassword(row?.hash, password);
  return row ? ok : undefined;
}

/** The saved addresses as the geocoding cache keys them (collected before an erasure). */
export function savedPostalAddresses(ex: Executor, customerId: number): Promise<PostalAddress[]> {
  return ex.many<PostalAddress>(`SELECT line1, postcode, city FROM addresses WHERE customer_id = $1`, [
    customerId,
  ]);
}
