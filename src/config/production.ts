// Production: no defaults for anything secret or environment-specific. Every variable of the operations
// document is mandatory; the process refuses to start and names every missing one.
export const production = {
  HOST: '127.0.0.1',
  TRUST_PROXY: '1',
} satisfies Record<string, string>;

/** Variables that must be set in production (the database may be given as DATABASE_URL instead). */
export const REQUIRED_IN_PRODUCTION = [
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
  'PRIVACY_CONTACT_EMAIL',
  'JOURNAL_SIGNING_KEY',
] as const;

/** Variables that must NOT be set in production: test stand-ins that would divert real traffic. */
export const REFUSED_IN_PRODUCTION = ['STRIPE_API_BASE', 'MAPS_API_BASE'] as const;

export const DATABASE_VARIABLES = [
  'POSTGRES_HOST',
  'POSTGRES_NAME',
  'POSTGRES_USER',
  'POSTGRES_PASS',
] as const;
