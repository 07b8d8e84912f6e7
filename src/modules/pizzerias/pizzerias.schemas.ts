import { z } from 'zod';

/** A shop is addressed by its numeric id or by its code (P01…). */
export const pizzeriaRefParam = z.object({
  pizzeriaId: z
    .string()
    .trim()
    .regex(/^(\d{1,9}|[Pp]\d{2})$/, 'identifiant de pizzeria invalide')
    .transform((v) => (/^\d+$/.test(v) ? { id: Number(v) } : { code: v.toUpperCase() })),
});
