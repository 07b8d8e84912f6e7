// The menu as the API gives it (GET /api/pizzerias/:id/menu), as the site reads it.
import type { AllergenCode } from '../../../src/shared/allergens';
import type { ShopHours } from './hours';

export interface AllergenItem {
  code: AllergenCode;
  label: string;
}
export interface MenuSize {
  id: number;
  label: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
  allergens?: AllergenItem[];
}

export interface ProductImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

export type Category = 'pizza' | 'drink' | 'dessert' | 'side';

export interface MenuProduct {
  id: number;
  name: string;
  description: string;
  category: Category;
  available: boolean;
  image: ProductImage | null;
  sizes: MenuSize[];
  /** Where the beef of the recipe comes from (French rule for restaurants), when it has beef. */
  beefOrigins?: string[];
  /** An ingredient of the recipe has no allergen information yet. */
  allergensIncomplete?: boolean;
}

export interface MenuExtra {
  id: number;
  name: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
  allergens?: AllergenItem[];
}

export interface Menu {
  pizzeria: ShopHours & { id: number };
  products: MenuProduct[];
  extras: MenuExtra[];
}

/** Sections of the menu, in the order a phone shows them (and their sticky navigation). */
export const CATEGORIES: readonly { category: Category; title: string }[] = [
  { category: 'pizza', title: 'Pizzas' },
  { category: 'side', title: 'Entrées' },
  { category: 'drink', title: 'Boissons' },
  { category: 'dessert', title: 'Desserts' },
];
