// Straight-line distance on the Earth, used for delivery zones (a shop delivers within a radius) and to order a
// driver's stops; travel times come from the map provider.
import type { GeoPoint } from './maps.types.js';

/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_M = 6_371_000;

/** Straight-line (haversine) distance in metres, not rounded. */
export function greatCircleDistanceM(a: GeoPoint, b: GeoPoint): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The same, in whole metres. */
export const greatCircleM = (a: GeoPoint, b: GeoPoint): number => Math.round(greatCircleDistanceM(a, b));

/** Visiting order from `start`: always the nearest remaining stop next (good enough for a few deliveries). */
export function nearestNeighbourOrder<T extends { point: GeoPoint | null }>(
  start: GeoPoint,
  stops: T[],
): T[] {
  const located = stops.filter((s) => s.point);
  const unlocated = stops.filter((s) => !s.point);
  const route: T[] = [];
  let here = start;
  while (located.length > 0) {
    let best = 0;
    for (let i = 1; i < located.length; i++) {
      if (greatCircleM(here, located[i].point!) < greatCircleM(here, located[best].point!)) best = i;
    }
    const [next] = located.splice(best, 1);
    route.push(next);
    here = next.point!;
  }
  return [...route, ...unlocated];
}
