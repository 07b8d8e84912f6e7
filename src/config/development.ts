// Development and demo: everything optional. With no database configured the embedded PostgreSQL is used.
export const development = {
  SECRET_KEY: 'dev-only-secret-key-not-for-production',
  SECRET_ADMIN_URL: '/gestion-ocp-demo',
  LOG_LEVEL: 'info',
  EMBEDDED_DB_DIR: '.data/pglite',
  // Uploaded product pictures (relative to the project root).
  MEDIA_DIR: 'var/media',
  // The demo's key for the sales journal's closures (public in this repository: refused in production).
  JOURNAL_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIKSGTK5lYcR8Y1WZbNVrHniffLjRhMgCU1U26aVZnLSE',
} satisfies Record<string, string>;
