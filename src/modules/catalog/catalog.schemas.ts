import { z } from 'zod';
import { ALLERGEN_CODES } from '../../shared/allergens.js';
import { publicPizzeriaSchema } from '../pizzerias/index.js';

export const productImageSchema = z.object({
  src: z.string().describe('URL de la photo en 320 px de large (/media/…, mise en cache un an)'),
  srcset: z.string().describe('Les largeurs disponibles, pour l’attribut srcset (160w, 320w, 640w)'),
  width: z.number().int().describe('Largeur en pixels de `src`'),
  height: z.number().int().describe('Hauteur en pixels de `src`'),
});

/** One allergen of annex II of regulation (EU) 1169/2011: its code and its French label. */
export const allergenSchema = z
  .object({
    code: z.enum(ALLERGEN_CODES).describe('Code de l’allergène (annexe II du règlement UE 1169/2011)'),
    label: z.string().describe('Libellé français, tel que le lit le client (« Gluten », « Lait »…)'),
  })
  .describe('Allergène réglementaire');

export const allergenListSchema = z
  .array(allergenSchema)
  .describe('Allergènes présents, chacun une fois, dans l’ordre de l’annexe II ; vide s’il n’y en a aucun');

const availability = {
  available: z.boolean(),
  maxQuantity: z.number().int().min(0).describe('Nombre maximal encore réalisable avec le stock (plafonné)'),
  ruptured: z
    .boolean()
    .describe('Retiré pour un temps par la pizzeria (« rupture ») : non commandable, maxQuantity vaut 0'),
  ruptureUntil: z
    .string()
    .nullable()
    .describe('Fin prévue de la rupture (ISO 8601), null sans fin prévue ou sans rupture'),
};

export const menuSchema = z.object({
  pizzeria: publicPizzeriaSchema,
  products: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      description: z.string(),
      category: z.enum(['pizza', 'drink', 'dessert', 'side']),
      vatRateBp: z.number().int().describe('Taux de TVA en points de base (1000 = 10 %)'),
      beefOrigins: z
        .array(z.string())
        .describe(
          'Pays d’origine de la viande bovine de la recette (règle française), triés ; vide sans bœuf',
        ),
      allergensIncomplete: z
        .boolean()
        .describe(
          'Vrai si un ingrédient de la recette n’a pas encore ses allergènes renseignés : « allergènes à confirmer en boutique »',
        ),
      available: z.boolean(),
      image: productImageSchema.nullable().describe('Photo du produit (WebP carré), ou null'),
      sizes: z.array(
        z.object({
          id: z.number().int(),
          code: z.string(),
          label: z.string(),
          priceCents: z.number().int(),
          allergens: allergenListSchema.describe(
            'Allergènes de la taille : union de ceux des ingrédients de sa recette, dans l’ordre de l’annexe II',
          ),
          ...availability,
        }),
      ),
    }),
  ),
  extras: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      priceCents: z.number().int(),
      allergens: allergenListSchema.describe(
        'Allergènes de l’ingrédient du supplément, dans l’ordre de l’annexe II',
      ),
      allergensIncomplete: z
        .boolean()
        .describe('Vrai si l’ingrédient du supplément n’a pas encore ses allergènes renseignés'),
      ...availability,
    }),
  ),
});

export const recipeMemoResponse = z.object({
  recipes: z.array(
    z.object({
      productId: z.number().int(),
      name: z.string(),
      description: z.string(),
      steps: z.array(z.string()),
      sizes: z.array(z.object({ code: z.string(), label: z.string() })),
      ingredients: z.array(
        z.object({ name: z.string(), unit: z.string(), quantities: z.array(z.number().int()) }),
      ),
      allergens: allergenListSchema.describe('Allergènes de la recette, dans l’ordre de l’annexe II'),
      allergensIncomplete: z
        .boolean()
        .describe('Vrai si un ingrédient de la recette n’a pas encore ses allergènes renseignés'),
      beefOrigins: z
        .array(z.string())
        .describe('Pays d’origine de la viande bovine de la recette ; vide sans bœuf'),
    }),
  ),
});
