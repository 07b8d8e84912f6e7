// zod at the edge: routes parse params, query and bodies here and get a 422 with every problem listed.
import { z } from 'zod';
import { ValidationError } from './errors.js';

/** The largest id PostgreSQL's integer columns hold: an id above it is refused before any query (else a 500). */
export const SQL_INT_MAX = 2_147_483_647;

/**
 * The pattern of a string whose TRIMMED length is within [min, max] (leading and trailing blanks are allowed and
 * removed): what the document must say of `z.string().trim().min(min).max(max)`, whose minLength/maxLength
 * would speak of the untrimmed text.
 */
export function trimmedPattern(min: number, max: number): string {
  const middle = (lo: number) => `[\\s\\S]{${Math.max(lo, 0)},${max - 2}}`;
  if (max < 2) throw new Error('trimmedPattern: max must be at least 2');
  if (min === 0) return `^\\s*(?:\\S(?:${middle(0)}\\S)?)?\\s*$`;
  if (min === 1) return `^\\s*\\S(?:${middle(0)}\\S)?\\s*$`;
  return `^\\s*\\S${middle(min - 2)}\\S\\s*$`;
}

/** Free text, trimmed, of min to max characters once trimmed; the document states it exactly (trimmedPattern). */
export function text(min: number, max: number, message?: string) {
  return z
    .string(message ? { error: message } : undefined)
    .trim()
    .min(min, message)
    .max(max)
    .meta({ pattern: trimmedPattern(min, max), minLength: undefined, maxLength: undefined });
}

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

/**
 * zod's own messages in French (« Option invalide : une valeur parmi "delivery"|"takeaway" attendue »): they reach
 * the site's forms and API clients in `details`. A schema's own message still wins. Per call, not z.config(): the
 * settings' checks (src/config) speak to the engineer, in English.
 */
const FRENCH_MESSAGES = z.locales.fr().localeError;

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data, { error: FRENCH_MESSAGES });
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
