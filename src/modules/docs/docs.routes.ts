// The API contract: /api/openapi.json (generated from the routes' zod schemas) and human docs at /api/docs
// (Swagger UI, served from the swagger-ui-dist package: no CDN, works offline).
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument, route } from '../../shared/openapi.js';
import { fromRoot } from '../../shared/paths.js';

const require = createRequire(import.meta.url);
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
// From the project root, whether running from src/ (tsx) or from dist/src/ (the production build).
const version = (require(fromRoot('package.json')) as { version: string }).version;

const DOCS_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>OC Pizza — documentation de l’API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function docsRouter(): Router {
  const router = Router();
  const doc = (path: string, operationId: string, summary: string) => ({
    method: 'get' as const,
    path,
    operationId,
    summary,
    tag: 'Documentation',
    responses: { 200: null },
  });
  route(
    router,
    doc('/openapi.json', 'getOpenApiDocument', 'Ce document OpenAPI 3.1'),
    (_input, _req, res) => {
      res.json(buildOpenApiDocument(version));
    },
  );
  route(router, doc('/docs', 'getDocsPage', 'Documentation lisible (Swagger UI)'), (_input, _req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('html').send(DOCS_PAGE);
  });
  route(
    router,
    doc('/docs/init.js', 'getDocsScript', 'Script de la page de documentation'),
    (_input, _req, res) => {
      res.set('Cache-Control', 'public, max-age=300').type('js').send(INIT_SCRIPT);
    },
  );
  router.use('/docs/assets', express.static(swaggerUiDir, { maxAge: '1d', index: false }));
  return router;
}
