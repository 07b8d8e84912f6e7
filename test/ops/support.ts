// Small helpers of the operations tests.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../helpers/journal-key.js';

export const run = promisify(execFile);

/** The production variables of the operations tests (fake third-party keys: nothing here calls them). */
export function productionEnv(databaseUrl: string, adminPath: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'ops-smoke-secret-key-0123456789',
    SECRET_ADMIN_URL: adminPath,
    SENTRY_DSN: 'http://public@127.0.0.1:9/1',
    STRIPE_API_KEY: 'sk_test_not_a_real_key',
    STRIPE_WEBHOOK_SECRET: 'whsec_test_not_a_real_secret',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_not_a_real_key',
    MAPS_API_KEY: 'maps-test-key',
    ACCOUNTING_SIREN: '732829320',
    MEDIA_DIR: '/tmp/ocpizza-media',
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
    PUBLIC_URL: 'https://www.ocpizza.example',
    COMPANY_NAME: 'OC Pizza SAS',
    PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
    JOURNAL_SIGNING_KEY: PRODUCTION_TEST_JOURNAL_KEY,
    LOG_LEVEL: 'warn',
  };
}
