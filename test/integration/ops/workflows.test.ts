// The GitHub Actions workflows, read as GitHub reads them: CI tests every push and pull request against a
// PostgreSQL service; Deploy runs only after a green CI of main, over SSH with the seed's secrets.
import { access, constants, readFile } from 'node:fs/promises';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { fromRoot } from '../../../src/shared/paths.js';

const workflow = async (name: string) =>
  yaml.load(await readFile(fromRoot('.github', 'workflows', name), 'utf8')) as any;

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

  it('when CI of main succeeds, then (and only then) Deploy runs deploy/deploy.sh over SSH with the five secrets', async () => {
    const deploy = await workflow('deploy.yml');
    expect(deploy.on.workflow_run).to.deep.equal({
      workflows: ['CI'],
      types: ['completed'],
      branches: ['main'],
    });
    expect(Object.keys(deploy.on)).to.deep.equal(['workflow_run']);
    const job = deploy.jobs.deploy;
    expect(job.if).to.include("github.event.workflow_run.conclusion == 'success'");
    const ssh = job.steps.find((s: any) => String(s.uses).startsWith('appleboy/ssh-action@'));
    expect(ssh, 'an SSH step').to.not.equal(undefined);
    const secrets = Object.values(ssh.with)
      .join(' ')
      .match(/secrets\.[A-Z_]+/g)
      ?.map((s) => s.slice('secrets.'.length))
      .sort();
    expect(secrets).to.deep.equal(['SSH_HOST', 'SSH_KEY', 'SSH_PASS', 'SSH_PORT', 'SSH_USER']);
    // The script of the commit being deployed, taken from the server's mirror, not the live release's.
    expect(ssh.with.script).to.include('sha=${{ github.event.workflow_run.head_sha }}');
    expect(ssh.with.script).to.include('show "$sha:deploy/deploy.sh"');
    expect(ssh.with.script).to.match(/^bash "\/tmp\/ocpizza-deploy-\$sha\.sh" "\$sha"$/m);
    // The scripts the workflow and the dossier name exist and are executable.
    for (const script of ['deploy.sh', 'backup.sh', 'restore.sh']) {
      await access(fromRoot('deploy', script), constants.X_OK);
    }
  });
});
