// The dossier's production .env example holds every variable production requires: an engineer who copies it
// and fills in the values gets a process that starts.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import dotenv from 'dotenv';
import { loadSettings } from '../../../src/config/index.js';
import { REQUIRED_IN_PRODUCTION } from '../../../src/config/production.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../../helpers/journal-key.js';

function dossierEnvExample(): Record<string, string> {
  const dossier = readFileSync(fromRoot('docs', 'dossier-exploitation.md'), 'utf8');
  const start = dossier.indexOf('Exemple de fichier `.env` de production');
  expect(start, 'the example is in the dossier').to.be.above(0);
  const block = /```dotenv\n([\s\S]*?)```/.exec(dossier.slice(start))![1];
  return dotenv.parse(block);
}

describe('the dossier’s production .env example', () => {
  it('when it is read, then every variable production requires is in it, with the database and TRUST_PROXY=1', () => {
    const example = dossierEnvExample();
    for (const name of REQUIRED_IN_PRODUCTION) expect(example, name).to.have.property(name);
    expect(example).to.include({ OCPIZZA_SETTINGS: 'production', TRUST_PROXY: '1' });
    expect(example.DATABASE_URL).to.match(/^postgres:\/\//);
  });

  it('when its placeholders are filled in, then the production settings accept it', () => {
    const filled: Record<string, string> = {
      ...dossierEnvExample(),
      SECRET_KEY: 'a'.repeat(64),
      SECRET_ADMIN_URL: '/gestion-3f9c1a7e52d4b086',
      ACCOUNTING_SIREN: '732829320',
      JOURNAL_SIGNING_KEY: PRODUCTION_TEST_JOURNAL_KEY,
    };
    const settings = loadSettings(filled);
    expect(settings.isProduction).to.equal(true);
    expect(settings.http.trustProxy).to.equal(1);
  });
});
