import { expect } from 'chai';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { documentedRoutes } from '../../../src/shared/openapi.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method + path Express will answer under the API router (walked from the router's own stack). */
function expressApiRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  const root = (app as unknown as { router: { stack: (Layer & { rawPath?: string })[] } }).router.stack;
  // Only the routers mounted at /api: health, home and the back office live elsewhere.
  for (const layer of root) if (layer.rawPath === '/api' && layer.handle?.stack) walk(layer.handle.stack);
  return out.sort();
}

describe('API contract (OpenAPI)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('when the app is built, then every API route Express answers is in the document and vice versa', async () => {
    const express = createApp(app.context);
    const documented = documentedRoutes()
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .sort();
    expect(expressApiRoutes(express)).to.deep.equal(documented);
  });

  it('when /api/openapi.json is fetched, then it is an OpenAPI 3.1 document with every documented path', async () => {
    const res = await client(app.url).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(Object.keys(res.body.paths)).to.include.members([
      '/api/pizzerias',
      '/api/pizzerias/{pizzeriaId}/menu',
    ]);
    const menu = res.body.paths['/api/pizzerias/{pizzeriaId}/menu'].get;
    expect(menu.parameters[0]).to.include({ name: 'pizzeriaId', in: 'path', required: true });
    expect(menu.responses['200'].content['application/json'].schema.properties).to.have.keys(
      'pizzeria',
      'products',
      'extras',
    );
    for (const path of Object.keys(res.body.paths)) expect(path).to.match(/^\/api\//);
  });

  it('when a path parameter is not valid percent-encoding, then 400 invalid_url_encoding, as the document says', async () => {
    // client() checks the answer against the document: an undocumented 400 would fail here.
    const res = await client(app.url).get('/api/pizzerias/%ZZ/menu');
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('invalid_url_encoding');
    const withParams = documentedRoutes().filter((r) => r.path.includes(':'));
    expect(withParams.length).to.be.above(5);
    for (const r of withParams) expect(Object.keys(r.responses), `${r.method} ${r.path}`).to.include('400');
  });

  it('when /api/docs is opened, then the human documentation page and its assets are served', async () => {
    const page = await fetch(`${app.url}/api/docs`);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.include('swagger-ui-bundle.js').and.include('lang="fr"');
    const bundle = await fetch(`${app.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).to.equal(200);
    expect(Number(bundle.headers.get('content-length') ?? (await bundle.text()).length)).to.be.above(100_000);
  });
});
