// Customer accounts: registration (logged in at once), sign-in, profile. Other modules read customers through
// `findCustomer`, never through the table.
import { isForeignKeyViolation, type Database, type Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, NotFoundError, UnauthorizedError } from '../../shared/errors.js';
import { hashPassword, issueToken, limitAttempts, verifyPassword } from '../auth/index.js';
import type { RegisterInput } from './customers.schemas.js';
import {
  findCredentials,
  findCustomerById,
  insertCustomer,
  updateCustomerPhone,
  type CustomerRow,
} from './customers.repository.js';
import { assertPasswordPolicy } from './password-policy.js';

export interface CustomerDeps {
  db: Database;
  clock: Clock;
}

export interface PublicCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  createdAt: string;
}

export interface CustomerSession {
  token: string;
  expiresAt: string;
  customer: PublicCustomer;
}

const toPublic = (row: CustomerRow): PublicCustomer => ({
  id: row.id,
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  phone: row.phone,
  createdAt: row.createdAt.toISOString(),
});

/** A customer as other modules may show or copy it (no password hash), or undefined. */
export async function findCustomer(ex: Executor, customerId: number): Promise<PublicCustomer | undefined> {
  const row = await findCustomerById(ex, customerId);
  return row && toPublic(row);
}

export async function registerCustomer(
  { db, clock }: CustomerDeps,
  input: RegisterInput,
  clientIp: string,
): Promise<CustomerSession> {
  // The policy first: it costs nothing and must not spend the rate limit of someone learning the rule.
  assertPasswordPolicy(input.password, input.email);
  await limitAttempts(db, 'register', clientIp, input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = await insertCustomer(tx, {
      email: input.email,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone ?? null,
    });
    if (!row) {
      throw new ConflictError(
        'email_taken',
        'Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou choisissez une autre adresse.',
      );
    }
    const { token, expiresAt } = await issueToken(tx, { customerId: row.id }, clock.now());
    return { token, expiresAt: expiresAt.toISOString(), customer: toPublic(row) };
  });
}

export async function customerLogin(
  { db, clock }: CustomerDeps,
  email: string,
  password: string,
): Promise<CustomerSession> {
  const row = await db.read((ex) => findCredentials(ex, email));
  // verifyPassword spends a bcrypt comparison even without an account: same time, same answer.
  const valid = await verifyPassword(row?.passwordHash, password);
  if (!row || !valid) throw new UnauthorizedError('E-mail ou mot de passe incorrect.', 'invalid_credentials');
  const { token, expiresAt } = await db
    .transaction((tx) => issueToken(tx, { customerId: row.id }, clock.now()))
    .catch((error: unknown) => {
      // The account was erased while its password was being checked: it no longer exists.
      if (isForeignKeyViolation(error, 'auth_tokens_customer_id_fkey')) {
        throw new UnauthorizedError('E-mail ou mot de passe incorrect.', 'invalid_credentials');
      }
      throw error;
    });
  // toPublic copies named fields only: the hash cannot slip into the answer.
  return { token, expiresAt: expiresAt.toISOString(), customer: toPublic(row) };
}

/** The checkout asks for a phone when the account has none (the driver calls it): saved on the account. */
export async function changeCustomerPhone(
  { db }: Pick<CustomerDeps, 'db'>,
  customerId: number,
  phone: string | null,
): Promise<PublicCustomer> {
  const row = await db.transaction((tx) => updateCustomerPhone(tx, customerId, phone));
  if (!row) throw new NotFoundError('Ce compte n’existe plus.', 'customer_not_found');
  return toPublic(row);
}
