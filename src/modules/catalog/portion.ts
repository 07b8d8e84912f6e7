// How much of an ingredient one portion of a size uses: the recipe's quantity scaled by the size's recipe factor
// (a percentage), rounded up to a whole base unit. Placement reserves stock with it, the menu counts the portions
// the stock still allows with it, the kitchen memo shows it, the food cost prices it: one rule, written here in
// its two forms (TypeScript and SQL), which test/integration/catalog/portion.test.ts checks agree.

/** Base units of an ingredient one portion of a size uses. */
export function portionQuantity(recipeQuantity: number, recipeFactorPct: number): number {
  return Math.ceil((recipeQuantity * recipeFactorPct) / 100);
}

/** portionQuantity as an SQL expression over two column expressions (numeric; cast it where an int is needed). */
export function portionQuantitySql(recipeQuantity: string, recipeFactorPct: string): string {
  return `CEIL(${recipeQuantity} * ${recipeFactorPct} / 100.0)`;
}
