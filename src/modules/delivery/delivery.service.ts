// Which shop delivers an address, and how long it takes: a shop delivers within its radius (straight line)
// while it is open; among those, the shortest driving time wins. Travel times come from the map provider in
// one call for all candidate shops.
import type { Database } from '../../db/executor.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import type { PizzeriasService, PublicPizzeria } from '../pizzerias/index.js';
import type { PostalAddress } from './address-key.js';
import { greatCircleM } from './geo.js';
import { geocodeAddress } from './geocoding.service.js';
import type { GeoPoint, MapsProvider } from './maps.types.js';

/** What the delivery rules need: the database (geocode cache), the map provider and the shops. */
export interface DeliveryDeps {
  db: Database;
  maps: MapsProvider;
  pizzerias: Pick<PizzeriasService, 'list'>;
}

export interface ShopDistance {
  /** As the public API shows it; `isOpenNow` at the pizzerias module's clock. */
  shop: PublicPizzeria;
  /** Straight line, metres: decides the delivery zone. */
  distanceM: number;
  inZone: boolean;
  isOpen: boolean;
  /** Driving, from the provider (null when the provider found no route). */
  travel: { distanceM: number; durationS: number } | null;
}

export interface DeliveryQuote {
  shop: PublicPizzeria;
  point: GeoPoint;
  formattedAddress: string;
  distanceM: number;
  travelSeconds: number;
  approximate: boolean;
}

const km = (m: number) => `${(m / 1000).toFixed(1).replace('.', ',')} km`;

/** Every active shop with its distance to `point`; driving times for `withTravel` shops (one provider call). */
export async function shopDistances(
  { maps, pizzerias }: Pick<DeliveryDeps, 'maps' | 'pizzerias'>,
  point: GeoPoint,
  withTravel: (s: ShopDistance) => boolean = () => true,
): Promise<ShopDistance[]> {
  const shops = (await pizzerias.list()).map((shop) => {
    const distanceM = greatCircleM(shop.location, point);
    return {
      shop,
      distanceM,
      inZone: distanceM <= shop.delivery.radiusM,
      isOpen: shop.isOpenNow,
      travel: null as ShopDistance['travel'],
    };
  });
  const asked = shops.filter(withTravel);
  if (asked.length > 0) {
    const estimates = await maps.travel(
      asked.map((s) => ({ lat: s.shop.location.lat, lng: s.shop.location.lng })),
      point,
    );
    for (const e of estimates)
      asked[e.originIndex].travel = { distanceM: e.distanceM, durationS: e.durationS };
  }
  return shops;
}

const byTravel = (a: ShopDistance, b: ShopDistance) =>
  (a.travel?.durationS ?? Number.MAX_SAFE_INTEGER) - (b.travel?.durationS ?? Number.MAX_SAFE_INTEGER) ||
  a.distanceM - b.distanceM;

/**
 * The shop that delivers `address`: the requested one if it delivers there (else 422), otherwise the open shop
 * whose zone contains the address with the shortest driving time (none → 422 naming the nearest shop).
 */
export async function quoteDelivery(
  deps: DeliveryDeps,
  address: PostalAddress,
  requestedShopId?: number,
  /** An order for later may be placed while the requested shop is closed (its slot is within its hours). */
  { forLater = false }: { forLater?: boolean } = {},
): Promise<DeliveryQuote> {
  const geo = await geocodeAddress(deps.db, deps.maps, address);
  const shops = await shopDistances(deps, geo.point, (s) =>
    requestedShopId ? s.shop.id === requestedShopId : s.inZone && s.isOpen,
  );
  let chosen: ShopDistance | undefined;
  if (requestedShopId) {
    chosen = shops.find((s) => s.shop.id === requestedShopId);
    if (chosen && !chosen.inZone) {
      throw new ValidationError(
        `${chosen.shop.name} ne livre pas à cette adresse (${km(chosen.distanceM)}, zone de ${km(chosen.shop.delivery.radiusM)}).`,
        { pizzeriaId: chosen.shop.id, distanceM: chosen.distanceM, radiusM: chosen.shop.delivery.radiusM },
        'outside_delivery_zone',
      );
    }
    if (chosen && !chosen.isOpen && !forLater) {
      throw new ConflictError(
        'pizzeria_closed',
        `${chosen.shop.name} est fermée en ce moment : consultez ses horaires.`,
      );
    }
  } else {
    chosen = shops.filter((s) => s.inZone && s.isOpen && s.travel).sort(byTravel)[0];
  }
  if (!chosen) {
    const nearest = [...shops].sort((a, b) => a.distanceM - b.distanceM)[0];
    throw new ValidationError(
      nearest
        ? `Aucune pizzeria ouverte ne livre cette adresse. La plus proche est ${nearest.shop.name}, à ${km(nearest.distanceM)}.`
        : 'Aucune pizzeria ne livre cette adresse.',
      nearest
        ? { nearest: { pizzeriaId: nearest.shop.id, name: nearest.shop.name, distanceM: nearest.distanceM } }
        : undefined,
      'no_pizzeria_delivers',
    );
  }
  const travel = chosen.travel ?? {
    distanceM: chosen.distanceM,
    durationS: Math.round(chosen.distanceM / 5),
  };
  return {
    shop: chosen.shop,
    point: geo.point,
    formattedAddress: geo.formattedAddress,
    distanceM: travel.distanceM,
    travelSeconds: travel.durationS,
    approximate: geo.approximate,
  };
}
