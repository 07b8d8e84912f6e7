// The customers' side of « mot de passe oublié » (the flow, tokens and e-mail are auth's: auth/password-reset.ts).
import { passwordReset, type ResetAccounts, type ResetDeps } from '../auth/index.js';
import { findCredentials, findCustomerById, setCustomerPasswordHash } from './customers.repository.js';
import { assertPasswordPolicy } from './password-policy.js';

const pick = <T extends { id: number; email: string; firstName: string; lastName: string }>(row?: T) =>
  row && { id: row.id, email: row.email, firstName: row.firstName, lastName: row.lastName };

export const customerAccounts: ResetAccounts = {
  kind: 'customer',
  limit: 'customer-reset',
  findByEmail: async (ex, email) => pick(await findCredentials(ex, email)),
  findById: async (ex, id) => pick(await findCustomerById(ex, id)),
  assertPolicy: assertPasswordPolicy,
  setPasswordHash: setCustomerPasswordHash,
};

export const customerPasswordReset = (deps: ResetDeps) => passwordReset(deps, customerAccounts);
