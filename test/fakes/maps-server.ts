// A small Google-Maps-compatible server for tests: the real @googlemaps/google-maps-services-js client talks to it
// over HTTP (per-request `url` override). It answers like the documented Geocoding and Distance Matrix JSON APIs
// from a table of places the test registers, computes driving distances from the great-circle distance, records
// every request (key included, so tests can check it is sent), and can fail or slow down on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePlace {
  lat: number;
  lng: number;
  /** Google's formatted_address. */
  formatted: string;
  /** Default ['street_address']. */
  types?: string[];
  /** Sets partial_match: true, as Google does for an approximate match. */
  partialMatch?: boolean;
}

export interface RecordedMapsRequest {
  method: string;
  path: string;
  /** Every query parameter as received (the key included). */
  query: Record<string, string>;
  key: string | null;
  address: string | null;
  /** `origins` / `destinations` split on `|` (empty when absent). */
  origins: string[];
  destinations: string[];
  /** What was answered: a Google status (`OK`, `ZERO_RESULTS`, `OVER_QUERY_LIMIT`…) or `HTTP 500` / `HTTP 404`. */
  answer: string;
  /** The answer was held back (failure kind `slow`). */
  delayed: boolean;
}

/** What the next request(s) get instead of the normal answer (`slow`: the normal answer, `delayMs` late). */
export type MapsFailureKind =
  'over_query_limit' | 'server_error' | 'slow' | 'request_denied' | 'unknown_error';

/** Overrides one origin → destination element of the Distance Matrix. */
export interface RouteOverride {
  distanceM?: number;
  durationS?: number;
  /** Default: durationS × trafficFactor. */
  durationInTrafficS?: number;
  /** An element status other than OK (NOT_FOUND, ZERO_RESULTS, MAX_ROUTE_LENGTH_EXCEEDED) drops the numbers. */
  status?: string;
}

export interface FakeMapsOptions {
  /** When given, any other key (or none) gets REQUEST_DENIED like Google; else any key is accepted. */
  apiKey?: string;
  /** Great-circle distance × detourFactor = road distance; default 1.3. */
  detourFactor?: number;
  /** Average speed for `duration`; default 20 km/h (Paris). */
  speedKmh?: number;
  /** duration_in_traffic = duration × trafficFactor (only when departure_time is sent); default 1.2. */
  trafficFactor?: number;
}

const GEOCODE_PATH = '/maps/api/geocode/json';
const MATRIX_PATH = '/maps/api/distancematrix/json';
const EARTH_RADIUS_M = 6_371_000;
const MAX_ORIGINS = 25;
const MAX_ELEMENTS = 100;
const DEFAULT_SLOW_MS = 5_000;

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Great-circle distance in metres. */
export function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

const pointKey = (p: { lat: number; lng: number }) => `${p.lat.toFixed(5)},${p.lng.toFixed(5)}`;
const kmText = (m: number) => `${(m / 1000).toFixed(1).replace('.', ',')} km`;
const minText = (s: number) => `${Math.max(1, Math.round(s / 60))} min`;

export class FakeMapsServer {
  baseUrl = '';
  readonly requests: RecordedMapsRequest[] = [];
  private readonly places: { match: string; place: FakePlace }[] = [];
  private readonly routes = new Map<string, RouteOverride>();
  private readonly failures: { kind: MapsFailureKind; delayMs: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;

  constructor(private readonly options: FakeMapsOptions = {}) {
    this.server = createServer((req, res) => this.receive(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets requests, places, route overrides and pending failures. */
  reset(): void {
    this.requests.length = 0;
    this.places.length = 0;
    this.failures.length = 0;
    this.routes.clear();
  }

  /**
   * A place the geocoder knows. `match` is compared with the requested address without case, accents or
   * punctuation: equal first, else contained in it ("12 rue Oberkampf" matches "12, rue Oberkampf, 75011 Paris,
   * France"). Later registrations win over earlier ones.
   */
  addPlace(match: string, place: FakePlace): void {
    this.places.unshift({ match: normalise(match), place });
  }

  /** The Distance Matrix element from `origin` to `destination` (coordinates compared to 5 decimals). */
  setRoute(
    origin: { lat: number; lng: number },
    destination: { lat: number; lng: number },
    route: RouteOverride,
  ): void {
    this.routes.set(`${pointKey(origin)}>${pointKey(destination)}`, route);
  }

  /** The next `times` requests (to either API) fail this way; `slow` answers normally `delayMs` late. */
  failNext(kind: MapsFailureKind, times = 1, options: { delayMs?: number } = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ kind, delayMs: options.delayMs ?? DEFAULT_SLOW_MS });
  }

  requestsTo(api: 'geocode' | 'distancematrix'): RecordedMapsRequest[] {
    return this.requests.filter((r) => r.path === (api === 'geocode' ? GEOCODE_PATH : MATRIX_PATH));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake-maps');
    const query = Object.fromEntries(url.searchParams);
    const list = (name: string) => (query[name] ? query[name].split('|') : []);
    const record: RecordedMapsRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      key: query.key ?? null,
      address: query.address ?? null,
      origins: list('origins'),
      destinations: list('destinations'),
      answer: '',
      delayed: false,
    };
    this.requests.push(record);
    req.resume();

    const failure = this.failures.shift();
    const send = (status: number, body: unknown) => {
      record.answer = status === 200 ? String((body as { status: string }).status) : `HTTP ${status}`;
      if (res.destroyed) return; // the client gave up (timeout) before a slow answer
      if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8' }).end(body);
      } else {
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(body, null, 3));
      }
    };

    if (failure?.kind === 'server_error') {
      return send(500, '<html><title>Error 500 (Server Error)!!1</title><p>That’s an error.</p></html>');
    }
    if (failure?.kind === 'over_query_limit') {
      return send(
        200,
        this.errorBody(url.pathname, 'OVER_QUERY_LIMIT', 'You have exceeded your rate-limit for this API.'),
      );
    }
    if (failure?.kind === 'unknown_error') return send(200, this.errorBody(url.pathname, 'UNKNOWN_ERROR'));
    if (failure?.kind === 'request_denied') {
      return send(
        200,
        this.errorBody(url.pathname, 'REQUEST_DENIED', 'This API project is not authorized to use this API.'),
      );
    }
    const answer = () => {
      const [status, body] = this.answer(url.pathname, query);
      send(status, body);
    };
    if (failure?.kind === 'slow') {
      record.delayed = true;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        answer();
      }, failure.delayMs);
      this.timers.add(timer);
      return;
    }
    answer();
  }

  private answer(path: string, query: Record<string, string>): [number, unknown] {
    if (path !== GEOCODE_PATH && path !== MATRIX_PATH) {
      return [404, '<html><title>Error 404 (Not Found)!!1</title></html>'];
    }
    if (this.options.apiKey !== undefined && query.key !== this.options.apiKey) {
      const message = query.key
        ? 'The provided API key is invalid. '
        : 'You must use an API key to authenticate each request to Google Maps Platform APIs.';
      return [200, this.errorBody(path, 'REQUEST_DENIED', message)];
    }
    return [200, path === GEOCODE_PATH ? this.geocode(query) : this.matrix(query)];
  }

  private errorBody(path: string, status: string, message?: string): object {
    const empty =
      path === MATRIX_PATH ? { destination_addresses: [], origin_addresses: [], rows: [] } : { results: [] };
    return { ...empty, ...(message ? { error_message: message } : {}), status };
  }

  private lookup(text: string): FakePlace | null {
    const wanted = normalise(text);
    const exact = this.places.find((p) => p.match === wanted);
    if (exact) return exact.place;
    return (
      this.places.find((p) => p.match.length > 0 && ` ${wanted} `.includes(` ${p.match} `))?.place ?? null
    );
  }

  private geocode(query: Record<string, string>): object {
    if (!query.address && !query.components) {
      return this.errorBody(
        GEOCODE_PATH,
        'INVALID_REQUEST',
        "Invalid request. Missing the 'address', 'components', 'latlng' or 'place_id' parameter.",
      );
    }
    const place = query.address ? this.lookup(query.address) : null;
    if (!place) return { results: [], status: 'ZERO_RESULTS' };
    const d = 0.0013;
    return {
      results: [
        {
          address_components: [],
          formatted_address: place.formatted,
          geometry: {
            location: { lat: place.lat, lng: place.lng },
            location_type: 'ROOFTOP',
            viewport: {
              northeast: { lat: place.lat + d, lng: place.lng + d },
              southwest: { lat: place.lat - d, lng: place.lng - d },
            },
          },
          ...(place.partialMatch ? { partial_match: true } : {}),
          place_id: `fake_${normalise(place.formatted).replace(/ /g, '_')}`,
          types: place.types ?? ['street_address'],
        },
      ],
      status: 'OK',
    };
  }

  /** "48.86,2.37" → a point; anything else is looked up as an address. */
  private point(text: string): { lat: number; lng: number; label: string } | null {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
    if (m) return { lat: Number(m[1]), lng: Number(m[2]), label: text };
    const place = this.lookup(text);
    return place && { lat: place.lat, lng: place.lng, label: place.formatted };
  }

  private matrix(query: Record<string, string>): object {
    const origins = query.origins ? query.origins.split('|') : [];
    const destinations = query.destinations ? query.destinations.split('|') : [];
    if (origins.length === 0 || destinations.length === 0) {
      return this.errorBody(
        MATRIX_PATH,
        'INVALID_REQUEST',
        'Invalid request. Missing the origins or destinations parameter.',
      );
    }
    if (origins.length > MAX_ORIGINS || destinations.length > MAX_ORIGINS) {
      return this.errorBody(MATRIX_PATH, 'MAX_DIMENSIONS_EXCEEDED');
    }
    if (origins.length * destinations.length > MAX_ELEMENTS)
      return this.errorBody(MATRIX_PATH, 'MAX_ELEMENTS_EXCEEDED');
    const from = origins.map((o) => this.point(o));
    const to = destinations.map((d) => this.point(d));
    const withTraffic = query.departure_time !== undefined && (query.mode ?? 'driving') === 'driving';
    return {
      destination_addresses: to.map((p, i) => p?.label ?? destinations[i]),
      origin_addresses: from.map((p, i) => p?.label ?? origins[i]),
      rows: from.map((a) => ({ elements: to.map((b) => this.element(a, b, withTraffic)) })),
      status: 'OK',
    };
  }

  private element(
    a: { lat: number; lng: number } | null,
    b: { lat: number; lng: number } | null,
    withTraffic: boolean,
  ): object {
    if (!a || !b) return { status: 'NOT_FOUND' };
    const override = this.routes.get(`${pointKey(a)}>${pointKey(b)}`) ?? {};
    if (override.status && override.status !== 'OK') return { status: override.status };
    const speedMs = ((this.options.speedKmh ?? 20) * 1000) / 3600;
    const distanceM = override.distanceM ?? Math.round(haversineM(a, b) * (this.options.detourFactor ?? 1.3));
    const durationS = override.durationS ?? Math.round(distanceM / speedMs);
    const trafficS =
      override.durationInTrafficS ?? Math.round(durationS * (this.options.trafficFactor ?? 1.2));
    return {
      distance: { text: kmText(distanceM), value: distanceM },
      duration: { text: minText(durationS), value: durationS },
      ...(withTraffic ? { duration_in_traffic: { text: minText(trafficS), value: trafficS } } : {}),
      status: 'OK',
    };
  }
}

export async function startFakeMaps(options: FakeMapsOptions = {}): Promise<FakeMapsServer> {
  return new FakeMapsServer(options).listen();
}
