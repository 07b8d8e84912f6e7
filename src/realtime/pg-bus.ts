// Cross-process bus over PostgreSQL LISTEN/NOTIFY. publish() runs pg_notify inside the caller's transaction, so
// PostgreSQL itself delivers on commit and drops on rollback, to every listening process (this one included:
// one delivery path keeps the order of events the same everywhere). Each process keeps ONE dedicated listening
// connection outside the executor's pool, because a pooled connection is recycled and would silently stop
// listening. Losing that connection (PostgreSQL restart, pg_terminate_backend, network) must never crash the
// process: it reconnects with backoff and tells subscribers to resync, since notifications sent meanwhile are lost.
import pg from 'pg';
import type { Logger } from 'pino';
import type { Tx } from '../db/executor.js';
import { log } from '../shared/logger.js';
import type { BusEvent, EventBus, MenuEvent, OrderEvent } from './events.js';

export const EVENTS_CHANNEL = 'ocpizza_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

export interface PgEventBusOptions {
  /** Where the listening connection goes: the same database as the transactions passed to publish(). */
  url: string;
  /** Label shown in pg_stat_activity, to tell the listener from pooled connections. */
  applicationName?: string;
  /** First reconnection delay; it doubles up to maxBackoffMs (with jitter, so processes do not stampede). */
  minBackoffMs?: number;
  /** Small enough that live events are back within a few seconds of the database, however long it was away. */
  maxBackoffMs?: number;
  /** An idle listening socket whose peer vanished is otherwise noticed only by TCP, minutes later. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Defaults to the process logger at the time of logging. */
  logger?: Logger;
}

const FULFILMENTS = new Set(['delivery', 'takeaway']);
const TYPES = new Set(['order.created', 'order.updated', 'order.status']);

/** Notifications come from any process (maybe another version of the app): check before fanning out. */
export function isOrderEvent(value: unknown): value is OrderEvent {
  const e = value as Partial<OrderEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    TYPES.has(e.type as string) &&
    typeof e.orderId === 'string' &&
    typeof e.number === 'string' &&
    Number.isInteger(e.pizzeriaId) &&
    (e.customerId === null || Number.isInteger(e.customerId)) &&
    typeof e.status === 'string' &&
    FULFILMENTS.has(e.fulfilment as string) &&
    typeof e.at === 'string'
  );
}

function isMenuChange(value: unknown): value is MenuEvent {
  const e = value as Partial<MenuEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.type === 'menu.changed' &&
    Number.isInteger(e.pizzeriaId) &&
    typeof e.at === 'string'
  );
}

type Listener<T extends unknown[]> = (...args: T) => void;

export class PgEventBus implements EventBus {
  private readonly listeners = new Set<Listener<[BusEvent]>>();
  private readonly resyncListeners = new Set<Listener<[]>>();
  private readyWaiters: Array<() => void> = [];
  private client: pg.Client | undefined;
  private started = false;
  private closed = false;
  private isListening = false;
  private hasListened = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pid: number | undefined;

  constructor(private readonly options: PgEventBusOptions) {}

  private get log(): Logger {
    return this.options.logger ?? log();
  }

  /** Starts listening in the background; the promise resolves once LISTEN is active (or the bus is closed). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
    return this.ready();
  }

  /** Resolves when the listening connection is up (at once if it already is, or if the bus is closed). */
  ready(): Promise<void> {
    if (this.isListening || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  get listening(): boolean {
    return this.isListening;
  }

  /** PostgreSQL backend of the listening connection (in the logs, to find it in pg_stat_activity). */
  get backendPid(): number | undefined {
    return this.isListening ? this.pid : undefined;
  }

  async publish(tx: Tx, event: BusEvent): Promise<void> {
    const payload = JSON.stringify(event);
    if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
      throw new Error(`order event too large for NOTIFY (${Buffer.byteLength(payload, 'utf8')} bytes)`);
    }
    await tx.exec('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payload]);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.isListening = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.listeners.clear();
    this.resyncListeners.clear();
    this.releaseWaiters();
    const client = this.client;
    this.client = undefined;
    // end() waits for the server's goodbye; a dead peer must not hold up the shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client?.end().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000))),
    ]);
    clearTimeout(timer);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName ?? `ocpizza-listen-${process.pid}`,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.client = client;
    let lost = false;
    let connecting = true;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      this.isListening = false;
      clearInterval(this.pingTimer);
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) this.scheduleReconnect(error, connecting);
    };
    // Without an 'error' listener a dropped connection would be an uncaught exception that kills the process.
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('connection ended')));
    client.on('notification', (msg) => this.dispatch(msg));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      this.pid = rows[0].pid;
    } catch (error) {
      onLost(error as Error);
      return;
    }
    connecting = false;
    if (lost || this.closed) return;
    const again = this.hasListened;
    this.hasListened = true;
    this.isListening = true;
    this.attempt = 0;
    this.log.info(
      { channel: EVENTS_CHANNEL, backendPid: this.pid },
      again ? 'event bus: listening again' : 'event bus: listening',
    );
    this.startPing(client, onLost);
    this.releaseWaiters();
    if (again) this.fanOut(this.resyncListeners, []);
  }

  private scheduleReconnect(error: Error | undefined, whileConnecting: boolean): void {
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 2_000;
    const ceiling = Math.min(max, min * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.attempt += 1;
    this.log.warn(
      {
        errCode: (error as { code?: string } | undefined)?.code,
        errMessage: error?.message,
        attempt: this.attempt,
        retryInMs: delay,
      },
      whileConnecting
        ? 'event bus: cannot listen yet, retrying'
        : 'event bus: listening connection lost, reconnecting',
    );
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    // A pending retry must not keep a stopping process alive.
    this.retryTimer.unref();
  }

  private startPing(client: pg.Client, onLost: (error: Error) => void): void {
    const every = this.options.pingIntervalMs ?? 30_000;
    const timeoutMs = this.options.pingTimeoutMs ?? 5_000;
    this.pingTimer = setInterval(() => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs);
      });
      Promise.race([client.query('SELECT 1'), timeout])
        .catch((error: Error) => onLost(error))
        .finally(() => clearTimeout(timer));
    }, every);
    this.pingTimer.unref();
  }

  private dispatch(msg: pg.Notification): void {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let event: unknown;
    try {
      event = JSON.parse(msg.payload);
    } catch {
      event = undefined;
    }
    if (!isOrderEvent(event) && !isMenuChange(event)) {
      this.log.warn({ bytes: msg.payload.length }, 'event bus: ignored a malformed notification');
      return;
    }
    this.fanOut(this.listeners, [event]);
  }

  /** Called from the pg socket's data handler: one faulty subscriber must not starve the others or the socket. */
  private fanOut<T extends unknown[]>(listeners: Set<Listener<T>>, args: T): void {
    for (const listener of [...listeners]) {
      try {
        listener(...args);
      } catch (error) {
        this.log.error(
          { errName: (error as Error)?.name, errMessage: (error as Error)?.message },
          'event bus: subscriber failed',
        );
      }
    }
  }

  private releaseWaiters(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
