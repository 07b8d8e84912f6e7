// Google Maps gateway: the only module importing @googlemaps/google-maps-services-js. Everything else sees the
// MapsProvider interface, plain numbers (metres, seconds) and typed errors (maps-errors.ts).
//
// Retries are ours, not the client's: the client's built-in retry-axios would retry 5xx and 429 three times with
// waits of 0.5 to 3.5 s, plus connection failures twice, which no customer waiting on an order page would sit
// through; and it cannot see OVER_QUERY_LIMIT as retryable before its adapter turns it into an HTTP 429. So each
// request turns it off and this file retries a bounded number of times with exponential back-off.
import {
  Client,
  Status,
  TravelMode,
  UnitSystem,
  type DistanceMatrixResponseData,
  type GeocodeResponseData,
} from '@googlemaps/google-maps-services-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../../shared/logger.js';
import { formatAddress } from './address-key.js';
import { AddressNotFoundError, MapsUnavailableError, type MapsFailureReason } from './maps-errors.js';
import type { GeoPoint, MapsProvider, TravelEstimate } from './maps.types.js';

/** The part of a pino logger the gateway uses. */
export interface MapsLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface GoogleMapsGatewayOptions {
  /** Sent as the `key` query parameter, as the client does; never logged nor put in errors. */
  apiKey: string;
  /** Origin of a Google-compatible server (tests), e.g. `http://127.0.0.1:4567`; null/undefined: Google itself. */
  baseUrl?: string | null;
  /** Per attempt; default 3000. */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx, UNKNOWN_ERROR, OVER_QUERY_LIMIT, timeouts and network errors; default 2. */
  maxRetries?: number;
  /** First back-off wait, doubled at each retry (±25 % jitter); default 200. */
  retryBaseMs?: number;
  /** Default: the process logger (shared/logger.ts), looked up at use time. */
  logger?: MapsLogger;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_BASE_MS = 200;
/** Distance Matrix accepts at most 25 origins per request. */
const MAX_ORIGINS_PER_REQUEST = 25;
const API_PATHS = {
  geocode: '/maps/api/geocode/json',
  distancematrix: '/maps/api/distancematrix/json',
} as const;
type Api = keyof typeof API_PATHS;

const RETRYABLE_STATUSES: Record<string, MapsFailureReason> = {
  OVER_QUERY_LIMIT: 'over_query_limit',
  UNKNOWN_ERROR: 'server_error',
};
// OVER_DAILY_LIMIT means a missing or invalid key or billing turned off, despite its name: retrying cannot help.
const REFUSED_STATUSES: Record<string, MapsFailureReason> = {
  REQUEST_DENIED: 'request_denied',
  OVER_DAILY_LIMIT: 'request_denied',
  INVALID_REQUEST: 'invalid_request',
};
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

interface Failure {
  reason: MapsFailureReason;
  retry: boolean;
  httpStatus: number | null;
  providerStatus: string | null;
  providerMessage: string | null;
  errorCode: string | null;
}

/** What each attempt passes to the client besides `params`. */
interface AttemptConfig {
  url?: string;
  timeout: number;
  signal: AbortSignal;
  raxConfig: { retry: number; noResponseRetries: number };
}

interface HttpErrorLike {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data: unknown };
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`createGoogleMapsGateway: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function origin(baseUrl: string | null | undefined): string | null {
  if (!baseUrl) return null;
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('createGoogleMapsGateway: baseUrl must be an http(s) origin');
  }
  return url.origin;
}

function field(data: unknown, name: string): string | null {
  const value =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && error !== null && (error as HttpErrorLike).isAxiosError === true;
}

function checkPoint(p: GeoPoint): GeoPoint {
  if (!Number.isFinite(p?.lat) || !Number.isFinite(p?.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
    throw new RangeError('travel: points need finite lat (-90..90) and lng (-180..180)');
  }
  return { lat: p.lat, lng: p.lng };
}

/** Null when the answer is a success (OK, or ZERO_RESULTS which callers interpret). */
function classifyAnswer(httpStatus: number, data: unknown): Failure | null {
  const providerStatus = field(data, 'status');
  if (httpStatus < 300 && (providerStatus === Status.OK || providerStatus === Status.ZERO_RESULTS))
    return null;
  const base = { httpStatus, providerStatus, providerMessage: field(data, 'error_message'), errorCode: null };
  if (providerStatus && RETRYABLE_STATUSES[providerStatus]) {
    return { ...base, reason: RETRYABLE_STATUSES[providerStatus], retry: true };
  }
  if (providerStatus && REFUSED_STATUSES[providerStatus]) {
    return { ...base, reason: REFUSED_STATUSES[providerStatus], retry: false };
  }
  if (httpStatus >= 500) return { ...base, reason: 'server_error', retry: true };
  if (httpStatus === 429) return { ...base, reason: 'over_query_limit', retry: true };
  if (httpStatus >= 400) return { ...base, reason: 'invalid_request', retry: false };
  // A 2xx that is not the documented JSON, or a status this file does not know (MAX_ELEMENTS_EXCEEDED…).
  return { ...base, reason: providerStatus ? 'invalid_request' : 'unexpected_answer', retry: false };
}

function classifyError(error: HttpErrorLike, timedOut: boolean): Failure {
  if (error.response) {
    return (
      classifyAnswer(error.response.status, error.response.data) ?? {
        reason: 'unexpected_answer',
        retry: false,
        httpStatus: error.response.status,
        providerStatus: field(error.response.data, 'status'),
        providerMessage: null,
        errorCode: error.code ?? null,
      }
    );
  }
  const timeout = timedOut || TIMEOUT_CODES.has(error.code ?? '');
  return {
    reason: timeout ? 'timeout' : 'network',
    retry: true,
    httpStatus: null,
    providerStatus: null,
    providerMessage: null,
    errorCode: error.code ?? null,
  };
}

function geocodeShapeOk(data: GeocodeResponseData): boolean {
  if (data.status === Status.ZERO_RESULTS) return true;
  if (!Array.isArray(data.results)) return false;
  const first = data.results[0];
  if (!first) return true; // OK with no result: treated as not found
  const location = first.geometry?.location;
  return (
    Number.isFinite(location?.lat) &&
    Number.isFinite(location?.lng) &&
    typeof first.formatted_address === 'string'
  );
}

function matrixShapeOk(data: DistanceMatrixResponseData): boolean {
  if (data.status !== Status.OK) return true;
  if (!Array.isArray(data.rows)) return false;
  return data.rows.every((row) =>
    (row?.elements ?? []).every(
      (e) =>
        e?.status !== Status.OK ||
        (Number.isFinite(e.distance?.value) &&
          Number.isFinite(e.duration?.value) &&
          (e.duration_in_traffic === undefined || Number.isFinite(e.duration_in_traffic.value))),
    ),
  );
}

export function createGoogleMapsGateway(opts: GoogleMapsGatewayOptions): MapsProvider {
  if (typeof opts.apiKey !== 'string' || opts.apiKey.length === 0) {
    throw new Error('createGoogleMapsGateway: apiKey is required');
  }
  const apiKey = opts.apiKey;
  const base = origin(opts.baseUrl);
  const timeoutMs = integerIn('timeoutMs', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 60_000);
  const maxRetries = integerIn('maxRetries', opts.maxRetries ?? DEFAULT_MAX_RETRIES, 0, 5);
  const retryBaseMs = integerIn('retryBaseMs', opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS, 0, 10_000);
  const logger = (): MapsLogger => opts.logger ?? log();
  const client = new Client({ config: { timeout: timeoutMs } });

  // Google's error_message never quotes the key as far as we know; scrub it anyway before it reaches a log.
  const scrub = (text: string | null) =>
    text === null ? null : text.split(apiKey).join('[redacted]').slice(0, 300);

  async function attempt<D>(
    api: Api,
    send: (config: AttemptConfig) => Promise<{ status: number; data: D }>,
    shapeOk: (data: D) => boolean,
  ): Promise<{ data: D } | { failure: Failure }> {
    // The axios timeout is a socket inactivity timer; the signal bounds the whole attempt, trickling answers too.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await send({
        ...(base ? { url: base + API_PATHS[api] } : {}),
        timeout: timeoutMs,
        signal,
        raxConfig: { retry: 0, noResponseRetries: 0 },
      });
      const failure = classifyAnswer(response.status, response.data);
      if (failure) return { failure };
      if (!shapeOk(response.data)) {
        return {
          failure: {
            reason: 'unexpected_answer',
            retry: false,
            httpStatus: response.status,
            providerStatus: field(response.data, 'status'),
            providerMessage: null,
            errorCode: null,
          },
        };
      }
      return { data: response.data };
    } catch (error) {
      if (!isHttpError(error)) throw error; // a bug of ours or the client's: a 500, not "Maps is down"
      return { failure: classifyError(error, signal.aborted) };
    }
  }

  async function withRetries<D>(
    api: Api,
    send: (config: AttemptConfig) => Promise<{ status: number; data: D }>,
    shapeOk: (data: D) => boolean,
  ): Promise<D> {
    for (let attempts = 1; ; attempts++) {
      const outcome = await attempt(api, send, shapeOk);
      if ('data' in outcome) return outcome.data;
      const f = outcome.failure;
      const fields = {
        provider: 'google_maps',
        api,
        attempt: attempts,
        reason: f.reason,
        httpStatus: f.httpStatus,
        providerStatus: f.providerStatus,
        errorCode: f.errorCode,
      };
      if (!f.retry) {
        const configuration = f.reason === 'request_denied' || f.reason === 'invalid_request';
        logger().error(
          {
            ...fields,
            problem: configuration ? 'configuration' : 'provider',
            providerMessage: scrub(f.providerMessage),
          },
          configuration
            ? 'Google Maps refused the request: configuration problem (API key, APIs enabled, billing, key restrictions)'
            : 'Google Maps gave an answer that is not the documented JSON',
        );
        throw new MapsUnavailableError(f.reason, attempts);
      }
      if (attempts > maxRetries) {
        logger().error(fields, `Google Maps unavailable after ${attempts} attempts`);
        throw new MapsUnavailableError(f.reason, attempts);
      }
      const delayMs = Math.round(retryBaseMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5));
      logger().warn({ ...fields, delayMs }, 'Google Maps request failed, retrying');
      await sleep(delayMs);
    }
  }

  return {
    approximate: false,

    async geocode(address) {
      const formatted = formatAddress(address);
      const data = await withRetries<GeocodeResponseData>(
        'geocode',
        (config) =>
          client.geocode({
            ...config,
            params: {
              key: apiKey,
              address: formatted,
              region: 'fr',
              language: 'fr',
              components: { country: 'FR' },
            },
          }),
        geocodeShapeOk,
      );
      const first = data.status === Status.OK ? data.results[0] : undefined;
      if (!first) throw new AddressNotFoundError();
      const { lat, lng } = first.geometry.location;
      return { point: { lat, lng }, formattedAddress: first.formatted_address };
    },

    // Origins Google cannot route to the destination (element status NOT_FOUND, ZERO_RESULTS…) are left out of
    // the answer: callers match estimates to origins by originIndex, and an origin without one is unreachable.
    async travel(origins, destination) {
      const to = checkPoint(destination);
      const from = origins.map(checkPoint);
      const estimates: TravelEstimate[] = [];
      for (let start = 0; start < from.length; start += MAX_ORIGINS_PER_REQUEST) {
        const batch = from.slice(start, start + MAX_ORIGINS_PER_REQUEST);
        const data = await withRetries<DistanceMatrixResponseData>(
          'distancematrix',
          (config) =>
            client.distancematrix({
              ...config,
              params: {
                key: apiKey,
                origins: batch,
                destinations: [to],
                mode: TravelMode.driving,
                units: UnitSystem.metric,
                language: 'fr',
                region: 'fr',
                // Gives duration_in_traffic (and is billed as Distance Matrix Advanced). Whole seconds, never past.
                departure_time: Math.ceil(Date.now() / 1000),
              },
            }),
          matrixShapeOk,
        );
        batch.forEach((_, i) => {
          const element = data.status === Status.OK ? data.rows[i]?.elements?.[0] : undefined;
          if (element?.status !== Status.OK) return;
          estimates.push({
            originIndex: start + i,
            distanceM: element.distance.value,
            durationS: (element.duration_in_traffic ?? element.duration).value,
          });
        });
      }
      return estimates;
    },
  };
}
