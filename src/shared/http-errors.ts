// The one error middleware: typed errors keep their status and code; body-parser and database outages map
// to clear 4xx/503; anything else is a 500 with a reference id and no internals (and goes to Sentry).
import type { ErrorRequestHandler } from 'express';
import { BaseError, ConnectionError, ConnectionAcquireTimeoutError } from 'sequelize';
import { isConnectionError, sqlState } from '../db/executor.js';
import { AppError, ServiceUnavailableError } from './errors.js';
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

// SQLSTATE classes meaning "no usable database" rather than a bad query: connection exceptions (08), insufficient
// resources (53), operator intervention (57P: shutdown, restart), and what the server answers at connection time
// for a login or a database that does not exist (28, 3D).
const PG_UNAVAILABLE = /^(08|53|57P|28|3D)/;
// The server could not be reached at all (Sequelize called these HostNotFound / ConnectionTimedOut).
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** An error of the API's executor (pg) or of Sequelize (the back office) that says the database is unavailable. */
function isDatabaseUnavailable(error: unknown): boolean {
  // Sequelize wraps the driver's error (admin/ runs through it).
  if (error instanceof ConnectionError || error instanceof ConnectionAcquireTimeoutError) return true;
  const cause = error instanceof BaseError ? (error as { parent?: unknown }).parent : error;
  if (isConnectionError(cause) || UNREACHABLE.has((cause as { code?: string } | null)?.code ?? ''))
    return true;
  const state = sqlState(cause);
  return state !== undefined && PG_UNAVAILABLE.test(state);
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
