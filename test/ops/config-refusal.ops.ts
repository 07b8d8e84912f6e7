// A release started with a .env that misses a production variable (here ACCOUNTING_SIREN, which the dossier's
// example once lacked), on a machine whose CPU is saturated: each process must refuse at once (exit 78, the
// missing variable named in its log) and Supervisor must show FATAL within 30 s, not loop RUNNING/STARTING.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { fromRoot } from '../../src/shared/paths.js';
import { ownDatabaseName, siblingDatabaseUrl } from '../helpers/db.js';
import { renderSupervisor } from './render.js';
import { productionEnv, run } from './support.js';

describe('operations: a configuration error under CPU load ends FATAL quickly', function () {
  this.timeout(120_000);
  let prefix: string;
  let supervisorConf: string | undefined;
  const burners: ChildProcess[] = [];

  before(async () => {
    prefix = await mkdtemp(path.join(tmpdir(), 'ocpizza-config-'));
    // A release folder: the build of this checkout, and a .env without ACCOUNTING_SIREN.
    const release = path.join(prefix, 'release');
    await run('mkdir', ['-p', release]);
    for (const item of ['dist', 'node_modules', 'package.json', 'site']) {
      await symlink(fromRoot(item), path.join(release, item));
    }
    const { ACCOUNTING_SIREN: _missing, ...env } = productionEnv(
      siblingDatabaseUrl(ownDatabaseName('ops')),
      'gestion-x',
    );
    await writeFile(
      path.join(release, '.env'),
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
    );
    supervisorConf = renderSupervisor({
      prefix,
      appPortBase: 18_900,
      httpPort: 0,
      httpsPort: 0,
      processes: 2,
      env: {},
      directory: release,
    });
  });

  after(async () => {
    for (const b of burners) b.kill('SIGKILL');
    if (supervisorConf) await run('supervisorctl', ['-c', supervisorConf, 'shutdown']).catch(() => undefined);
    if (prefix && !process.env.OPS_KEEP) await rm(prefix, { recursive: true, force: true });
  });

  it('when the processes start with ACCOUNTING_SIREN missing and both cores busy, then FATAL within 30 s, the variable named', async () => {
    for (let i = 0; i < 2; i++) {
      burners.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    }
    const started = Date.now();
    await run('supervisord', ['-c', supervisorConf!], { env: { PATH: process.env.PATH ?? '' } });
    let status = '';
    while (Date.now() - started < 30_000) {
      status = (await run('supervisorctl', ['-c', supervisorConf!, 'status', 'ocpizza:*']).catch((e) => e))
        .stdout;
      if ((status.match(/FATAL/g) ?? []).length === 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`      both processes FATAL after ${seconds.toFixed(1)} s under load`);
    expect(status.match(/FATAL/g), status).to.have.length(2);
    const log = await readFile(path.join(prefix, 'log', 'ocpizza-1.log'), 'utf8');
    expect(log).to.include('cannot start').and.include('ACCOUNTING_SIREN');
    const supervisord = await readFile(path.join(prefix, 'log', 'supervisord.log'), 'utf8');
    expect(supervisord).to.match(/exited: ocpizza-1 \(exit status 78; not expected\)/);
  });
});
