// Reads that may come from a streaming replica (DATABASE_READ_URL): the accountant's exports, the dashboard and
// (through src/db/sequelize.ts) the back office's order lists.
// Everything that writes or decides stays on the primary. Before using the replica, its lag is measured (at most
// every few seconds): the primary's current WAL position against what the replica has replayed; when the replica
// is behind, the lag is the time since its last replayed transaction. A replica that is down, or behind by more
// than READ_REPLICA_MAX_LAG_S, is skipped: the reads go to the primary, and a warning is logged (once per change).
import type { Logger } from 'pino';
import { createDatabase, type Database } from './executor.js';

/** What a reader needs of a Database: autocommit reads and a client for cursors; no transaction, so no write. */
export type ReadDatabase = Pick<Database, 'read' | 'withClient'>;

export interface ReplicaReadsOptions {
  primary: Database;
  url: string;
  poolMax: number;
  maxLagSeconds: number;
  logger: Logger;
  /** How long a lag measure is trusted (ms). */
  checkEveryMs?: number;
}

export interface ReplicaReads extends ReadDatabase {
  /** Where the next read goes: by the last lag measure (at most `checkEveryMs` old), or measured now. */
  target(options?: { fresh?: boolean }): Promise<'replica' | 'primary'>;
  close(): Promise<void>;
}

export function createReplicaReads({
  primary,
  url,
  poolMax,
  maxLagSeconds,
  logger,
  checkEveryMs = 2_000,
}: ReplicaReadsOptions): ReplicaReads {
  const replica = createDatabase({ url, poolMax, applicationName: 'ocpizza-read', acquireTimeoutMs: 2_000 });
  let checkedAt = 0;
  let useReplica = false;
  let reason = 'not checked yet';
  let pending: Promise<void> | undefined;

  async function measure(): Promise<{ ok: boolean; why: string }> {
    try {
      const at = await primary.read((ex) =>
        ex.one<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'),
      );
      const state = await replica.read((ex) =>
        ex.one<{ standby: boolean; behind: boolean; lag: number | null }>(
          `SELECT pg_is_in_recovery() AS standby,
                  pg_last_wal_replay_lsn() < $1::pg_lsn AS behind,
                  EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS lag`,
          [at!.lsn],
        ),
      );
      if (!state?.standby) return { ok: false, why: 'DATABASE_READ_URL is not a replica (not in recovery)' };
      const lag = state.behind ? (state.lag ?? Infinity) : 0;
      if (lag > maxLagSeconds) {
        return { ok: false, why: `replica ${Math.round(lag)} s behind (limit ${maxLagSeconds} s)` };
      }
      return { ok: true, why: `replica ${Math.round(lag)} s behind` };
    } catch (error) {
      return { ok: false, why: `replica unreachable (${(error as Error).message})` };
    }
  }

  async function refresh(): Promise<void> {
    const { ok, why } = await measure();
    checkedAt = Date.now();
    if (ok !== useReplica || (!ok && why !== reason)) {
      if (ok) logger.info({ replica: why }, 'reads go to the replica again');
      else logger.warn({ replica: why }, 'replica skipped: reads go to the primary');
    }
    useReplica = ok;
    reason = why;
  }

  async function pick(): Promise<ReadDatabase> {
    if (Date.now() - checkedAt > checkEveryMs) {
      pending ??= refresh().finally(() => (pending = undefined));
      await pending;
    }
    return useReplica ? replica : primary;
  }

  return {
    read: async (fn) => (await pick()).read(fn),
    withClient: async (fn) => (await pick()).withClient(fn),
    async target({ fresh = false } = {}) {
      if (fresh) checkedAt = 0;
      return (await pick()) === replica ? 'replica' : 'primary';
    },
    close: () => replica.close(),
  };
}
