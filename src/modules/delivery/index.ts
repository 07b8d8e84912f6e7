// The delivery module: where an address is (geocoding, cached in PostgreSQL), which shop delivers it and how long
// the drive takes. The map provider of the process is Google Maps with a key (always in production), otherwise
// the offline approximation, which says so in every answer and in the logs. It alone writes geocode_cache and
// served_area_places.
import type { Settings } from '../../config/index.js';
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { PizzeriasService } from '../pizzerias/index.js';
import type { PostalAddress } from './address-key.js';
import { quoteDelivery, shopDistances, type ShopDistance } from './delivery.service.js';
import { geocodeAddress } from './geocoding.service.js';
import { createGoogleMapsGateway } from './maps.gateway.js';
import type { GeoPoint, MapsProvider } from './maps.types.js';
import { createOfflineMaps } from './offline-maps.js';

export { addressKey, formatAddress, normaliseText, streetKey, type PostalAddress } from './address-key.js';
export { deliveryHolder, type SubjectAddresses } from './personal-data.js';
export type { DeliveryQuote, ShopDistance } from './delivery.service.js';
export { deliveryRouter, parsePostalAddress } from './delivery.routes.js';
export { EARTH_RADIUS_M, greatCircleDistanceM, greatCircleM, nearestNeighbourOrder } from './geo.js';
export { NOT_FOUND_TTL_HOURS } from './geocoding.service.js';
export { AddressNotFoundError, MapsUnavailableError, type MapsFailureReason } from './maps-errors.js';
export type { GeoPoint, GeocodeResult, MapsProvider, TravelEstimate } from './maps.types.js';
export {
  APPROXIMATE_MARK,
  AVERAGE_URBAN_SPEED_KMH,
  DETOUR_FACTOR,
  approximateTravel,
} from './offline-maps.js';
export { approximateDriveSeconds } from './offline-maps.js';

export function createMapsProvider(settings: Settings, db: Database): MapsProvider {
  const { apiKey, apiBase, timeoutMs } = settings.maps;
  if (apiKey) return createGoogleMapsGateway({ apiKey, baseUrl: apiBase, timeoutMs });
  if (settings.isProduction) throw new Error('MAPS_API_KEY is required in production');
  return createOfflineMaps(db);
}

export function createDeliveryService({
  db,
  maps,
  pizzerias,
}: {
  db: Database;
  maps: MapsProvider;
  pizzerias: PizzeriasService;
  /** Opening hours are read at the pizzerias service's clock (the same one, from the wiring). */
  clock: Clock;
}) {
  const deps = { db, maps, pizzerias };
  return {
    /** True when the map provider is the offline approximation (answers must say so). */
    approximate: maps.approximate,
    /** The point of an address (cached; 422 address_not_found, 503 maps_unavailable). */
    geocode: (address: PostalAddress) => geocodeAddress(db, maps, address),
    /** Every active shop with its distance to `point`, and driving times for the `withTravel` ones. */
    shopDistances: (point: GeoPoint, withTravel?: (s: ShopDistance) => boolean) =>
      shopDistances(deps, point, withTravel),
    /**
     * The shop that delivers `address`: the requested one if it delivers there (else 422 outside_delivery_zone,
     * 409 pizzeria_closed unless the order is for later), otherwise the open shop with the shortest drive (none: 422 no_pizzeria_delivers).
     * Calls the map provider: never inside a transaction.
     */
    quote: (address: PostalAddress, requestedShopId?: number, options?: { forLater?: boolean }) =>
      quoteDelivery(deps, address, requestedShopId, options),
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
