// deploy/deploy.sh end to end, as the dossier's first installation (chapter 4) and updates (chapter 6) do it:
// Supervisor runs the `ocpizza` program pointing at /home/ocpizza/ocpizza (here a temporary home) and NGINX
// fronts its processes, with the files as they ship (render.ts). The first deploy fetches the commit, builds,
// checks the configuration, migrates and starts both processes. Then, under steady load THROUGH NGINX (orders
// placed and menus read the whole time): a new release is rolled out one process at a time, and a release whose
// processes cannot start is rolled back; each must lose no request. The load of a deploy starts when the script
// has built the release (« checking the configuration »): building touches no serving process, and two cores
// busy with the load would only make the build three times slower; the load covers the configuration check,
// the migrations, the switch and every process replaced or rolled back. Redeploying the live commit does nothing;
// a commit that is not main's head is refused. Then backup and restore of the live release.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { createSequelize } from '../../src/db/sequelize.js';
import { fromRoot } from '../../src/shared/paths.js';
import { createShopWorld, customerWithToken, newKey, takeawayMargherita } from '../factories/shop.js';
import { ownDatabaseName, dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { renderNginx, renderSupervisor, type OpsLayout } from './render.js';
import { productionEnv, run } from './support.js';

const DB = ownDatabaseName('ops_deploy');
const RESTORED = ownDatabaseName('ops_deploy_restored');
const APP_PORT_BASE = 18_800; // ports 18801, 18802: ocpizza.conf numbers them <prefix><process number on 2 digits>
const PORTS = [18_801, 18_802];
const HTTPS_PORT = 18_843;
let worlds = 0;
const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** One request through NGINX (HTTPS, self-signed certificate). */
function viaNginx(
  p: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<number>((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: HTTPS_PORT,
        path: p,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('operations: deploy/deploy.sh rolls releases out and back under load, losing no request', function () {
  this.timeout(1_200_000);
  let prefix: string;
  let home: string;
  let origin: string;
  let layout: OpsLayout;
  let supervisorConf: string;
  let nginxConf: string;
  const git = (...args: string[]) => run('git', ['-C', origin, ...args]);
  const commit = (message: string) =>
    git('-c', 'user.name=ops test', '-c', 'user.email=ops@example.invalid', 'commit', '-qam', message);

  /** Runs the deploy script; `onOutput` sees its output as it comes. */
  async function deploy(command: string[], sha: string, onOutput?: (text: string) => void) {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      OCPIZZA_HOME: home,
      OCPIZZA_REPO: origin,
      OCPIZZA_SUPERVISOR_CONF: path.join(prefix, 'ocpizza.conf'),
      SUPERVISORCTL: `supervisorctl -c ${supervisorConf}`,
    };
    return new Promise<{ code: number; out: string }>((resolve, reject) => {
      const child = spawn(command[0], [...command.slice(1), sha], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const take = (chunk: Buffer) => {
        out += chunk.toString();
        onOutput?.(out);
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, out }));
    });
  }
  /** Calls `begin` once the script has built the release and starts checking it (see the header). */
  const whenBuilt = (begin: () => void) => (out: string) => {
    if (out.includes('checking the configuration and the database')) begin();
  };
  /** As the Deploy workflow does it: the script of the commit being deployed, taken from the mirror. */
  async function deployCommit(sha: string, onOutput?: (text: string) => void) {
    const mirror = path.join(home, 'repo.git');
    if (!existsSync(mirror)) await run('git', ['clone', '--quiet', '--mirror', origin, mirror]);
    await run('git', [`--git-dir=${mirror}`, 'fetch', '--quiet', '--prune', 'origin']);
    const script = (await run('git', [`--git-dir=${mirror}`, 'show', `${sha}:deploy/deploy.sh`])).stdout;
    const file = path.join(prefix, `deploy-${sha}.sh`);
    await writeFile(file, script);
    return deploy(['bash', file], sha, onOutput);
  }
  const ready = (port: number) =>
    fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
  const live = async () => readlink(path.join(home, 'ocpizza'));

  /**
   * Orders placed and menus read through NGINX until stopped; every answer that is not a success counts. The
   * load starts at once, or when the action calls `begin` if `waitForBegin` (a deploy, once built).
   */
  async function underLoad<T>(
    what: string,
    action: (begin: () => void) => Promise<T>,
    waitForBegin = false,
  ): Promise<T> {
    const db = createSequelize({ url: siblingDatabaseUrl(DB), poolMax: 2 });
    const w = await createShopWorld(db, { prefix: `${++worlds} ` });
    await db.query('UPDATE stock_items SET on_hand = 50000000 WHERE pizzeria_id = $1', { bind: [w.shopId] });
    const customer = await customerWithToken(db);
    await db.close();
    let stop = false;
    const done = { orders: 0, menus: 0 };
    const failures: string[] = [];
    const order = JSON.stringify(takeawayMargherita(w));
    const orders = async () => {
      while (!stop) {
        const status = await viaNginx('/api/orders', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${customer.token}`,
            'Idempotency-Key': newKey(),
          },
          body: order,
        }).catch((e: Error) => e.message);
        if (status === 201) done.orders++;
        else failures.push(`POST /api/orders: ${status}`);
      }
    };
    const menus = async () => {
      while (!stop) {
        const status = await viaNginx(`/api/pizzerias/${w.shopId}/menu`).catch((e: Error) => e.message);
        if (status === 200) done.menus++;
        else failures.push(`GET menu: ${status}`);
      }
    };
    let load: Promise<unknown> | undefined;
    let started = 0;
    const begin = () => {
      if (load) return;
      load = Promise.all([orders(), orders(), menus(), menus()]);
      started = Date.now();
    };
    try {
      if (!waitForBegin) {
        begin();
        await new Promise((r) => setTimeout(r, 1000)); // the action starts under a running load
      }
      return await action(begin);
    } finally {
      begin(); // an action that never called it still has its 5 s of load checked
      // At least 5 s of load in all, and 1 s after the action.
      await new Promise((r) => setTimeout(r, Math.max(1000, 5000 - (Date.now() - started))));
      stop = true;
      await load;
      console.log(
        `      ${what}: ${done.orders} orders placed and ${done.menus} menus read through NGINX, ` +
          `${failures.length} failed${failures.length ? ': ' + [...new Set(failures)].join(', ') : ''}`,
      );
      expect(failures, what).to.deep.equal([]);
      expect(done.orders, what).to.be.above(20);
      expect(done.menus, what).to.be.above(20);
    }
  }

  before(async function () {
    await recreateDatabase(DB);
    await dropDatabase(RESTORED);
    prefix = await mkdtemp(path.join(tmpdir(), 'ocpizza-deploy-'));
    home = path.join(prefix, 'home');
    origin = path.join(prefix, 'origin.git');
    // The "GitHub repository": a clone of this checkout's HEAD (the commit under test in CI), on branch main.
    await run('git', ['clone', '--quiet', fromRoot(), origin]);
    await git('checkout', '-q', '-B', 'main');
    await mkdir(path.join(home, 'shared'), { recursive: true });
    // The shared .env, written as the dossier shows (DATABASE_URL between single quotes).
    const env = { ...productionEnv(siblingDatabaseUrl(DB), 'gestion-ops-deploy'), TRUST_PROXY: '1' };
    const lines = Object.entries(env).map(([k, v]) => (k === 'DATABASE_URL' ? `${k}='${v}'` : `${k}=${v}`));
    await writeFile(path.join(home, 'shared', '.env'), lines.join('\n') + '\n', { mode: 0o600 });
    layout = {
      prefix,
      appPortBase: APP_PORT_BASE,
      httpPort: 18_880,
      httpsPort: HTTPS_PORT,
      processes: 2,
      env: {}, // production: everything else comes from .env
      directory: path.join(home, 'ocpizza'),
      adminPath: 'gestion-ops-deploy',
    };
    supervisorConf = renderSupervisor(layout);
    nginxConf = renderNginx(layout);
    await run('nginx', ['-t', '-p', prefix, '-c', nginxConf]);
    // A clean environment, as on the server: the processes read their settings from .env alone.
    await run('supervisord', ['-c', supervisorConf], { env: { PATH: process.env.PATH ?? '' } });
    await run('nginx', ['-p', prefix, '-c', nginxConf]);
  });

  after(async () => {
    if (supervisorConf) await run('supervisorctl', ['-c', supervisorConf, 'shutdown']).catch(() => undefined);
    if (nginxConf) await run('nginx', ['-p', prefix, '-c', nginxConf, '-s', 'quit']).catch(() => undefined);
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
  let second: string;

  it('when the first release is deployed, then it is built, checked, migrated and served by both processes', async () => {
    first = (await git('rev-parse', 'HEAD')).stdout.trim();
    const result = await deployCommit(first);
    expect(result.out, result.out.slice(-4000)).to.include(`release ${first} is live`);
    expect(result.code).to.equal(0);
    expect(result.out).to.include('check:config: configuration valid');
    const release = await live();
    expect(path.basename(release)).to.match(new RegExp(`^${first}-\\d{8}T\\d{6}Z$`));
    expect(existsSync(path.join(release, 'dist', 'src', 'server.js'))).to.equal(true);
    expect(await readlink(path.join(release, '.env'))).to.equal(path.join(home, 'shared', '.env'));
    for (const port of PORTS) expect(await ready(port), `port ${port}`).to.equal(true);
    const files = (await run('ls', [fromRoot('migrations')])).stdout
      .split('\n')
      .filter((f) => /\.c?js$/.test(f));
    expect(await count(siblingDatabaseUrl(DB), 'SELECT count(*) AS n FROM "SequelizeMeta"')).to.equal(
      files.length,
    );
    const { stdout } = await run('supervisorctl', ['-c', supervisorConf, 'status', 'ocpizza:*']);
    expect(stdout.match(/RUNNING/g)).to.have.length(2);
  });

  it('when the live commit is deployed again (a re-run workflow), then nothing is rebuilt, restarted or lost', async () => {
    const before = await live();
    const result = await underLoad('redeploy of the live commit', () => deployCommit(first));
    expect(result.code, result.out.slice(-4000)).to.equal(0);
    expect(result.out).to.include('already live and every process is ready: nothing to do');
    expect(result.out).to.not.include('npm ci');
    expect(await live()).to.equal(before);
  });

  it('when a new release is deployed under load, then it replaces the processes one at a time and no request fails', async () => {
    await writeFile(path.join(origin, 'RELEASE-NOTE.txt'), 'second release\n');
    await git('add', 'RELEASE-NOTE.txt');
    await commit('second release');
    second = (await git('rev-parse', 'HEAD')).stdout.trim();
    const result = await underLoad(
      'rolling deploy of a good release',
      (begin) => deployCommit(second, whenBuilt(begin)),
      true,
    );
    expect(result.code, result.out.slice(-4000)).to.equal(0);
    expect(result.out).to.include(`process ocpizza:ocpizza-1 (port ${PORTS[0]}) is ready on ${second}`);
    expect(result.out).to.include(`release ${second} is live`);
    expect(path.basename(await live())).to.match(new RegExp(`^${second}-`));
    for (const port of PORTS) expect(await ready(port), `port ${port}`).to.equal(true);
  });

  it('when a release whose processes cannot start is deployed under load, then it is rolled back and no request fails', async () => {
    const good = await live();
    await writeFile(
      path.join(origin, 'src', 'server.ts'),
      `process.exit(3); // a release that cannot start\n` +
        (await readFile(path.join(origin, 'src', 'server.ts'), 'utf8')),
    );
    await commit('broken');
    const broken = (await git('rev-parse', 'HEAD')).stdout.trim();
    const result = await underLoad(
      'deploy of a release that cannot start',
      (begin) =>
        deploy(
          ['env', `DEPLOY_READY_TIMEOUT=20`, 'bash', path.join(good, 'deploy', 'deploy.sh')],
          broken,
          whenBuilt(begin),
        ),
      true,
    );
    expect(result.code, result.out.slice(-4000)).to.equal(1);
    expect(result.out).to.include(`rolling back to ${good}`);
    expect(result.out).to.not.include(`process ocpizza:ocpizza-2 (port ${PORTS[1]}) is ready on ${broken}`);
    expect(await live()).to.equal(good);
    for (const port of PORTS) await waitFor(`port ${port} on the good release`, () => ready(port), 30_000);
  });

  it('when the dossier’s rolling restart runs under load, then every process restarts and no request fails', async () => {
    const release = await live();
    const result = await underLoad('rolling restart (dossier, chapter 5)', () =>
      run(path.join(release, 'deploy', 'rolling-restart.sh'), [], {
        env: {
          PATH: process.env.PATH ?? '',
          OCPIZZA_SUPERVISOR_CONF: path.join(prefix, 'ocpizza.conf'),
          SUPERVISORCTL: `supervisorctl -c ${supervisorConf}`,
        },
      }),
    );
    expect(result.stdout).to.include('ocpizza:ocpizza-1 (port 18801) restarted and ready');
    expect(result.stdout).to.include('ocpizza:ocpizza-2 (port 18802) restarted and ready');
  });

  it('when a commit is not the head of main, then the script refuses it and changes nothing', async () => {
    const before = await live();
    const result = await deploy(['bash', path.join(before, 'deploy', 'deploy.sh')], second);
    expect(result.code).to.equal(3);
    expect(result.out).to.include(`refusing ${second}: it is not the head of main`);
    expect(await live()).to.equal(before);
  });

  it('when the live release backs the database up, then restore.sh brings it back beside it', async () => {
    const env = { PATH: process.env.PATH ?? '', BACKUP_DIR: path.join(prefix, 'backups') };
    const release = await live();
    const { stdout } = await run(path.join(release, 'deploy', 'backup.sh'), [], { env });
    const file = stdout.trim();
    expect(path.basename(file)).to.match(/^ocpizza-\d{8}T\d{6}Z\.dump$/);
    const restored = await run(path.join(release, 'deploy', 'restore.sh'), [file, RESTORED], { env });
    expect(restored.stdout).to.include(`into ${RESTORED}`);
    const sql = 'SELECT count(*) AS n FROM "SequelizeMeta"';
    expect(await count(siblingDatabaseUrl(RESTORED), sql)).to.equal(await count(siblingDatabaseUrl(DB), sql));
  });
});
