// zod at the edge: routes parse params, query and bodies here and get a 422 with every problem listed.
import type { z } from 'zod';
import { ValidationError } from './errors.js';

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ValidationError(
    'Certaines données sont invalides.',
    result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
      code: issue.code,
    })),
  );
}
