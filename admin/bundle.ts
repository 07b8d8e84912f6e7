// Build step: bundles the back office's custom components once, minified, into dist/admin-bundle, where the
// production processes serve it from (they never bundle: see admin/env.ts). Run after the TypeScript build:
//   node dist/admin/bundle.js        (or, from the sources: npx tsx admin/bundle.ts)
// AdminJS reads NODE_ENV when its modules load, hence the dynamic imports after setting it.
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_SKIP_BUNDLE = 'false';

const started = performance.now();
const { BUNDLE_DIR } = await import('./env.js');
const { default: AdminJS } = await import('adminjs');
const { baseOptions } = await import('./options.js');
await new AdminJS(baseOptions('/')).initialize();
console.log(
  `back-office components bundled in ${BUNDLE_DIR} (${Math.round(performance.now() - started)} ms)`,
);
