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
