// `npm run check:config` (after `npm run build`, in a release folder): what deploy/deploy.sh runs before it
// switches anything. Validates the .env beside it against the PRODUCTION schema, reaches the database, and lists
// the migrations the release would apply. Exit 0 when the release can start; 78 for a configuration problem;
// 69 when the database cannot be reached. Prints no secret.
import { existsSync, readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { CONFIG_EXIT_CODE, ConfigError, loadSettings } from './config/index.js';
import { pendingMigrations } from './db/migrator.js';
import { createSequelize } from './db/sequelize.js';

const DATABASE_UNAVAILABLE = 69;

async function main(): Promise<number> {
  const fromFile = existsSync('.env') ? dotenv.parse(readFileSync('.env')) : {};
  let settings;
  try {
    settings = loadSettings({ ...fromFile, ...process.env, OCPIZZA_SETTINGS: 'production' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`check:config: the production configuration is refused.\n${error.message}`);
    return CONFIG_EXIT_CODE;
  }
  const sequelize = createSequelize({ url: settings.db.url!, poolMax: 1, applicationName: 'ocpizza-check' });
  try {
    const [[{ version }]] = (await sequelize.query(
      "SELECT current_setting('server_version') AS version",
    )) as [[{ version: string }], unknown];
    const pending = await pendingMigrations(sequelize);
    console.log(`check:config: configuration valid; PostgreSQL ${version} reached`);
    console.log(
      pending.length === 0
        ? 'check:config: no pending migration'
        : `check:config: ${pending.length} pending migration(s): ${pending.join(', ')}`,
    );
    return 0;
  } catch (error) {
    const { hostname, port, pathname } = new URL(settings.db.url!);
    console.error(
      `check:config: the database ${hostname}:${port || 5432}${pathname} cannot be used: ${(error as Error).message}`,
    );
    return DATABASE_UNAVAILABLE;
  } finally {
    await sequelize.close().catch(() => undefined);
  }
}

process.exitCode = await main();
