// The health module: the liveness and readiness probes. No service object: it reads the database and the
// migrations directly (no business rule, no table of its own).
export { healthRouter, readiness, type HealthContext } from './health.routes.js';
