// Runs the sequelize-cli migrations (migrations/*.cjs) from the app and the tests, with the same
// "SequelizeMeta" bookkeeping table as `npx sequelize-cli db:migrate`. Which migrations are pending is read
// with one query (every start and every /readyz ask); Umzug, whose import loads its command-line parser (about
// 0.3 s of CPU), is loaded only when there is something to apply or undo.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { QueryTypes, Sequelize, type QueryInterface } from 'sequelize';
import { fromRoot } from '../shared/paths.js';

const require = createRequire(import.meta.url);
const migrationsDir = fromRoot('migrations');
const META_TABLE = 'SequelizeMeta';
const UNDEFINED_TABLE = '42P01';

interface CliMigration {
  up(qi: QueryInterface, S: typeof Sequelize): Promise<void>;
  down(qi: QueryInterface, S: typeof Sequelize): Promise<void>;
}

function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.cjs'))
    .sort();
}

export async function createMigrator(sequelize: Sequelize) {
  const { SequelizeStorage, Umzug } = await import('umzug');
  return new Umzug({
    migrations: migrationFiles().map((file) => {
      const mod = require(path.join(migrationsDir, file)) as CliMigration;
      return {
        name: file,
        up: () => mod.up(sequelize.getQueryInterface(), Sequelize),
        down: () => mod.down(sequelize.getQueryInterface(), Sequelize),
      };
    }),
    storage: new SequelizeStorage({ sequelize, modelName: META_TABLE, tableName: META_TABLE }),
    logger: undefined,
  });
}

/** The names recorded as applied (what Umzug's SequelizeStorage reads); none before the first migration. */
async function appliedMigrations(sequelize: Sequelize): Promise<Set<string>> {
  try {
    const rows = await sequelize.query<{ name: string }>(`SELECT name FROM "${META_TABLE}"`, {
      type: QueryTypes.SELECT,
    });
    return new Set(rows.map((r) => r.name));
  } catch (error) {
    const code = (error as { parent?: { code?: string } }).parent?.code;
    if (code === UNDEFINED_TABLE) return new Set();
    throw error;
  }
}

export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  const applied = await appliedMigrations(sequelize);
  return migrationFiles().filter((file) => !applied.has(file));
}

export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  if ((await pendingMigrations(sequelize)).length === 0) return [];
  const done = await (await createMigrator(sequelize)).up();
  return done.map((m) => m.name);
}
