// The docs module: the OpenAPI document and Swagger UI (no service, no table).
export { docsRouter } from './docs.routes.js';
