// Calls the real app over HTTP and checks every /api answer against the OpenAPI contract: the route must be
// documented, the status among its documented responses, and the body valid for the documented schema.
import { expect } from 'chai';
import { allowedMethods, errorSchema, findRoute } from '../../src/shared/openapi.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export function assertConforms(method: string, path: string, status: number, body: unknown): void {
  const apiPath = new URL(path, 'http://x').pathname.replace(/^\/api/, '');
  const spec = findRoute(method, apiPath);
  if (!spec) {
    // A documented path with another method: 405 (the document's Allow); else no such route: 404.
    const expected = allowedMethods(apiPath).length > 0 ? 405 : 404;
    expect(status, `${method} ${path} is not in the OpenAPI document`).to.equal(expected);
    const result = errorSchema.safeParse(body);
    if (!result.success) expect.fail(`${method} ${path} → ${status}: not the documented error body`);
    return;
  }
  expect(
    Object.keys(spec.responses).map(Number),
    `${method} ${spec.path}: status ${status} not documented`,
  ).to.include(status);
  const schema = spec.responses[status] ?? (status >= 400 ? errorSchema : null);
  if (!schema || spec.stream) return;
  const result = schema.safeParse(body);
  if (!result.success) {
    expect.fail(
      `${method} ${spec.path} → ${status}: body does not match the documented schema: ` +
        JSON.stringify(result.error.issues.slice(0, 5)),
    );
  }
}

export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const body = isJson && text ? JSON.parse(text) : text;
  if (path.startsWith('/api')) assertConforms(method, path, res.status, body);
  return { status: res.status, body, headers: res.headers };
}

/** Shorthand bound to one app: `const api = client(app.url); await api.get('/api/...')`. */
export function client(baseUrl: string) {
  const m = (method: string) => (path: string, options?: CallOptions) => call(baseUrl, method, path, options);
  return { get: m('GET'), post: m('POST'), patch: m('PATCH'), put: m('PUT'), delete: m('DELETE') };
}
