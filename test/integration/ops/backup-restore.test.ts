// deploy/backup.sh and deploy/restore.sh on the real PostgreSQL: a database with the demo data is dumped,
// dropped, restored under its name, and every table comes back with the same rows (count and checksum).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createDatabase } from '../../../src/db/executor.js';
import { createSequelize } from '../../../src/db/sequelize.js';
import { migrateUp } from '../../../src/db/migrator.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { seedDemo } from '../../../seeders/seed.js';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../../helpers/db.js';

const run = promisify(execFile);
const NAME = 'ocpizza_backup_test';
const EMPTY = 'ocpizza_backup_test_empty';

/** Every table of the public schema: its row count and an md5 of its rows in a stable order. */
async function fingerprint(db: Sequelize): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    { type: QueryTypes.SELECT },
  );
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      { type: QueryTypes.SELECT },
    );
    result[name] = row;
  }
  return result;
}

describe('backups: deploy/backup.sh → drop → deploy/restore.sh', function () {
  this.timeout(120_000);
  let dir: string;
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '',
    DATABASE_URL: siblingDatabaseUrl(NAME),
    BACKUP_DIR: dir,
    ...extra,
  });
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ocpizza-backups-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(NAME);
  });

  it('when the database is dumped, dropped and restored, then every table has the same rows', async () => {
    await recreateDatabase(NAME);
    let db = createSequelize({ url: siblingDatabaseUrl(NAME), poolMax: 2 });
    await migrateUp(db);
    const database = createDatabase({ url: siblingDatabaseUrl(NAME), poolMax: 2 });
    await seedDemo(database).finally(() => database.close());
    const before = await fingerprint(db);
    await db.close();
    expect(before.orders.rows).to.be.above(10);
    expect(before.stock_movements.rows).to.be.above(100);

    const { stdout } = await run(fromRoot('deploy', 'backup.sh'), [], { env: env() });
    const file = stdout.trim();
    expect(path.dirname(file)).to.equal(dir);
    expect(path.basename(file)).to.match(/^ocpizza-\d{8}T\d{6}Z\.dump$/);
    expect((await stat(file)).size).to.be.above(1000);

    await dropDatabase(NAME);
    const restored = await run(fromRoot('deploy', 'restore.sh'), [file, NAME], {
      env: env({ DATABASE_URL: siblingDatabaseUrl('postgres') }),
    });
    expect(restored.stdout).to.include(`into ${NAME}`);
    db = createSequelize({ url: siblingDatabaseUrl(NAME), poolMax: 2 });
    try {
      expect(await fingerprint(db)).to.deep.equal(before);
    } finally {
      await db.close();
    }
  });

  it('when a restore targets an existing database with tables, then it refuses and changes nothing', async () => {
    await recreateDatabase(NAME);
    const db = createSequelize({ url: siblingDatabaseUrl(NAME), poolMax: 2 });
    await migrateUp(db);
    const before = await fingerprint(db);
    const file = path.join(dir, 'ocpizza-20260101T000000Z.dump');
    await writeFile(file, 'not a dump');
    try {
      const error = await run(fromRoot('deploy', 'restore.sh'), [file, NAME], { env: env() }).catch((e) => e);
      expect(error.code).to.equal(3);
      expect(error.stderr).to.include('already exists and is not empty');
      expect(await fingerprint(db)).to.deep.equal(before);
    } finally {
      await db.close();
    }
    const bad = await run(fromRoot('deploy', 'restore.sh'), [file, 'Robert"); DROP'], { env: env() }).catch(
      (e) => e,
    );
    expect(bad.code).to.equal(2);
  });

  it('when the target was created empty beforehand (managed database panel), then the dump is restored into it', async () => {
    await recreateDatabase(NAME);
    let db = createSequelize({ url: siblingDatabaseUrl(NAME), poolMax: 2 });
    await migrateUp(db);
    const before = await fingerprint(db);
    await db.close();
    const file = (await run(fromRoot('deploy', 'backup.sh'), [], { env: env() })).stdout.trim();
    await recreateDatabase(EMPTY);
    try {
      const restored = await run(fromRoot('deploy', 'restore.sh'), [file, EMPTY], { env: env() });
      expect(restored.stdout).to.include(`into ${EMPTY}`);
      db = createSequelize({ url: siblingDatabaseUrl(EMPTY), poolMax: 2 });
      expect(await fingerprint(db)).to.deep.equal(before);
      await db.close();
    } finally {
      await dropDatabase(EMPTY);
    }
  });

  it('when dumps are older than the retention, then the next backup deletes them and keeps the recent ones', async () => {
    await recreateDatabase(NAME);
    const old = path.join(dir, 'ocpizza-20200101T000000Z.dump');
    const recent = path.join(dir, 'ocpizza-20260101T000001Z.dump');
    await writeFile(old, 'old');
    await writeFile(recent, 'recent');
    const days = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000);
    await utimes(old, days(20), days(20));
    await utimes(recent, days(3), days(3));
    const { stdout } = await run(fromRoot('deploy', 'backup.sh'), [], {
      env: env({ BACKUP_RETENTION_DAYS: '7' }),
    });
    const files = await readdir(dir);
    expect(files).to.include(path.basename(recent)).and.include(path.basename(stdout.trim()));
    expect(files).to.not.include(path.basename(old));
    expect(files.filter((f) => f.endsWith('.partial'))).to.deep.equal([]);
  });
});
