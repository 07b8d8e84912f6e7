import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { migrateUp } from '../../../src/db/migrator.js';
import { contextOn, startTestApp, type TestApp } from '../../helpers/app.js';
import { ownDatabaseName, recreateDatabase, siblingDatabaseUrl } from '../../helpers/db.js';

describe('app shell: health, errors, headers', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  it('when /healthz is asked, then the process answers 200 without touching the database', async () => {
    const res = await request(app.url).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('when the database answers and every migration is applied, then /readyz is 200', async () => {
    const res = await request(app.url).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('when an /api route does not exist, then 404 JSON with a code and a French message', async () => {
    const res = await request(app.url).get('/api/nope').expect(404).expect('Content-Type', /json/);
    expect(res.body.error.code).to.equal('route_not_found');
    expect(res.body.error.message).to.match(/n’existe pas/);
  });

  it('when a browser asks for an unknown page, then a French 404 page; another client gets the JSON error', async () => {
    const page = await request(app.url)
      .get('/carte/<script>')
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .expect(404)
      .expect('Content-Type', /html/);
    expect(page.text).to.include('<html lang="fr">').and.include('Page introuvable');
    expect(page.text).to.include('href="/"').and.not.include('<script>');
    expect(page.text).not.to.include('Cannot GET');
    const json = await request(app.url).get('/nope').set('Accept', 'application/json').expect(404);
    expect(json.body.error).to.deep.equal({ code: 'page_not_found', message: 'Page introuvable.' });
    const post = await request(app.url).post('/nope').set('Accept', 'text/html').expect(404);
    expect(post.body.error.code).to.equal('page_not_found');
    // The API keeps its own answer, even for a browser.
    const api = await request(app.url).get('/api/nope').set('Accept', 'text/html').expect(404);
    expect(api.body.error.code).to.equal('route_not_found');
  });

  it('when the body is not valid JSON, then 400 invalid_json without internals', async () => {
    const res = await request(app.url)
      .post('/api/pizzerias')
      .set('Content-Type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.body).to.deep.equal({
      error: { code: 'invalid_json', message: 'Le corps de la requête n’est pas un JSON valide.' },
    });
  });

  it('when the body is larger than the limit, then 413 payload_too_large', async () => {
    const res = await request(app.url)
      .post('/api/pizzerias')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ note: 'x'.repeat(100 * 1024) }))
      .expect(413);
    expect(res.body.error.code).to.equal('payload_too_large');
  });

  it('when a request arrives, then it gets a request id (its own when well-formed) and security headers', async () => {
    const own = await request(app.url).get('/api/pizzerias').set('X-Request-Id', 'abc-123').expect(200);
    expect(own.headers['x-request-id']).to.equal('abc-123');
    const generated = await request(app.url).get('/api/pizzerias').set('X-Request-Id', 'bad id\twith spaces');
    expect(generated.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-content-type-options']).to.equal('nosniff');
    expect(generated.headers['x-powered-by']).to.equal(undefined);
    expect(generated.headers['cache-control']).to.equal('no-store');
  });

  it('when the site pages are asked, then French pages load their hashed assets, cached for a year', async () => {
    for (const page of ['/', '/personnel']) {
      const res = await request(app.url).get(page).expect(200).expect('Content-Type', /html/);
      expect(res.text, page).to.include('lang="fr"');
      expect(res.headers['cache-control'], page).to.equal('no-cache');
      const assets = [...res.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.map((a) => a.split('.').pop()).sort(), page).to.deep.equal(['css', 'js']);
      for (const asset of assets) {
        expect(asset).to.match(/-[A-Z0-9]{8}\.(js|css)$/);
        const file = await request(app.url).get(asset).expect(200);
        expect(file.headers['cache-control'], asset).to.equal('public, max-age=31536000, immutable');
      }
    }
    await request(app.url).get('/assets/nothing-here.js').expect(404);
  });
});

describe('app shell on a broken or missing database', () => {
  const name = ownDatabaseName('broken');
  let broken: ReturnType<typeof contextOn>;
  let missing: ReturnType<typeof contextOn>;

  before(async () => {
    await recreateDatabase(name);
    broken = contextOn(siblingDatabaseUrl(name));
    await migrateUp(broken.sequelize);
    missing = contextOn(siblingDatabaseUrl('ocpizza_test_does_not_exist'));
  });
  after(async () => {
    await broken.close();
    await missing.close();
  });

  const appOn = (ctx: ReturnType<typeof contextOn>) => createApp(ctx);

  it('when a query fails unexpectedly, then 500 with a reference id and no stack trace or SQL', async () => {
    await broken.sequelize.query('ALTER TABLE products RENAME COLUMN name TO title');
    const res = await request(appOn(broken)).get('/api/pizzerias/1/menu').expect(500);
    expect(res.body.error.code).to.equal('internal_error');
    expect(res.body.error.id).to.equal(res.headers['x-request-id']);
    expect(res.body.error.message).to.include(res.headers['x-request-id']);
    const text = JSON.stringify(res.body);
    expect(text).not.to.match(/at \w+ \(|\.ts:\d+|SELECT|column|title/i);
  });

  it('when the database is unreachable, then API calls get 503 and /readyz is 503', async () => {
    const app = appOn(missing);
    const res = await request(app).get('/api/pizzerias').expect(503);
    expect(res.body.error.code).to.equal('database_unavailable');
    expect(res.headers['retry-after']).to.equal('5');
    const ready = await request(app).get('/readyz').expect(503);
    expect(ready.body).to.deep.equal({
      status: 'unavailable',
      checks: { database: 'unreachable', migrations: 'unknown' },
    });
  });

  it('when a migration is pending, then /readyz is 503 and names it', async () => {
    await broken.sequelize.query(`DELETE FROM "SequelizeMeta" WHERE name = '20261129000005-payments.cjs'`);
    const res = await request(appOn(broken)).get('/readyz').expect(503);
    expect(res.body.checks).to.deep.equal({ database: 'ok', migrations: '1 pending' });
  });
});
