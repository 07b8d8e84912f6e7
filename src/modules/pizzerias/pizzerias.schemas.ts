import { z } from 'zod';

/** A shop is addressed by its numeric id or by its code (P01…). */
export const pizzeriaRefParam = z.object({
  pizzeriaId: z
    .string()
    .trim()
    .regex(/^(\d{1,9}|[Pp]\d{2})$/, 'identifiant de pizzeria invalide')
    .transform((v) => (/^\d+$/.test(v) ? { id: Number(v) } : { code: v.toUpperCase() })),
});

const timeRange = z.tuple([z.string(), z.string()]);

export const publicPizzeriaSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  address: z.object({ line: z.string(), postcode: z.string(), city: z.string() }),
  location: z.object({ lat: z.number(), lng: z.number() }),
  phone: z.string(),
  timezone: z.string(),
  openingHours: z
    .record(z.string(), z.array(timeRange))
    .describe('La semaine : { mon: [["11:30","14:30"],["18:00","23:00"]], … }, heure locale de la pizzeria'),
  closures: z
    .array(
      z.object({
        from: z.string().describe('Premier jour fermé (AAAA-MM-JJ, heure locale)'),
        to: z.string().describe('Dernier jour fermé (inclus)'),
        reason: z.string().describe('Ex. « Fermeture annuelle »'),
      }),
    )
    .describe('Fermetures exceptionnelles et congés à venir ou en cours : ces jours-là, pas d’horaires'),
  isOpenNow: z.boolean(),
  opensAt: z
    .string()
    .nullable()
    .describe('Prochaine ouverture (null si ouverte maintenant, ou sans horaires)'),
  todayHours: z.array(timeRange).describe('Les plages du jour, heure locale de la pizzeria'),
  delivery: z.object({
    radiusM: z.number().int(),
    minOrderCents: z.number().int(),
    feeCents: z.number().int(),
    freeThresholdCents: z.number().int().nullable(),
  }),
});

export const pizzeriaListSchema = z.object({ pizzerias: z.array(publicPizzeriaSchema) });
