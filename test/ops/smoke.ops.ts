// The production set-up on this machine: Supervisor runs 2 app processes from ocpizza.conf, NGINX fronts them
// with deploy/nginx/ocpizza.conf (rendered for a temporary prefix and loopback ports, see render.ts). Through
// NGINX: the site, the API, the back office's login page, a live event crossing processes; a process stopped
// under load loses no request; supervisorctl brings it back. Everything is stopped at the end.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { createSequelize } from '../../src/db/sequelize.js';
import { migrateUp } from '../../src/db/migrator.js';
import { fromRoot } from '../../src/shared/paths.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  takeawayMargherita,
} from '../factories/shop.js';
import { ownDatabaseName, recreateDatabase, siblingDatabaseUrl } from '../helpers/db.js';
import { renderNginx, renderSupervisor, type OpsLayout } from './render.js';
import { waitFor } from '../helpers/wait.js';
import { productionEnv, run } from './support.js';

const DB = ownDatabaseName('ops');
const agent = new https.Agent({ rejectUnauthorized: false });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function request(
  port: number,
  p: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: p,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent,
        servername: 'ocpizza.fr',
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body =
            res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}

describe('operations: Supervisor + NGINX + 2 app processes on one database', function () {
  this.timeout(240_000);
  let layout: OpsLayout;
  let supervisorConf: string;
  let nginxConf: string;
  const ctl = (...args: string[]) => run('supervisorctl', ['-c', supervisorConf, ...args]);
  const appPort = (n: number) => layout.appPortBase + n;

  before(async function () {
    if (
      !existsSync(fromRoot('dist', 'src', 'server.js')) ||
      !existsSync(fromRoot('site', 'dist', 'index.html'))
    ) {
      await run('npm', ['run', 'build'], { cwd: fromRoot() });
    }
    await recreateDatabase(DB);
    const db = createSequelize({ url: siblingDatabaseUrl(DB), poolMax: 2 });
    await migrateUp(db);
    await db.close();
    const prefix = await mkdtemp(path.join(tmpdir(), 'ocpizza-ops-'));
    layout = {
      prefix,
      appPortBase: 18_700,
      httpPort: 18_780,
      httpsPort: 18_743,
      processes: 2,
      env: productionEnv(siblingDatabaseUrl(DB), 'gestion-ops-smoke'),
    };
    supervisorConf = renderSupervisor(layout);
    nginxConf = renderNginx(layout);
    await run('nginx', ['-t', '-p', prefix, '-c', nginxConf]);
    await run('supervisord', ['-c', supervisorConf]);
    await run('nginx', ['-p', prefix, '-c', nginxConf]);
    // The two API processes, and the back office's own (ocpizza-admin, adminPortBase + 1).
    for (const port of [appPort(1), appPort(2), layout.appPortBase + 101]) {
      await waitFor(
        `process on ${port} ready`,
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200,
        30_000,
      );
    }
  });

  after(async () => {
    if (supervisorConf) await ctl('shutdown').catch(() => undefined);
    if (nginxConf)
      await run('nginx', ['-p', layout.prefix, '-c', nginxConf, '-s', 'quit']).catch(() => undefined);
    await waitFor(
      'processes stopped',
      async () => {
        const res = await fetch(`http://127.0.0.1:${appPort(1)}/healthz`).catch(() => null);
        return res === null;
      },
      20_000,
    ).catch(() => undefined);
    if (layout && !process.env.OPS_KEEP) await rm(layout.prefix, { recursive: true, force: true });
  });

  it('when supervisorctl is asked, then both processes run under the ocpizza program', async () => {
    // Ready (answering /readyz) comes before RUNNING: Supervisor says RUNNING once a process has lasted startsecs.
    let stdout = '';
    await waitFor(
      'both processes RUNNING',
      async () => {
        stdout = (await ctl('status', 'ocpizza:*').catch((e: { stdout: string }) => e)).stdout;
        return (stdout.match(/RUNNING/g) ?? []).length === 2;
      },
      15_000,
    );
    expect(stdout).to.include('ocpizza:ocpizza-1').and.include('ocpizza:ocpizza-2');
  });

  it('when a browser comes through NGINX, then HTTP redirects to HTTPS and the site, the API (gzipped) and the admin login answer', async () => {
    const plain = await fetch(`http://127.0.0.1:${layout.httpPort}/api/pizzerias`, { redirect: 'manual' });
    expect(plain.status).to.equal(301);
    expect(plain.headers.get('location')).to.equal(`https://127.0.0.1:${layout.httpsPort}/api/pizzerias`);
    const site = await request(layout.httpsPort, '/');
    expect(site.status).to.equal(200);
    expect(site.body).to.include('lang="fr"');
    expect(site.headers['strict-transport-security']).to.equal('max-age=31536000; includeSubDomains'); // once
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(site.body)![1];
    const asset = await request(layout.httpsPort, script, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.status).to.equal(200);
    expect(asset.headers['content-encoding']).to.equal('gzip');
    expect(asset.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    const api = await request(layout.httpsPort, '/api/openapi.json', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(api.status).to.equal(200);
    expect(api.headers['content-encoding']).to.equal('gzip');
    expect(JSON.parse(api.body).info.title).to.include('OC Pizza');
    // The back office comes from its own process: an API process does not even have it (it never loads AdminJS).
    expect((await fetch(`http://127.0.0.1:${appPort(1)}/gestion-ops-smoke/login`)).status).to.equal(404);
    const admin = await request(layout.httpsPort, '/gestion-ops-smoke/login');
    expect(admin.status).to.equal(200);
    expect(admin.body).to.include('OC Pizza');
    expect((await request(layout.httpsPort, '/admin')).status).to.equal(404);
    const big = await request(layout.httpsPort, '/api/orders/quote', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).to.equal(413);
  });

  it('when orders are placed on each process, then a kitchen stream opened through NGINX gets both (events cross processes)', async () => {
    const db = createSequelize({ url: siblingDatabaseUrl(DB), poolMax: 2 });
    try {
      const w = await createShopWorld(db);
      const pizzaiolo = await staffWithToken(db, 'pizzaiolo', w.shopId);
      const customer = await customerWithToken(db);
      let received = '';
      const stream = https.get(
        {
          host: '127.0.0.1',
          port: layout.httpsPort,
          path: `/api/staff/kitchen/events?access_token=${pizzaiolo.token}`,
          agent,
          servername: 'ocpizza.fr',
        },
        (res) => res.on('data', (c) => (received += c)),
      );
      try {
        await waitFor('the stream to open', () => received.includes('event: ready'), 30_000);
        const numbers: string[] = [];
        for (const n of [1, 2]) {
          const res = await fetch(`http://127.0.0.1:${appPort(n)}/api/orders`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Authorization: `Bearer ${customer.token}`,
              'Idempotency-Key': newKey(),
            },
            body: JSON.stringify(takeawayMargherita(w)),
          });
          expect(res.status).to.equal(201);
          numbers.push(((await res.json()) as any).order.number);
        }
        await waitFor(
          'both orders on the stream',
          () => numbers.every((num) => received.includes(num)),
          10_000,
        );
      } finally {
        stream.destroy();
      }
    } finally {
      await db.close();
    }
  });

  it('when a stream URL carries a staff token, then the NGINX access log masks it and no header or page names the NGINX version', async () => {
    const secretUrls = [
      '/api/staff/kitchen/events?access_token=ocp_secret_kitchen',
      '/api/orders/00000000-0000-4000-8000-000000000000/events?lang=fr&access_token=ocp_secret_order',
      // Express reads percent-encoded names and any case of the value alike: masked too.
      '/api/staff/kitchen/events?access%5Ftoken=ocp_secret_encoded',
      '/api/pizzerias?ACCESS_TOKEN=ocp_secret_upper',
    ];
    for (const url of secretUrls) {
      const res = await request(layout.httpsPort, url);
      expect(res.status, url).to.be.within(200, 499);
      expect(res.headers.server, url).to.equal('nginx');
    }
    await request(layout.httpsPort, '/api/pizzerias?log_probe=1', {
      headers: { Referer: 'https://ocpizza.fr/personnel?access_token=ocp_secret_referer' },
    });
    const plain = await fetch(
      `http://127.0.0.1:${layout.httpPort}/api/staff/kitchen/events?access_token=ocp_secret_plain`,
      { redirect: 'manual' },
    );
    expect(plain.status).to.equal(301);
    expect(plain.headers.get('server')).to.equal('nginx');
    const tooBig = await request(layout.httpsPort, '/api/orders/quote', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(tooBig.status).to.equal(413);
    expect(tooBig.body).to.not.match(/nginx\/\d/);

    // The site's own access log (deploy/nginx/ocpizza.conf), written as each request ends.
    const log = await readFile(path.join(layout.prefix, 'log', 'ocpizza.access.log'), 'utf8').catch(
      (error: Error) => error.message,
    );
    expect(log).to.include('"GET /api/pizzerias?log_probe=1 HTTP/1.1" 200'); // other queries stay readable
    expect(log).to.include('"GET /api/staff/kitchen/events?[masked] HTTP/1.1" 401');
    expect(log).to.include('"GET /api/staff/kitchen/events?[masked] HTTP/1.1" 301'); // the HTTP server too
    // No token of this test nor of the stream opened above (ocp_…) is written down.
    expect(log).to.not.include('ocp_');
  });

  it('when a process is stopped under load, then no request fails, and supervisorctl start brings it back', async () => {
    let ok = 0;
    const failures: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await request(layout.httpsPort, '/api/pizzerias');
          if (res.status === 200) ok++;
          else failures.push(String(res.status));
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((r) => setTimeout(r, 500));
    const { stdout } = await ctl('stop', 'ocpizza:ocpizza-1');
    expect(stdout).to.match(/stopped/);
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await load;
    console.log(`      ${ok} requests through NGINX while a process stopped, ${failures.length} failed`);
    expect(failures).to.deep.equal([]);
    expect(ok).to.be.above(20);

    await ctl('start', 'ocpizza:ocpizza-1');
    await waitFor(
      'process 1 back',
      async () => (await fetch(`http://127.0.0.1:${appPort(1)}/readyz`)).status === 200,
      30_000,
    );
    expect((await ctl('status', 'ocpizza:*')).stdout.match(/RUNNING/g)).to.have.length(2);
  });
});
