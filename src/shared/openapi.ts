// The API contract is generated from the zod schemas the routes validate with: each route is declared once with
// `route()`, which registers the Express handler AND its OpenAPI operation, so the document cannot miss a route.
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Auth = 'none' | 'customer' | 'staff' | 'customer_or_staff';

export interface RouteSpec {
  method: Method;
  /** Express path relative to /api, e.g. `/orders/:orderId`. */
  path: string;
  summary: string;
  tag: string;
  auth?: Auth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: Record<string, { description: string; required?: boolean }>;
  /** Status → response body schema (null: no body). Error statuses use the shared error schema. */
  responses: Record<number, z.ZodType | null>;
  /** `text/event-stream` endpoints document their events in prose. */
  stream?: boolean;
}

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    id: z.string().optional(),
  }),
});

const registry = new Map<string, RouteSpec>();
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function route(router: Router, spec: RouteSpec, ...handlers: RequestHandler[]): void {
  // Answers every route can give whatever its own rules: malformed or oversized bodies, a path parameter that
  // is not valid percent-encoding (400 invalid_url_encoding), missing credentials.
  const implicit: Record<number, null> = {};
  if (spec.body) Object.assign(implicit, { 400: null, 413: null });
  if (spec.path.includes(':')) implicit[400] = null;
  if (spec.auth && spec.auth !== 'none') implicit[401] = null;
  registry.set(key(spec.method, spec.path), { ...spec, responses: { ...implicit, ...spec.responses } });
  router[spec.method](spec.path, ...handlers);
}

/** Every documented route (used by the document and by the tests' conformance checks). */
export function documentedRoutes(): RouteSpec[] {
  return [...registry.values()];
}

export function findRoute(method: string, apiPath: string): RouteSpec | undefined {
  for (const spec of registry.values()) {
    if (spec.method !== method.toLowerCase()) continue;
    const pattern = new RegExp('^' + spec.path.replace(/:[A-Za-z]+/g, '[^/]+') + '/?$');
    if (pattern.test(apiPath)) return spec;
  }
  return undefined;
}

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
};

const SECURITY: Record<Auth, object[] | undefined> = {
  none: [],
  customer: [{ customerToken: [] }],
  staff: [{ staffToken: [] }],
  customer_or_staff: [{ customerToken: [] }, { staffToken: [] }],
};

function parameters(spec: RouteSpec) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: s,
      });
    }
  }
  for (const [name, h] of Object.entries(spec.headers ?? {})) {
    out.push({
      name,
      in: 'header',
      required: h.required ?? false,
      description: h.description,
      schema: { type: 'string' },
    });
  }
  return out;
}

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of registry.values()) {
    const openApiPath = '/api' + spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, object> = {};
    for (const [status, schema] of Object.entries(spec.responses)) {
      const description = Number(status) < 400 ? 'Succès' : 'Erreur';
      if (spec.stream && Number(status) === 200) {
        responses[status] = { description: 'Flux Server-Sent Events', content: { 'text/event-stream': {} } };
      } else {
        const body = schema ?? (Number(status) >= 400 ? errorSchema : null);
        responses[status] = body
          ? { description, content: { 'application/json': { schema: toSchema(body, 'output') } } }
          : { description };
      }
    }
    paths[openApiPath] ??= {};
    paths[openApiPath][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      security: SECURITY[spec.auth ?? 'none'],
      parameters: parameters(spec),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OC Pizza API',
      version,
      description:
        'API publique (clients) et API du personnel des pizzerias OC Pizza. Montants en centimes d’euro, ' +
        'quantités d’ingrédients en unités de base (g, ml, pièce). Erreurs : {"error": {"code", "message"}}.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        customerToken: { type: 'http', scheme: 'bearer', description: 'Jeton client (POST /api/auth/login)' },
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Jeton du personnel (POST /api/staff/login)',
        },
      },
    },
    paths,
  };
}
