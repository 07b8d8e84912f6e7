// One pino logger for the process. Secrets never reach the logs: credentials in headers and bodies are redacted.
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.cardNumber',
  '*.clientSecret',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ocpizza', pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

let current: Logger = createLogger(process.env.LOG_LEVEL ?? 'info');

export function setLogger(logger: Logger): void {
  current = logger;
}

/** The process logger; modules call this at use time so that server start-up can swap the level. */
export function log(): Logger {
  return current;
}
