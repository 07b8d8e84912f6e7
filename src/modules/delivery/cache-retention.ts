// The geocoding cache keeps addresses people typed: the retention job deletes entries older than
// RETENTION_GEOCODE_CACHE_DAYS (the next look-up of that address asks the provider again), in bounded batches
// over geocode_cache_created_idx.
import type { Tx } from '../../db/executor.js';

export function purgeGeocodeCache(tx: Tx, before: Date, limit: number): Promise<number> {
  return tx.exec(
    `DELETE FROM geocode_cache WHERE address_key IN (
       SELECT address_key FROM geocode_cache WHERE created_at < $1 ORDER BY created_at
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [before, limit],
  );
}
