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

/**
 * `buffered`: the server process's logger. Lines go to stdout through an asynchronous SonicBoom: while one
 * write is in flight the next lines queue and leave in one syscall, instead of one blocking write per request
 * (the menu benchmark's profile: a third of the API's own CPU was spent in synchronous log writes). pino flushes
 * what is queued synchronously on `exit`, so a normal stop, a crash and process.exit lose nothing; only a
 * SIGKILL can lose the lines queued during the write in progress (microseconds of traffic).
 */
export function createLogger(level: string, { buffered = false } = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'ocpizza', pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    buffered ? pino.destination({ dest: 1, sync: false }) : undefined,
  );
}

let current: Logger = createLogger(process.env.LOG_LEVEL ?? 'info');

export function setLogger(logger: Logger): void {
  current = logger;
}

/** The process logger; modules call this at use time so that server start-up can swap the level. */
export function log(): Logger {
  return current;
}
