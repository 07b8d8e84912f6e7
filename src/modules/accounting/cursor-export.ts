// Streams one SQL query to a Writable in constant memory: a server-side cursor (pg-query-stream) on a connection
// of its own taken from the API's pool (db.withClient), rows fetched a batch at a time, text written as the
// destination accepts it (backpressure), so a year of orders never sits in memory.
//
// Failure contract: the promise rejects. When nothing reached the destination yet it is left untouched (an
// HTTP route can still answer with an error); once bytes were written it is destroyed without being ended, so
// the receiver sees an incomplete transfer (an HTTP download fails: no final chunk) rather than a short file
// that looks complete.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { ReadDatabase } from '../../db/replica.js';

/** Rows fetched per round trip of the cursor. */
export const CURSOR_BATCH_ROWS = 1000;
/** Text gathered before one write to the destination. */
const FLUSH_CHARS = 64 * 1024;

export interface RowFormatter<Row> {
  /** Written first, also when the query returns no row. */
  header: string;
  /** The text of one row (may be empty while the formatter gathers rows, e.g. the lines of one order). */
  row(row: Row): string;
  /** Written after the last row. */
  end(): string;
}

export interface StreamedQuery {
  text: string;
  values: unknown[];
}

export interface StreamOutcome {
  rows: number;
  bytes: number;
}

/** The destination went away before the end (an HTTP client that cancelled its download). */
export class ExportAbortedError extends Error {
  constructor() {
    super('the destination closed before the export was complete');
    this.name = 'ExportAbortedError';
  }
}

class Destination {
  private chunks: string[] = [];
  private pending = 0;
  private closedEarly = false;
  private failure: unknown;
  private ending = false;
  started = false;
  bytes = 0;

  constructor(private readonly w: Writable) {
    w.on('close', this.onClose);
    w.on('error', this.onError);
  }

  private readonly onClose = () => {
    if (!this.ending) this.closedEarly = true;
  };
  private readonly onError = (error: unknown) => {
    this.failure ??= error;
  };

  detach() {
    this.w.off('close', this.onClose);
    this.w.off('error', this.onError);
  }

  private check() {
    if (this.failure) throw this.failure;
    if (this.closedEarly || this.w.destroyed || this.w.writableEnded) throw new ExportAbortedError();
  }

  add(text: string) {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.pending += text.length;
  }

  get full() {
    return this.pending >= FLUSH_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.check();
    const data = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    this.started = true;
    this.bytes += Buffer.byteLength(data);
    if (!this.w.write(data)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
        this.w.off('drain', onDrain);
        this.w.off('close', onClose);
        this.w.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ExportAbortedError());
      const onError = (error: unknown) => done(error);
      this.w.on('drain', onDrain);
      this.w.on('close', onClose);
      this.w.on('error', onError);
    });
  }

  async end(): Promise<void> {
    await this.flush();
    this.check();
    this.ending = true;
    this.started = true;
    this.w.end();
    await finished(this.w);
  }

  /** Makes a started transfer visibly incomplete: the destination is closed without its end. */
  abandon() {
    if (this.started && !this.w.destroyed) this.w.destroy();
  }
}

const CURSOR_CLOSE_TIMEOUT_MS = 5_000;

function closedWithin(stream: QueryStream, ms: number): Promise<boolean> {
  if (stream.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function quietly(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch {
    return false;
  }
}

/** Runs `query` through a cursor and writes `formatter`'s text to `writable`, then ends it. */
export function streamQuery<Row>(
  db: ReadDatabase,
  query: StreamedQuery,
  writable: Writable,
  formatter: RowFormatter<Row>,
): Promise<StreamOutcome> {
  // A connection of the pool, held for the whole export.
  return db.withClient((connection) => streamOn(connection, query, writable, formatter));
}

async function streamOn<Row>(
  connection: pg.PoolClient,
  query: StreamedQuery,
  writable: Writable,
  formatter: RowFormatter<Row>,
): Promise<StreamOutcome> {
  const out = new Destination(writable);
  let reusable = true;
  let rows = 0;
  try {
    // One read-only transaction: a consistent snapshot, and on the embedded database (one PGlite session
    // shared by every connection) the cursor keeps the session to itself until the export ends.
    await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const cursor = connection.query(
      new QueryStream(query.text, query.values, { batchSize: CURSOR_BATCH_ROWS }),
    );
    cursor.on('error', () => {
      // Surfaced by the iteration below; this listener only keeps a late close error from going unhandled.
    });
    try {
      let first = true;
      for await (const row of cursor) {
        if (first) out.add(formatter.header);
        first = false;
        out.add(formatter.row(row as Row));
        rows += 1;
        if (out.full) await out.flush();
      }
      if (first) out.add(formatter.header);
      out.add(formatter.end());
    } finally {
      // Leaving the loop early destroys the stream, which closes the cursor on the server: wait for it so
      // that the connection is idle again before it goes back to the pool (a connection that does not
      // answer within the delay is thrown away instead).
      if (!(await closedWithin(cursor, CURSOR_CLOSE_TIMEOUT_MS))) reusable = false;
    }
    await connection.query('COMMIT');
    await out.end();
    return { rows, bytes: out.bytes };
  } catch (error) {
    out.abandon();
    if (reusable) reusable = await quietly(() => connection.query('ROLLBACK'));
    throw error;
  } finally {
    out.detach();
    // A connection left mid-cursor or mid-transaction must not serve anyone else: ending it (marked at once,
    // not awaited) makes the pool drop it when db.withClient releases it.
    if (!reusable) connection.end().catch(() => {});
  }
}
