// The served OpenAPI document passes Redocly's own linter (the recommended ruleset) and names every operation.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { fromRoot } from '../../../src/shared/paths.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const run = promisify(execFile);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('API contract: Redocly lint', function () {
  this.timeout(60_000);
  let app: TestApp;
  let dir: string;
  before(async () => {
    app = await startTestApp();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ocpizza-openapi-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('when the served document is linted with the recommended rules, then no error and no operationId warning', async () => {
    const served = await fetch(`${app.url}/api/openapi.json`);
    expect(served.status).to.equal(200);
    const document = (await served.json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));

    // `redocly lint` exits 1 when it finds errors: the report is read either way.
    const { stdout } = await run(
      fromRoot('node_modules/.bin/redocly'),
      ['lint', file, '--extends=recommended', '--format=json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: { errors: number }; problems: LintProblem[] };
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).to.deep.equal([]);
    expect(report.totals.errors).to.equal(0);

    // The only warnings left: operations that have no client error to give (public lists, the document itself).
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    const noClientError = new Set([
      '#/paths/~1api~1openapi.json/get/responses',
      '#/paths/~1api~1docs/get/responses',
      '#/paths/~1api~1docs~1init.js/get/responses',
      '#/paths/~1api~1pizzerias/get/responses',
      '#/paths/~1api~1config/get/responses',
    ]);
    for (const w of warnings) {
      expect(w.ruleId, `${w.ruleId} at ${w.location[0]?.pointer}: ${w.message}`).to.equal(
        'operation-4xx-response',
      );
      expect(noClientError, w.location[0]?.pointer).to.include(w.location[0]?.pointer);
    }

    // Every operation has an operationId, and they are unique.
    const ids: string[] = [];
    for (const [p, item] of Object.entries(document.paths)) {
      for (const m of METHODS) {
        if (!item[m]) continue;
        expect(item[m].operationId, `${m.toUpperCase()} ${p}`).to.match(/^[a-z][A-Za-z]+$/);
        ids.push(item[m].operationId!);
      }
    }
    expect(ids.length).to.be.above(40);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
