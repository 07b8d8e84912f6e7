// The verifier fed from the database: one connection, one read-only REPEATABLE READ transaction (the journal, its
// heads and closures seen at one instant while the shops keep selling), the entries read through a server-side
// cursor (pg-query-stream) a batch at a time, so a million entries verify in constant memory.
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { Database } from '../../db/executor.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Closure, JournalEntry } from './canonical.js';
import { CLOSURE_COLUMNS } from './closures.repository.js';
import { ENTRY_COLUMNS } from './journal.repository.js';
import { keyRing, verifyJournal, type KeyRing, type ShopSource, type Verification } from './verify.js';

/** Rows fetched per round trip of the cursor. */
export const VERIFY_BATCH_ROWS = 5000;
const CURSOR_CLOSE_TIMEOUT_MS = 5000;

export interface VerifyOptions {
  /** One shop, by id or by code (P01); every shop with a journal otherwise. */
  pizzeriaId?: number;
  shopCode?: string;
  /** Paris calendar days (YYYY-MM-DD), both included: the entries of that period, chained from the one before. */
  from?: string;
  to?: string;
  /** The only keys closures may be signed with (e.g. kept apart from the database); journal_keys otherwise. */
  keys?: KeyRing;
}

/** Rows of a query, streamed through a server-side cursor on `client` (closed when the reader stops early). */
export async function* streamRows<T>(
  client: pg.PoolClient,
  text: string,
  values: unknown[],
): AsyncGenerator<T> {
  const stream = client.query(new QueryStream(text, values, { batchSize: VERIFY_BATCH_ROWS }));
  stream.on('error', () => {
    // Surfaced by the iteration; this listener only keeps a late close error from going unhandled.
  });
  try {
    for await (const row of stream) yield row as T;
  } finally {
    if (!stream.destroyed) stream.destroy();
    if (!stream.closed) {
      await Promise.race([
        new Promise((resolve) => stream.once('close', resolve)),
        new Promise((resolve) => setTimeout(resolve, CURSOR_CLOSE_TIMEOUT_MS).unref()),
      ]);
    }
  }
}

async function* rowsOf<T>(client: pg.PoolClient, text: string, values: unknown[]): AsyncGenerator<T> {
  const { rows } = await client.query(text, values);
  yield* rows as T[];
}

interface ShopRow {
  pizzeriaId: number;
  code: string;
  hasHead: boolean;
  lastSeq: number;
  lastHash: string;
  grandTotalCents: number;
}

async function one<T>(client: pg.PoolClient, text: string, values: unknown[]): Promise<T | undefined> {
  return (await client.query(text, values)).rows[0] as T | undefined;
}

export const entryAt = (client: pg.PoolClient, pizzeriaId: number, seq: number) =>
  one<JournalEntry>(
    client,
    `SELECT ${ENTRY_COLUMNS} FROM sales_journal WHERE pizzeria_id = $1 AND seq = $2`,
    [pizzeriaId, seq],
  );

export const closureAt = (client: pg.PoolClient, pizzeriaId: number, seq: number) =>
  one<Closure>(
    client,
    `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND seq = $2`,
    [pizzeriaId, seq],
  );

export const entriesBetween = (
  client: pg.PoolClient,
  pizzeriaId: number,
  first: number,
  last: number | null,
) =>
  streamRows<JournalEntry>(
    client,
    `SELECT ${ENTRY_COLUMNS} FROM sales_journal
      WHERE pizzeria_id = $1 AND seq >= $2 AND ($3::bigint IS NULL OR seq <= $3) ORDER BY seq`,
    [pizzeriaId, first, last],
  );

/** Runs `fn` on one connection inside a read-only snapshot; the connection is dropped if it cannot be cleaned. */
export async function inSnapshot<T>(db: Database, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return db.withClient(async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await fn(client);
    } finally {
      await client.query('ROLLBACK').catch(() => client.end().catch(() => {}));
    }
  });
}

/** Verifies the journal in the database (every shop with a journal, or one), stopping at the first problem. */
export async function verifyDatabase(db: Database, o: VerifyOptions = {}): Promise<Verification> {
  return inSnapshot(db, async (client) => {
    const shops = (
      await client.query<ShopRow>(
        `SELECT p.id AS "pizzeriaId", p.code, h.pizzeria_id IS NOT NULL AS "hasHead",
                coalesce(h.last_seq, 0) AS "lastSeq", coalesce(h.last_hash, '') AS "lastHash",
                coalesce(h.grand_total_cents, 0) AS "grandTotalCents"
           FROM pizzerias p LEFT JOIN journal_heads h ON h.pizzeria_id = p.id
          WHERE ($1::int IS NULL OR p.id = $1) AND ($2::text IS NULL OR p.code = $2)
            AND ($1::int IS NOT NULL OR $2::text IS NOT NULL OR h.pizzeria_id IS NOT NULL
                 OR EXISTS (SELECT 1 FROM sales_journal s WHERE s.pizzeria_id = p.id)
                 OR EXISTS (SELECT 1 FROM journal_closures c WHERE c.pizzeria_id = p.id))
          ORDER BY p.code`,
        [o.pizzeriaId ?? null, o.shopCode ?? null],
      )
    ).rows;
    if (shops.length === 0 && (o.pizzeriaId !== undefined || o.shopCode !== undefined)) {
      throw new NotFoundError(`Pizzeria ${o.shopCode ?? o.pizzeriaId} inconnue.`, 'pizzeria_not_found');
    }
    const bounds = await one<{ from: Date | null; to: Date | null }>(
      client,
      `SELECT ($1::date::timestamp AT TIME ZONE 'Europe/Paris') AS from,
              (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris') AS to`,
      [o.from ?? null, o.to ?? null],
    );
    const keys =
      o.keys ??
      keyRing(
        (
          await client.query<{ keyId: string; publicKey: string }>(
            `SELECT key_id AS "keyId", public_key AS "publicKey" FROM journal_keys`,
          )
        ).rows,
      );

    async function* sources(): AsyncGenerator<ShopSource> {
      for (const s of shops) {
        const closures = rowsOf<Closure>(
          client,
          `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 ORDER BY seq`,
          [s.pizzeriaId],
        );
        const head = s.hasHead
          ? { lastSeq: s.lastSeq, lastHash: s.lastHash, grandTotalCents: s.grandTotalCents }
          : null;
        if (!bounds?.from && !bounds?.to) {
          yield {
            pizzeriaId: s.pizzeriaId,
            code: s.code,
            closures,
            entries: entriesBetween(client, s.pizzeriaId, 1, null),
            head,
          };
          continue;
        }
        const range = (await one<{ first: number; last: number | null }>(
          client,
          `SELECT coalesce((SELECT min(seq) FROM sales_journal WHERE pizzeria_id = $1 AND at >= $2),
                           (SELECT coalesce(max(seq), 0) + 1 FROM sales_journal WHERE pizzeria_id = $1)) AS first,
                  CASE WHEN $3::timestamptz IS NULL THEN NULL
                       ELSE (SELECT coalesce(max(seq), 0) FROM sales_journal WHERE pizzeria_id = $1 AND at < $3)
                  END AS last`,
          [s.pizzeriaId, bounds.from ?? new Date(0), bounds.to],
        ))!;
        const anchor =
          range.first > 1 ? ((await entryAt(client, s.pizzeriaId, range.first - 1)) ?? null) : null;
        yield {
          pizzeriaId: s.pizzeriaId,
          code: s.code,
          closures,
          anchor,
          entries: entriesBetween(client, s.pizzeriaId, anchor ? range.first : 1, range.last),
          ...(range.last === null ? { head } : { lastSeq: range.last }),
        };
      }
    }
    return verifyJournal(sources(), keys);
  });
}
