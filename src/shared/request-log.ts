// The access log and the request id: one pino line per answered request, written like pino-http wrote it
// ({"req":{"id","method","url"},"res":{"statusCode"},"responseTime","msg":"request completed"}, at error level
// with "err" for a 5xx), the id in `req.id` and the `X-Request-Id` header. pino-http did this by building a child
// logger per request and serialising the whole request and response (every header) to keep three fields; here the
// line is written once at the end, and `req.log` (the child logger bound to the request, used by error paths) is
// made only when something asks for it.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { scrubLoggedUrl } from './scrub.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id (a client's X-Request-Id when safe to keep, else a UUID). */
    id: string;
    /** A logger whose lines carry this request's id, method and URL. */
    log: Logger;
  }
}

export interface RequestLogOptions {
  logger: Logger;
  /** The request's id; may set headers on the response. */
  requestId(req: Request, res: Response): string;
  /** Requests never logged (health probes). */
  ignore?(req: Request): boolean;
}

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
}

const reqFields = (req: Request): LoggedRequest => ({
  id: req.id,
  method: req.method,
  url: scrubLoggedUrl(req.originalUrl || req.url),
});

// A response closed before its headers went out has no status yet (pino's response serialiser said null too).
const resFields = (res: Response) => ({ statusCode: res.headersSent ? res.statusCode : null });

export function requestLog({ logger, requestId, ignore }: RequestLogOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = Date.now();
    req.id = requestId(req, res);
    const fields = reqFields(req);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= logger.child({ req: fields })),
      set: (value: Logger) => void (child = value),
    });
    const done = (err?: unknown) => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      const responseTime = Date.now() - startedAt;
      const level = err || res.statusCode >= 500 ? 'error' : 'info';
      const failure = err ?? (res as { err?: unknown }).err;
      if (failure || res.statusCode >= 500) {
        const error = failure ?? new Error('failed with status code ' + res.statusCode);
        logger[level]({ req: fields, res: resFields(res), err: error, responseTime }, 'request errored');
        return;
      }
      const message = !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted';
      logger[level]({ req: fields, res: resFields(res), responseTime }, message);
    };
    // An ignored request is still logged if its response fails (as pino-http did).
    if (!ignore?.(req)) {
      res.on('close', done);
      res.on('finish', done);
    }
    res.on('error', done);
    next();
  };
}
