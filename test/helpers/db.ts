// The integration tiers' database: TEST_DATABASE_URL (default ocpizza_test on the local PostgreSQL),
// created and migrated once per run, emptied before each test so that tests never see each other's rows.
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import { createDatabase, type Database } from '../../src/db/executor.js';
import { createSequelize } from '../../src/db/sequelize.js';
import { migrateUp } from '../../src/db/migrator.js';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ocpizza_test';

/** A URL for another database on the server of `serverUrl` (by default the test database's server). */
export function siblingDatabaseUrl(name: string, serverUrl = TEST_DATABASE_URL): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}

/**
 * The name of a database of this run's own, derived from the test database's name: two checkouts testing at once
 * on one server (each with its own TEST_DATABASE_URL) never drop each other's databases.
 */
export function ownDatabaseName(suffix: string, serverUrl = TEST_DATABASE_URL): string {
  // PostgreSQL names stop at 63 bytes: the base is cut so that the suffix always fits.
  return `${decodeURIComponent(new URL(serverUrl).pathname.slice(1)).slice(0, 40)}_${suffix}`;
}

/** Connects to the server's maintenance database; fails fast with a readable message when no server answers. */
export async function adminClient(serverUrl = TEST_DATABASE_URL): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: siblingDatabaseUrl('postgres', serverUrl),
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  return client;
}

async function onServer(serverUrl: string, sql: string[]): Promise<void> {
  const client = await adminClient(serverUrl);
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(name: string, serverUrl = TEST_DATABASE_URL): Promise<void> {
  await onServer(serverUrl, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
}

export async function dropDatabase(name: string, serverUrl = TEST_DATABASE_URL): Promise<void> {
  await onServer(serverUrl, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
}

export async function ensureDatabase(name: string): Promise<void> {
  const client = await adminClient();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

let shared: Sequelize | undefined;
let sharedDatabase: Database | undefined;

/** The API's executor pool on the migrated test database, for tests that call services directly. */
export async function testDatabase(): Promise<Database> {
  await testDb();
  sharedDatabase ??= createDatabase({
    url: TEST_DATABASE_URL,
    poolMax: 10,
    applicationName: 'ocpizza-tests',
  });
  return sharedDatabase;
}

/** The migrated test database, shared by the integration tests of this process. */
export async function testDb(): Promise<Sequelize> {
  if (shared) return shared;
  await ensureDatabase(new URL(TEST_DATABASE_URL).pathname.slice(1));
  const sequelize = createSequelize({
    url: TEST_DATABASE_URL,
    poolMax: 10,
    applicationName: 'ocpizza-tests',
  });
  await migrateUp(sequelize);
  shared = sequelize;
  return sequelize;
}

/** Empties every table (identities restarted) except the migrations' bookkeeping. The sales journal refuses
 * TRUNCATE (its triggers): the tests, as the superuser, empty it with the triggers off for this transaction
 * (session_replication_role, which the application's role may not set). */
export async function resetData(sequelize: Sequelize): Promise<void> {
  const [rows] = await sequelize.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'SequelizeMeta'`,
  );
  const tables = (rows as { tablename: string }[]).map((r) => `"${r.tablename}"`);
  if (tables.length === 0) return;
  // A server process a test has just started runs its jobs at once (the journal's closing job, the outbox worker):
  // a transaction of theirs can hold one table while waiting for another that the TRUNCATE, which locks the tables
  // one after the other, already holds. PostgreSQL then cancels one of the two (deadlock_detected, seen in CI in
  // the « graceful shutdown » tests' set-up): the emptying is tried again, the job's transaction being gone.
  for (let attempt = 1; ; attempt++) {
    try {
      await sequelize.transaction(async (transaction) => {
        await sequelize.query(`SET LOCAL session_replication_role = replica`, { transaction });
        await sequelize.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`, { transaction });
      });
      return;
    } catch (error) {
      const code = (error as { parent?: { code?: string } }).parent?.code;
      if (code !== DEADLOCK_DETECTED || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

const DEADLOCK_DETECTED = '40P01';

export async function closeTestDb(): Promise<void> {
  await sharedDatabase?.close();
  sharedDatabase = undefined;
  await shared?.close();
  shared = undefined;
}
