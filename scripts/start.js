// `npm start`: brings the compiled copy of the sources up to date (dist/dev, see dev-build.js), then runs it as
// `node --import ./src/instrument.ts src/server.ts` would: the Sentry instrument file first, then the server.
// In between, the embedded database (when the server is going to use it) starts opening in its own thread.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEV_DIST, ensureDevBuild } from './dev-build.js';

try {
  const build = await ensureDevBuild();
  if (build.compiled > 0 || build.removed > 0) {
    console.error(
      `compiled ${build.compiled} of ${build.total} TypeScript files into dist/dev (${build.ms} ms)`,
    );
  }
} catch (error) {
  console.error(`ocpizza: cannot start. ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// Stack traces name the TypeScript sources, as they did under tsx.
process.setSourceMapsEnabled(true);
const run = (file) => import(pathToFileURL(path.join(DEV_DIST, file)).href);
await run('src/instrument.js');
(await run('src/dev/prestart.js')).prestartEmbeddedDatabase();
await run('src/server.js');
