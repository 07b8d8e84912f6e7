// SQL for customer accounts. Returns plain objects; the password hash only leaves through the login look-up.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

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

function isEmailTaken(error: unknown): boolean {
  const pg = (error as { parent?: { code?: string; constraint?: string } })?.parent;
  return pg?.code === '23505' && pg.constraint === 'customers_email_key';
}

/** The new account, or undefined when the email is already taken (even by a registration racing this one). */
export async function insertCustomer(
  db: Sequelize,
  input: NewCustomer,
  transaction?: Transaction,
): Promise<CustomerRow | undefined> {
  try {
    const [row] = await db.query<CustomerRow>(
      `INSERT INTO customers (email, password_hash, first_name, last_name, phone)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      {
        type: QueryTypes.SELECT,
        bind: [input.email, input.passwordHash, input.firstName, input.lastName, input.phone],
        transaction,
      },
    );
    return row;
  } catch (error) {
    if (isEmailTaken(error)) return undefined;
    throw error;
  }
}

export async function findCustomerById(
  db: Sequelize,
  id: number,
  transaction?: Transaction,
): Promise<CustomerRow | undefined> {
  const [row] = await db.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, {
    type: QueryTypes.SELECT,
    bind: [id],
    transaction,
  });
  return row;
}

export async function findCredentials(
  db: Sequelize,
  email: string,
): Promise<(CustomerRow & { passwordHash: string }) | undefined> {
  const [row] = await db.query<CustomerRow & { passwordHash: string }>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM customers WHERE email = $1`,
    { type: QueryTypes.SELECT, bind: [email] },
  );
  return row;
}
