// Inputs and answers of the sales journal's staff routes (closures and published keys).
import { z } from 'zod';
import { SQL_INT_MAX } from '../../shared/validate.js';
import { CLOSURE_KINDS } from './canonical.js';

const pizzeriaId = z
  .number({ error: 'pizzeria obligatoire (pizzeriaId)' })
  .int('identifiant entier attendu')
  .positive('identifiant invalide')
  .max(SQL_INT_MAX, 'identifiant invalide');

export const closeDayBody = z.object({
  pizzeriaId: pizzeriaId
    .optional()
    .describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
});

const day = (what: string) =>
  z.iso.date({ error: 'date attendue au format AAAA-MM-JJ (un jour qui existe)' }).optional().describe(what);

export const closuresQuery = z
  .object({
    pizzeriaId: z
      .string()
      .regex(/^[1-9]\d{0,8}$/, 'identifiant de pizzeria invalide')
      .transform(Number)
      .optional()
      .describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
    kind: z
      .enum(CLOSURE_KINDS, { error: 'type attendu : day, month ou year' })
      .optional()
      .describe('day (journée), month (mois) ou year (exercice) ; tous par défaut'),
    from: day('Clôtures des périodes finissant ce jour ou après (AAAA-MM-JJ)'),
    to: day('Clôtures des périodes commençant ce jour ou avant (AAAA-MM-JJ)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'la date de fin précède la date de début',
  });

const count = z.object({ totalCents: z.number().int(), entries: z.number().int() });

export const closureSchema = z.object({
  pizzeriaId: z.number().int(),
  seq: z.number().int().describe('Numéro de la clôture dans la chaîne de la pizzeria'),
  kind: z.enum(CLOSURE_KINDS),
  period: z.string().describe('AAAA-MM-JJ (journée), AAAA-MM (mois) ou AAAA (exercice)'),
  firstSeq: z.number().int().nullable().describe('Première écriture couverte (null : aucune)'),
  lastSeq: z.number().int().nullable().describe('Dernière écriture couverte (null : aucune)'),
  entries: z.number().int().describe('Nombre d’écritures'),
  totals: z.object({
    byRate: z.array(
      z.object({
        rateBp: z.number().int().describe('Taux de TVA en points de base (1000 = 10 %)'),
        baseCents: z.number().int(),
        vatCents: z.number().int(),
        totalCents: z.number().int(),
      }),
    ),
    byMethod: z.array(count.extend({ method: z.string() })),
    byKind: z.array(count.extend({ kind: z.string() })),
    revenueCents: z.number().int().describe('Chiffre d’affaires TTC net de la période'),
  }),
  grandTotalCents: z.number().int().describe('Grand total perpétuel à la fin de la période'),
  closedAt: z.string(),
  closedByEmployeeId: z
    .number()
    .int()
    .nullable()
    .describe('Le responsable qui l’a demandée ; null : clôture automatique'),
  prevHash: z.string(),
  hash: z.string().describe('SHA-256 du texte canonique de la clôture'),
  keyId: z.string(),
  signature: z.string().describe('Signature Ed25519 du hash (base64)'),
});

export const closureListSchema = z.object({
  pizzeriaId: z.number().int(),
  closures: z.array(closureSchema),
});

export const keysSchema = z.object({
  currentKeyId: z.string().describe('La clé qui signe les nouvelles clôtures'),
  keys: z.array(
    z.object({
      keyId: z.string(),
      publicKey: z.string().describe('Clé publique Ed25519 (PEM)'),
      createdAt: z.string(),
    }),
  ),
});
