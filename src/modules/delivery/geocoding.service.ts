// Geocoding with a cache in PostgreSQL: the same normalised address never costs a second paid call (shared by
// every app process). "Not found" answers are cached for a day, so that a mistyped address retried at once
// does not hit the provider again.
import type { Database } from '../../db/executor.js';
import { addressKey, formatAddress, type PostalAddress } from './address-key.js';
import { AddressNotFoundError } from './maps-errors.js';
import type { GeocodeResult, MapsProvider } from './maps.types.js';

export const NOT_FOUND_TTL_HOURS = 24;

export async function geocodeAddress(
  db: Database,
  maps: MapsProvider,
  address: PostalAddress,
): Promise<GeocodeResult & { approximate: boolean }> {
  if (maps.approximate) return { ...(await maps.geocode(address)), approximate: true };
  const key = addressKey(address);
  const cached = await db.read((ex) =>
    ex.one<{ found: boolean; lat: number; lng: number; formatted: string }>(
      `SELECT found, lat, lng, formatted_address AS formatted FROM geocode_cache
        WHERE address_key = $1 AND (found OR created_at > now() - make_interval(hours => $2))`,
      [key, NOT_FOUND_TTL_HOURS],
    ),
  );
  if (cached) {
    if (!cached.found) throw new AddressNotFoundError();
    return {
      point: { lat: cached.lat, lng: cached.lng },
      formattedAddress: cached.formatted,
      approximate: false,
    };
  }
  const store = (found: boolean, r?: GeocodeResult) =>
    db.transaction((tx) =>
      tx.exec(
        `INSERT INTO geocode_cache (address_key, query, found, lat, lng, formatted_address) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (address_key) DO UPDATE SET found = EXCLUDED.found, lat = EXCLUDED.lat, lng = EXCLUDED.lng,
           formatted_address = EXCLUDED.formatted_address, created_at = now()`,
        [
          key,
          formatAddress(address),
          found,
          r?.point.lat ?? null,
          r?.point.lng ?? null,
          r?.formattedAddress.slice(0, 300) ?? null,
        ],
      ),
    );
  try {
    const result = await maps.geocode(address);
    await store(true, result);
    return { ...result, approximate: false };
  } catch (error) {
    if (error instanceof AddressNotFoundError) await store(false);
    throw error;
  }
}
