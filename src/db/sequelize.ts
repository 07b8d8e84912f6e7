// The Sequelize connection (pg driver). Repositories use it for SQL; only admin/ works with model instances.
//
// With a read replica (DATABASE_READ_URL), Sequelize gets a second pool on it, but nothing reaches that pool
// unless it runs inside `onReplica()`: every other statement (sign-in, sessions, forms, record pages, the
// migrations) is pinned to the primary by the `beforePoolAcquire` hook, so no screen shows a stale row after an
// edit. The back office's order lists opt in through `replicaModelReads()`, which asks the replica's lag check
// of src/db/replica.ts first and falls back to the primary when the replica cannot be reached.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { ConnectionError, Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import type { ReplicaReads } from './replica.js';

// COUNT(*) and bigserial ids come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DbOptions {
  url: string;
  poolMax: number;
  /** Connection label shown in pg_stat_activity. */
  applicationName?: string;
  /** A streaming replica, used only by the reads run inside `onReplica()` (SSL options come from `url`). */
  readUrl?: string | null;
}

/** Host, port, user, password and database of a postgres:// URL, as Sequelize's replication wants them. */
function connectionOf(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port || '5432',
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}

const replicaScope = new AsyncLocalStorage<true>();

export function createSequelize({
  url,
  poolMax,
  applicationName = 'ocpizza',
  readUrl,
}: DbOptions): Sequelize {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    benchmark: false,
    define: { underscored: true, timestamps: true },
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 10_000, evict: 5_000 },
    dialectOptions: { application_name: applicationName, connectionTimeoutMillis: 5_000 },
    retry: { max: 0 },
    replication: readUrl ? { write: connectionOf(url), read: [connectionOf(readUrl)] } : false,
  });
  if (readUrl) {
    // Sequelize would send every SELECT (and read-only transaction) outside a transaction to the read pool.
    sequelize.addHook('beforePoolAcquire', (options) => {
      if (!replicaScope.getStore()) options.useMaster = true;
    });
  }
  return sequelize;
}

/** Where the back office's heavy lists read: the replica when it is fit, else the primary. */
export interface ModelReads {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export const PRIMARY_MODEL_READS: ModelReads = { run: (fn) => fn() };

/**
 * Runs Sequelize reads on the replica of `sequelize` (created with `readUrl`) while `reads` finds it fit (not
 * down, not too far behind); a read the replica fails to connect for is run again on the primary.
 */
export function replicaModelReads(reads: Pick<ReplicaReads, 'target'>, logger: Logger): ModelReads {
  return {
    async run(fn) {
      if ((await reads.target()) !== 'replica') return fn();
      try {
        return await replicaScope.run(true, fn);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        logger.warn({ replica: error.name }, 'replica read failed: read again from the primary');
        return fn();
      }
    },
  };
}
