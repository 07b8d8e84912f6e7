// Embedded PostgreSQL for `npm start` without a configured database (development/demo only, never production):
// PGlite keeps its files in a git-ignored folder and pglite-socket serves it on a loopback port, so the app
// talks to it through the same pg driver and SQL as to a real server.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  /** Connections the socket server accepts: must cover every pool of the process. */
  maxConnections: number;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(dataDir: string, maxConnections = 20): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const [, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    maxConnections,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
