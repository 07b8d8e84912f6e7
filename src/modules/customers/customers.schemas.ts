import { z } from 'zod';
import { text } from '../../shared/validate.js';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from './password-policy.js';
import { normalisePhone, PHONE_PATTERN } from './phone.js';

const email = z.string().trim().toLowerCase().email('adresse e-mail invalide').max(254);
const name = (max: number) => text(1, max, 'champ obligatoire');

/** Blank means "no phone": the site's form sends an empty field rather than leaving it out. */
const phone = z
  .string()
  .max(40)
  .regex(new RegExp(PHONE_PATTERN), 'numéro de téléphone invalide')
  .transform((value) => (value.trim() === '' ? null : normalisePhone(value)!))
  .describe('Formats français acceptés (06 12 34 56 78, +33 6 12 34 56 78…) ou international (+…)');

// Never trimmed: spaces are part of a password. The policy itself is checked by the service (422 weak_password).
// Staff passwords follow the same rule (the back office's employee form, the staff password reset).
export const newPassword = z
  .string()
  .min(1)
  .max(200)
  .describe(PASSWORD_RULE + ' Au plus 72 octets en UTF-8 (72 caractères sans accents).')
  // The rule as far as a pattern can say it (length in characters, a letter, a digit); the bytes and the
  // e-mail's local part are checked by the service too (422 weak_password).
  .meta({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_BYTES,
    pattern: '^(?=[\\s\\S]*\\p{L})(?=[\\s\\S]*\\p{Nd})',
  });

export const registerBody = z.object({
  email,
  password: newPassword,
  firstName: name(80),
  lastName: name(80),
  phone: phone.nullable().optional(),
});
export type RegisterInput = z.infer<typeof registerBody>;

export const updateMeBody = z.object({ phone: phone.nullable() });

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

/** « Mot de passe oublié » (customers and staff alike). */
export const resetRequestBody = z.object({ email });

export const resetConfirmBody = z.object({
  token: z.string().min(1).max(200).describe('Le jeton du lien reçu par e-mail (son paramètre « jeton »).'),
  password: newPassword,
});

export const resetAnswerSchema = z.object({ message: z.string() });
