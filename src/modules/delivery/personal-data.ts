// The delivery module's part of a customer's personal data (issue 21): the geocoding cache entries of their saved
// addresses and of their orders' delivery addresses. The cache is keyed by the address alone (addressKey), so
// the owners of those addresses (customers, orders) name them; an erasure collects them before anything else
// is erased, the holder running first.
import type { Executor } from '../../db/executor.js';
import type { PersonalDataHolder, PrivacySubject } from '../privacy/index.js';
import { addressKey, type PostalAddress } from './address-key.js';

export type SubjectAddresses = (ex: Executor, subject: PrivacySubject) => Promise<PostalAddress[]>;

export function deliveryHolder(addressesOf: SubjectAddresses): PersonalDataHolder {
  const keysOf = async (ex: Executor, subject: PrivacySubject) => [
    ...new Set((await addressesOf(ex, subject)).map(addressKey)),
  ];
  return {
    module: 'delivery',
    tables: [
      { table: 'geocode_cache', treatment: 'deleted', why: 'positions des adresses du client (cache)' },
    ],
    async exportFor(ex, subject) {
      return {
        geocodedAddresses: await ex.many(
          `SELECT address_key AS "addressKey", query, found, lat, lng, formatted_address AS "formattedAddress",
                  created_at AS "createdAt"
             FROM geocode_cache WHERE address_key = ANY($1::text[]) ORDER BY address_key`,
          [await keysOf(ex, subject)],
        ),
      };
    },
    async erase(tx, subject) {
      const keys = await keysOf(tx, subject);
      return {
        geocode_cache: await tx.exec(`DELETE FROM geocode_cache WHERE address_key = ANY($1::text[])`, [keys]),
      };
    },
  };
}
