// `npm run db:seed`: migrates the configured PostgreSQL and loads the demo data (idempotent: run it again safely).
// Never under production settings: the demo accounts' passwords are published in the README.
import { existsSync, readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { getSettings } from '../src/config/index.js';
import { createDatabase } from '../src/db/executor.js';
import { migrateUp } from '../src/db/migrator.js';
import { createSequelize } from '../src/db/sequelize.js';
import { seedDemo } from './seed.js';

/**
 * Where production settings are asked for: OCPIZZA_SETTINGS or NODE_ENV, in the environment or in the .env the
 * settings would read. Either one is enough (an explicit `OCPIZZA_SETTINGS=development` does not make the
 * production database of a .env a demo database).
 */
function productionSources(): string[] {
  const file = existsSync('.env') ? dotenv.parse(readFileSync('.env')) : {};
  const sources: string[] = [];
  for (const [where, env] of [
    ['environment', process.env],
    ['.env', file],
  ] as const) {
    if (env.OCPIZZA_SETTINGS?.trim() === 'production') sources.push(`OCPIZZA_SETTINGS=production (${where})`);
    if (env.NODE_ENV?.trim() === 'production') sources.push(`NODE_ENV=production (${where})`);
  }
  return sources;
}

async function main(): Promise<number> {
  const production = productionSources();
  if (production.length > 0) {
    console.error(
      `db:seed refuses to run under production settings (${production.join(', ')}): the demo data creates ` +
        'accounts whose passwords are published in the README. Seed a development or demonstration database ' +
        'instead, from a folder whose .env is not the production one.',
    );
    return 1;
  }
  const settings = getSettings();
  if (settings.db.url === null) {
    console.error(
      'db:seed: no database configured. Set DATABASE_URL (or POSTGRES_HOST, POSTGRES_NAME, POSTGRES_USER, ' +
        'POSTGRES_PASS) in the environment or .env.\n' +
        'Without a database, `npm start` uses the embedded PostgreSQL and seeds it itself on first start.',
    );
    return 1;
  }
  // Sequelize for the migrations only; the seed goes through the API's executor and services.
  const sequelize = createSequelize({ url: settings.db.url, poolMax: 1, applicationName: 'ocpizza-seed' });
  const db = createDatabase({ url: settings.db.url, poolMax: 2, applicationName: 'ocpizza-seed' });
  try {
    const applied = await migrateUp(sequelize);
    console.log(`migrations applied: ${applied.length}`);
    const counts = await seedDemo(db, { settings, log: (msg) => console.log(msg) });
    console.log('rows after seeding:');
    console.table(counts);
    return 0;
  } finally {
    await sequelize.close();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('db:seed failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
