import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ConfigError, loadSettings, selectSettings, SETTINGS_VARIABLES } from '../../../src/config/index.js';
import { fromRoot } from '../../../src/shared/paths.js';

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
  MAPS_API_KEY: 'maps-key',
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
        'MAPS_API_KEY',
      ]) {
        expect(message).to.include(name);
      }
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

describe('.env.example', () => {
  it('when compared with the settings schema, then it documents every variable and no unknown one', () => {
    const names = readFileSync(fromRoot('.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((n): n is string => Boolean(n));
    expect([...names].sort()).to.deep.equal([...SETTINGS_VARIABLES].sort());
  });
});
