// Connection for `npx sequelize-cli` (npm run db:migrate ...): the tables' owner (DATABASE_OWNER_URL) when the
// processes connect as an application role that does not own them, else the same variables as the app.
require('dotenv').config({ quiet: true });

function url() {
  const env = process.env;
  if (env.DATABASE_OWNER_URL) return env.DATABASE_OWNER_URL;
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (!env.POSTGRES_NAME) {
    throw new Error(
      'Set DATABASE_URL or POSTGRES_NAME/POSTGRES_USER/POSTGRES_PASS/POSTGRES_HOST (see README).',
    );
  }
  const u = new URL('postgres://localhost');
  u.hostname = env.POSTGRES_HOST || '127.0.0.1';
  u.port = env.POSTGRES_PORT || '5432';
  u.pathname = '/' + encodeURIComponent(env.POSTGRES_NAME);
  if (env.POSTGRES_USER) u.username = encodeURIComponent(env.POSTGRES_USER);
  if (env.POSTGRES_PASS) u.password = encodeURIComponent(env.POSTGRES_PASS);
  return u.toString();
}

const config = { url: url(), dialect: 'postgres', logging: false };
module.exports = { development: config, test: config, production: config };
