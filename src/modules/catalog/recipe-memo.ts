// The pizzaiolos' recipe memo: every active pizza with its ingredients per size (scaled like the stock needs:
// ceil(quantity × size factor / 100)), its steps and its allergens (so that the kitchen can answer a customer
// and knows what must not touch what). JSON for the kitchen screens, and a printable French page.
import type { Executor } from '../../db/executor.js';
import { allergensOf, type Allergen } from '../../shared/allergens.js';
import { escapeHtml } from '../../shared/html.js';

export interface RecipeMemo {
  productId: number;
  name: string;
  description: string;
  steps: string[];
  sizes: { code: string; label: string }[];
  ingredients: { name: string; unit: string; quantities: number[] }[];
  /** Union of the recipe's ingredients' allergens, in the regulation's order. */
  allergens: Allergen[];
  /** Some ingredient of the recipe has not had its allergens reviewed yet. */
  allergensIncomplete: boolean;
  beefOrigins: string[];
}

const MEMO_SQL = `
SELECT p.id AS "productId", p.name, p.description, p.recipe_steps AS "recipeSteps",
  COALESCE((SELECT json_agg(json_build_object('code', s.code, 'label', s.label, 'factor', s.recipe_factor_pct)
      ORDER BY s.sort_order, s.id) FROM product_sizes s WHERE s.product_id = p.id AND s.active), '[]'::json) AS sizes,
  COALESCE((SELECT json_agg(json_build_object('name', i.name, 'unit', i.unit, 'quantity', rl.quantity) ORDER BY rl.id)
      FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id WHERE rl.product_id = p.id), '[]'::json) AS lines,
  ARRAY(SELECT DISTINCT c FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id,
      unnest(i.allergens) AS c WHERE rl.product_id = p.id) AS allergens,
  ARRAY(SELECT DISTINCT i.beef_origin FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id
      WHERE rl.product_id = p.id AND i.beef_origin IS NOT NULL ORDER BY 1) AS "beefOrigins",
  EXISTS (SELECT 1 FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id
      WHERE rl.product_id = p.id AND NOT i.allergens_reviewed) AS "allergensIncomplete"
FROM products p WHERE p.active AND p.category = 'pizza'
  AND (p.pizzeria_id IS NULL OR $1::int IS NULL OR p.pizzeria_id = $1)
ORDER BY p.pizzeria_id NULLS FIRST, p.sort_order, p.name`;

/** The group's pizzas, then the specialities of the shop (of every shop when `pizzeriaId` is null). */
export async function recipeMemos(ex: Executor, pizzeriaId: number | null): Promise<RecipeMemo[]> {
  const rows = await ex.many<{
    productId: number;
    name: string;
    description: string;
    recipeSteps: string;
    sizes: { code: string; label: string; factor: number }[];
    lines: { name: string; unit: string; quantity: number }[];
    allergens: string[];
    allergensIncomplete: boolean;
    beefOrigins: string[];
  }>(MEMO_SQL, [pizzeriaId]);
  return rows.map((r) => ({
    productId: r.productId,
    name: r.name,
    description: r.description,
    steps: r.recipeSteps
      .split('\n')
      .map((s) => s.replace(/^\s*\d+[.)]\s*/, '').trim())
      .filter(Boolean),
    sizes: r.sizes.map(({ code, label }) => ({ code, label })),
    ingredients: r.lines.map((l) => ({
      name: l.name,
      unit: l.unit,
      quantities: r.sizes.map((s) => Math.ceil((l.quantity * s.factor) / 100)),
    })),
    allergens: allergensOf(r.allergens),
    allergensIncomplete: r.allergensIncomplete,
    beefOrigins: r.beefOrigins,
  }));
}

const UNITS: Record<string, string> = { g: 'g', ml: 'ml', piece: 'pièce(s)' };

/** « Allergènes : Gluten, Lait », the origin of beef, and a warning while an ingredient is « à renseigner ». */
export function allergenLine(
  m: Pick<RecipeMemo, 'allergens' | 'allergensIncomplete' | 'beefOrigins'>,
): string {
  const list = m.allergens.length ? m.allergens.map((a) => escapeHtml(a.label)).join(', ') : 'aucun';
  const beef = m.beefOrigins.length
    ? ` · <span class="beef">Viande bovine : ${m.beefOrigins.map(escapeHtml).join(', ')}</span>`
    : '';
  const todo = m.allergensIncomplete ? ' <em class="todo">(à confirmer : ingrédient non renseigné)</em>' : '';
  return `<p class="allergens"><strong>Allergènes :</strong> ${list}${todo}${beef}</p>`;
}

export function recipeMemoHtml(memos: RecipeMemo[]): string {
  const cards = memos
    .map((m) => {
      const head = m.sizes.map((s) => `<th scope="col">${escapeHtml(s.label)}</th>`).join('');
      const rows = m.ingredients
        .map(
          (i) =>
            `<tr><th scope="row">${escapeHtml(i.name)}</th>${i.quantities
              .map((q) => `<td>${q} ${UNITS[i.unit] ?? escapeHtml(i.unit)}</td>`)
              .join('')}</tr>`,
        )
        .join('');
      const steps = m.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
      return `<article><h2>${escapeHtml(m.name)}</h2><p class="desc">${escapeHtml(m.description)}</p>
${allergenLine(m)}
<table><thead><tr><th scope="col">Ingrédient</th>${head}</tr></thead><tbody>${rows}</tbody></table>
<h3>Étapes</h3><ol>${steps}</ol></article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mémo recettes — OC Pizza</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f1f1f}
h1{color:#b3261e;margin:0 0 .25rem}.hint{color:#555;margin:0 0 1.5rem}
article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:0 0 1rem;break-inside:avoid}
h2{margin:0}.desc{color:#444;margin:.25rem 0 .75rem}.allergens{margin:.25rem 0 .5rem}.todo{color:#8a1c12}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left}
thead th{background:#f6f1ee}h3{margin:.75rem 0 .25rem;font-size:1rem}
@media print{.hint{display:none}body{margin:0}article{border-color:#999}}
</style></head>
<body><h1>Mémo recettes</h1><p class="hint">Quantités par taille, en grammes, millilitres ou pièces.
Pour l’imprimer : Ctrl+P (ou ⌘+P).</p>
${cards || '<p>Aucune pizza active.</p>'}
</body></html>`;
}
