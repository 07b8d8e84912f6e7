import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { ownDatabaseName, recreateDatabase, siblingDatabaseUrl } from '../../helpers/db.js';

const run = promisify(execFile);
const NAME = ownDatabaseName('migrations');

describe('migrations through sequelize-cli (.sequelizerc)', () => {
  const url = siblingDatabaseUrl(NAME);
  const npm = (script: string) =>
    run('npm', ['run', '-s', script], { env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 });

  async function inventory() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'SequelizeMeta' ORDER BY 1`,
      );
      const types = await client.query(
        `SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1`,
      );
      const checks = await client.query(
        `SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.contype = 'c' ORDER BY 1`,
      );
      return {
        tables: tables.rows.map((r) => r.tablename as string),
        types: types.rows.map((r) => r.typname as string),
        checks: checks.rows.map((r) => r.conname as string),
      };
    } finally {
      await client.end();
    }
  }

  before(async () => {
    await recreateDatabase(NAME);
  });

  it('when migrated up, all down and up again, then the schema is complete, then empty, then identical', async () => {
    await npm('db:migrate');
    const first = await inventory();
    expect(first.tables).to.include.members([
      'pizzerias',
      'products',
      'product_sizes',
      'extras',
      'ingredients',
      'recipe_lines',
      'stock_items',
      'stock_movements',
      'customers',
      'addresses',
      'employees',
      'auth_tokens',
      'orders',
      'order_lines',
      'order_status_events',
      'payments',
      'refunds',
      'processed_webhook_events',
    ]);
    expect(first.types).to.include.members([
      'order_status',
      'employee_role',
      'stock_movement_kind',
      'payment_method',
    ]);
    expect(first.checks).to.include.members([
      'stock_items_reserved_nonnegative',
      'stock_items_reserved_within_on_hand',
    ]);

    await npm('db:migrate:undo:all');
    expect(await inventory()).to.deep.equal({ tables: [], types: [], checks: [] });

    await npm('db:migrate');
    expect(await inventory()).to.deep.equal(first);
  });
});
