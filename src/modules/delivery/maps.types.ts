// What the delivery rules need from a map provider: a point for an address, and driving times from shops.
// Two implementations: Google Maps (maps.gateway.ts, the only importer of the Google client) and, without a
// key outside production, an offline approximation (offline-maps.ts) that says it is one.
import type { PostalAddress } from './address-key.js';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface GeocodeResult {
  point: GeoPoint;
  formattedAddress: string;
}

export interface TravelEstimate {
  /** Index in the origins given. */
  originIndex: number;
  distanceM: number;
  durationS: number;
}

export interface MapsProvider {
  /** True for the offline approximation: answers and logs say so. */
  readonly approximate: boolean;
  /** Throws 422 address_not_found when the address does not exist, 503 maps_unavailable when the provider fails. */
  geocode(address: PostalAddress): Promise<GeocodeResult>;
  /** Driving distance and time from each origin to the destination (same order as `origins`). */
  travel(origins: GeoPoint[], destination: GeoPoint): Promise<TravelEstimate[]>;
}
