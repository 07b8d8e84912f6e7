// Runs the sequelize-cli migrations (migrations/*.cjs) from the app and the tests, with the same
// "SequelizeMeta" bookkeeping table as `npx sequelize-cli db:migrate`.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Sequelize, type QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { fromRoot } from '../shared/paths.js';

const require = createRequire(import.meta.url);
const migrationsDir = fromRoot('migrations');

interface CliMigration {
  up(qi: QueryInterface, S: typeof Sequelize): Promise<void>;
  down(qi: QueryInterface, S: typeof Sequelize): Promise<void>;
}

export function createMigrator(sequelize: Sequelize) {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.cjs'))
    .sort();
  return new Umzug({
    migrations: files.map((file) => {
      const mod = require(path.join(migrationsDir, file)) as CliMigration;
      return {
        name: file,
        up: () => mod.up(sequelize.getQueryInterface(), Sequelize),
        down: () => mod.down(sequelize.getQueryInterface(), Sequelize),
      };
    }),
    storage: new SequelizeStorage({ sequelize, modelName: 'SequelizeMeta', tableName: 'SequelizeMeta' }),
    logger: undefined,
  });
}

export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const done = await createMigrator(sequelize).up();
  return done.map((m) => m.name);
}

export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  const pending = await createMigrator(sequelize).pending();
  return pending.map((m) => m.name);
}
