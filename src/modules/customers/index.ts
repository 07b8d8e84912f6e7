// The customers module: accounts (registration, sign-in, profile) and their saved delivery addresses. It alone
// writes customers and addresses; other modules read a customer or an address through this service.
import type { Settings } from '../../config/index.js';
import type { Database } from '../../db/executor.js';
import type { ResetDeps } from '../auth/index.js';
import type { Clock } from '../../shared/clock.js';
import type { CreateAddressInput, UpdateAddressInput } from './addresses.schemas.js';
import {
  createAddress,
  deleteAddress,
  findAddressOfCustomer,
  listAddresses,
  updateAddress,
} from './addresses.service.js';
import type { RegisterInput } from './customers.schemas.js';
import { changeCustomerPhone, customerLogin, findCustomer, registerCustomer } from './customers.service.js';
import { customerPasswordReset } from './password-reset.js';
import { notificationPreferences, setStatusEmails } from './preferences.js';

// Executor-first, for a caller that reads them inside its own transaction.
export {
  MAX_ADDRESSES_PER_CUSTOMER,
  findAddressOfCustomer,
  type Address,
  type DeliveryAddress,
} from './addresses.service.js';
export { findCustomer, type CustomerSession, type PublicCustomer } from './customers.service.js';
export type { NotificationPreferences } from './preferences.js';
export {
  checkAccountPassword,
  customersHolder,
  deleteAccount,
  lockAccount,
  savedPostalAddresses,
} from './personal-data.js';
export { customersRouter } from './customers.routes.js';
export { PASSWORD_RULE, assertPasswordPolicy, passwordProblems } from './password-policy.js';
export { newPassword, resetAnswerSchema, resetConfirmBody, resetRequestBody } from './customers.schemas.js';
export { normalisePhone } from './phone.js';

export function createCustomersService({
  db,
  clock,
  notifications,
}: {
  db: Database;
  clock: Clock;
  settings: Settings;
  /** Where the password reset mail is written (the notifications module's outbox). */
  notifications: Pick<ResetDeps, 'enqueue'>;
}) {
  const deps = { db, clock };
  const reset = customerPasswordReset({ db, clock, enqueue: notifications.enqueue });
  return {
    /** A new account, signed in at once (409 email_taken, 422 weak_password, 429 over the limit). */
    register: (input: RegisterInput, clientIp: string) => registerCustomer(deps, input, clientIp),
    /** Sign-in (401 invalid_credentials); the caller runs it under auth's limitLogin. */
    login: (email: string, password: string) => customerLogin(deps, email, password),
    /** « Mot de passe oublié »: a link by e-mail if the address has an account (429 over the limits). */
    requestPasswordReset: reset.request,
    /** The new password from the link (410 reset_token_invalid, 422 weak_password); every session ends. */
    resetPassword: reset.confirm,
    /** The customer as other modules may show or copy it (no password hash), or undefined. */
    findCustomer: (customerId: number) => db.read((ex) => findCustomer(ex, customerId)),
    /** The phone the driver calls (null: none); 404 customer_not_found for a deleted account. */
    changePhone: (customerId: number, phone: string | null) => changeCustomerPhone(deps, customerId, phone),
    /** The customer's saved address as an order copies it; undefined for a missing one or someone else's. */
    findAddressOfCustomer: (customerId: number, addressId: number) =>
      db.read((ex) => findAddressOfCustomer(ex, customerId, addressId)),
    listAddresses: (customerId: number) => db.read((ex) => listAddresses(ex, customerId)),
    /** 409 too_many_addresses over the limit; the first address is the default. */
    createAddress: (customerId: number, input: CreateAddressInput) => createAddress(db, customerId, input),
    /** 404 address_not_found for a missing address or someone else's. */
    updateAddress: (customerId: number, addressId: number, input: UpdateAddressInput) =>
      updateAddress(db, customerId, addressId, input),
    deleteAddress: (customerId: number, addressId: number) => deleteAddress(db, customerId, addressId),
    /** Status e-mails on or off, and what is always sent (404 customer_not_found). */
    notificationPreferences: (customerId: number) => notificationPreferences(db, customerId),
    setStatusEmails: (customerId: number, statusEmails: boolean) =>
      setStatusEmails(db, customerId, statusEmails),
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
