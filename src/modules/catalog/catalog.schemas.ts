import { z } from 'zod';
import { publicPizzeriaSchema } from '../pizzerias/index.js';

export const productImageSchema = z.object({
  src: z.string().describe('URL de la photo en 320 px de large (/media/…, mise en cache un an)'),
  srcset: z.string().describe('Les largeurs disponibles, pour l’attribut srcset (160w, 320w, 640w)'),
  width: z.number().int().describe('Largeur en pixels de `src`'),
  height: z.number().int().describe('Hauteur en pixels de `src`'),
});

const availability = {
  available: z.boolean(),
  maxQuantity: z.number().int().min(0).describe('Nombre maximal encore réalisable avec le stock (plafonné)'),
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
      available: z.boolean(),
      image: productImageSchema.nullable().describe('Photo du produit (WebP carré), ou null'),
      sizes: z.array(
        z.object({
          id: z.number().int(),
          code: z.string(),
          label: z.string(),
          priceCents: z.number().int(),
          ...availability,
        }),
      ),
    }),
  ),
  extras: z.array(
    z.object({ id: z.number().int(), name: z.string(), priceCents: z.number().int(), ...availability }),
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
    }),
  ),
});
