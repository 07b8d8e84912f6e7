// Loaded first with `node --import`, so that Sentry instruments http/express before they are imported.
// A configuration problem is left for server.ts to report (it exits with the full list).
import { ConfigError, getSettings } from './config/index.js';
import { initMonitoring } from './shared/monitoring.js';

try {
  await initMonitoring(getSettings());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
}
