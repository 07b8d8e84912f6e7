// The menu as the API gives it (GET /api/pizzerias/:id/menu), as the site reads it.
export interface MenuSize {
  id: number;
  label: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
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
}

export interface MenuExtra {
  id: number;
  name: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
}

export interface Menu {
  pizzeria: { id: number; name: string; isOpenNow: boolean };
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
