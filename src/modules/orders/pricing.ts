// Prices, VAT and stock needs of an order, computed on the server from the catalogue (never from the client).
// Stock need of a line: for each recipe line the portion of its size (catalog's portionQuantity), plus each
// extra's own quantity, times the number of pizzas.
import { ValidationError } from '../../shared/errors.js';
import { vatBreakdown, type VatLine } from '../../shared/money.js';
import { portionQuantity, type CatalogExtra, type CatalogSize } from '../catalog/index.js';

export interface ItemInput {
  productId: number;
  sizeId: number;
  quantity: number;
  extraIds: number[];
}

export interface PricedLine {
  position: number;
  productId: number;
  sizeId: number;
  productName: string;
  sizeLabel: string;
  quantity: number;
  unitPriceCents: number;
  extras: { id: number; name: string; priceCents: number }[];
  vatRateBp: number;
  lineTotalCents: number;
}

export interface PricedItems {
  lines: PricedLine[];
  subtotalCents: number;
  /** ingredient id → base units needed */
  needs: Map<number, number>;
}

/** The delivery fee follows the line it serves: 10 %, the rate of meals for immediate consumption. */
export const DELIVERY_FEE_VAT_BP = 1000;

export function priceItems(
  items: ItemInput[],
  catalog: { sizes: Map<number, CatalogSize>; extras: Map<number, CatalogExtra> },
  /** What a shop's « rupture » does: refused (placement, modification), or priced (the quote flags it). */
  ruptures: 'refuse' | 'price' = 'refuse',
): PricedItems {
  const refused = (item: { ruptured?: boolean }) => ruptures === 'refuse' && item.ruptured === true;
  const needs = new Map<number, number>();
  const add = (ingredientId: number, quantity: number) =>
    needs.set(ingredientId, (needs.get(ingredientId) ?? 0) + quantity);
  const problems: { item: number; code: string; message: string }[] = [];
  const lines: PricedLine[] = [];

  items.forEach((item, index) => {
    const size = catalog.sizes.get(item.sizeId);
    if (!size || size.productId !== item.productId) {
      problems.push({ item: index, code: 'unknown_product', message: 'Produit ou taille inconnu.' });
      return;
    }
    if (!size.active || refused(size)) {
      problems.push({
        item: index,
        code: 'product_inactive',
        message: size.ruptured
          ? `${size.productName} (${size.sizeLabel}) est momentanément indisponible dans cette pizzeria.`
          : `${size.productName} (${size.sizeLabel}) n’est plus proposé.`,
      });
      return;
    }
    const extras: CatalogExtra[] = [];
    for (const extraId of item.extraIds) {
      const extra = catalog.extras.get(extraId);
      if (!extra || !extra.active || refused(extra)) {
        problems.push({ item: index, code: 'unknown_extra', message: 'Supplément inconnu ou indisponible.' });
      } else if (size.category !== 'pizza') {
        problems.push({
          item: index,
          code: 'extra_not_allowed',
          message: 'Les suppléments ne s’ajoutent qu’aux pizzas.',
        });
      } else extras.push(extra);
    }
    const unitPriceCents = size.priceCents + extras.reduce((sum, e) => sum + e.priceCents, 0);
    for (const r of size.recipe)
      add(r.ingredientId, portionQuantity(r.quantity, size.recipeFactorPct) * item.quantity);
    for (const e of extras) add(e.ingredientId, e.quantity * item.quantity);
    lines.push({
      position: index + 1,
      productId: size.productId,
      sizeId: size.sizeId,
      productName: size.productName,
      sizeLabel: size.sizeLabel,
      quantity: item.quantity,
      unitPriceCents,
      extras: extras.map((e) => ({ id: e.id, name: e.name, priceCents: e.priceCents })),
      vatRateBp: size.vatRateBp,
      lineTotalCents: unitPriceCents * item.quantity,
    });
  });
  if (problems.length > 0) throw new ValidationError(problems[0].message, problems, problems[0].code);
  return { lines, subtotalCents: lines.reduce((s, l) => s + l.lineTotalCents, 0), needs };
}

export interface ShopTerms {
  minDeliveryOrderCents: number;
  deliveryFeeCents: number;
  freeDeliveryThresholdCents: number | null;
}

export function deliveryFee(
  shop: ShopTerms,
  fulfilment: 'delivery' | 'takeaway',
  subtotalCents: number,
): number {
  if (fulfilment === 'takeaway') return 0;
  if (shop.freeDeliveryThresholdCents !== null && subtotalCents >= shop.freeDeliveryThresholdCents) return 0;
  return shop.deliveryFeeCents;
}

export function orderVat(lines: PricedLine[], deliveryFeeCents: number): VatLine[] {
  return vatBreakdown([
    ...lines.map((l) => ({ rateBp: l.vatRateBp, inclusiveCents: l.lineTotalCents })),
    ...(deliveryFeeCents > 0 ? [{ rateBp: DELIVERY_FEE_VAT_BP, inclusiveCents: deliveryFeeCents }] : []),
  ]);
}
