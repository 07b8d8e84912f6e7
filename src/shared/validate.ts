// zod at the edge: routes parse params, query and bodies here and get a 422 with every problem listed.
import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** The largest id PostgreSQL's integer columns hold: an id above it is refused before any query (else a 500). */
export const SQL_INT_MAX = 2_147_483_647;

/** Paths of the strings holding a NUL character: PostgreSQL cannot store one in text (the query fails). */
function nulPaths(data: unknown, path: (string | number)[] = [], out: string[] = []): string[] {
  if (typeof data === 'string') {
    if (data.includes('\u0000')) out.push(path.join('.'));
  } else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key.includes('\u0000')) out.push([...path, key].join('.'));
      nulPaths(value, [...path, key], out);
    }
  }
  return out;
}

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ValidationError(
      'Certaines données sont invalides.',
      result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
        code: issue.code,
      })),
    );
  }
  // Checked on what the schema kept (a shallow, known shape), not on whatever else the client sent.
  const nul = nulPaths(result.data);
  if (nul.length > 0) {
    throw new ValidationError(
      'Certaines données sont invalides.',
      nul.map((path) => ({ path, message: 'caractère nul (\\u0000) interdit', code: 'invalid_string' })),
    );
  }
  return result.data;
}
