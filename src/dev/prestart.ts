// Called by `npm start` (scripts/start.js) before the server's modules load: when the server is going to use the
// embedded database (no database configured), its thread starts opening it now, so that PGlite's second or so
// of start-up runs beside the module loading; the server's own startEmbeddedDatabase then gets this same start.
import { getSettings } from '../config/index.js';
import { startEmbeddedDatabase } from '../db/embedded.js';

export function prestartEmbeddedDatabase(): void {
  let dataDir: string;
  try {
    const settings = getSettings();
    if (settings.db.url) return;
    dataDir = settings.db.embeddedDir;
  } catch {
    return; // a configuration error: the server reports it
  }
  // A failure is the server's to report: it awaits this same start.
  startEmbeddedDatabase(dataDir).catch(() => undefined);
}
