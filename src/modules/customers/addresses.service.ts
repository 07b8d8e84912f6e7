// A customer's saved delivery addresses. Rules: only the owner sees or touches an address (anyone else gets
// the same 404 as for a missing one, so ids reveal nothing); at most 20 per customer; whenever a customer has
// addresses, exactly one is the default (the first one, then the one they choose).
import type { Database, Executor } from '../../db/executor.js';
import { AccountClosedError, ConflictError, NotFoundError } from '../../shared/errors.js';
import type { CreateAddressInput, UpdateAddressInput } from './addresses.schemas.js';
import {
  clearDefault,
  countAddresses,
  deleteAddressRow,
  findAddressRow,
  insertAddressRow,
  listAddressRows,
  lockCustomer,
  promoteOldestAddress,
  updateAddressRow,
  type AddressFields,
  type AddressRow,
} from './addresses.repository.js';

export const MAX_ADDRESSES_PER_CUSTOMER = 20;

export type Address = AddressRow;

/** What an order copies of a saved address when it is placed. */
export interface DeliveryAddress {
  id: number;
  label: string;
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  instructions: string | null;
  lat: number | null;
  lng: number | null;
}

const addressNotFound = () => new NotFoundError('Cette adresse n’existe pas.', 'address_not_found');

export function listAddresses(ex: Executor, customerId: number): Promise<Address[]> {
  return listAddressRows(ex, customerId);
}

/**
 * The customer's address as a plain snapshot for an order, or undefined when they have no such address (an
 * address of someone else included). Give it the order's transaction to read it there.
 */
export async function findAddressOfCustomer(
  ex: Executor,
  customerId: number,
  addressId: number,
): Promise<DeliveryAddress | undefined> {
  const row = await findAddressRow(ex, customerId, addressId);
  if (!row) return undefined;
  const { isDefault: _notPartOfTheSnapshot, ...address } = row;
  return address;
}

export function createAddress(db: Database, customerId: number, input: CreateAddressInput): Promise<Address> {
  return db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, customerId))) throw new AccountClosedError();
    const count = await countAddresses(tx, customerId);
    if (count >= MAX_ADDRESSES_PER_CUSTOMER) {
      throw new ConflictError(
        'too_many_addresses',
        `Vous avez déjà ${MAX_ADDRESSES_PER_CUSTOMER} adresses enregistrées : supprimez-en une avant d’en ` +
          'ajouter une autre.',
        { max: MAX_ADDRESSES_PER_CUSTOMER },
      );
    }
    const isDefault = count === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(tx, customerId);
    const fields: AddressFields = {
      label: input.label,
      line1: input.line1,
      line2: input.line2 ?? null,
      postcode: input.postcode,
      city: input.city,
      instructions: input.instructions ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      isDefault,
    };
    return insertAddressRow(tx, customerId, fields);
  });
}

const LOCATING_FIELDS = ['line1', 'postcode', 'city'] as const;

export function updateAddress(
  db: Database,
  customerId: number,
  addressId: number,
  input: UpdateAddressInput,
): Promise<Address> {
  return db.transaction(async (tx) => {
    await lockCustomer(tx, customerId);
    const current = await findAddressRow(tx, customerId, addressId);
    if (!current) throw addressNotFound();
    if (input.isDefault === false && current.isDefault) {
      throw new ConflictError(
        'default_address_required',
        'Cette adresse est votre adresse par défaut : choisissez-en une autre par défaut à sa place.',
      );
    }
    if (input.isDefault === true && !current.isDefault) await clearDefault(tx, customerId);
    const changes: Partial<AddressFields> = { ...input };
    // Coordinates of the old place would send the driver there: a moved address is located again later.
    const moved = LOCATING_FIELDS.some((k) => input[k] !== undefined && input[k] !== current[k]);
    if (moved && input.lat === undefined) {
      changes.lat = null;
      changes.lng = null;
    }
    const updated = await updateAddressRow(tx, customerId, addressId, changes);
    if (!updated) throw addressNotFound();
    return updated;
  });
}

export function deleteAddress(db: Database, customerId: number, addressId: number): Promise<void> {
  return db.transaction(async (tx) => {
    await lockCustomer(tx, customerId);
    const deleted = await deleteAddressRow(tx, customerId, addressId);
    if (!deleted) throw addressNotFound();
    if (deleted.isDefault) await promoteOldestAddress(tx, customerId);
  });
}
