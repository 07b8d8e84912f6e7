import { z } from 'zod';
import { PASSWORD_RULE } from './password-policy.js';
import { normalisePhone } from './phone.js';

const email = z.string().trim().toLowerCase().email('adresse e-mail invalide').max(254);
const name = (max: number) => z.string().trim().min(1, 'champ obligatoire').max(max);

/** Blank means "no phone": the site's form sends an empty field rather than leaving it out. */
const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const normalised = normalisePhone(value);
    if (normalised === undefined) {
      ctx.addIssue({ code: 'custom', message: 'numéro de téléphone invalide' });
      return z.NEVER;
    }
    return normalised;
  })
  .describe('Formats français acceptés (06 12 34 56 78, +33 6 12 34 56 78…) ou international (+…)');

export const registerBody = z.object({
  email,
  // Never trimmed: spaces are part of a password. The policy itself is checked by the service (422 weak_password).
  password: z.string().min(1).max(200).describe(PASSWORD_RULE),
  firstName: name(80),
  lastName: name(80),
  phone: phone.nullable().optional(),
});
export type RegisterInput = z.infer<typeof registerBody>;

export const loginBody = z.object({
  email,
  password: z.string().min(1).max(200),
});

export const customerSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});

export const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  customer: customerSchema,
});

export const meSchema = z.object({ customer: customerSchema });
