// Quantities of ingredients are integers in their base unit (g, ml, piece), written as people read them:
// « 12 500 g », « 1 pièce », « 3 pièces ». Imports nothing: the back office's browser components bundle it too.
export type BaseUnit = 'g' | 'ml' | 'piece';

const NUMBER = new Intl.NumberFormat('fr-FR');

/** "1 200 g", "1 pièce", "3 pièces" (French keeps 0 and 1 singular). */
export function formatQuantity(quantity: number, unit: BaseUnit): string {
  const label = unit === 'piece' ? (Math.abs(quantity) >= 2 ? 'pièces' : 'pièce') : unit;
  return `${NUMBER.format(quantity)} ${label}`;
}
