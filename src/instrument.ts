// Loaded first with `node --import`, so that Sentry instruments http/express before they are imported. It is
// also the first thing a process does: a configuration problem ends it here, at once and before any slow import,
// with every problem named and exit status 78 (Supervisor then reaches FATAL quickly instead of looping).
import { CONFIG_EXIT_CODE, ConfigError, getSettings } from './config/index.js';
import { initMonitoring } from './shared/monitoring.js';

try {
  await initMonitoring(getSettings());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`ocpizza: cannot start. ${error.message}`);
  process.exit(CONFIG_EXIT_CODE);
}
