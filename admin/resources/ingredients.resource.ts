// Ingredients, shared by every shop: read by whoever reads recipes or stock, written by the group admin.
// Allergens are chosen among the 14 of annex II (regulation (EU) 1169/2011); an ingredient nobody has
// reviewed yet is « À renseigner » in the list, and the menu says its products' allergens are to be confirmed.
import { Ingredient } from '../../src/db/models/index.js';
import { ALLERGEN_CODES, ALLERGEN_DESCRIPTIONS, allergensOf } from '../../src/shared/allergens.js';
import { catalogueAccess, type AccessSpec } from '../access.js';
import { defineResource, NAV } from '../resource.js';

const FIELDS = ['name', 'unit', 'allergens', 'allergensReviewed', 'beefOrigin'] as const;

export const ingredientsAccess: AccessSpec = catalogueAccess(FIELDS, [
  'recipes.view',
  'stock.view',
  'catalog.manage',
]);

/** What the list and the record page show in one column: the labels, « Aucun », or « À renseigner ». */
export function allergenSummary(codes: readonly string[], reviewed: boolean): string {
  const labels = allergensOf(codes).map((a) => a.label);
  if (!reviewed) return labels.length ? `À renseigner (déjà saisi : ${labels.join(', ')})` : 'À renseigner';
  return labels.length ? labels.join(', ') : 'Aucun';
}

/** AdminJS gives arrays flattened (`allergens.0`, `allergens.1`…). */
function codesOf(params: Record<string, unknown>): string[] {
  return Object.keys(params)
    .filter((k) => /^allergens\.\d+$/.test(k))
    .map((k) => String(params[k]));
}

export const ingredientsResource = () =>
  defineResource({
    csvExport: true,
    model: Ingredient,
    computed: {
      allergenSummary: (params) =>
        allergenSummary(
          codesOf(params),
          params.allergensReviewed === true || params.allergensReviewed === 'true',
        ),
    },
    access: ingredientsAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'unit', 'allergenSummary', 'allergensReviewed'],
      filterProperties: ['name', 'unit', 'allergensReviewed'],
      showProperties: [
        'id',
        'name',
        'unit',
        'allergenSummary',
        'allergensReviewed',
        'beefOrigin',
        'createdAt',
        'updatedAt',
      ],
      editProperties: [...FIELDS],
      properties: {
        name: { isTitle: true },
        allergens: {
          type: 'string',
          isArray: true,
          // None is a valid answer once reviewed: the form must not demand a choice.
          isRequired: false,
          // The form's choices read the regulation's wording; pages show `allergenSummary` instead.
          availableValues: ALLERGEN_CODES.map((code) => ({
            value: code,
            label: ALLERGEN_DESCRIPTIONS[code],
          })),
          description:
            'Allergènes de l’annexe II du règlement (UE) 1169/2011 présents dans l’ingrédient. ' +
            'S’il n’en contient aucun, ne rien ajouter et cocher « Allergènes vérifiés ».',
        },
        allergensReviewed: {
          description:
            'À cocher une fois les allergènes contrôlés (fiche technique du fournisseur). ' +
            'Tant qu’elle ne l’est pas, la carte affiche « allergènes à confirmer en boutique ».',
        },
        beefOrigin: {
          description:
            'Pays d’origine de la viande bovine (ex. France), seulement pour un ingrédient à base de bœuf.',
        },
        allergenSummary: {
          type: 'string',
          isVisible: { list: true, show: true, edit: false, filter: false },
          isSortable: false,
        },
      },
    },
  });
