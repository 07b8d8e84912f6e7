// deploy/deploy.sh end to end, as the dossier's first installation (chapter 4) and updates (chapter 6) do it: Supervisor already runs
// the `ocpizza` program pointing at /home/ocpizza/ocpizza (here a temporary home), nothing deployed yet. The
// first deploy fetches the commit from the repository, installs, builds, migrates and starts both processes;
// a second commit whose processes cannot start is rolled back to the first release. Then the backup and
// restore scripts of the live release read the database from the shared .env.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { fromRoot } from '../../src/shared/paths.js';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../helpers/db.js';
import { renderSupervisor, type OpsLayout } from './render.js';
import { waitFor } from '../helpers/wait.js';
import { productionEnv, run } from './support.js';

const DB = 'ocpizza_ops_deploy';
const RESTORED = 'ocpizza_ops_deploy_restored';
const PORTS = [18_801, 18_802]; // ocpizza.conf numbers ports <prefix><process number on 2 digits>

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('operations: deploy/deploy.sh installs a release, and rolls back one that does not start', function () {
  this.timeout(900_000);
  let prefix: string;
  let home: string;
  let origin: string;
  let supervisorConf: string;
  const git = (...args: string[]) => run('git', ['-C', origin, ...args]);

  async function deploy(command: string[], sha: string) {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      OCPIZZA_HOME: home,
      OCPIZZA_REPO: origin,
      OCPIZZA_PORTS: PORTS.join(' '),
      SUPERVISORCTL: `supervisorctl -c ${supervisorConf}`,
    };
    return run(command[0], [...command.slice(1), sha], { env, maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
    );
  }
  const ready = (port: number) => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200);

  before(async function () {
    await recreateDatabase(DB);
    await dropDatabase(RESTORED);
    prefix = await mkdtemp(path.join(tmpdir(), 'ocpizza-deploy-'));
    home = path.join(prefix, 'home');
    origin = path.join(prefix, 'origin.git');
    // The "GitHub repository": a clone of this checkout's HEAD (the commit under test in CI).
    await run('git', ['clone', '--quiet', fromRoot(), origin]);
    await mkdir(path.join(home, 'shared'), { recursive: true });
    // The shared .env, written as the dossier shows (DATABASE_URL between single quotes).
    const env = productionEnv(siblingDatabaseUrl(DB), 'gestion-ops-deploy');
    const lines = Object.entries(env).map(([k, v]) => (k === 'DATABASE_URL' ? `${k}='${v}'` : `${k}=${v}`));
    await writeFile(path.join(home, 'shared', '.env'), lines.join('\n') + '\n', { mode: 0o600 });
    const layout: OpsLayout = {
      prefix,
      appPortBase: PORTS[0] - 1,
      httpPort: 0,
      httpsPort: 0,
      processes: 2,
      env: {}, // production: everything else comes from .env
      directory: path.join(home, 'ocpizza'),
    };
    supervisorConf = renderSupervisor(layout);
    // A clean environment, as on the server: the processes read their settings from .env alone.
    await run('supervisord', ['-c', supervisorConf], { env: { PATH: process.env.PATH ?? '' } });
  });

  after(async () => {
    if (supervisorConf) await run('supervisorctl', ['-c', supervisorConf, 'shutdown']).catch(() => undefined);
    await waitFor(
      'processes stopped',
      async () => (await fetch(`http://127.0.0.1:${PORTS[0]}/healthz`).catch(() => null)) === null,
      20_000,
    ).catch(() => undefined);
    if (prefix && !process.env.OPS_KEEP) await rm(prefix, { recursive: true, force: true });
    await dropDatabase(DB);
    await dropDatabase(RESTORED);
  });

  let first: string;

  it('when the first release is deployed, then it is built, migrated and served by both processes', async () => {
    // The dossier's first installation (chapter 4, step 4 and 6): a mirror of the repository, then the script
    // of that commit, taken from the mirror.
    first = (await git('rev-parse', 'HEAD')).stdout.trim();
    const mirror = path.join(home, 'repo.git');
    await run('git', ['clone', '--quiet', '--mirror', origin, mirror]);
    const script = (await run('git', [`--git-dir=${mirror}`, 'show', `${first}:deploy/deploy.sh`])).stdout;
    await writeFile(path.join(prefix, 'deploy.sh'), script);
    const result = await deploy(['bash', path.join(prefix, 'deploy.sh')], first);
    expect(result.out, result.out.slice(-4000)).to.include(`release ${first} is live`);
    expect(result.code).to.equal(0);
    expect(await readlink(path.join(home, 'ocpizza'))).to.equal(path.join(home, 'releases', first));
    expect(existsSync(path.join(home, 'releases', first, 'dist', 'src', 'server.js'))).to.equal(true);
    expect(await readlink(path.join(home, 'releases', first, '.env'))).to.equal(
      path.join(home, 'shared', '.env'),
    );
    for (const port of PORTS) expect(await ready(port), `port ${port}`).to.equal(true);
    const files = readdirSync(fromRoot('migrations')).filter((f) => /\.c?js$/.test(f));
    expect(files.length).to.be.above(0);
    expect(await count(siblingDatabaseUrl(DB), 'SELECT count(*) AS n FROM "SequelizeMeta"')).to.equal(
      files.length,
    );
    const { stdout } = await run('supervisorctl', ['-c', supervisorConf, 'status', 'ocpizza:*']);
    expect(stdout.match(/RUNNING/g)).to.have.length(2);
  });

  it('when a release whose processes cannot start is deployed, then the previous one is switched back and served', async () => {
    await writeFile(
      path.join(origin, 'src', 'server.ts'),
      `process.exit(3); // a release that cannot start\n` +
        (await readFile(path.join(origin, 'src', 'server.ts'), 'utf8')),
    );
    await git('-c', 'user.name=ops test', '-c', 'user.email=ops@example.invalid', 'commit', '-qam', 'broken');
    const broken = (await git('rev-parse', 'HEAD')).stdout.trim();
    // As the Deploy workflow does it: the live release's script.
    const result = await deploy([path.join(home, 'ocpizza', 'deploy', 'deploy.sh')], broken);
    expect(result.code, result.out.slice(-4000)).to.equal(1);
    expect(result.out).to.include(`rolling back to ${path.join(home, 'releases', first)}`);
    expect(await readlink(path.join(home, 'ocpizza'))).to.equal(path.join(home, 'releases', first));
    for (const port of PORTS) {
      await waitFor(`port ${port} back on the first release`, () => ready(port), 30_000);
    }
  });

  it('when the live release backs the database up, then restore.sh brings it back beside it', async () => {
    const env = { PATH: process.env.PATH ?? '', BACKUP_DIR: path.join(prefix, 'backups') };
    const live = path.join(home, 'ocpizza');
    const { stdout } = await run(path.join(live, 'deploy', 'backup.sh'), [], { env });
    const file = stdout.trim();
    expect(path.basename(file)).to.match(/^ocpizza-\d{8}T\d{6}Z\.dump$/);
    const restored = await run(path.join(live, 'deploy', 'restore.sh'), [file, RESTORED], { env });
    expect(restored.stdout).to.include(`into ${RESTORED}`);
    const sql = 'SELECT count(*) AS n FROM "SequelizeMeta"';
    expect(await count(siblingDatabaseUrl(RESTORED), sql)).to.equal(await count(siblingDatabaseUrl(DB), sql));
  });
});
