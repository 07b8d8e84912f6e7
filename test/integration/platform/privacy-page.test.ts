// The privacy page (/confidentialite) states the periods the settings give the retention job, and the contact of
// personal-data requests; the site's pages and a visitor's API calls set no cookie (hence no consent banner).
import { expect } from 'chai';
import request from 'supertest';
import { frenchDuration, renderPrivacyPage } from '../../../src/site/privacy-page.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('privacy page and cookies', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({
      RETENTION_CUSTOMER_INACTIVE_DAYS: '730',
      RETENTION_ORDER_DETAILS_DAYS: '400',
      RETENTION_GEOCODE_CACHE_DAYS: '30',
      RETENTION_OUTBOX_DAYS: '45',
      RETENTION_STAFF_DAYS: '365',
      PRIVACY_CONTACT_EMAIL: 'dpo@pizzas.example',
      COMPANY_NAME: 'OC Pizza & Fils SAS',
    });
  });
  after(async () => {
    await app.close();
  });

  it('when a browser asks for /confidentialite, then a French page states the settings’ periods and contact', async () => {
    const res = await request(app.url)
      .get('/confidentialite')
      .set('Accept', HTML)
      .expect(200)
      .expect('Content-Type', /html/);
    expect(res.headers['cache-control']).to.equal('no-cache');
    // The template's line breaks are prettier's: read it as a browser shows it, spaces collapsed.
    const text = res.text.replace(/\s+/g, ' ');
    expect(text).to.include('<html lang="fr">').and.include('<h1>Vos données personnelles</h1>');
    expect(text).to.include('pendant <strong>2 ans</strong>');
    expect(text).to.include('<strong>400 jours</strong> après la fin de la commande');
    expect(text).to.include('(cache) : <strong>30 jours</strong>');
    expect(text).to.include('<strong>45 jours</strong> après leur envoi');
    expect(text).to.include('anonymisés après <strong>1 an</strong>');
    expect(text).to.include('<a href="mailto:dpo@pizzas.example">dpo@pizzas.example</a>');
    expect(text).to.include('<strong>OC Pizza &amp; Fils SAS</strong>');
    expect(text).to.include('<strong>10 ans</strong>').and.include('<strong>6 ans</strong>');
    expect(text).to.include('CNIL').and.include('aucun cookie publicitaire ni de mesure d’audience');
    // Built with the site's stylesheet; every placeholder filled in; no script.
    expect(text).to.match(/<link rel="stylesheet" href="\/assets\/site-[A-Z0-9]+\.css"/);
    expect(text).not.to.include('{{').and.not.include('%STYLE%').and.not.include('<script');
  });

  it('when the site’s home page is served, then its footer links to the privacy page', async () => {
    const res = await request(app.url).get('/').set('Accept', HTML).expect(200);
    expect(res.text).to.include('<a href="/confidentialite">Données personnelles et cookies</a>');
  });

  it('when a visitor loads the site’s pages and its public API, then no answer sets a cookie', async () => {
    const agent = request(app.url);
    const home = await agent.get('/').set('Accept', HTML).expect(200);
    const style = /href="(\/assets\/site-[A-Z0-9]+\.css)"/.exec(home.text)![1];
    const answers = {
      '/': home,
      '/confidentialite': await agent.get('/confidentialite').set('Accept', HTML),
      '/personnel': await agent.get('/personnel').set('Accept', HTML),
      [style]: await agent.get(style),
      '/api/pizzerias': await agent.get('/api/pizzerias'),
      '/nope': await agent.get('/nope').set('Accept', HTML),
      '/api/auth/login': await agent
        .post('/api/auth/login')
        .send({ email: 'personne@example.com', password: 'mauvais-mot' }),
    };
    for (const [path, res] of Object.entries(answers)) {
      expect(res.status, path).to.be.below(500);
      expect(res.headers['set-cookie'], path).to.equal(undefined);
    }
  });
});

describe('privacy page: periods in French', () => {
  it('when a period is whole years, then it reads in years, else in days', () => {
    expect([1095, 365, 730, 90, 400, 1].map(frenchDuration)).to.deep.equal([
      '3 ans',
      '1 an',
      '2 ans',
      '90 jours',
      '400 jours',
      '1 jour',
    ]);
  });

  it('when the template names a placeholder the server does not know, then rendering fails loudly', () => {
    const facts = {
      company: 'OC Pizza',
      contactEmail: 'a@b.example',
      retentionDays: { customerInactive: 1, orderDetails: 1, geocodeCache: 1, outbox: 1, staff: 1 },
    };
    expect(renderPrivacyPage('<p>{{company}}</p>', facts)).to.equal('<p>OC Pizza</p>');
    expect(() => renderPrivacyPage('<p>{{dpo}}</p>', facts)).to.throw(/unknown placeholder \{\{dpo\}\}/);
  });
});
