// Customers and staff with real bcrypt hashes (computed once per distinct password), and their tokens.
import bcrypt from 'bcrypt';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Tx } from '../../src/db/executor.js';
import { issueToken, type TokenSubject } from '../../src/modules/auth/index.js';
import type { Role } from '../../src/shared/permissions.js';

export const PASSWORD = 'motdepasse-solide-42';
const hashes = new Map<string, string>();
let seq = 0;

async function hashOf(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = await bcrypt.hash(password, 10);
    hashes.set(password, hash);
  }
  return hash;
}

export interface EmployeeInput {
  role: Role;
  pizzeriaId?: number | null;
  email?: string;
  password?: string;
  active?: boolean;
}

export async function createEmployee(db: Sequelize, input: EmployeeInput) {
  const n = ++seq;
  const email = input.email ?? `${input.role}${n}@ocpizza.test`;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO employees (email, password_hash, first_name, last_name, role, pizzeria_id, active)
     VALUES ($1, $2, 'Prénom', $3, $4, $5, $6) RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [
        email,
        await hashOf(input.password ?? PASSWORD),
        `Employé ${n}`,
        input.role,
        input.pizzeriaId ?? null,
        input.active ?? true,
      ],
    },
  );
  return { id: row.id, email, password: input.password ?? PASSWORD };
}

export interface CustomerInput {
  email?: string;
  password?: string;
  phone?: string;
}

export async function createCustomer(db: Sequelize, input: CustomerInput = {}) {
  const n = ++seq;
  const email = input.email ?? `client${n}@example.test`;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO customers (email, password_hash, first_name, last_name, phone)
     VALUES ($1, $2, 'Camille', $3, $4) RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [email, await hashOf(input.password ?? PASSWORD), `Client ${n}`, input.phone ?? '06 39 98 00 00'],
    },
  );
  return { id: row.id, email, password: input.password ?? PASSWORD };
}

/**
 * Runs a module's write (it takes the API's transaction executor) in a transaction of the factories' Sequelize,
 * so that factories write to whichever database they were given (a sibling database in the ops tests).
 */
function inSequelizeTransaction<T>(db: Sequelize, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    const run = async (sql: string, params?: readonly unknown[]) => {
      const [rows, result] = await db.query(sql, {
        bind: params as unknown[],
        transaction,
        type: QueryTypes.RAW,
      });
      return {
        rows: rows as unknown[],
        rowCount: (result as { rowCount?: number } | undefined)?.rowCount ?? 0,
      };
    };
    const callbacks: (() => void)[] = [];
    const tx = {
      one: async (sql: string, params?: readonly unknown[]) => (await run(sql, params)).rows[0],
      many: async (sql: string, params?: readonly unknown[]) => (await run(sql, params)).rows,
      exec: async (sql: string, params?: readonly unknown[]) => (await run(sql, params)).rowCount,
      afterCommit: (cb: () => void) => void callbacks.push(cb),
    } as unknown as Tx;
    transaction.afterCommit(() => callbacks.forEach((cb) => cb()));
    return fn(tx);
  });
}

/** A token for the subject, issued as a login does (auth's issueToken), valid from now. */
export function tokenFor(db: Sequelize, subject: TokenSubject) {
  return inSequelizeTransaction(db, (tx) => issueToken(tx, subject, new Date()));
}

/** A customer already logged in: the token is issued directly, as a login would. */
export async function createLoggedInCustomer(db: Sequelize, input: CustomerInput = {}) {
  const customer = await createCustomer(db, input);
  const { token } = await tokenFor(db, { customerId: customer.id });
  return { ...customer, token };
}

export interface CustomerAddressInput {
  label?: string;
  line1?: string;
  line2?: string | null;
  postcode?: string;
  city?: string;
  instructions?: string | null;
  lat?: number | null;
  lng?: number | null;
  isDefault?: boolean;
}

/** A saved address of a customer (Paris 11e by default, geocoded, not the default one unless asked). */
export async function createCustomerAddress(
  db: Sequelize,
  customerId: number,
  input: CustomerAddressInput = {},
): Promise<number> {
  const n = ++seq;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO addresses (customer_id, label, line1, line2, postcode, city, instructions, lat, lng, is_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    {
      type: QueryTypes.SELECT,
      bind: [
        customerId,
        input.label ?? `Adresse ${n}`,
        input.line1 ?? `${n} rue Oberkampf`,
        input.line2 ?? null,
        input.postcode ?? '75011',
        input.city ?? 'Paris',
        input.instructions ?? null,
        input.lat === undefined ? 48.8646 : input.lat,
        input.lng === undefined ? 2.3762 : input.lng,
        input.isDefault ?? false,
      ],
    },
  );
  return row.id;
}
