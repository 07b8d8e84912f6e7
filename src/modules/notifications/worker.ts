// The outbox worker, one in every app process (API role): claims due messages (FOR UPDATE SKIP LOCKED, a lease so
// that a dead process's claims come back), renders each from the database as it stands, sends it, and marks it
// sent. A failure is retried with exponential backoff and full jitter; after the last attempt, or at once when
// the SMTP server refuses the message for good (5xx), the message is marked failed and the group admin alerted.
//
// Guarantee: at least once. A process that dies after the SMTP server's 250 and before "sent" is committed leaves
// the message claimed; when the lease ends another process sends it again with the same Message-ID (derived from
// the message's unique key), which is how the duplicate can be recognised. Never twice otherwise: the key is
// unique and only the claim's holder marks the message.
import type { Logger } from 'pino';
import type { MailSettings } from '../../config/index.js';
import type { Database, Tx } from '../../db/executor.js';
import { PermanentMailError, type Mailer } from './mailer.js';
import {
  claimDue,
  markFailed,
  markRetry,
  markSent,
  messageIdOf,
  releaseClaims,
  type OutboxMessage,
} from './outbox.repository.js';
import type { Rendered } from './render.js';
import { maskEmails } from '../../shared/scrub.js';

export interface WorkerDeps {
  db: Database;
  mailer: Mailer;
  settings: MailSettings;
  logger: Logger;
  /** The subject and bodies of a message, read from the database at send time. */
  render(message: OutboxMessage): Promise<Rendered>;
  /** Inside the transaction that marks a message failed (the alert to the group admin). */
  onFailed(tx: Tx, message: OutboxMessage, reason: string): Promise<void>;
}

export interface OutboxWorker {
  /** Looks for due messages now (called after a commit that wrote one). */
  kick(): void;
  /** Sends every message due now, until none is left; the number sent. For tests and the drills. */
  drain(): Promise<number>;
  /** Stops taking messages and waits for the sends in flight. */
  stop(): Promise<void>;
}

const BATCH = 10;
const PARALLEL = 2;
/** Above this share of the event loop busy, the process is serving requests flat out: e-mails wait their turn. */
const BUSY_UTILISATION = 0.7;
/** While busy, each lane sends at most one message per this many milliseconds (one a second in all). */
const BUSY_PAUSE_MS = 2000;
/** Commits that come close together wake the worker once. */
const KICK_DELAY_MS = 20;

/**
 * How busy this process's event loop has been over the last half second. E-mails are background work: they must
 * never take the CPU that orders need at a rush (benchmark 7), and a few seconds' delay costs nobody anything.
 */
function loadSampler(everyMs = 500) {
  let last = performance.eventLoopUtilization();
  let utilisation = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    utilisation = performance.eventLoopUtilization(now, last).utilization;
    last = now;
  }, everyMs);
  timer.unref();
  return { busy: () => utilisation > BUSY_UTILISATION, stop: () => clearInterval(timer) };
}

/** Exponential backoff with full jitter: a random delay up to base × 2^(attempt-1), capped (also the floor). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  const floor = Math.min(baseMs / 2, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}

/** A short reason for the back office: the error's message, without anything that looks like a credential. */
export function failureReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const text = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`;
  return text.replace(/\/\/[^@\s/]*@/g, '//').slice(0, 480);
}

/** Errors of the connection to the server (not of one message): refused, timed out, TLS, DNS, login. */
const SERVER_ERRORS = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ECONNRESET',
]);
const serverDown = (error: unknown) => SERVER_ERRORS.has(String((error as { code?: string }).code));
const permanentError = (error: unknown) => error instanceof PermanentMailError;

export function createOutboxWorker(deps: WorkerDeps): OutboxWorker {
  const { db, mailer, settings, logger } = deps;
  const { outbox } = settings;
  let stopping = false;
  let wake: (() => void) | undefined;
  let kicked = false;
  let current: Promise<number> | undefined;
  const load = loadSampler();
  /** The delay of the server-level failure of the current pass, for the messages it did not try. */
  let postponeMs = 0;
  const pauseLane = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  /** Resolves after `ms`, or at once when the worker is kicked or stops. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** 'unreachable': the server itself could not be used (connection, TLS, login): the next ones would fail too. */
  async function sendOne(m: OutboxMessage): Promise<'sent' | 'failed' | 'unreachable'> {
    try {
      const rendered = await deps.render(m);
      const messageId = messageIdOf(m.key, settings.from);
      await mailer.send({
        messageId,
        to: m.recipient,
        toName: m.recipientName,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        ...(rendered.attachments ? { attachments: rendered.attachments } : {}),
      });
      await db.read((ex) => markSent(ex, m.id, rendered.subject, messageId));
      return 'sent';
    } catch (error) {
      const reason = failureReason(error);
      const permanent = error instanceof PermanentMailError;
      if (permanent || m.attempts >= outbox.maxAttempts) {
        await db.transaction(async (tx) => {
          if (await markFailed(tx, m.id, reason)) await deps.onFailed(tx, m, reason);
        });
        logger.error(
          { outboxId: m.id, kind: m.kind, attempts: m.attempts, reason: maskEmails(reason) },
          'message failed for good',
        );
      } else {
        const delay = retryDelayMs(m.attempts, outbox.retryBaseMs, outbox.retryMaxMs);
        if (serverDown(error)) postponeMs = Math.max(postponeMs, delay);
        await db.read((ex) => markRetry(ex, m.id, delay, reason));
        logger.warn(
          {
            outboxId: m.id,
            kind: m.kind,
            attempts: m.attempts,
            retryInMs: delay,
            reason: maskEmails(reason),
          },
          'message not sent, will retry',
        );
      }
      return serverDown(error) && !permanentError(error) ? 'unreachable' : 'failed';
    }
  }

  /** One pass: claims and sends batches until nothing is due. */
  async function pass(): Promise<number> {
    let sent = 0;
    while (!stopping) {
      const claimed = await db.transaction((tx) => claimDue(tx, BATCH, outbox.leaseSeconds));
      if (claimed.length === 0) break;
      // Two lanes, but one recipient's messages in one lane, in their order: a customer never gets « livrée »
      // before « en route ».
      const byRecipient = new Map<string, OutboxMessage[]>();
      for (const m of claimed) byRecipient.set(m.recipient, [...(byRecipient.get(m.recipient) ?? []), m]);
      const queue = [...byRecipient.values()];
      const unsent: number[] = [];
      const backlog = claimed.length === BATCH;
      postponeMs = 0;
      let unreachable = false;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          for (let group = queue.shift(); group; group = queue.shift())
            for (const m of group) {
              // Orders first: at a rush (a full batch waiting while the process is busy with requests), e-mails
              // go out slowly, and catch up once it calms down.
              if (!stopping && backlog && load.busy()) await pauseLane(BUSY_PAUSE_MS);
              // Stopping: the sends in flight finish, the others are handed back at once (not after the lease).
              // Server unreachable: the others are not tried now; they wait as long as the one that failed.
              if (stopping || unreachable) unsent.push(m.id);
              else {
                const outcome = await sendOne(m);
                if (outcome === 'sent') sent += 1;
                if (outcome === 'unreachable') unreachable = true;
              }
            }
        }),
      );
      if (unsent.length > 0) {
        const delay = unreachable ? Math.max(postponeMs, outbox.retryBaseMs) : 0;
        await db.read((ex) => releaseClaims(ex, unsent, delay));
        if (unreachable)
          logger.warn({ postponed: unsent.length, retryInMs: delay }, 'SMTP server unreachable, pass ended');
      }
      if (unreachable) break;
    }
    return sent;
  }

  function runPass(): Promise<number> {
    current ??= pass().finally(() => (current = undefined));
    return current;
  }

  async function loop() {
    while (!stopping) {
      kicked = false;
      await runPass().catch((error: Error) =>
        logger.error({ errName: error.name, errMessage: error.message }, 'outbox pass failed'),
      );
      if (stopping) break;
      if (!kicked) await pause(outbox.pollMs);
      wake = undefined;
      // The commit that woke the worker is rarely alone at a busy time: one look for all of them.
      if (!stopping) await new Promise((resolve) => setTimeout(resolve, KICK_DELAY_MS).unref());
    }
  }
  const looping = loop();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    drain: async () => {
      let total = 0;
      for (let n = await runPass(); n > 0; n = await runPass()) total += n;
      return total;
    },
    async stop() {
      stopping = true;
      wake?.();
      await looping;
      load.stop();
      mailer.close();
    },
  };
}
