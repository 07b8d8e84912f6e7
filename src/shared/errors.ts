// Typed errors carry their HTTP status and a stable machine-readable code; messages are French because the
// site shows them to customers and staff as they are.
export interface ErrorDetail {
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail | ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message = 'Requête invalide.',
    details?: ErrorDetail | ErrorDetail[],
    code = 'validation_failed',
  ) {
    super(422, code, message, details);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetail) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentification requise.', code = 'unauthorized') {
    super(401, code, message);
  }
}

/** The customer's account was erased while the request was under way (its token is gone with it). */
export class AccountClosedError extends UnauthorizedError {
  constructor() {
    super('Ce compte a été supprimé.', 'account_closed');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Action non autorisée.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Ressource introuvable.', code = 'not_found') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetail | ErrorDetail[]) {
    super(409, code, message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'Trop de tentatives. Réessayez dans quelques instants.', {
      retryAfterSeconds,
    });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code = 'service_unavailable', message = 'Service momentanément indisponible. Réessayez.') {
    super(503, code, message);
  }
}
