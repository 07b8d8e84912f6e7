// The Sequelize connection (pg driver). Repositories use it for SQL; only admin/ works with model instances.
import pg from 'pg';
import { Sequelize } from 'sequelize';

// COUNT(*) and bigserial ids come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DbOptions {
  url: string;
  poolMax: number;
  /** Connection label shown in pg_stat_activity. */
  applicationName?: string;
}

export function createSequelize({ url, poolMax, applicationName = 'ocpizza' }: DbOptions): Sequelize {
  return new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    benchmark: false,
    define: { underscored: true, timestamps: true },
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 10_000, evict: 5_000 },
    dialectOptions: { application_name: applicationName, connectionTimeoutMillis: 5_000 },
    retry: { max: 0 },
  });
}
