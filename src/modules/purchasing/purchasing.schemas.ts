import { z } from 'zod';
import { SQL_INT_MAX, text } from '../../shared/validate.js';

/** Packs on one line: a bound that catches a mistyped number before it reaches a supplier. */
export const MAX_PACKS = 10_000;
/** One line of one reception, in base units (1 t of a product in grams): as the stock's receipts. */
export const MAX_RECEPTION_QUANTITY = 1_000_000;

const id = z.number().int('identifiant entier attendu').positive('identifiant invalide').max(SQL_INT_MAX);
const idParam = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'identifiant invalide')
  .transform(Number);
// z.iso.date: a day that exists (2027-02-30 refused), stated exactly by the document's pattern.
const isoDay = z.iso
  .date({ error: 'date attendue au format AAAA-MM-JJ (un jour qui existe)' })
  .describe('Jour de livraison souhaité (AAAA-MM-JJ) : un jour de livraison du fournisseur, délai respecté');
const quantity = (what: string) =>
  z
    .number({ error: `quantité ${what} obligatoire` })
    .int('quantité entière attendue, en unités de base (g, ml, pièce)')
    .min(0, 'la quantité ne peut pas être négative')
    .max(MAX_RECEPTION_QUANTITY, `au plus ${MAX_RECEPTION_QUANTITY} par ligne`);

const draftLine = z.object({
  ingredientId: id,
  packs: z
    .number({ error: 'nombre de colis obligatoire' })
    .int('nombre de colis entier attendu')
    .positive('au moins un colis')
    .max(MAX_PACKS, `au plus ${MAX_PACKS} colis`),
  suggestedPacks: z
    .number()
    .int()
    .min(0)
    .max(MAX_PACKS)
    .nullable()
    .optional()
    .describe('Colis proposés par la suggestion de réapprovisionnement'),
});
const lines = z.array(draftLine).min(1, 'au moins une ligne').max(200, 'au plus 200 lignes');
const note = text(0, 500).nullable().optional().describe('Remarque imprimée sur le bon');

export const purchaseOrderIdParams = z.object({ id: idParam });

export const suppliersQuery = z.object({
  pizzeriaId: idParam.optional().describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
});

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'sent',
  'partially_received',
  'received',
  'cancelled',
] as const;

export const purchaseOrdersQuery = z.object({
  pizzeriaId: idParam
    .optional()
    .describe('Pizzeria (les rôles du groupe voient toutes les pizzerias sans elle)'),
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
});

export const createDraftBody = z.object({
  pizzeriaId: id.optional().describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
  supplierId: id,
  expectedOn: isoDay.nullable().optional(),
  note,
  lines,
});

export const updateDraftBody = z.object({
  expectedOn: isoDay.nullable().optional(),
  note,
  lines: lines.optional().describe('Toutes les lignes du brouillon : les absentes sont retirées'),
});

export const receptionBody = z.object({
  lines: z
    .array(
      z.object({
        purchaseOrderLineId: id,
        receivedQuantity: quantity('reçue').describe('Quantité acceptée en stock (unités de base)'),
        refusedQuantity: quantity('refusée').optional().describe('Quantité refusée à la livraison'),
        refusedReason: text(0, 300).nullable().optional().describe('Motif du refus (obligatoire si refus)'),
      }),
    )
    .min(1, 'au moins une ligne')
    .max(200),
  note: text(0, 500).nullable().optional().describe('Commentaire (bon de livraison…)'),
  final: z
    .boolean()
    .optional()
    .describe('Réception finale : le bon est soldé même s’il manque des quantités'),
});

export const documentQuery = z.object({
  format: z.enum(['pdf', 'csv']).describe('pdf : bon de commande imprimable ; csv : tableur (Excel)'),
});

const supplierItem = z.object({
  id: z.number().int(),
  ingredientId: z.number().int(),
  ingredientName: z.string(),
  unit: z.enum(['g', 'ml', 'piece']),
  reference: z.string().nullable(),
  packLabel: z.string(),
  packQuantity: z.number().int(),
  packPriceCents: z.number().int(),
});

export const suppliersSchema = z.object({
  pizzeriaId: z.number().int(),
  suppliers: z.array(
    z.object({
      id: z.number().int(),
      pizzeriaId: z.number().int().nullable().describe('null : fournisseur du groupe'),
      name: z.string(),
      contactName: z.string().nullable(),
      email: z.string(),
      phone: z.string().nullable(),
      deliveryDays: z.array(z.string()),
      leadTimeDays: z.number().int(),
      minimumOrderCents: z.number().int(),
      active: z.boolean(),
      items: z.array(supplierItem),
    }),
  ),
});

const status = z.enum(PURCHASE_ORDER_STATUSES);

export const purchaseOrderListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      status,
      pizzeriaId: z.number().int(),
      pizzeriaCode: z.string(),
      supplierId: z.number().int(),
      supplierName: z.string(),
      expectedOn: z.string().nullable(),
      totalCents: z.number().int(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      receivedAt: z.string().nullable(),
    }),
  ),
});

export const purchaseOrderSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  status,
  pizzeria: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  supplier: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
  expectedOn: z.string().nullable(),
  note: z.string().nullable(),
  totalCents: z.number().int().describe('Total HT'),
  createdByEmployeeId: z.number().int().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  sentByEmployeeId: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.number().int(),
      ingredientId: z.number().int(),
      ingredientName: z.string(),
      unit: z.enum(['g', 'ml', 'piece']),
      reference: z.string().nullable(),
      packLabel: z.string(),
      packQuantity: z.number().int(),
      packPriceCents: z.number().int(),
      packs: z.number().int(),
      suggestedPacks: z.number().int().nullable(),
      lineTotalCents: z.number().int(),
      orderedQuantity: z.number().int().describe('Colis × quantité par colis (unités de base)'),
      receivedQuantity: z.number().int(),
      refusedQuantity: z.number().int(),
      refusedReasons: z.array(z.string()),
      shortQuantity: z.number().int().describe('Manquant : commandé − reçu − refusé'),
      overQuantity: z.number().int().describe('Excédent : reçu − commandé'),
    }),
  ),
  receipts: z.array(
    z.object({
      id: z.number().int(),
      createdAt: z.string(),
      employeeId: z.number().int().nullable(),
      note: z.string().nullable(),
      lines: z.array(
        z.object({
          purchaseOrderLineId: z.number().int(),
          receivedQuantity: z.number().int(),
          refusedQuantity: z.number().int(),
          refusedReason: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const receptionResultSchema = z.object({
  receiptId: z.number().int(),
  purchaseOrder: purchaseOrderSchema,
});

const suggestionLine = z.object({
  ingredientId: z.number().int(),
  supplierItemId: z.number().int(),
  name: z.string(),
  unit: z.enum(['g', 'ml', 'piece']),
  reference: z.string().nullable(),
  packLabel: z.string(),
  packs: z.number().int().describe('Colis proposés'),
  topUpPacks: z.number().int().describe('Dont colis ajoutés pour atteindre le minimum du fournisseur'),
  packQuantity: z.number().int(),
  packPriceCents: z.number().int(),
  lineTotalCents: z.number().int(),
  stockAtDelivery: z.number().int().describe('Stock attendu le matin de la livraison'),
  parLevel: z
    .number()
    .int()
    .describe('Niveau à atteindre : consommation jusqu’à la livraison suivante + sécurité'),
  safetyDays: z.number().int(),
  daysOfCover: z.number().nullable(),
  stockOutBefore: z.string().nullable().describe('Rupture attendue avant la livraison, le cas échéant'),
  reason: z.string().describe('Pourquoi, en français'),
});

export const suggestionsSchema = z.object({
  pizzeriaId: z.number().int(),
  today: z.string(),
  safetyDays: z.number().int(),
  suppliers: z.array(
    z.object({
      supplierId: z.number().int(),
      supplierName: z.string(),
      deliveryOn: z.string().describe('Livraison si la commande part aujourd’hui'),
      orderBy: z.string().describe('Dernier jour pour commander et être livré ce jour-là'),
      nextDeliveryOn: z.string(),
      leadTimeDays: z.number().int(),
      lines: z.array(suggestionLine),
      totalCents: z.number().int(),
      minimumOrderCents: z.number().int(),
      minimumReached: z.boolean(),
    }),
  ),
});

const day = z.iso.date({ error: 'date attendue au format AAAA-MM-JJ (un jour qui existe)' });

export const foodCostQuery = z.object({
  pizzeriaId: idParam.optional().describe('Pizzeria : obligatoire pour les rôles du groupe, sinon la sienne'),
  from: day.optional().describe('Premier jour (AAAA-MM-JJ, heure de Paris) ; par défaut 13 jours avant `to`'),
  to: day.optional().describe('Dernier jour inclus (AAAA-MM-JJ) ; par défaut aujourd’hui'),
});

const pct = z.number().nullable().describe('Coût matière / chiffre d’affaires HT, en %, une décimale');
const missing = z
  .array(z.string())
  .describe('Ingrédients sans aucun prix (« prix inconnu »), laissés hors du calcul');

export const foodCostSchema = z.object({
  pizzeriaId: z.number().int(),
  from: z.string(),
  to: z.string(),
  sizes: z.array(
    z.object({
      sizeId: z.number().int(),
      productName: z.string(),
      sizeLabel: z.string(),
      category: z.string(),
      priceCents: z.number().int().describe('Prix de la pizzeria, TTC'),
      vatRateBp: z.number().int(),
      priceExclVatCents: z.number().int(),
      foodCostCents: z.number().int().describe('Recette × facteur de la taille × dernier prix d’achat, HT'),
      marginCents: z.number().int(),
      foodCostPct: pct,
      missingIngredients: missing,
    }),
  ),
  days: z.array(
    z.object({
      day: z.string(),
      revenueExclVatCents: z.number().int().describe('Produits vendus (livrés ou remis) ce jour-là, HT'),
      foodCostCents: z.number().int(),
      foodCostPct: pct,
      missingIngredients: missing,
    }),
  ),
  totals: z.object({
    revenueExclVatCents: z.number().int(),
    foodCostCents: z.number().int(),
    foodCostPct: pct,
  }),
  prices: z.array(
    z.object({
      ingredientId: z.number().int(),
      name: z.string(),
      unit: z.string(),
      source: z.enum(['received', 'ordered', 'catalog']).nullable(),
      packPriceCents: z.number().int().nullable(),
      packQuantity: z.number().int().nullable(),
    }),
  ),
  unknownPrices: missing,
  sources: z.record(z.string(), z.string()),
});
