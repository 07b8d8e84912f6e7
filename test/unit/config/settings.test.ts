import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ConfigError, loadSettings, selectSettings, SETTINGS_VARIABLES } from '../../../src/config/index.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../../helpers/journal-key.js';

const fullProduction = {
  OCPIZZA_SETTINGS: 'production',
  POSTGRES_HOST: 'db.internal',
  POSTGRES_NAME: 'ocpizza',
  POSTGRES_USER: 'ocpizza',
  POSTGRES_PASS: 'p@ss/word',
  SECRET_KEY: 'a-very-long-production-secret',
  SECRET_ADMIN_URL: 'gestion-8f3k2',
  SENTRY_DSN: 'https://key@o1.ingest.sentry.io/1',
  STRIPE_API_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_x',
  MAPS_API_KEY: 'maps-key',
  ACCOUNTING_SIREN: '732 829 320',
  MEDIA_DIR: '/srv/ocpizza/media',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
  PUBLIC_URL: 'https://www.ocpizza.example',
  COMPANY_NAME: 'OC Pizza SAS',
  PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
  JOURNAL_SIGNING_KEY: PRODUCTION_TEST_JOURNAL_KEY,
};

describe('settings', () => {
  it('when OCPIZZA_SETTINGS is unset, then NODE_ENV decides and development is the default', () => {
    expect(selectSettings({})).to.equal('development');
    expect(selectSettings({ NODE_ENV: 'production' })).to.equal('production');
    expect(selectSettings({ NODE_ENV: 'test' })).to.equal('test');
    expect(selectSettings({ NODE_ENV: 'production', OCPIZZA_SETTINGS: 'development' })).to.equal(
      'development',
    );
  });

  it('when OCPIZZA_SETTINGS names an unknown layer, then it is refused', () => {
    expect(() => selectSettings({ OCPIZZA_SETTINGS: 'staging' })).to.throw(ConfigError, /staging/);
  });

  it('when production has an empty environment, then every missing variable is named in one error', () => {
    try {
      loadSettings({ OCPIZZA_SETTINGS: 'production' });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of [
        'POSTGRES_HOST',
        'POSTGRES_NAME',
        'POSTGRES_USER',
        'POSTGRES_PASS',
        'SECRET_KEY',
        'SECRET_ADMIN_URL',
        'SENTRY_DSN',
        'STRIPE_API_KEY',
        'STRIPE_WEBHOOK_SECRET',
        'STRIPE_PUBLISHABLE_KEY',
        'MAPS_API_KEY',
        'ACCOUNTING_SIREN',
        'MEDIA_DIR',
        'SMTP_URL',
        'MAIL_FROM',
        'PUBLIC_URL',
        'COMPANY_NAME',
        'JOURNAL_SIGNING_KEY',
      ]) {
        expect(message).to.include(name);
      }
      expect((error as ConfigError).problems).to.have.length(1);
    }
  });

  it('when production gets DATABASE_URL, then the POSTGRES_* variables are not required', () => {
    const env: Record<string, string | undefined> = {
      ...fullProduction,
      DATABASE_URL: 'postgres://u:p@h:5432/d',
    };
    for (const k of ['POSTGRES_HOST', 'POSTGRES_NAME', 'POSTGRES_USER', 'POSTGRES_PASS']) delete env[k];
    const settings = loadSettings(env);
    expect(settings.db.url).to.equal('postgres://u:p@h:5432/d');
  });

  it('when production is fully configured, then the settings are typed, frozen and the URL is escaped', () => {
    const settings = loadSettings(fullProduction);
    expect(settings.isProduction).to.equal(true);
    expect(settings.adminPath).to.equal('/gestion-8f3k2');
    expect(settings.http.trustProxy).to.equal(1);
    expect(settings.db.url).to.equal('postgres://ocpizza:p%40ss%2Fword@db.internal:5432/ocpizza');
    expect(Object.isFrozen(settings)).to.equal(true);
    expect(Object.isFrozen(settings.db)).to.equal(true);
  });

  it('when production is fully configured, then the Stripe settings are exposed and no API base is set', () => {
    expect(loadSettings(fullProduction).stripe).to.deep.equal({
      apiKey: 'sk_live_x',
      webhookSecret: 'whsec_x',
      publishableKey: 'pk_live_x',
      apiBase: null,
      expiryMinutes: 15,
      timeoutMs: 8000,
    });
  });

  it('when production sets STRIPE_API_BASE, then it is refused, alongside any missing variable', () => {
    expect(() => loadSettings({ ...fullProduction, STRIPE_API_BASE: 'http://127.0.0.1:12111' })).to.throw(
      ConfigError,
      /STRIPE_API_BASE must not be set in production/,
    );
    try {
      loadSettings({
        ...fullProduction,
        STRIPE_WEBHOOK_SECRET: '',
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
      });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.join('\n')).to.include('STRIPE_WEBHOOK_SECRET').and.to.include('STRIPE_API_BASE');
    }
  });

  it('when tests point Stripe at a local server, then STRIPE_API_BASE is kept as an origin', () => {
    const settings = loadSettings({
      OCPIZZA_SETTINGS: 'test',
      STRIPE_API_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_test',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_x',
      STRIPE_API_BASE: 'http://127.0.0.1:12111/',
    });
    expect(settings.stripe).to.deep.equal({
      apiKey: 'sk_test_x',
      webhookSecret: 'whsec_test',
      publishableKey: 'pk_test_x',
      apiBase: 'http://127.0.0.1:12111',
      expiryMinutes: 15,
      timeoutMs: 8000,
    });
  });

  it('when Stripe is not configured outside production, then every Stripe setting is null', () => {
    expect(loadSettings({ OCPIZZA_SETTINGS: 'development' }).stripe).to.deep.equal({
      apiKey: null,
      webhookSecret: null,
      publishableKey: null,
      apiBase: null,
      expiryMinutes: 15,
      timeoutMs: 8000,
    });
  });

  it('when STRIPE_API_BASE is not an http(s) origin, then it is refused', () => {
    for (const apiBase of ['ftp://127.0.0.1:12111', 'http://127.0.0.1:12111/v1', 'not a url']) {
      expect(() => loadSettings({ OCPIZZA_SETTINGS: 'test', STRIPE_API_BASE: apiBase })).to.throw(
        ConfigError,
        /STRIPE_API_BASE/,
      );
    }
  });

  it('when a Stripe key is put in the wrong variable, then it is refused without echoing the key', () => {
    const secret = 'sk_live_51SecretValueThatMustNotLeak';
    try {
      loadSettings({ ...fullProduction, STRIPE_PUBLISHABLE_KEY: secret });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.include('STRIPE_PUBLISHABLE_KEY');
      expect((error as Error).message).not.to.include(secret);
    }
    expect(() => loadSettings({ ...fullProduction, STRIPE_API_KEY: 'pk_live_x' })).to.throw(
      ConfigError,
      /STRIPE_API_KEY/,
    );
    expect(() => loadSettings({ ...fullProduction, STRIPE_WEBHOOK_SECRET: 'secret' })).to.throw(
      ConfigError,
      /STRIPE_WEBHOOK_SECRET/,
    );
  });

  it('when the secret and publishable keys are of different modes, then they are refused', () => {
    expect(() => loadSettings({ ...fullProduction, STRIPE_PUBLISHABLE_KEY: 'pk_test_x' })).to.throw(
      ConfigError,
      /both be test keys or both be live keys/,
    );
  });

  it('when development has no database, then the embedded database is selected (url null)', () => {
    const settings = loadSettings({ OCPIZZA_SETTINGS: 'development' });
    expect(settings.db.url).to.equal(null);
    expect(settings.adminPath).to.match(/^\/[a-z]/);
    expect(settings.adminPath).not.to.equal('/admin');
  });

  it('when values are malformed, then each problem is reported', () => {
    expect(() =>
      loadSettings({ OCPIZZA_SETTINGS: 'development', PORT: 'eighty', SECRET_ADMIN_URL: '/admin' }),
    ).to.throw(ConfigError, /PORT[\s\S]*SECRET_ADMIN_URL|SECRET_ADMIN_URL[\s\S]*PORT/);
  });
});

describe('release reported to Sentry', () => {
  it('when OCPIZZA_RELEASE is set, then it names the release, wherever the process runs', () => {
    const settings = loadSettings({ ...fullProduction, OCPIZZA_RELEASE: '20261204-3f9c1a7' }, '/srv/app');
    expect(settings.sentry.release).to.equal('20261204-3f9c1a7');
  });

  it('when it is unset and the working directory is a release folder (releases/<name>), then the folder names it', () => {
    const settings = loadSettings(fullProduction, '/home/ocpizza/releases/3f9c1a7e52d4b086');
    expect(settings.sentry.release).to.equal('3f9c1a7e52d4b086');
    expect(loadSettings(fullProduction, '/home/ocpizza/ocpizza').sentry.release).to.equal(null);
  });

  it('when OCPIZZA_RELEASE is no release name (Sentry refuses slashes, blanks, . and ..), then it is refused', () => {
    for (const bad of ['a/b', 'two words', '..', 'x'.repeat(201)]) {
      expect(() => loadSettings({ OCPIZZA_RELEASE: bad }), bad).to.throw(ConfigError, /OCPIZZA_RELEASE/);
    }
  });
});

describe('accounting settings', () => {
  it('when nothing is set outside production, then the placeholder SIREN and the French chart of accounts apply', () => {
    expect(loadSettings({ OCPIZZA_SETTINGS: 'development' }).accounting).to.deep.equal({
      siren: '000000000',
      journal: { code: 'VT', label: 'Journal des ventes' },
      accounts: {
        sales: { 0: '70700000', 210: '70702100', 550: '70705500', 1000: '70710000', 2000: '70720000' },
        vatCollected: { 210: '44571021', 550: '44571055', 1000: '44571010', 2000: '44571020' },
        cash: '53000000',
        mealVouchers: '51120000',
        cardTerminal: '51150000',
        cardOnline: '51151000',
        customers: '41100000',
      },
    });
  });

  it('when production gives the SIREN with spaces, then it is kept as 9 digits; the placeholder is refused', () => {
    expect(loadSettings(fullProduction).accounting.siren).to.equal('732829320');
    expect(() => loadSettings({ ...fullProduction, ACCOUNTING_SIREN: '000000000' })).to.throw(
      ConfigError,
      /ACCOUNTING_SIREN must be the company’s real SIREN/,
    );
  });

  it('when the SIREN is not 9 digits or its check digit is wrong, then it is refused', () => {
    for (const siren of ['12345678', '1234567890', 'ABCDEFGHI', '732829321']) {
      expect(() => loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNTING_SIREN: siren }), siren).to.throw(
        ConfigError,
        /ACCOUNTING_SIREN/,
      );
    }
    // La Poste: the one SIREN outside the Luhn rule.
    expect(
      loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNTING_SIREN: '356000000' }).accounting.siren,
    ).to.equal('356000000');
  });

  it('when an account is changed, then it is used; an account of the wrong class is refused', () => {
    const settings = loadSettings({
      OCPIZZA_SETTINGS: 'test',
      ACCOUNT_SALES_VAT_10: '706100',
      ACCOUNT_CARD_ONLINE: '467100',
      ACCOUNTING_JOURNAL_CODE: 'VE',
    });
    expect(settings.accounting.accounts.sales[1000]).to.equal('706100');
    expect(settings.accounting.accounts.cardOnline).to.equal('467100');
    expect(settings.accounting.journal.code).to.equal('VE');
    expect(() => loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNT_SALES_VAT_20: '44571020' })).to.throw(
      ConfigError,
      /ACCOUNT_SALES_VAT_20: must be a sales account/,
    );
    expect(() => loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNT_VAT_COLLECTED_10: '70710000' })).to.throw(
      ConfigError,
      /ACCOUNT_VAT_COLLECTED_10: must be a VAT collected account/,
    );
    expect(() => loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNT_CASH: '53-00' })).to.throw(
      ConfigError,
      /ACCOUNT_CASH/,
    );
    expect(() =>
      loadSettings({ OCPIZZA_SETTINGS: 'test', ACCOUNTING_JOURNAL_LABEL: 'Ventes | caisse' }),
    ).to.throw(ConfigError, /ACCOUNTING_JOURNAL_LABEL/);
  });
});

describe('.env.example', () => {
  it('when compared with the settings schema, then it documents every variable and no unknown one', () => {
    const names = readFileSync(fromRoot('.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((n): n is string => Boolean(n));
    expect([...names].sort()).to.deep.equal([...SETTINGS_VARIABLES].sort());
  });
});
