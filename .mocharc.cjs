// TypeScript through tsx; root hooks check PostgreSQL and isolate integration tests.
module.exports = {
  'node-option': ['import=tsx', 'no-warnings=ExperimentalWarning'],
  require: ['test/helpers/hooks.ts'],
  extension: ['ts'],
  recursive: true,
  timeout: 20000,
  exit: true,
  reporter: 'spec',
};
