// AdminJS answers a record it cannot find (another shop's, a deleted one, a malformed id) with an English notice
// of its own (`Record with given id: "50" cannot be found in resource "orders"`), and throws English errors
// for bulk actions without records: staff then read English, or a 500. Its notices are rewritten to the
// French key of admin/locale.ts, and its not-found errors answer a French 404.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { messages } from './locale.js';

const NOT_FOUND = [
  /^Record with given id/i,
  /^Record of given id/i,
  /^You have to pass (a valid )?"?recordIds?"?/i,
  /^no records were selected/i,
];

const isAdminNotFound = (message: unknown) =>
  typeof message === 'string' && NOT_FOUND.some((re) => re.test(message.trim()));

type Body =
  | { notice?: { message?: unknown }; record?: { baseError?: { message?: unknown } | null } }
  | null
  | undefined;

/** Notices (and the record's base error) of the back office's JSON API in French. */
export const frenchNotices: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/')) return next();
  const json = res.json.bind(res);
  res.json = (body: Body) => {
    if (body?.notice && isAdminNotFound(body.notice.message))
      body = { ...body, notice: { ...body.notice, message: 'error404Record' } };
    const baseError = body?.record?.baseError;
    if (baseError && isAdminNotFound(baseError.message))
      body = { ...body, record: { ...body!.record, baseError: { ...baseError, message: 'error404Record' } } };
    return json(body);
  };
  next();
};

/** AdminJS's thrown not-found errors (bulk actions) as a French 404 rather than the app's 500. */
export const frenchNotFound: ErrorRequestHandler = (error, _req, res, next) => {
  const e = error as { statusCode?: unknown; baseMessage?: unknown } | null;
  if (e?.statusCode !== 404 || !isAdminNotFound(e.baseMessage)) return next(error);
  res.status(404).json({
    error: {
      code: 'not_found',
      message: messages.error404Record,
    },
  });
};
