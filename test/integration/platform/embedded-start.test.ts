import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startServerProcess, stopServerProcess } from '../../helpers/server-process.js';

// `npm start` (scripts/start.js, the compiled sources) with no database configured: embedded PostgreSQL (PGlite,
// in its own thread), migrations, demo seed on first run; the back office loads after the server listens.
describe('npm start on the embedded database', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocpizza-embedded-'));
  const env = {
    OCPIZZA_SETTINGS: 'development',
    EMBEDDED_DB_DIR: path.join(dir, 'pglite'),
    MAIL_DIR: path.join(dir, 'mail'),
    LOG_LEVEL: 'info',
  };
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function startStopAndRead() {
    const server = await startServerProcess(env, 90_000, 'npm-start');
    try {
      // Asked at once: the back office may still be loading, the request waits for it.
      const backOffice = await fetch(`${server.url}/gestion-ocp-demo/login`);
      const shops = (await (await fetch(`${server.url}/api/pizzerias`)).json()) as { pizzerias: unknown[] };
      const menu = (await (await fetch(`${server.url}/api/pizzerias/P01/menu`)).json()) as {
        products: { category: string }[];
      };
      const ready = await fetch(`${server.url}/readyz`);
      server.child.kill('SIGTERM');
      const { code } = await server.exited;
      return {
        output: server.output(),
        shops,
        menu,
        ready: ready.status,
        backOffice: backOffice.status,
        code,
      };
    } finally {
      await stopServerProcess(server);
    }
  }

  it('when started twice, then the first run migrates and seeds 8 shops, the second reuses the data', async () => {
    const first = await startStopAndRead();
    expect(first.code).to.equal(0);
    expect(first.ready).to.equal(200);
    expect(first.backOffice).to.equal(200);
    expect(first.output).to.include('back office loaded');
    expect(first.shops.pizzerias).to.have.length(8);
    expect(first.menu.products.filter((p) => p.category === 'pizza').length).to.be.at.least(16);
    expect(first.output).to.include('demo data just seeded');
    expect(first.output).to.match(/Site \(home page\)\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(first.output).to.match(/Staff screens\s+http:\/\/127\.0\.0\.1:\d+\/personnel/);
    expect(first.output).to.include('admin@ocpizza.fr').and.include('/gestion-ocp-demo');
    // No SMTP_URL: the banner says where the e-mails go instead.
    expect(first.output).to.include(
      `E-mails               written as .eml files in ${path.join(dir, 'mail')}`,
    );

    const second = await startStopAndRead();
    expect(second.code).to.equal(0);
    expect(second.backOffice).to.equal(200);
    expect(second.shops.pizzerias).to.have.length(8);
    expect(second.output).not.to.include('demo data just seeded');
    expect(second.output).not.to.match(/migrations applied/);
  });
});
