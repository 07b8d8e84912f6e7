// Imported before anything that loads `adminjs`: AdminJS reads these variables once, when its modules are
// evaluated, so they must be in place before the first import of the package.
//
// - ADMIN_JS_TMP_DIR: where the component bundle is written and served from. The default `.adminjs` is a
//   dot-folder, which Express 5 refuses to serve (404), so the bundle lives in dist/admin-bundle: no dot in
//   its path, and already ignored by git, eslint and prettier like the rest of dist/.
// - ADMIN_JS_SKIP_BUNDLE: in production every process would otherwise re-bundle at start into the same
//   folder, and concurrent rollups on one folder fail ("Could not resolve entry module"). The bundle is
//   produced once at build time by admin/bundle.ts; processes only serve it.
import { fromRoot } from '../src/shared/paths.js';

export const BUNDLE_DIR = fromRoot('dist', 'admin-bundle');

process.env.ADMIN_JS_TMP_DIR ??= BUNDLE_DIR;
// AdminJS decides between its development and production behaviour on NODE_ENV alone.
if (process.env.NODE_ENV === 'production') process.env.ADMIN_JS_SKIP_BUNDLE ??= 'true';
