// Embedded PostgreSQL for `npm start` without a configured database (development/demo only, never production):
// PGlite keeps its files in a git-ignored folder and pglite-socket serves it on a loopback port, so the app
// talks to it through the same pg driver and SQL as to a real server. Both run in a worker thread of their own
// (embedded-worker.ts), as a real server runs in its own process: the database opens (about a second of
// WebAssembly) while the app's modules load, and it executes queries while the app runs JavaScript.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EmbeddedDatabase {
  url: string;
  /** Connections the socket server accepts: must cover every pool of the process. */
  maxConnections: number;
  stop(): Promise<void>;
}

/** The worker's file beside this one: .js once compiled, .ts under tsx (the tests), which the worker needs too. */
const ownFile = fileURLToPath(import.meta.url);
const fromSources = path.extname(ownFile) === '.ts';
const workerFile = path.join(path.dirname(ownFile), `embedded-worker${path.extname(ownFile)}`);

function newWorker(workerData: object): Worker {
  if (!fromSources) return new Worker(workerFile, { workerData });
  // A worker does not get the main thread's loader hooks: it registers tsx itself, then imports the file. With
  // the ES module build of tsx's API (its CommonJS build registers a path that does not exist).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = JSON.stringify(pathToFileURL(api).href);
  const file = JSON.stringify(pathToFileURL(workerFile).href);
  const boot = `import(${tsx}).then((tsx) => { tsx.register(); return import(${file}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** Starts under way or done, by data folder: a start asked early (scripts/start.js) is the server's too. */
const starts = new Map<string, Promise<EmbeddedDatabase>>();

export function startEmbeddedDatabase(dataDir: string, maxConnections = 20): Promise<EmbeddedDatabase> {
  const key = path.resolve(dataDir);
  let start = starts.get(key);
  if (!start) {
    start = spawnDatabase(key, maxConnections);
    starts.set(key, start);
    start.catch(() => starts.delete(key));
  }
  return start;
}

function spawnDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabase> {
  const worker = newWorker({ dataDir, maxConnections });
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      worker.off('exit', exited);
      reject(error);
    };
    const exited = (code: number) =>
      failed(new Error(`embedded PostgreSQL: its thread ended (code ${code}) before serving`));
    worker.once('error', failed);
    worker.once('exit', exited);
    worker.once('message', (message: { port?: number; error?: string }) => {
      worker.off('error', failed);
      worker.off('exit', exited);
      if (message.error) {
        reject(new Error(`embedded PostgreSQL cannot start in ${dataDir}: ${message.error}`));
        return;
      }
      // From here on a failure of the database thread is the process's own, as when PGlite ran in it.
      worker.on('error', (error) => {
        throw error;
      });
      let stopping: Promise<void> | undefined;
      resolve({
        url: `postgres://postgres@127.0.0.1:${message.port}/postgres`,
        maxConnections,
        stop() {
          stopping ??= new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.on('message', (m) => m === 'stopped' && done());
            worker.postMessage('stop');
          })
            .then(() => worker.terminate())
            .then(() => void starts.delete(dataDir));
          return stopping;
        },
      });
    });
  });
}
