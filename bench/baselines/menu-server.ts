// Baseline of the menu benchmark: a bare node:http server over a pg Pool running the product's menu statement
// (read from src/modules/catalog/menu.repository.ts itself, so both always run the same SQL) and sending its
// row as JSON. No framework, no mapping, no logging: the limit the app is compared with.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';

export function productMenuSql(): string {
  const source = readFileSync(
    new URL('../../src/modules/catalog/menu.repository.ts', import.meta.url),
    'utf8',
  );
  const sql = /const MENU_SQL = `([^`]+)`/.exec(source)?.[1];
  if (!sql) throw new Error('MENU_SQL not found in src/modules/catalog/menu.repository.ts');
  return sql;
}

const MAX_LINE_QUANTITY = 50;

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

if (process.env.PORT) {
  const sql = productMenuSql();
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_MAX ?? 10),
  });
  const server = createServer((req, res) => {
    if (req.url === '/readyz') return send(res, 200, '{"status":"ready"}');
    const m = /^\/api\/pizzerias\/(\d+)\/menu$/.exec(req.url ?? '');
    if (!m) return send(res, 404, '{"error":"not found"}');
    pool.query(sql, [Number(m[1]), null, MAX_LINE_QUANTITY]).then(
      ({ rows: [row] }) => (row?.pizzeria ? send(res, 200, JSON.stringify(row)) : send(res, 404, '{}')),
      (error: Error) => send(res, 500, JSON.stringify({ error: error.message })),
    );
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
