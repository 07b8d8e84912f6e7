// A customer's saved delivery addresses. Rules: only the owner sees or touches an address (anyone else gets
// the same 404 as for a missing one, so ids reveal nothing); at most 20 per customer; whenever a customer has
// addresses, exactly one is the default (the first one, then the one they choose).
import type { Sequelize, Transaction } from 'sequelize';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
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

export function listAddresses(db: Sequelize, customerId: number): Promise<Address[]> {
  return listAddressRows(db, customerId);
}

/**
 * The customer's address as a plain snapshot for an order, or undefined when they have no such address (an
 * address of someone else included). Pass the order's transaction to read it there.
 */
export async function findAddressOfCustomer(
  db: Sequelize,
  customerId: number,
  addressId: number,
  options: { transaction?: Transaction } = {},
): Promise<DeliveryAddress | undefined> {
  const row = await findAddressRow(db, customerId, addressId, options.transaction);
  if (!row) return undefined;
  const { isDefault: _notPartOfTheSnapshot, ...address } = row;
  return address;
}

export function createAddress(
  db: Sequelize,
  customerId: number,
  input: CreateAddressInput,
): Promise<Address> {
  return db.transaction(async (transaction) => {
    await lockCustomer(db, customerId, transaction);
    const count = await countAddresses(db, customerId, transaction);
    if (count >= MAX_ADDRESSES_PER_CUSTOMER) {
      throw new ConflictError(
        'too_many_addresses',
        `Vous avez déjà ${MAX_ADDRESSES_PER_CUSTOMER} adresses enregistrées : supprimez-en une avant d’en ` +
          'ajouter une autre.',
        { max: MAX_ADDRESSES_PER_CUSTOMER },
      );
    }
    const isDefault = count === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(db, customerId, transaction);
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
    return insertAddressRow(db, customerId, fields, transaction);
  });
}

const LOCATING_FIELDS = ['line1', 'postcode', 'city'] as const;

export function updateAddress(
  db: Sequelize,
  customerId: number,
  addressId: number,
  input: UpdateAddressInput,
): Promise<Address> {
  return db.transaction(async (transaction) => {
    await lockCustomer(db, customerId, transaction);
    const current = await findAddressRow(db, customerId, addressId, transaction);
    if (!current) throw addressNotFound();
    if (input.isDefault === false && current.isDefault) {
      throw new ConflictError(
        'default_address_required',
        'Cette adresse est votre adresse par défaut : choisissez-en une autre par défaut à sa place.',
      );
    }
    if (input.isDefault === true && !current.isDefault) await clearDefault(db, customerId, transaction);
    const changes: Partial<AddressFields> = { ...input };
    // Coordinates of the old place would send the driver there: a moved address is located again later.
    const moved = LOCATING_FIELDS.some((k) => input[k] !== undefined && input[k] !== current[k]);
    if (moved && input.lat === undefined) {
      changes.lat = null;
      changes.lng = null;
    }
    const updated = await updateAddressRow(db, customerId, addressId, changes, transaction);
    if (!updated) throw addressNotFound();
    return updated;
  });
}

export function deleteAddress(db: Sequelize, customerId: number, addressId: number): Promise<void> {
  return db.transaction(async (transaction) => {
    await lockCustomer(db, customerId, transaction);
    const deleted = await deleteAddressRow(db, customerId, addressId, transaction);
    if (!deleted) throw addressNotFound();
    if (deleted.isDefault) await promoteOldestAddress(db, customerId, transaction);
  });
}
