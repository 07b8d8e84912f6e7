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

  it('when a known path is asked with another method, then 405 with Allow; OPTIONS lists the methods from the document', async () => {
    // "quote" is no order id (ids are UUIDs): /orders/quote is POST only, whatever /orders/:orderId accepts.
    const options = await fetch(`${app.url}/api/orders/quote`, { method: 'OPTIONS' });
    expect(options.status).to.equal(204);
    expect(options.headers.get('allow')).to.equal('OPTIONS, POST');
    const order = await fetch(`${app.url}/api/orders/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, {
      method: 'OPTIONS',
    });
    expect(order.headers.get('allow')).to.equal('GET, HEAD, OPTIONS, PATCH');
    const api = client(app.url);
    for (const [method, path, allow] of [
      ['GET', '/api/orders/quote', 'OPTIONS, POST'],
      ['PUT', '/api/orders', 'GET, HEAD, OPTIONS, POST'],
      ['DELETE', '/api/pizzerias', 'GET, HEAD, OPTIONS'],
      ['GET', '/api/payments/stripe/webhook', 'OPTIONS, POST'],
    ] as const) {
      const res = await (method === 'PUT' ? api.put : method === 'DELETE' ? api.delete : api.get)(path);
      expect(res.status, `${method} ${path}`).to.equal(405);
      expect(res.headers.get('allow'), `${method} ${path}`).to.equal(allow);
      expect(res.body.error.code).to.equal('method_not_allowed');
    }
    // Unknown paths stay 404, whatever the method.
    expect((await fetch(`${app.url}/api/nothing-here`, { method: 'OPTIONS' })).status).to.equal(404);
    expect((await api.put('/api/nothing-here')).status).to.equal(404);
  });

  it('when the document is read, then it states the constraints the server enforces', async () => {
    const doc = (await client(app.url).get('/api/openapi.json')).body;
    const body = (path: string, method: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema;
    const header = doc.paths['/api/orders'].post.parameters.find((p: any) => p.name === 'Idempotency-Key');
    expect(header).to.deep.include({ in: 'header', required: true });
    expect(header.schema.pattern).to.equal('^[A-Za-z0-9_-]{8,100}$');
    const order = body('/api/orders', 'post');
    expect(order.properties.items.items.properties.extraIds.uniqueItems).to.equal(true);
    expect(order.allOf[0].not.required).to.deep.equal(['address', 'addressId']);
    expect(body('/api/me/addresses', 'post').dependentRequired).to.deep.equal({ lat: ['lng'], lng: ['lat'] });
    const update = body('/api/me/addresses/{addressId}', 'patch');
    expect(update).to.include({ minProperties: 1, additionalProperties: false });
    const register = body('/api/customers', 'post');
    expect(register.properties.password).to.include({ minLength: 10, maxLength: 72 });
    expect(register.properties.phone.anyOf[0].pattern).to.be.a('string');
    const from = doc.paths['/api/staff/exports/fec'].get.parameters.find((p: any) => p.name === 'from');
    expect(from.schema.format).to.equal('date');
    expect(new RegExp(from.schema.pattern).test('2026-02-30')).to.equal(false);
    expect(new RegExp(from.schema.pattern).test('2028-02-29')).to.equal(true);
    const orderId = doc.paths['/api/orders/{orderId}'].get.parameters[0];
    expect(orderId.schema.format).to.equal('uuid');
    const webhook = doc.paths['/api/payments/stripe/webhook'].post;
    expect(webhook.requestBody.content['application/json'].schema.required).to.include.members([
      'id',
      'type',
    ]);
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
