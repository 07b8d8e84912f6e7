// Process entry point (`node --import ./dist/src/instrument.js dist/src/server.js`, as Supervisor runs it): the
// server of serve.ts, as configured by the settings, nothing overridden.
import { serve } from './serve.js';

await serve();
