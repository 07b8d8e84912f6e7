// SQL for customer accounts. Returns plain objects; the password hash only leaves through the login look-up.
import { isUniqueViolation, type Executor, type Tx } from '../../db/executor.js';

export interface CustomerRow {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  createdAt: Date;
}

export interface NewCustomer {
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phone: string | null;
}

const COLUMNS = `id, email, first_name AS "firstName", last_name AS "lastName", phone, created_at AS "createdAt"`;

/** The new account, or undefined when the email is already taken (even by a registration racing this one). */
export async function insertCustomer(tx: Tx, input: NewCustomer): Promise<CustomerRow | undefined> {
  try {
    return await tx.one<CustomerRow>(
      `INSERT INTO customers (email, password_hash, first_name, last_name, phone)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [input.email, input.passwordHash, input.firstName, input.lastName, input.phone],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'customers_email_key')) return undefined;
    throw error;
  }
}

export async function findCustomerById(ex: Executor, id: number): Promise<CustomerRow | undefined> {
  return ex.one<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, [id]);
}

export async function findCredentials(
  ex: Executor,
  email: string,
): Promise<(CustomerRow & { passwordHash: string }) | undefined> {
  return ex.one<CustomerRow & { passwordHash: string }>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM customers WHERE email = $1`,
    [email],
  );
}

/** The account with its new phone (null: none), or undefined when it no longer exists. */
export async function updateCustomerPhone(
  tx: Tx,
  id: number,
  phone: string | null,
): Promise<CustomerRow | undefined> {
  return tx.one<CustomerRow>(
    `UPDATE customers SET phone = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, phone],
  );
}

/** A new password (reset by e-mail); false when the account no longer exists. */
export async function setCustomerPasswordHash(tx: Tx, id: number, passwordHash: string): Promise<boolean> {
  const n = await tx.exec(`UPDATE customers SET password_hash = $2, updated_at = now() WHERE id = $1`, [
    id,
    passwordHash,
  ]);
  return n > 0;
}

/** A sign-in: when, kept on the account (updated_at stays: signing in changes nothing of the account). */
export async function recordLogin(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.exec(`UPDATE customers SET last_login_at = $2 WHERE id = $1`, [id, at]);
}
