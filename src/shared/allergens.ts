// The 14 allergens of EU regulation 1169/2011, annex II, which French law requires to be given before an online
// sale (and on request in the shop). One list, imported by the database check, the menu API, the back office,
// the staff screens and the customer site (site/ imports this file: no Node import here).

/** The codes stored on ingredients (`ingredients.allergens`), in the regulation's order. */
export const ALLERGEN_CODES = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;

export type AllergenCode = (typeof ALLERGEN_CODES)[number];

/** French labels, as customers and staff read them (the regulation's own wording, shortened). */
export const ALLERGEN_LABELS: Readonly<Record<AllergenCode, string>> = {
  gluten: 'Gluten',
  crustaceans: 'Crustacés',
  eggs: 'Œufs',
  fish: 'Poissons',
  peanuts: 'Arachides',
  soybeans: 'Soja',
  milk: 'Lait',
  nuts: 'Fruits à coque',
  celery: 'Céleri',
  mustard: 'Moutarde',
  sesame: 'Sésame',
  sulphites: 'Sulfites',
  lupin: 'Lupin',
  molluscs: 'Mollusques',
};

/** The long wording of annex II, for the back office's choices and the allergen information page. */
export const ALLERGEN_DESCRIPTIONS: Readonly<Record<AllergenCode, string>> = {
  gluten: 'Céréales contenant du gluten (blé, seigle, orge, avoine, épeautre, kamut)',
  crustaceans: 'Crustacés et produits à base de crustacés',
  eggs: 'Œufs et produits à base d’œufs',
  fish: 'Poissons et produits à base de poissons',
  peanuts: 'Arachides et produits à base d’arachides',
  soybeans: 'Soja et produits à base de soja',
  milk: 'Lait et produits à base de lait (y compris le lactose)',
  nuts: 'Fruits à coque (amandes, noisettes, noix, noix de cajou, de pécan, du Brésil, pistaches, noix de macadamia)',
  celery: 'Céleri et produits à base de céleri',
  mustard: 'Moutarde et produits à base de moutarde',
  sesame: 'Graines de sésame et produits à base de graines de sésame',
  sulphites: 'Anhydride sulfureux et sulfites (plus de 10 mg/kg ou 10 mg/l)',
  lupin: 'Lupin et produits à base de lupin',
  molluscs: 'Mollusques et produits à base de mollusques',
};

export interface Allergen {
  code: AllergenCode;
  label: string;
}

/** Codes as the API gives them: in the regulation's order, each once, with its French label. */
export function allergensOf(codes: Iterable<string>): Allergen[] {
  const set = new Set(codes);
  return ALLERGEN_CODES.filter((code) => set.has(code)).map((code) => ({
    code,
    label: ALLERGEN_LABELS[code],
  }));
}
