// The processes, their number and ports are said in one place, Supervisor's ocpizza.conf: deploy/processes.sh
// reads them there for deploy.sh, and NGINX's upstream list must name exactly those ports.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { fromRoot } from '../../../src/shared/paths.js';

const run = promisify(execFile);

describe('operations: one place for the process layout (ocpizza.conf)', () => {
  it('when processes.sh reads ocpizza.conf, then NGINX’s upstream lists exactly its ports', async () => {
    const { stdout } = await run('bash', [fromRoot('deploy', 'processes.sh'), fromRoot('ocpizza.conf')]);
    const processes = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(processes).to.deep.equal([
      ['ocpizza:ocpizza-1', '8001'],
      ['ocpizza:ocpizza-2', '8002'],
      ['ocpizza-admin:ocpizza-admin-1', '8101'],
    ]);
    const nginx = readFileSync(fromRoot('deploy', 'nginx', 'ocpizza.conf'), 'utf8');
    for (const [upstreamName, program] of [
      ['ocpizza_app', 'ocpizza'],
      ['ocpizza_admin', 'ocpizza-admin'],
    ]) {
      const upstream = new RegExp(`upstream ${upstreamName} \\{([\\s\\S]*?)\\n\\}`).exec(nginx)![1];
      const ports = [...upstream.matchAll(/^\s*server 127\.0\.0\.1:(\d+)\b(.*);/gm)];
      const expected = processes.filter((p) => p[0].startsWith(`${program}:`)).map((p) => p[1]);
      expect(
        ports.map((m) => m[1]),
        upstreamName,
      ).to.deep.equal(expected);
      // Never marked down for a while: a restarted process is used again at once (rolling deploys).
      for (const m of ports) expect(m[2]).to.include('max_fails=0');
    }
    // The API processes never load AdminJS; the back office's own process serves the secret path only.
    const conf = readFileSync(fromRoot('ocpizza.conf'), 'utf8');
    expect(conf).to.include('OCPIZZA_ROLE="api"').and.include('OCPIZZA_ROLE="admin"');
    expect(conf).to.not.match(/^command=.*--enable-source-maps/m);
  });

  it('when ocpizza.conf says 3 API processes from 82, then processes.sh lists them; a broken file is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ocpizza-layout-'));
    try {
      const conf = readFileSync(fromRoot('ocpizza.conf'), 'utf8')
        .replace(/^numprocs=\d+$/m, 'numprocs=3')
        .replace('PORT="80%(process_num)02d"', 'PORT="82%(process_num)02d"');
      writeFileSync(path.join(dir, 'a.conf'), conf);
      const { stdout } = await run('bash', [fromRoot('deploy', 'processes.sh'), path.join(dir, 'a.conf')]);
      expect(stdout).to.equal(
        'ocpizza:ocpizza-1 8201\nocpizza:ocpizza-2 8202\nocpizza:ocpizza-3 8203\nocpizza-admin:ocpizza-admin-1 8101\n',
      );
      writeFileSync(path.join(dir, 'b.conf'), conf.replace(/^numprocs=3$/m, ''));
      const broken = await run('bash', [fromRoot('deploy', 'processes.sh'), path.join(dir, 'b.conf')]).catch(
        (e) => e,
      );
      expect(broken.code).to.equal(2);
      expect(broken.stderr).to.include('numprocs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
