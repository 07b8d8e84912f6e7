// The API's one way to PostgreSQL: a small typed query executor over `pg`.
//
// - Repositories take an `Executor` (reads) or a `Tx` (writes: an executor bound to one open transaction).
// - `Database` is NOT an executor: code reaches SQL only through `db.read(fn)` (statements on the pool) or
//   `db.transaction(fn)` (one client, BEGIN … COMMIT). Inside a transaction callback the only executor in hand
//   is the transaction's, so a repository cannot be handed the pool there (a type error); and a pool executor
//   or `db` captured from outside and used inside a transaction throws at once (the transaction is tracked per
//   async context), instead of waiting on a second pooled connection while rows are locked.
// Sequelize stays for the back office's models and the migrations; request paths never go through it.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

// COUNT(*) and bigserial ids come back as strings by default; ours fit in a JS number. Calendar dates stay
// 'YYYY-MM-DD' strings (a JS Date would move them to UTC midnight).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Params = readonly unknown[];

/** Runs SQL: statement by statement on the pool, or on the one client of a transaction. */
export interface Executor {
  /** The first row, or undefined. */
  one<T>(sql: string, params?: Params): Promise<T | undefined>;
  many<T>(sql: string, params?: Params): Promise<T[]>;
  /** Runs a statement; returns the number of rows it touched. */
  exec(sql: string, params?: Params): Promise<number>;
}

declare const TX_BRAND: unique symbol;

/** An executor bound to one open transaction: what every write takes. */
export interface Tx extends Executor {
  readonly [TX_BRAND]: true;
  /** Runs `fn` once the transaction has committed (never if it rolls back). */
  afterCommit(fn: () => void): void;
  /** The transaction's client, for the few things that need it whole (a cursor). */
  readonly client: pg.ClientBase;
}

/** Thrown when code inside a transaction reaches for the pool. A bug, never a user error. */
export class PoolInsideTransactionError extends Error {
  constructor(what: string) {
    super(`${what} called inside a transaction: use the transaction's executor`);
    this.name = 'PoolInsideTransactionError';
  }
}

export interface TransactionOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

export interface Database {
  /** Runs `fn` with an executor whose statements go to the pool one by one (autocommit). */
  read<T>(fn: (ex: Executor) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction on one client: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs `fn` with a client of its own (a server-side cursor, LISTEN); released after. */
  withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Calls `listener` with the text of every statement sent through this pool (tests count statements). */
  observe(listener: (sql: string) => void): () => void;
  /** Connections open and idle, for the probes and the tests. */
  stats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  /** Connection label shown in pg_stat_activity. */
  applicationName?: string;
  /** How long a request may wait for a free connection before failing (503). */
  acquireTimeoutMs?: number;
}

interface TxState {
  done: boolean;
}
const activeTransaction = new AsyncLocalStorage<TxState>();

function assertOutsideTransaction(what: string): void {
  const tx = activeTransaction.getStore();
  if (tx && !tx.done) throw new PoolInsideTransactionError(what);
}

type Queryable = Pick<pg.ClientBase, 'query'>;

function executorOver(target: Queryable, guard: () => void, observers: Set<(sql: string) => void>): Executor {
  const run = (sql: string, params?: Params) => {
    guard();
    if (observers.size > 0) for (const observer of observers) observer(sql);
    return target.query(sql, params as unknown[] | undefined);
  };
  return {
    one: async <T>(sql: string, params?: Params) => (await run(sql, params)).rows[0] as T | undefined,
    many: async <T>(sql: string, params?: Params) => (await run(sql, params)).rows as T[],
    exec: async (sql: string, params?: Params) => (await run(sql, params)).rowCount ?? 0,
  };
}

// A checked-out client emits 'error' when its connection breaks (PostgreSQL restarted); pg-pool listens only while
// the client is idle, and an 'error' event with no listener ends the process. The query in flight rejects on
// its own: the listener only keeps the process alive, and the broken client is not given back to the pool.
async function checkout(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(broken?: boolean): void }> {
  const client = await pool.connect();
  let lost = false;
  const onError = () => {
    lost = true;
  };
  client.on('error', onError);
  return {
    client,
    release(broken = false) {
      client.off('error', onError);
      client.release(broken || lost);
    },
  };
}

const BEGIN: Record<string, string> = {
  'read committed': 'BEGIN',
  'repeatable read': 'BEGIN ISOLATION LEVEL REPEATABLE READ',
  serializable: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
};

export function createDatabase({
  url,
  poolMax,
  applicationName = 'ocpizza',
  acquireTimeoutMs = 10_000,
}: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: acquireTimeoutMs,
    application_name: applicationName,
  });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  const observers = new Set<(sql: string) => void>();
  const poolExecutor = executorOver(pool, () => assertOutsideTransaction('a pool query'), observers);

  return {
    async read(fn) {
      assertOutsideTransaction('db.read()');
      return fn(poolExecutor);
    },

    async transaction(fn, options = {}) {
      assertOutsideTransaction('db.transaction()');
      const { client, release } = await checkout(pool);
      const state: TxState = { done: false };
      const callbacks: Array<() => void> = [];
      let broken = false;
      try {
        await client.query(BEGIN[options.isolation ?? 'read committed']);
        if (options.readOnly) await client.query('SET TRANSACTION READ ONLY');
        const exec = executorOver(
          client,
          () => {
            if (state.done) throw new Error('transaction executor used after its transaction ended');
          },
          observers,
        );
        const tx = {
          ...exec,
          client,
          afterCommit: (cb: () => void) => void callbacks.push(cb),
        } as unknown as Tx;
        const result = await activeTransaction.run(state, () => fn(tx));
        state.done = true;
        await client.query('COMMIT');
        for (const cb of callbacks) cb();
        return result;
      } catch (error) {
        state.done = true;
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself is gone: do not give it back to the pool
        }
        throw error;
      } finally {
        release(broken);
      }
    },

    async withClient(fn) {
      assertOutsideTransaction('db.withClient()');
      const { client, release } = await checkout(pool);
      let broken = false;
      try {
        return await fn(client);
      } catch (error) {
        broken = isConnectionError(error);
        throw error;
      } finally {
        release(broken);
      }
    },

    observe(listener) {
      observers.add(listener);
      return () => void observers.delete(listener);
    },

    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),

    close: () => pool.end(),
  };
}

/** PostgreSQL's SQLSTATE of an error raised by the server (undefined for anything else). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique constraint refused the write (optionally: that constraint). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    sqlState(error) === '23505' &&
    (constraint === undefined || (error as { constraint?: string }).constraint === constraint)
  );
}

/** A foreign key refused the write (optionally: that constraint): the row it names is gone. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return (
    sqlState(error) === '23503' &&
    (constraint === undefined || (error as { constraint?: string }).constraint === constraint)
  );
}

/** A CHECK constraint refused the write (optionally: that constraint). */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  return (
    sqlState(error) === '23514' &&
    (constraint === undefined || (error as { constraint?: string }).constraint === constraint)
  );
}

const CLIENT_SIDE_LOSS =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/;

/** The connection broke or could not be had (no SQLSTATE: the driver says so, not the server). */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  return code === undefined && typeof message === 'string' && CLIENT_SIDE_LOSS.test(message);
}
