// `npm run db:seed`: migrates the configured PostgreSQL and loads the demo data (idempotent: run it again safely).
import { getSettings } from '../src/config/index.js';
import { createDatabase } from '../src/db/executor.js';
import { migrateUp } from '../src/db/migrator.js';
import { createSequelize } from '../src/db/sequelize.js';
import { seedDemo } from './seed.js';

async function main(): Promise<number> {
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
