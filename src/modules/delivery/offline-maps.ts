// The offline approximation of the map provider, for development without MAPS_API_KEY (never in production):
// addresses are located from the seeded places of the served area (`served_area_places`: a centroid per street
// within a postcode, and per postcode), and travel is the great-circle distance stretched by a detour factor,
// driven at an average urban speed. Every answer says it is approximate, and creation logs a warning.
import type { Database } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import { log } from '../../shared/logger.js';
import { formatAddress, streetKey, type PostalAddress } from './address-key.js';
import { greatCircleDistanceM } from './geo.js';
import type { GeoPoint, GeocodeResult, MapsProvider, TravelEstimate } from './maps.types.js';

export { EARTH_RADIUS_M, greatCircleDistanceM } from './geo.js';

/**
 * Road distance ÷ straight-line distance in Paris and its near suburbs: streets are not straight, one-way
 * streets and the Seine bridges add more. 1.3 is the usual figure for a dense urban grid.
 */
export const DETOUR_FACTOR = 1.3;
/** Average speed of a delivery scooter in town, stops at lights included. */
export const AVERAGE_URBAN_SPEED_KMH = 18;
/** Appended to every formatted address the offline approximation returns. */
export const APPROXIMATE_MARK = '(position approchée)';

/**
 * The offline travel estimate from `origin` to `destination`: road distance = great-circle distance ×
 * DETOUR_FACTOR, duration = road distance ÷ AVERAGE_URBAN_SPEED_KMH; each rounded to an integer (m, s).
 */
export function approximateTravel(
  origin: GeoPoint,
  destination: GeoPoint,
): { distanceM: number; durationS: number } {
  const straightM = greatCircleDistanceM(origin, destination);
  return { distanceM: Math.round(straightM * DETOUR_FACTOR), durationS: approximateDriveSeconds(straightM) };
}

/** The offline estimate of the drive over `straightLineM` metres as the crow flies (seconds, rounded). */
export function approximateDriveSeconds(straightLineM: number): number {
  const metresPerSecond = (AVERAGE_URBAN_SPEED_KMH * 1000) / 3600;
  return Math.round((straightLineM * DETOUR_FACTOR) / metresPerSecond);
}

// ---------------------------------------------------------------------------------------------- street matching

/** Common abbreviations of French street types and titles, as customers type them. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  r: 'rue',
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  blvd: 'boulevard',
  boul: 'boulevard',
  pl: 'place',
  sq: 'square',
  imp: 'impasse',
  pas: 'passage',
  fg: 'faubourg',
  fbg: 'faubourg',
  qu: 'quai',
  crs: 'cours',
  rte: 'route',
  st: 'saint',
  ste: 'sainte',
  gal: 'general',
  gen: 'general',
  mal: 'marechal',
  pdt: 'president',
  pres: 'president',
};
/** Articles and elisions that customers add or leave out: "rue d'Oberkampf" is rue Oberkampf. */
const PARTICLES = new Set(['d', 'de', 'du', 'des', 'l', 'la', 'le', 'les', 'au', 'aux']);
/** A leading house number, range or suffix left after streetKey: "12 14 rue …", "12 b rue …". */
const HOUSE_NUMBER = /^(\d+|bis|ter|quater|[a-d])$/;

/** A looser street key: no house numbers left, abbreviations spelled out, articles dropped. */
function looseStreetKey(key: string): string {
  const words = key.split(' ').filter(Boolean);
  while (words.length > 1 && HOUSE_NUMBER.test(words[0])) words.shift();
  return words
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => !PARTICLES.has(w))
    .join(' ');
}

interface PlaceRow {
  city: string;
  street: string | null;
  street_key: string | null;
  lat: number;
  lng: number;
}

/** The street of `line1` among the places of one postcode: exact key, then loose key, then a loose suffix. */
function matchStreet(line1: string, places: readonly PlaceRow[]): PlaceRow | undefined {
  const streets = places.filter((p) => p.street_key !== null);
  const key = streetKey(line1);
  const exact = streets.find((p) => p.street_key === key);
  if (exact) return exact;
  const loose = looseStreetKey(key);
  if (loose === '') return undefined;
  const sameLoose = streets.find((p) => looseStreetKey(p.street_key!) === loose);
  if (sameLoose) return sameLoose;
  // "Résidence du Parc 12 rue Oberkampf": the longest known street the line ends with.
  return streets
    .map((p) => ({ p, k: looseStreetKey(p.street_key!) }))
    .filter(({ k }) => k !== '' && loose.endsWith(` ${k}`))
    .sort((a, b) => b.k.length - a.k.length)[0]?.p;
}

// ---------------------------------------------------------------------------------------------- provider

export function createOfflineMaps(db: Database): MapsProvider {
  log().warn(
    { maps: 'offline', detourFactor: DETOUR_FACTOR, averageSpeedKmh: AVERAGE_URBAN_SPEED_KMH },
    'Maps: no MAPS_API_KEY, using the OFFLINE APPROXIMATION. Addresses are placed at their street or postcode ' +
      'centroid from served_area_places (served area only), travel is the straight-line distance × ' +
      `${DETOUR_FACTOR} at ${AVERAGE_URBAN_SPEED_KMH} km/h. Positions, zones and delivery times are approximate; ` +
      'set MAPS_API_KEY for real geocoding and routes.',
  );

  return {
    approximate: true,

    async geocode(address: PostalAddress): Promise<GeocodeResult> {
      const postcode = address.postcode.replace(/\s+/g, '');
      const places = await db.read((ex) =>
        ex.many<PlaceRow>(
          `SELECT city, street, street_key, lat, lng FROM served_area_places WHERE postcode = $1 ORDER BY id`,
          [postcode],
        ),
      );
      const place = matchStreet(address.line1, places) ?? places.find((p) => p.street_key === null);
      if (!place)
        throw new AppError(
          422,
          'address_not_found',
          'Adresse introuvable : sans clé Google Maps, le mode hors ligne ne sait localiser que les adresses de la ' +
            'zone desservie par nos pizzerias (Paris et proche banlieue), ' +
            (places.length === 0
              ? `et le code postal « ${postcode} » n'en fait pas partie. Vérifiez le code postal.`
              : `et cette rue du ${postcode} n'y est pas connue. Vérifiez l'adresse.`),
          { postcode },
        );
      return {
        point: { lat: Number(place.lat), lng: Number(place.lng) },
        formattedAddress: `${formatAddress({ ...address, postcode, city: place.city })} ${APPROXIMATE_MARK}`,
      };
    },

    async travel(origins: GeoPoint[], destination: GeoPoint): Promise<TravelEstimate[]> {
      return origins.map((origin, originIndex) => ({
        originIndex,
        ...approximateTravel(origin, destination),
      }));
    },
  };
}
