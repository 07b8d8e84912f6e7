import { z } from 'zod';
import { SQL_INT_MAX, text } from '../../shared/validate.js';

/** One receipt or waste: a bound that catches a mistyped quantity (1,000,000 g = 1 t) before it reaches the ledger. */
export const MAX_OPERATION_QUANTITY = 1_000_000;
/** Ceiling of a shop's stock of one ingredient (100 t): far above any pizzeria, far below PostgreSQL's integer. */
export const MAX_ON_HAND = 100_000_000;
// Ids are PostgreSQL integers: a larger number would fail in the database (500) instead of answering 422.

const id = z.number().int('identifiant entier attendu').positive('identifiant invalide').max(SQL_INT_MAX);
const quantity = z
  .number({ error: 'quantité obligatoire' })
  .int('quantité entière attendue, en unités de base (g, ml, pièce)')
  .positive('la quantité doit être positive')
  .max(MAX_OPERATION_QUANTITY, `au plus ${MAX_OPERATION_QUANTITY} par opération`)
  .describe('Quantité en unités de base de l’ingrédient (g, ml, pièce)');
const optionalNote = text(0, 500).optional().describe('Commentaire (bon de livraison…)');

const target = {
  pizzeriaId: id.optional().describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
  ingredientId: id,
};

export const receiptBody = z.object({ ...target, quantity, note: optionalNote });

export const wasteBody = z.object({
  ...target,
  quantity,
  note: text(1, 500, 'motif de la perte obligatoire').describe('Motif de la perte (obligatoire)'),
});

export const countBody = z.object({
  ...target,
  countedQuantity: z
    .number({ error: 'quantité comptée obligatoire' })
    .int('quantité entière attendue, en unités de base (g, ml, pièce)')
    .min(0, 'la quantité comptée ne peut pas être négative')
    .max(MAX_ON_HAND, `au plus ${MAX_ON_HAND}`)
    .describe('Quantité réellement présente, comptée en unités de base'),
  note: optionalNote,
});

export const stockQuery = z.object({
  pizzeriaId: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'identifiant de pizzeria invalide')
    .transform(Number)
    .optional()
    .describe('Pizzeria : obligatoire pour les rôles du groupe (sauf alertes), sinon la sienne'),
});

export const stockLineSchema = z.object({
  ingredientId: z.number().int(),
  name: z.string(),
  unit: z.enum(['g', 'ml', 'piece']),
  onHand: z.number().int().describe('En stock'),
  reserved: z.number().int().describe('Réservé par les commandes en cours'),
  available: z.number().int().describe('Disponible = en stock − réservé'),
  alertThreshold: z.number().int(),
  low: z.boolean().describe('Disponible sous le seuil d’alerte'),
});

export const stockListSchema = z.object({ pizzeriaId: z.number().int(), items: z.array(stockLineSchema) });

export const lowStockSchema = z.object({
  items: z.array(
    stockLineSchema.extend({
      pizzeriaId: z.number().int(),
      pizzeriaCode: z.string(),
      pizzeriaName: z.string(),
    }),
  ),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const forecastItemSchema = z.object({
  stockItemId: z.number().int(),
  ingredientId: z.number().int(),
  name: z.string(),
  unit: z.enum(['g', 'ml', 'piece']),
  onHand: z.number().int().describe('En stock'),
  reserved: z
    .number()
    .int()
    .describe('Réservé par les commandes pas encore préparées, commandes programmées comprises'),
  available: z.number().int().describe('Disponible = en stock − réservé'),
  usedToday: z.number().int().describe('Consommé (et perdu) depuis le début de la journée'),
  days: z
    .array(
      z.object({
        day: isoDay,
        weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        expectedUse: z.number().int().describe('Consommation prévue du jour (unités de base)'),
        closed: z.boolean().describe('Fermeture exceptionnelle : aucune consommation prévue'),
        stockAfter: z.number().int().describe('Disponible prévu à la fin du jour (négatif : manque)'),
      }),
    )
    .describe('Les 14 jours à venir, aujourd’hui compris'),
  expectedUse: z.number().int().describe('Consommation prévue sur les 14 jours'),
  daysOfStockLeft: z
    .number()
    .nullable()
    .describe('Jours de stock restants (une décimale) ; null : aucune consommation prévue'),
  stockOutDate: isoDay.nullable().describe('Premier jour en rupture prévue ; null : couvert sur 14 jours'),
  method: z
    .enum(['weekday-trend', 'weekday', 'daily-mean', 'no-history'])
    .describe('Profil hebdomadaire et tendance, profil seul, moyenne journalière, ou aucun historique'),
  error: z
    .object({
      mae: z.number().int().describe('Erreur absolue moyenne par jour (unités de base)'),
      wape: z.number().nullable().describe('Σ |erreur| / Σ consommation réelle'),
      days: z.number().int(),
    })
    .nullable()
    .describe('Erreur mesurée en rejouant la prévision il y a 28, 21 et 14 jours'),
  history: z
    .array(z.object({ day: isoDay, use: z.number().int(), closed: z.boolean() }))
    .describe('Consommation des 8 dernières semaines, jour par jour (depuis le premier mouvement)'),
});

export const forecastSchema = z.object({
  shops: z.array(
    z.object({
      pizzeriaId: z.number().int(),
      pizzeriaCode: z.string(),
      pizzeriaName: z.string(),
      today: isoDay,
      horizonDays: z.number().int(),
      items: z.array(forecastItemSchema),
    }),
  ),
});
