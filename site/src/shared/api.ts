// The API as the pages use it: JSON in and out, the bearer token of the signed-in person, and every error as
// an ApiError carrying the server's code and French message (or a French message of our own when the network
// or the server fails without one).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const NETWORK = 'Connexion impossible : vérifiez votre réseau puis réessayez.';
const SERVER = 'Le service ne répond pas correctement. Réessayez dans un instant.';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await fetch(`/api${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', NETWORK);
  }
}

function parse(text: string): any {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function failure(res: Response, body: any): ApiError {
  const error = body?.error;
  return new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? SERVER, error?.details);
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  const body = parse(await res.text());
  if (!res.ok) throw failure(res, body);
  return body as T;
}

/**
 * A file the server sends as an attachment (Content-Disposition), with the name it gives; `fallback` when it
 * gives none. The body stays as it came: a download is the server's bytes, not a re-serialisation.
 */
export async function apiFile(
  path: string,
  options: RequestOptions & { fallback: string },
): Promise<{ blob: Blob; filename: string }> {
  const res = await send(path, options);
  if (!res.ok) throw failure(res, parse(await res.text()));
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const named = /filename="([^"]+)"/.exec(disposition)?.[1];
  return { blob: await res.blob(), filename: named ?? options.fallback };
}

/** A new Idempotency-Key (random, URL-safe). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
