// Settings shared by every environment. Values here are defaults; the environment (.env) overrides them.
export const base = {
  PORT: '8000',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  TRUST_PROXY: '0',
  DB_POOL_MAX: '10',
  POSTGRES_PORT: '5432',
  SENTRY_TRACES_SAMPLE_RATE: '0',
  SHUTDOWN_GRACE_MS: '10000',
  PAYMENT_EXPIRY_MINUTES: '15',
  STRIPE_TIMEOUT_MS: '8000',
  MAPS_TIMEOUT_MS: '3000',
} satisfies Record<string, string>;
