// Automated tests: a dedicated PostgreSQL database, quiet logs, no third-party services unless a test sets them.
export const test = {
  SECRET_KEY: 'test-secret-key-not-for-production',
  SECRET_ADMIN_URL: '/gestion-test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocpizza_test',
  DB_POOL_MAX: '10',
  // Uploaded product pictures (relative to the project root).
  MEDIA_DIR: 'var/media',
  // Signs the sales journal's closures in tests (never valid in production: check-config refuses it).
  JOURNAL_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEINOrcRgtBxetY3WtlSK9WaGEIH4dfIvh/oJQzgNSDwa9',
} satisfies Record<string, string>;
