// Typed errors of the payment provider. Messages are French and shown to customers as they are; nothing from
// the provider's own message goes into them (it may quote a masked key or the card's details).
import { AppError } from '../../shared/errors.js';

// Stripe asks not to tell the customer that a card is known as lost, stolen or fraudulent: those get the
// generic refusal, like any code not listed here.
const CARD_MESSAGES: Record<string, string> = {
  insufficient_funds: 'Paiement refusé par votre banque : provision insuffisante.',
  expired_card: 'Paiement refusé : votre carte a expiré.',
  incorrect_cvc: 'Paiement refusé : le code de sécurité (CVC) de la carte est incorrect.',
  invalid_cvc: 'Paiement refusé : le code de sécurité (CVC) de la carte est incorrect.',
  incorrect_number: 'Paiement refusé : le numéro de carte est incorrect.',
  invalid_number: 'Paiement refusé : le numéro de carte est incorrect.',
  invalid_expiry_month: 'Paiement refusé : la date d’expiration de la carte est incorrecte.',
  invalid_expiry_year: 'Paiement refusé : la date d’expiration de la carte est incorrecte.',
  processing_error: 'Une erreur est survenue pendant le traitement de votre carte. Réessayez.',
  authentication_required:
    'Votre banque demande une authentification (3-D Secure) qui n’a pas abouti. Réessayez.',
  payment_intent_authentication_failure:
    'Votre banque demande une authentification (3-D Secure) qui n’a pas abouti. Réessayez.',
};

const GENERIC_REFUSAL = 'Paiement refusé par votre banque.';
const ALTERNATIVES = ' Essayez une autre carte ou choisissez le paiement à la livraison.';

/** The French sentence for a card refusal (decline code or error code from Stripe, or null). */
export function cardDeclinedMessage(code: string | null | undefined): string {
  return (code ? (CARD_MESSAGES[code] ?? GENERIC_REFUSAL) : GENERIC_REFUSAL) + ALTERNATIVES;
}

/** The customer's bank refused the card (402). `declineCode` is for logs and rules, not for the customer. */
export class CardDeclinedError extends AppError {
  constructor(readonly declineCode: string | null) {
    super(402, 'card_declined', cardDeclinedMessage(declineCode));
  }
}

/** Stripe refused our request (bad parameters, wrong state, bad key): a bug or a configuration problem. */
export class PaymentProviderError extends AppError {
  constructor(
    /** Stripe's error code (e.g. `payment_intent_unexpected_state`, `amount_too_large`), for callers' rules. */
    readonly providerCode: string | null,
    readonly providerStatus: number | null,
    readonly providerRequestId: string | null,
  ) {
    super(
      502,
      'payment_provider_error',
      'Le prestataire de paiement a refusé l’opération. Réessayez ou choisissez le paiement à la livraison.',
    );
  }
}

/** Stripe could not be reached in time, or failed on its side (after the SDK's own bounded retries). */
export class PaymentProviderUnavailableError extends AppError {
  /** Sent as Retry-After by the error middleware. */
  readonly retryAfterSeconds = 10;
  constructor(readonly providerRequestId: string | null = null) {
    super(
      503,
      'payment_provider_unavailable',
      'Le paiement en ligne est momentanément indisponible. Réessayez dans quelques instants ou choisissez ' +
        'le paiement à la livraison.',
    );
  }
}

/** A webhook whose signature is missing, forged, stale or made with another secret (400, nothing changes). */
export class InvalidSignatureError extends AppError {
  constructor(
    /** Why, in the SDK's words, for logs only. */
    readonly reason: string,
  ) {
    super(400, 'invalid_signature', 'Signature du webhook absente ou invalide.');
  }
}
