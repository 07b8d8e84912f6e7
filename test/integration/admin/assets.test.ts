// What a back-office page loads, whatever the environment: these tests run the app as development does
// (NODE_ENV unset: AdminJS in its development mode), where it used to serve 26 MB of development builds and
// link Google Fonts. The production side is walked in a browser by test/e2e/back-office-quality.e2e.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const require = createRequire(import.meta.url);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const adminJsScripts = path.join(path.dirname(require.resolve('adminjs')), 'lib/frontend/assets/scripts');

describe('back office assets: local, production builds, favicon', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  const admin = (p: string) => `${app.url}${app.settings.adminPath}${p}`;

  it('when the login page is asked for, then it links nothing outside the server and names the favicon', async () => {
    const res = await fetch(admin('/login'));
    const html = await res.text();
    expect(res.status).to.equal(200);
    // What the page makes the browser fetch (a URL in a CSS comment is not fetched).
    const external = [...html.matchAll(/(?:src|href)="(https?:[^"]+)"/g)]
      .map((m) => m[1])
      .filter((url) => !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url));
    expect(external).to.deep.equal([]);
    expect(html).to.include(`href="${app.settings.adminPath}/frontend/assets/ocpizza-favicon.png"`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).not.to.include('googleapis').and.not.to.include('gstatic');
  });

  it('when a page loads AdminJS outside production, then it gets the minified production builds', async () => {
    for (const [url, file] of [
      ['/frontend/assets/app.bundle.js', 'app-bundle.production.js'],
      ['/frontend/assets/global.bundle.js', 'global-bundle.production.js'],
    ]) {
      const res = await fetch(admin(url));
      expect(res.status, url).to.equal(200);
      expect(sha256(Buffer.from(await res.arrayBuffer())), `${url} is ${file}`).to.equal(
        sha256(readFileSync(path.join(adminJsScripts, file))),
      );
    }
    const designSystem = await fetch(admin('/frontend/assets/design-system.bundle.js'));
    expect(Number(designSystem.headers.get('content-length'))).to.be.below(2_500_000);
  });

  it('when the favicon is asked for, then it answers a PNG without a session', async () => {
    const res = await fetch(admin('/frontend/assets/ocpizza-favicon.png'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^image\/png/);
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(1, 4)]).to.deep.equal([0x50, 0x4e, 0x47]);
  });
});
