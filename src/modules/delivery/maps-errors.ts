// Typed errors of the map provider. Messages are French and shown to customers as they are; nothing from the
// provider's answer (its error_message, the request URL with the API key) goes into them.
import { AppError } from '../../shared/errors.js';

/** The provider knows no such address (Geocoding ZERO_RESULTS): the customer should correct it (422). */
export class AddressNotFoundError extends AppError {
  constructor() {
    super(422, 'address_not_found', 'Adresse introuvable : vérifiez le numéro, la rue et le code postal.');
  }
}

/** Why the provider could not answer; for logs and callers' rules, never shown to customers. */
export type MapsFailureReason =
  /** No answer within the per-request timeout. */
  | 'timeout'
  /** Connection refused, reset, DNS failure… */
  | 'network'
  /** HTTP 5xx or UNKNOWN_ERROR. */
  | 'server_error'
  /** OVER_QUERY_LIMIT (or HTTP 429): too many requests for the key's quota. */
  | 'over_query_limit'
  /** REQUEST_DENIED or OVER_DAILY_LIMIT: key missing, invalid, restricted, API not enabled, billing off. */
  | 'request_denied'
  /** INVALID_REQUEST, another 4xx, or a status we do not expect: a bug on our side. */
  | 'invalid_request'
  /** A body that is not the documented JSON. */
  | 'unexpected_answer';

/**
 * The provider failed (after our bounded retries when retrying makes sense), or refused our requests because of
 * its configuration (503: the order is not written; the customer may retry or choose takeaway).
 */
export class MapsUnavailableError extends AppError {
  /** Sent as Retry-After by the error middleware. */
  readonly retryAfterSeconds = 10;
  constructor(
    readonly reason: MapsFailureReason,
    /** Requests sent before giving up (1 + retries). */
    readonly attempts: number,
  ) {
    super(
      503,
      'maps_unavailable',
      'Le calcul d’itinéraire est momentanément indisponible. Réessayez dans quelques instants ou choisissez ' +
        'le retrait en pizzeria.',
    );
  }
}
