// The API contract is generated from the zod schemas the routes are checked with. Each route is declared once
// with `route()`, which registers the Express handler AND its OpenAPI operation, and which ENFORCES what it
// declares before the handler runs: path parameters (a value that does not fit is not this route: 404, or 405
// when the path exists for another method), the caller (customer, employee, or employee with a named permission
// of the one permission table), headers, query and body. Handlers receive the parsed input and never parse or
// check the caller again.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { CustomerPrincipal, EmployeePrincipal, Principal } from '../modules/auth/index.js';
import { AppError, BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from './errors.js';
import { can, type Permission } from './permissions.js';
import { parse } from './validate.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call: anyone, a signed-in customer, any employee, an employee whose role has the permission, or
 * either a customer or an employee with the permission (the route then tells them apart).
 */
export type Auth = 'none' | 'customer' | 'employee' | { staff: Permission } | { customerOrStaff: Permission };

/** A declared header: checked before the handler (400 with its own code), documented with its schema. */
export interface HeaderSpec {
  description: string;
  schema: z.ZodType<string, string>;
  required?: boolean;
  /** The 400 answered when the header is missing (if required) or does not fit the schema. */
  error: { code: string; message: string };
}

type ObjectSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export interface RouteSpec<
  P extends ObjectSchema | undefined = ObjectSchema | undefined,
  Q extends ObjectSchema | undefined = ObjectSchema | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  A extends Auth = Auth,
> {
  method: Method;
  /** Express path relative to /api, e.g. `/orders/:orderId`. */
  path: string;
  /** Stable name of the operation in the document (clients generate their method names from it). */
  operationId: string;
  summary: string;
  tag: string;
  auth?: A;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A body the route reads itself (the Stripe webhook checks a signature over the raw bytes): documented with
   * this schema, not parsed by route().
   */
  rawBody?: { schema: z.ZodType; description: string };
  headers?: Record<string, HeaderSpec>;
  /** Status → response body schema (null: no body). Error statuses use the shared error schema. */
  responses: Record<number, z.ZodType | null>;
  /** `text/event-stream` endpoints document their events in prose. */
  stream?: boolean;
  /** Express middleware run before route()'s checks (e.g. the webhook's raw body parser). */
  before?: RequestHandler[];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type PrincipalOf<A> = A extends 'customer'
  ? CustomerPrincipal
  : A extends 'employee' | { staff: Permission }
    ? EmployeePrincipal
    : A extends { customerOrStaff: Permission }
      ? Principal
      : Principal | undefined;

export interface RouteInput<P, Q, B, A> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The declared headers' values (absent optional ones are undefined). */
  headers: Record<string, string | undefined>;
  principal: PrincipalOf<A>;
}

export type RouteHandler<P, Q, B, A> = (
  input: RouteInput<P, Q, B, A>,
  req: Request,
  res: Response,
) => unknown;

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    id: z.string().optional(),
  }),
});

interface Registered {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
}

const registry = new Map<string, Registered>();
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

const SESSION_EXPIRED = 'Session expirée ou absente : reconnectez-vous.';
const NOT_ALLOWED = 'Votre rôle ne permet pas cette action.';

/** The caller the route accepts, or the 401/403 it answers. */
export function authorize(auth: Auth, principal: Principal | undefined): void {
  if (auth === 'none') return;
  if (auth === 'customer') {
    if (principal?.kind !== 'customer') throw new UnauthorizedError(SESSION_EXPIRED);
    return;
  }
  if (!principal) throw new UnauthorizedError(SESSION_EXPIRED);
  if (auth === 'employee') {
    if (principal.kind !== 'employee') throw new UnauthorizedError(SESSION_EXPIRED);
    return;
  }
  if ('customerOrStaff' in auth) {
    if (principal.kind === 'employee' && !can(principal.role, auth.customerOrStaff)) {
      throw new ForbiddenError(NOT_ALLOWED);
    }
    return;
  }
  if (principal.kind !== 'employee') throw new UnauthorizedError(SESSION_EXPIRED);
  if (!can(principal.role, auth.staff)) throw new ForbiddenError(NOT_ALLOWED);
}

function checkHeaders(req: Request, headers: Record<string, HeaderSpec>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, h] of Object.entries(headers)) {
    const value = req.get(name);
    if (value === undefined) {
      if (h.required) throw new BadRequestError(h.error.code, h.error.message);
      out[name] = undefined;
      continue;
    }
    const parsed = h.schema.safeParse(value);
    if (!parsed.success) throw new BadRequestError(h.error.code, h.error.message);
    out[name] = parsed.data;
  }
  return out;
}

/**
 * Registers one route: Express handler and OpenAPI operation. Before `handler` runs, route() has matched the
 * path parameters against their schema, checked the caller, the declared headers, the query and the body.
 */
export function route<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends Auth = 'none',
>(router: Router, spec: RouteSpec<P, Q, B, A>, handler: RouteHandler<P, Q, B, A>): void {
  // Answers every route can give whatever its own rules: malformed or oversized bodies, a path parameter that
  // is not valid percent-encoding (400 invalid_url_encoding), missing credentials or a missing right.
  const implicit: Record<number, null> = {};
  if (spec.body || spec.rawBody) Object.assign(implicit, { 400: null, 413: null });
  if (spec.body || spec.query) implicit[422] = null;
  if (spec.headers) implicit[400] = null;
  if (spec.path.includes(':')) implicit[400] = null;
  const auth: Auth = spec.auth ?? 'none';
  if (auth !== 'none') implicit[401] = null;
  if (typeof auth === 'object') implicit[403] = null;
  const names = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  const pattern = new RegExp('^' + spec.path.replace(/:[A-Za-z]+/g, '([^/]+)') + '/?$');
  const full = { ...spec, responses: { ...implicit, ...spec.responses } } as RouteSpec;
  if (!(spec.tag in TAGS)) throw new Error(`route ${spec.path}: unknown tag ${spec.tag}`);
  const k = key(spec.method, spec.path);
  if (registry.has(k) && registry.get(k)!.spec.operationId !== spec.operationId) {
    throw new Error(`route ${k} declared twice`);
  }
  registry.set(k, { spec: full, pattern, names });

  const enforce = async (req: Request, res: Response, next: NextFunction) => {
    let params: unknown;
    if (spec.params) {
      // A path value that does not fit its schema (an order id that is no UUID) means another route or none.
      const matched = spec.params.safeParse(req.params);
      if (!matched.success) return next('route');
      params = matched.data;
    }
    authorize(auth, req.principal);
    const input = {
      params,
      headers: spec.headers ? checkHeaders(req, spec.headers) : {},
      query: spec.query ? parse(spec.query, req.query) : undefined,
      body: spec.body ? parse(spec.body, req.body ?? {}) : undefined,
      principal: req.principal,
    } as RouteInput<P, Q, B, A>;
    await handler(input, req, res);
  };
  router[spec.method](spec.path, ...(spec.before ?? []), enforce);
}

/** Every documented route (used by the document and by the tests' conformance checks). */
export function documentedRoutes(): RouteSpec[] {
  return [...registry.values()].map((r) => r.spec);
}

/** The documented route answering this method and path (parameters checked against their schemas). */
export function findRoute(method: string, apiPath: string): RouteSpec | undefined {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return candidates(apiPath).find((spec) => spec.method === m);
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The routes whose path (with parameters that fit their schemas) is this API path, whatever their method. */
function candidates(apiPath: string): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const { spec, pattern, names } of registry.values()) {
    const match = pattern.exec(apiPath);
    if (!match) continue;
    if (spec.params) {
      const values: Record<string, string | undefined> = {};
      names.forEach((name, i) => (values[name] = decode(match[i + 1])));
      // Not valid percent-encoding: Express refuses it (400 invalid_url_encoding) before any schema.
      const undecodable = Object.values(values).includes(undefined);
      if (!undecodable && !spec.params.safeParse(values).success) continue;
    }
    out.push(spec);
  }
  return out;
}

/** The methods this API path answers, as an `Allow` header lists them. */
export function allowedMethods(apiPath: string): string[] {
  const methods = new Set(candidates(apiPath).map((s) => s.method.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods].sort();
}

export class MethodNotAllowedError extends AppError {
  constructor(readonly allow: string[]) {
    super(405, 'method_not_allowed', `Méthode non autorisée : ${allow.join(', ')} seulement.`);
  }
}

/**
 * Mounted at /api before every router: OPTIONS answers the path's methods from the document (Express would
 * list those of the first router whose pattern matches, ignoring the parameters' schemas).
 */
export const apiOptions: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') return next();
  const allow = allowedMethods(req.path);
  if (allow.length === 0)
    return next(new NotFoundError('Cette adresse de l’API n’existe pas.', 'route_not_found'));
  res.set('Allow', allow.join(', ')).status(204).end();
};

/** Mounted at /api after every router: a known path with another method is 405 with `Allow`, else 404. */
export const apiFallback: RequestHandler = (req, res, next) => {
  const allow = allowedMethods(req.path);
  if (allow.length > 0) {
    res.set('Allow', allow.join(', '));
    return next(new MethodNotAllowedError(allow));
  }
  next(new NotFoundError('Cette adresse de l’API n’existe pas.', 'route_not_found'));
};

// ---- The document -------------------------------------------------------------------------------------------

/** What each tag of the document groups (a route's tag must be one of these). */
const TAGS: Record<string, string> = {
  Achats:
    'Achats des pizzerias : fournisseurs, bons de commande (brouillon, envoi, annulation), réceptions et écarts',
  Carte: 'La carte de chaque pizzeria avec la disponibilité en direct, et le mémo recettes des pizzaiolos',
  'Carte — ruptures':
    'Articles retirés pour un temps de la carte d’une pizzeria (cuisine, comptoir) : motif, fin automatique',
  Clients: 'Comptes clients, connexion et adresses enregistrées',
  Commandes: 'Commandes passées sur le site : prix, passage, suivi, modification et annulation',
  Comptabilité: 'Exports comptables : CSV des commandes et fichier des écritures comptables (FEC)',
  Documentation: 'Ce document et sa version lisible',
  'Journal des ventes':
    'Journal des ventes inaltérable : clôtures journalières, mensuelles et annuelles signées, clés publiques',
  Paiement: 'Moyens de paiement, remboursements et webhook Stripe',
  Personnel: 'Connexion du personnel et droits du rôle',
  'Personnel — commandes':
    'Commandes côté pizzeria : téléphone et comptoir, cuisine, livraisons, remise et chaque étape',
  Pizzerias: 'Les pizzerias, leurs horaires et zones de livraison',
  Stock: 'Stock des ingrédients par pizzeria : état, alertes, réceptions, pertes et inventaires',
  'Suivi en direct': 'Flux Server-Sent Events : suivi d’une commande par son client, file de la cuisine',
};

/** Every string the server reads is refused with a NUL character (PostgreSQL cannot store one): said so. */
const NO_NUL = { pattern: '\\u0000' };

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ jsonSchema: s }) => {
      const free = s.type === 'string' && !s.enum && s.const === undefined && !s.format;
      if (io === 'input' && free) s.not = NO_NUL;
    },
  }) as Record<string, unknown>;
  return json;
};

function security(auth: Auth): object[] {
  if (auth === 'none') return [];
  if (auth === 'customer') return [{ customerToken: [] }];
  if (auth === 'employee' || 'staff' in auth) return [{ staffToken: [] }];
  return [{ customerToken: [] }, { staffToken: [] }];
}

function authText(auth: Auth): string {
  if (auth === 'none') return '';
  if (auth === 'customer') return 'Client connecté.';
  if (auth === 'employee') return 'Membre du personnel connecté.';
  if ('staff' in auth) return `Personnel ayant la permission \`${auth.staff}\`.`;
  return `Le client de la commande, ou le personnel ayant la permission \`${auth.customerOrStaff}\`.`;
}

function parameters(spec: RouteSpec) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = s;
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  for (const [name, h] of Object.entries(spec.headers ?? {})) {
    out.push({
      name,
      in: 'header',
      required: h.required ?? false,
      description: `${h.description} (sinon 400 \`${h.error.code}\`)`,
      schema: toSchema(h.schema, 'input'),
    });
  }
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'Succès',
  201: 'Créé',
  202: 'Demande acceptée',
  204: 'Sans contenu',
  400: 'Requête mal formée (JSON, encodage, en-tête)',
  401: 'Non authentifié',
  403: 'Interdit pour ce rôle ou cette pizzeria',
  404: 'Introuvable',
  405: 'Méthode non autorisée',
  409: 'Conflit avec l’état actuel',
  410: 'Plus valable (lien expiré ou déjà utilisé)',
  413: 'Corps trop volumineux',
  422: 'Données invalides (détails par champ)',
  429: 'Trop de tentatives',
  500: 'Erreur interne',
  502: 'Prestataire externe en erreur',
  503: 'Service momentanément indisponible',
};

function requestBody(spec: RouteSpec) {
  if (spec.rawBody) {
    return {
      requestBody: {
        required: true,
        description: spec.rawBody.description,
        content: { 'application/json': { schema: toSchema(spec.rawBody.schema, 'input') } },
      },
    };
  }
  if (!spec.body) return {};
  return {
    requestBody: {
      required: true,
      content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
    },
  };
}

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, object>> = {};
  const tags = new Set<string>();
  for (const { spec } of registry.values()) {
    const openApiPath = '/api' + spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, object> = {};
    for (const [status, schema] of Object.entries(spec.responses)) {
      const description = STATUS_TEXT[Number(status)] ?? (Number(status) < 400 ? 'Succès' : 'Erreur');
      if (spec.stream && Number(status) === 200) {
        responses[status] = { description: 'Flux Server-Sent Events', content: { 'text/event-stream': {} } };
      } else {
        const body = schema ?? (Number(status) >= 400 ? errorSchema : null);
        responses[status] = body
          ? { description, content: { 'application/json': { schema: toSchema(body, 'output') } } }
          : { description };
      }
    }
    tags.add(spec.tag);
    const auth = spec.auth ?? 'none';
    paths[openApiPath] ??= {};
    paths[openApiPath][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(authText(auth) ? { description: authText(auth) } : {}),
      tags: [spec.tag],
      security: security(auth),
      parameters: parameters(spec),
      ...requestBody(spec),
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
        'quantités d’ingrédients en unités de base (g, ml, pièce). Erreurs : {"error": {"code", "message"}}. ' +
        'Une méthode non prévue sur un chemin connu répond 405 avec l’en-tête Allow.',
      license: { name: 'Propriétaire — OC Pizza', identifier: 'LicenseRef-OCPizza-Proprietary' },
    },
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => ({ name, description: TAGS[name] })),
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
