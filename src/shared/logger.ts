// One pino logger for the process. Secrets never reach the logs: credentials in headers and bodies are redacted.
// Personal data only as far as a line needs it: fields naming or reaching a person are redacted, and every
// e-mail address in a written line, whatever field or message holds it (an error's text, a URL, an SMTP
// answer), is masked to « c***@example.fr » by the last step before the line is written, so that a new log
// call cannot leak one. The access log also drops personal query values (request-log.ts, scrubLoggedUrl).
import { pino, type Logger, type LoggerOptions } from 'pino';
import { maskEmails } from './scrub.js';

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
  // A person's name and phone, wherever a call would pass them as a field.
  '*.firstName',
  '*.lastName',
  '*.customerName',
  '*.recipientName',
  '*.phone',
  '*.customerPhone',
];

/** The options of every logger of the app (exported for the tests of what a line may hold). */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'ocpizza', pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The stringified line: a JSON string never holds a raw « " » or « \ » inside an address, so masking the
    // text keeps the line valid JSON.
    hooks: { streamWrite: maskEmails },
  };
}

/**
 * `buffered`: the server process's logger. Lines go to stdout through an asynchronous SonicBoom: while one
 * write is in flight the next lines queue and leave in one syscall, instead of one blocking write per request
 * (the menu benchmark's profile: a third of the API's own CPU was spent in synchronous log writes). pino flushes
 * what is queued synchronously on `exit`, so a normal stop, a crash and process.exit lose nothing; only a
 * SIGKILL can lose the lines queued during the write in progress (microseconds of traffic).
 */
export function createLogger(level: string, { buffered = false } = {}): Logger {
  return pino(loggerOptions(level), buffered ? pino.destination({ dest: 1, sync: false }) : undefined);
}

let current: Logger = createLogger(process.env.LOG_LEVEL ?? 'info');

export function setLogger(logger: Logger): void {
  current = logger;
}

/** The process logger; modules call this at use time so that server start-up can swap the level. */
export function log(): Logger {
  return current;
}
