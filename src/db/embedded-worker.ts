// The embedded database's thread (see embedded.ts): PGlite and the pglite-socket server that serves it on a
// loopback port. Messages: it posts { port } once serving (or { error } if it cannot start); it stops serving,
// closes the database and ends when sent 'stop', posting 'stopped' first.
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, maxConnections } = workerData as { dataDir: string; maxConnections: number };
const port = parentPort!;

try {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  port.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    port.postMessage('stopped');
    port.close();
  });
  port.postMessage({ port: Number(server.getServerConn().split(':')[1]) });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
}
