// Customer accounts: registration (logged in at once), sign-in, profile. Other modules read customers through
// `findCustomer`, never through the table.
import type { Sequelize, Transaction } from 'sequelize';
import { ConflictError, UnauthorizedError } from '../../shared/errors.js';
import { limitAttempts } from '../auth/login-limits.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { issueToken } from '../auth/tokens.js';
import type { RegisterInput } from './customers.schemas.js';
import {
  findCredentials,
  findCustomerById,
  insertCustomer,
  type CustomerRow,
} from './customers.repository.js';
import { assertPasswordPolicy } from './password-policy.js';

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
export async function findCustomer(
  db: Sequelize,
  customerId: number,
  options: { transaction?: Transaction } = {},
): Promise<PublicCustomer | undefined> {
  const row = await findCustomerById(db, customerId, options.transaction);
  return row && toPublic(row);
}

export async function registerCustomer(
  db: Sequelize,
  input: RegisterInput,
  clientIp: string,
): Promise<CustomerSession> {
  // The policy first: it costs nothing and must not spend the rate limit of someone learning the rule.
  assertPasswordPolicy(input.password, input.email);
  await limitAttempts(db, 'register', clientIp, input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (transaction) => {
    const row = await insertCustomer(
      db,
      {
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone ?? null,
      },
      transaction,
    );
    if (!row) {
      throw new ConflictError(
        'email_taken',
        'Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou choisissez une autre adresse.',
      );
    }
    const { token, expiresAt } = await issueToken(db, { customerId: row.id }, { transaction });
    return { token, expiresAt: expiresAt.toISOString(), customer: toPublic(row) };
  });
}

export async function customerLogin(
  db: Sequelize,
  email: string,
  password: string,
): Promise<CustomerSession> {
  const row = await findCredentials(db, email);
  // verifyPassword spends a bcrypt comparison even without an account: same time, same answer.
  const valid = await verifyPassword(row?.passwordHash, password);
  if (!row || !valid) throw new UnauthorizedError('E-mail ou mot de passe incorrect.', 'invalid_credentials');
  const { token, expiresAt } = await issueToken(db, { customerId: row.id });
  // toPublic copies named fields only: the hash cannot slip into the answer.
  return { token, expiresAt: expiresAt.toISOString(), customer: toPublic(row) };
}
