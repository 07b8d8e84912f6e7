// deploy/backup.sh and deploy/restore.sh on the real PostgreSQL: a database with the demo data is dumped,
// dropped, restored under its name, and every table comes back with the same rows (count and checksum).
import { execFile } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createDatabase } from '../../../src/db/executor.js';
import { createSequelize } from '../../../src/db/sequelize.js';
import { migrateUp } from '../../../src/db/migrator.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { seedDemo } from '../../../seeders/seed.js';
import {
  adminClient,
  dropDatabase,
  ownDatabaseName,
  recreateDatabase,
  siblingDatabaseUrl,
} from '../../helpers/db.js';

const run = promisify(execFile);
const NAME = ownDatabaseName('bk');
const EMPTY = ownDatabaseName('bk_empty');

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

interface Outcome {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs a script and returns its exit code and output, failing or not. */
async function outcome(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number | string; stdout?: string; stderr?: string };
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The database a dump was made from, as pg_restore reads it in the dump's table of contents. */
async function dumpedDatabase(file: string): Promise<string> {
  const { stdout } = await run('pg_restore', ['--list', file]);
  return /^;\s+dbname: (.*)$/m.exec(stdout)?.[1] ?? '';
}

describe('backups: every configuration form, file modes, off-site copy, age check, client version', function () {
  this.timeout(120_000);
  let root: string;
  let realPgDump: string;
  let serverMajor: number;
  const url = () => siblingDatabaseUrl(NAME);
  const parts = () => {
    const u = new URL(url());
    return {
      host: u.hostname,
      port: u.port || '5432',
      user: decodeURIComponent(u.username),
      // Ignored by a trust server; characters that a URL would have to encode.
      pass: decodeURIComponent(u.password) || 'p@ss:/w?rd é',
    };
  };

  /**
   * A release folder laid out as deploy.sh does it: deploy/ holds the scripts of this checkout and .env is a link
   * to the shared file (written when `dotenv` is given). Each call gets its own temporary home.
   */
  async function release(
    dotenv?: string,
  ): Promise<{ home: string; rel: string; script: (n: string) => string }> {
    const home = await mkdtemp(path.join(root, 'home-'));
    const rel = path.join(home, 'releases', 'abc123');
    await mkdir(path.join(rel, 'deploy'), { recursive: true });
    for (const file of await readdir(fromRoot('deploy'))) {
      if (file.endsWith('.sh')) await copyFile(fromRoot('deploy', file), path.join(rel, 'deploy', file));
    }
    if (dotenv !== undefined) {
      await mkdir(path.join(home, 'shared'));
      await writeFile(path.join(home, 'shared', '.env'), dotenv, { mode: 0o600 });
      await symlink(path.join(home, 'shared', '.env'), path.join(rel, '.env'));
    }
    return { home, rel, script: (name: string) => path.join(rel, 'deploy', name) };
  }

  /** A directory holding executable shell scripts, to put first on PATH. */
  async function fakeBin(scripts: Record<string, string>): Promise<string> {
    const bin = await mkdtemp(path.join(root, 'bin-'));
    for (const [name, body] of Object.entries(scripts)) {
      await writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    }
    return bin;
  }

  const PATH = () => process.env.PATH ?? '';

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ocpizza-backup-forms-'));
    realPgDump = (await run('bash', ['-c', 'command -v pg_dump'])).stdout.trim();
    await recreateDatabase(NAME);
    const db = createSequelize({ url: url(), poolMax: 2 });
    await migrateUp(db).finally(() => db.close());
    const client = await adminClient();
    try {
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      serverMajor = Math.floor(Number(rows[0].v) / 10000);
    } finally {
      await client.end();
    }
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    await dropDatabase(NAME);
    await dropDatabase(EMPTY);
  });

  describe('configuration forms the app accepts', () => {
    const forms: [string, () => { dotenv?: string; env?: Record<string, string> }][] = [
      ['DATABASE_URL in the environment, no .env', () => ({ env: { DATABASE_URL: url() } })],
      [
        'DATABASE_URL in .env between single quotes, with & in its options (the dossier’s form)',
        () => ({
          dotenv: `OCPIZZA_SETTINGS=production\nDATABASE_URL='${url()}?application_name=ocpizza-backup&connect_timeout=5'\n`,
        }),
      ],
      ['DATABASE_URL in .env between double quotes', () => ({ dotenv: `DATABASE_URL="${url()}"\n` })],
      [
        'DATABASE_URL in .env unquoted, after export, spaces and with a trailing comment',
        () => ({ dotenv: `# production\nexport DATABASE_URL = ${url()}   # managed database\n` }),
      ],
      [
        'POSTGRES_* in .env beside an empty DATABASE_URL= (as .env.example), CRLF line ends, quoted password',
        () => {
          const p = parts();
          return {
            dotenv: [
              'OCPIZZA_SETTINGS=production',
              `POSTGRES_HOST=${p.host}`,
              `POSTGRES_PORT=${p.port}`,
              `POSTGRES_NAME=${NAME}`,
              `POSTGRES_USER=${p.user}`,
              `POSTGRES_PASS='${p.pass}'`,
              'POSTGRES_SSL=false',
              'DATABASE_URL=',
              '',
            ].join('\r\n'),
          };
        },
      ],
      [
        'POSTGRES_* in the environment, no .env',
        () => {
          const p = parts();
          return {
            env: {
              POSTGRES_HOST: p.host,
              POSTGRES_PORT: p.port,
              POSTGRES_NAME: NAME,
              POSTGRES_USER: p.user,
              POSTGRES_PASS: p.pass,
            },
          };
        },
      ],
      [
        'POSTGRES_NAME in the environment over a POSTGRES_* .env naming another database',
        () => {
          const p = parts();
          return {
            env: { POSTGRES_NAME: NAME },
            dotenv: `POSTGRES_HOST=${p.host}\nPOSTGRES_PORT=${p.port}\nPOSTGRES_NAME=nowhere\nPOSTGRES_USER=${p.user}\n`,
          };
        },
      ],
      [
        'DATABASE_URL in the environment over another one in .env',
        () => ({
          env: { DATABASE_URL: url() },
          dotenv: `DATABASE_URL='postgres://nobody@127.0.0.1:1/nowhere'\n`,
        }),
      ],
    ];
    for (const [title, form] of forms) {
      it(`when the database is given as ${title}, then backup.sh dumps it`, async () => {
        const { dotenv, env = {} } = form();
        const { script } = await release(dotenv);
        const backups = await mkdtemp(path.join(root, 'dumps-'));
        const result = await outcome(script('backup.sh'), [], {
          env: { PATH: PATH(), BACKUP_DIR: backups, ...env },
        });
        expect(result.code, result.stderr).to.equal(0);
        const file = result.stdout.trim();
        expect(path.dirname(file)).to.equal(backups);
        expect(await dumpedDatabase(file)).to.equal(NAME);
      });
    }

    it('when POSTGRES_NAME needs URL encoding (space, &, é), then backup.sh dumps that database', async () => {
      const odd = ownDatabaseName('bk é&x');
      await recreateDatabase(odd);
      try {
        const p = parts();
        const { script } = await release(
          `POSTGRES_HOST=${p.host}\nPOSTGRES_NAME="${odd}"\nPOSTGRES_USER=${p.user}\n`,
        );
        const backups = await mkdtemp(path.join(root, 'dumps-'));
        const result = await outcome(script('backup.sh'), [], {
          env: { PATH: PATH(), BACKUP_DIR: backups, POSTGRES_PORT: p.port },
        });
        expect(result.code, result.stderr).to.equal(0);
        expect(await dumpedDatabase(result.stdout.trim())).to.equal(odd);
      } finally {
        await dropDatabase(odd);
      }
    });

    it('when no database variable is given, then every script says which ones are missing, in French', async () => {
      const { script } = await release(
        'OCPIZZA_SETTINGS=production\nPOSTGRES_HOST=127.0.0.1\nDATABASE_URL=\n',
      );
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const env = { PATH: PATH(), BACKUP_DIR: backups };
      for (const [name, args] of [
        ['backup.sh', []],
        ['restore.sh', [path.join(backups, 'x.dump'), EMPTY]],
      ] as const) {
        if (name === 'restore.sh') await writeFile(args[0], 'x');
        const result = await outcome(script(name), [...args], { env });
        expect(result.code, `${name}: ${result.stderr}`).to.equal(2);
        expect(result.stderr)
          .to.match(/DATABASE_URL/)
          .and.match(/POSTGRES_NAME/)
          .and.match(/manquant/);
        expect(result.stdout).to.equal('');
      }
      expect((await readdir(backups)).filter((f) => f.startsWith('ocpizza-'))).to.deep.equal([]);
    });

    it('when there is no .env and no variable, then backup.sh names the .env it looked for', async () => {
      const { rel, script } = await release();
      const result = await outcome(script('backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: root } });
      expect(result.code).to.equal(2);
      expect(result.stderr)
        .to.include(path.join(rel, '.env'))
        .and.match(/manquant/);
    });

    it('when .env is a link to a missing shared file (or not a file), then backup.sh says it cannot read it', async () => {
      const { home, script } = await release('DATABASE_URL=x\n');
      await rm(path.join(home, 'shared', '.env'));
      let result = await outcome(script('backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: root } });
      expect(result.code).to.equal(2);
      expect(result.stderr)
        .to.match(/\.env/)
        .and.match(/illisible/);
      await mkdir(path.join(home, 'shared', '.env'));
      result = await outcome(script('backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: root } });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/illisible/);
    });

    it('when pg_dump is not installed, then backup.sh says so and names the Debian package', async () => {
      // PATH: every command of the machine but pg_dump.
      const bin = await mkdtemp(path.join(root, 'nopgdump-'));
      for (const dir of PATH().split(':')) {
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const name of names) {
          if (name === 'pg_dump') continue;
          await symlink(path.join(dir, name), path.join(bin, name)).catch(() => undefined);
        }
      }
      const { script } = await release();
      const result = await outcome(script('backup.sh'), [], {
        env: { PATH: bin, BACKUP_DIR: root, DATABASE_URL: url() },
      });
      expect(result.code).to.equal(2);
      expect(result.stderr)
        .to.match(/pg_dump/)
        .and.match(/postgresql-client/);
    });
  });

  it('when a backup runs under a permissive umask, then the dump is 0600 and its new folder 0700 (umask 077)', async () => {
    const { script } = await release();
    const backups = path.join(root, 'new', 'backups');
    const umaskLog = path.join(root, 'umask.log');
    const bin = await fakeBin({ pg_dump: `umask > "${umaskLog}"\nexec "${realPgDump}" "$@"` });
    const result = await outcome('sh', ['-c', 'umask 022; exec "$0"', script('backup.sh')], {
      env: { PATH: `${bin}:${PATH()}`, BACKUP_DIR: backups, DATABASE_URL: url() },
    });
    expect(result.code, result.stderr).to.equal(0);
    const file = result.stdout.trim();
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await stat(backups)).mode & 0o777).to.equal(0o700);
    expect((await readFile(umaskLog, 'utf8')).trim()).to.equal('0077');
  });

  describe('off-site copy (BACKUP_COPY_CMD)', () => {
    it('when the copy command holds {file}, then the complete dump is copied there after the dump (paths with spaces)', async () => {
      const { script } = await release();
      const backups = path.join(root, 'local dumps');
      const target = path.join(root, 'off site');
      await mkdir(target);
      const result = await outcome(script('backup.sh'), [], {
        env: {
          PATH: PATH(),
          BACKUP_DIR: backups,
          DATABASE_URL: url(),
          BACKUP_COPY_CMD: `cp {file} '${target}/'`,
        },
      });
      expect(result.code, result.stderr).to.equal(0);
      const file = result.stdout.trim();
      const copied = path.join(target, path.basename(file));
      expect(await readdir(target)).to.deep.equal([path.basename(file)]);
      expect((await readFile(copied)).equals(await readFile(file))).to.equal(true);
      expect(await dumpedDatabase(copied)).to.equal(NAME);
    });

    it('when the copy command in .env has no {file}, then the dump path is appended as its last argument', async () => {
      const target = await mkdtemp(path.join(root, 'offsite-'));
      const { script } = await release(`DATABASE_URL='${url()}'\nBACKUP_COPY_CMD='cp -t ${target}'\n`);
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const result = await outcome(script('backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: backups } });
      expect(result.code, result.stderr).to.equal(0);
      expect(await readdir(target)).to.deep.equal([path.basename(result.stdout.trim())]);
    });

    it('when the copy command fails, then backup.sh exits non-zero with a French message and keeps the local dump', async () => {
      const { script } = await release();
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const result = await outcome(script('backup.sh'), [], {
        env: {
          PATH: PATH(),
          BACKUP_DIR: backups,
          DATABASE_URL: url(),
          BACKUP_COPY_CMD: `cp {file} ${path.join(root, 'no', 'such', 'dir')}/`,
        },
      });
      expect(result.code).to.equal(4);
      expect(result.stderr)
        .to.match(/copie hors site/)
        .and.match(/conservée/);
      const file = result.stdout.trim();
      expect(path.dirname(file)).to.equal(backups);
      expect(await dumpedDatabase(file)).to.equal(NAME);
    });
  });

  describe('deploy/check-backup.sh', () => {
    const check = async (backups: string, extra: Record<string, string> = {}, dotenv?: string) => {
      const { script } = await release(dotenv);
      return outcome(script('check-backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: backups, ...extra } });
    };
    const touch = (file: string, when: string) => run('touch', ['-d', when, file]);

    it('when the folder holds no complete dump, then it alerts (non-zero, French)', async () => {
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      await writeFile(path.join(backups, 'ocpizza-20260101T000000Z.dump.partial'), 'partial');
      const result = await check(backups);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(/aucune sauvegarde/);
      const missing = await check(path.join(root, 'no-such-folder'));
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.match(/aucune sauvegarde/);
    });

    it('when the newest dump is recent, then it exits 0 with a one-line status', async () => {
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      await writeFile(path.join(backups, 'ocpizza-20260101T000000Z.dump'), 'old');
      await touch(path.join(backups, 'ocpizza-20260101T000000Z.dump'), '3 days ago');
      await writeFile(path.join(backups, 'ocpizza-20260102T000000Z.dump'), 'recent');
      await touch(path.join(backups, 'ocpizza-20260102T000000Z.dump'), '2 hours ago');
      const result = await check(backups);
      expect(result.code, result.stderr).to.equal(0);
      const lines = result.stdout.split('\n').filter(Boolean);
      expect(lines).to.have.length(1);
      expect(lines[0])
        .to.include('ocpizza-20260102T000000Z.dump')
        .and.match(/\b2 h\b/);
    });

    it('when the newest complete dump is older than BACKUP_MAX_AGE_HOURS (26 by default), then it alerts', async () => {
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const dump = path.join(backups, 'ocpizza-20260101T000000Z.dump');
      await writeFile(dump, 'dump');
      await touch(dump, '27 hours ago');
      // A newer partial file (a dump under way or interrupted) does not count.
      await writeFile(path.join(backups, 'ocpizza-20260102T000000Z.dump.partial'), 'partial');
      const result = await check(backups);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('ocpizza-20260101T000000Z.dump').and.match(/27 h/).and.match(/26 h/);
      expect((await check(backups, { BACKUP_MAX_AGE_HOURS: '48' })).code).to.equal(0);
      // The bound and the folder may come from .env, as for backup.sh.
      const fromDotenv = await check('', {}, `BACKUP_DIR=${backups}\nBACKUP_MAX_AGE_HOURS=12\n`);
      expect(fromDotenv.code).to.equal(1);
      expect(fromDotenv.stderr).to.match(/12 h/);
    });

    it('when BACKUP_MAX_AGE_HOURS is not a number, then it refuses with code 2', async () => {
      const result = await check(root, { BACKUP_MAX_AGE_HOURS: 'un jour' });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/BACKUP_MAX_AGE_HOURS/);
    });
  });

  describe('pg_dump against the server version', () => {
    it('when pg_dump is older than the server, then backup.sh refuses before dumping and names the client to install', async () => {
      const marker = path.join(root, 'dumped');
      const bin = await fakeBin({
        pg_dump: `if [ "$1" = --version ]; then echo "pg_dump (PostgreSQL) ${serverMajor - 1}.9"; exit 0; fi\ntouch "${marker}"`,
      });
      const { script } = await release();
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const result = await outcome(script('backup.sh'), [], {
        env: { PATH: `${bin}:${PATH()}`, BACKUP_DIR: backups, DATABASE_URL: url() },
      });
      expect(result.code).to.equal(5);
      expect(result.stderr)
        .to.include(`postgresql-client-${serverMajor}`)
        .and.include('apt.postgresql.org')
        .and.include(`${serverMajor - 1}`);
      expect(await readdir(backups)).to.deep.equal([]);
      expect(await stat(marker).catch(() => null)).to.equal(null);
    });

    it('when pg_dump is newer than the server, then the backup goes ahead', async () => {
      const bin = await fakeBin({
        pg_dump: `if [ "$1" = --version ]; then echo "pg_dump (PostgreSQL) ${serverMajor + 2}.1 (Debian)"; exit 0; fi\nexec "${realPgDump}" "$@"`,
      });
      const { script } = await release();
      const backups = await mkdtemp(path.join(root, 'dumps-'));
      const result = await outcome(script('backup.sh'), [], {
        env: { PATH: `${bin}:${PATH()}`, BACKUP_DIR: backups, DATABASE_URL: url() },
      });
      expect(result.code, result.stderr).to.equal(0);
      expect(await dumpedDatabase(result.stdout.trim())).to.equal(NAME);
    });
  });

  it('when restore.sh is given a relative dump path, then it reads it from the caller’s directory (POSTGRES_* .env)', async () => {
    const p = parts();
    const { script } = await release(
      `POSTGRES_HOST=${p.host}\nPOSTGRES_PORT=${p.port}\nPOSTGRES_NAME=${NAME}\nPOSTGRES_USER=${p.user}\nPOSTGRES_PASS='${p.pass}'\n`,
    );
    const backups = await mkdtemp(path.join(root, 'dumps-'));
    const made = await outcome(script('backup.sh'), [], { env: { PATH: PATH(), BACKUP_DIR: backups } });
    expect(made.code, made.stderr).to.equal(0);
    const elsewhere = await mkdtemp(path.join(root, 'cwd-'));
    await copyFile(made.stdout.trim(), path.join(elsewhere, 'copie du soir.dump'));
    await dropDatabase(EMPTY);
    const restored = await outcome(script('restore.sh'), ['copie du soir.dump', EMPTY], {
      env: { PATH: PATH() },
      cwd: elsewhere,
    });
    expect(restored.code, restored.stderr).to.equal(0);
    expect(restored.stdout).to.include(`into ${EMPTY}`);
    const client = new pg.Client({ connectionString: siblingDatabaseUrl(EMPTY) });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "SequelizeMeta"');
      expect(rows[0].n).to.be.above(0);
    } finally {
      await client.end();
    }
  });
});
