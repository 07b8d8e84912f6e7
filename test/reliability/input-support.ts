// Shared by the input and security half of the reliability suite (R4, R5, R6, R9): a clean database for the
// file, a fingerprint of every table (to prove that nothing was written), a bounded pool of concurrent calls,
// status counts for the printed figures, and a scan of captured text for secrets.
import { QueryTypes, type Sequelize } from 'sequelize';
import { resetData, testDb } from '../helpers/db.js';

/**
 * The hooks in test/helpers/hooks.ts empty the database before each test of test/integration and test/e2e
 * only; the files of this suite start from an empty database themselves (TEST_DATABASE_URL, as every tier).
 */
export async function cleanDatabase(): Promise<Sequelize> {
  const db = await testDb();
  await resetData(db);
  return db;
}

export interface TableFingerprint {
  rows: number;
  /** md5 of every row's text, in a stable order. */
  sum: string;
}

export type Fingerprints = Map<string, TableFingerprint>;

/** Row count and checksum of every table of the schema, but `exclude` (each exclusion says why at its caller). */
export async function fingerprintTables(db: Sequelize, exclude: string[] = []): Promise<Fingerprints> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    { type: QueryTypes.SELECT },
  );
  const out: Fingerprints = new Map();
  for (const { name } of tables) {
    if (exclude.includes(name)) continue;
    const [row] = await db.query<TableFingerprint>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum
         FROM "${name}" t`,
      { type: QueryTypes.SELECT },
    );
    out.set(name, row);
  }
  return out;
}

/** Tables whose rows differ between two fingerprints, e.g. `orders: 1 → 2 rows`. */
export function changedTables(before: Fingerprints, after: Fingerprints): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((n) => before.get(n)?.sum !== after.get(n)?.sum)
    .map((n) => `${n}: ${before.get(n)?.rows ?? '-'} → ${after.get(n)?.rows ?? '-'} rows`);
}

/** Runs `work` over `items` with at most `concurrency` calls in flight; results in the items' order. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** `{400: 12, 422: 30}` → `400:12 422:30`, keys in order. */
export function formatCounts(counts: Record<string | number, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
}

export function countBy<T>(items: readonly T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export interface SecretHit {
  secret: string;
  where: string;
  excerpt: string;
}

/** Every occurrence of any secret in the named texts, with some context around it. */
export function findSecrets(
  secrets: Iterable<string>,
  texts: { where: string; text: string }[],
): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const secret of new Set(secrets)) {
    if (secret.length < 6) throw new Error(`secret "${secret}" is too short to be searched for reliably`);
    for (const { where, text } of texts) {
      const at = text.indexOf(secret);
      if (at >= 0) hits.push({ secret, where, excerpt: text.slice(Math.max(0, at - 80), at + 80) });
    }
  }
  return hits;
}
