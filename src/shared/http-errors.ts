// The one error middleware: typed errors keep their status and code; body-parser and database outages map
// to clear 4xx/503; anything else is a 500 with a reference id and no internals (and goes to Sentry).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BaseError, ConnectionError, ConnectionAcquireTimeoutError } from 'sequelize';
import { AppError, NotFoundError, ServiceUnavailableError } from './errors.js';
import { reportError } from './monitoring.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown; id?: string };
}

const BODY_PARSER_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.too.large': { code: 'payload_too_large', message: 'Le corps de la requête est trop volumineux.' },
  'entity.parse.failed': {
    code: 'invalid_json',
    message: 'Le corps de la requête n’est pas un JSON valide.',
  },
  'encoding.unsupported': {
    code: 'unsupported_encoding',
    message: 'Encodage de contenu non pris en charge.',
  },
  'charset.unsupported': { code: 'unsupported_charset', message: 'Jeu de caractères non pris en charge.' },
  'request.aborted': { code: 'request_aborted', message: 'La requête a été interrompue.' },
  'request.size.invalid': { code: 'invalid_request_size', message: 'Taille de requête incohérente.' },
  'stream.encoding.set': { code: 'invalid_request', message: 'Requête invalide.' },
  'parameters.too.many': { code: 'too_many_parameters', message: 'Trop de paramètres.' },
};

const PG_UNAVAILABLE = /^(08|53|57P)/; // connection exceptions, insufficient resources, operator intervention
// What the pg driver itself raises when the connection breaks under a query (e.g. PostgreSQL restarted): these
// come from the client, not the server, so they carry no SQLSTATE code.
const PG_CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Client was closed)/;

function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return true;
  if (typeof code === 'string') return PG_UNAVAILABLE.test(code);
  return code === undefined && typeof message === 'string' && PG_CONNECTION_LOST.test(message);
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof ConnectionAcquireTimeoutError) return true;
  if (error instanceof BaseError) return isConnectionLoss((error as { parent?: unknown }).parent);
  return isConnectionLoss(error);
}

const BAD_URL_ENCODING = {
  code: 'invalid_url_encoding',
  message: 'L’adresse demandée contient un encodage invalide (%).',
};

/** A request Express or its parsers refused with a 4xx `status` (their convention): a body parser's error
 * (a `type`), a path parameter that is not valid percent-encoding (the router's URIError), a compressed body
 * that does not decompress (zlib's error wrapped without a `type`). The client's fault, never a 500. */
function clientError(error: unknown): { status: number; body: ErrorBody } | undefined {
  const e = error as { type?: unknown; status?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  const known =
    (typeof e.type === 'string' ? BODY_PARSER_ERRORS[e.type] : undefined) ??
    (error instanceof URIError
      ? BAD_URL_ENCODING
      : { code: 'invalid_request', message: 'Requête invalide.' });
  return { status: e.status, body: { error: known } };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError('Cette adresse de l’API n’existe pas.', 'route_not_found'));
};

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const requestId = String(req.id ?? '');
  let status: number;
  let body: ErrorBody;
  const parsed = clientError(error);
  if (error instanceof AppError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message, details: error.details } };
    if ('retryAfterSeconds' in error) res.set('Retry-After', String(error.retryAfterSeconds));
  } else if (parsed) {
    ({ status, body } = parsed);
  } else if (isDatabaseUnavailable(error)) {
    const unavailable = new ServiceUnavailableError(
      'database_unavailable',
      'Le service est momentanément indisponible. Réessayez dans quelques instants.',
    );
    status = 503;
    body = { error: { code: unavailable.code, message: unavailable.message, id: requestId } };
    res.set('Retry-After', '5');
    reportError(error, { requestId, method: req.method, path: req.route?.path ?? req.path });
    req.log.error({ errName: (error as Error).name }, 'database unavailable');
  } else {
    status = 500;
    body = {
      error: {
        code: 'internal_error',
        message: `Une erreur interne est survenue. Référence : ${requestId}`,
        id: requestId,
      },
    };
    const eventId = reportError(error, { requestId, method: req.method, path: req.route?.path ?? req.path });
    req.log.error(
      { errName: (error as Error)?.name, errMessage: (error as Error)?.message, eventId },
      'unhandled error',
    );
  }
  res.status(status).json(body);
};
