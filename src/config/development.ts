// Development and demo: everything optional. With no database configured the embedded PostgreSQL is used.
export const development = {
  SECRET_KEY: 'dev-only-secret-key-not-for-production',
  SECRET_ADMIN_URL: '/gestion-ocp-demo',
  LOG_LEVEL: 'info',
  EMBEDDED_DB_DIR: '.data/pglite',
  // Uploaded product pictures (relative to the project root).
  MEDIA_DIR: 'var/media',
} satisfies Record<string, string>;
