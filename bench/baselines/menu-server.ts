// Baseline of the menu benchmark: a bare node:http server over a pg Pool running the product's menu statement
// with the product's parameters (both imported from src/modules/catalog/menu.repository.ts, so both always run
// the same SQL) and sending its row as one JSON document: the shop object serialised, the products and extras
// spliced in as the statement rendered them. No framework, no mapping, no logging: the limit the app is compared
// with.
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';
import { MENU_SQL, menuParams } from '../../src/modules/catalog/menu.repository.js';

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

if (process.env.PORT) {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_MAX ?? 10),
  });
  const server = createServer((req, res) => {
    if (req.url === '/readyz') return send(res, 200, '{"status":"ready"}');
    const m = /^\/api\/pizzerias\/(\d+)\/menu$/.exec(req.url ?? '');
    if (!m) return send(res, 404, '{"error":"not found"}');
    pool.query(MENU_SQL, menuParams({ id: Number(m[1]) }, new Date())).then(
      ({ rows: [row] }) =>
        row?.pizzeria
          ? send(
              res,
              200,
              `{"pizzeria":${JSON.stringify(row.pizzeria)},"products":${row.products},"extras":${row.extras}}`,
            )
          : send(res, 404, '{}'),
      (error: Error) => send(res, 500, JSON.stringify({ error: error.message })),
    );
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
