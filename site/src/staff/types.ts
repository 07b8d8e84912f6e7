// The shapes of the staff API answers these screens read (the contract itself is the OpenAPI document).
import type { Allergen } from '../../../src/shared/allergens';

export type Role = 'admin' | 'manager' | 'pizzaiolo' | 'driver' | 'counter' | 'accountant';

export interface Employee {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  pizzeriaId: number | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  employee: Employee;
}

/** What every screen is given: the shop it works on. */
export interface ScreenContext {
  shopId: number;
}

/** A screen draws itself into its root and returns what stops its timers and streams. */
export type Screen = (root: HTMLElement, ctx: ScreenContext) => () => void;

export interface MemoItem {
  name: string;
  unit: string;
  quantity: number;
}

/** The allergen part of a recipe of `GET /api/staff/recipes`. */
export interface RecipeAllergens {
  allergens: Allergen[];
  allergensIncomplete: boolean;
}

export interface KitchenOrder {
  id: string;
  number: string;
  status: 'received' | 'preparing';
  fulfilment: 'delivery' | 'takeaway';
  customerName: string;
  note: string | null;
  createdAt: string;
  estimatedReadyAt: string | null;
  /** An order for later: its planned time. */
  scheduledFor: string | null;
  lines: {
    position: number;
    productName: string;
    sizeLabel: string;
    quantity: number;
    extras: { id: number; name: string }[];
    memo: { steps: string; ingredients: MemoItem[]; extras: MemoItem[] };
  }[];
}

export interface Delivery {
  id: string;
  number: string;
  status: 'ready' | 'out_for_delivery';
  customerName: string;
  customerPhone: string | null;
  address: {
    line1: string;
    line2: string | null;
    postcode: string;
    city: string;
    instructions: string | null;
  };
  totalCents: number;
  paymentMethod: string;
  amountToCollectCents: number;
  estimatedDeliveryAt: string | null;
  scheduledFor: string | null;
  routePosition: number;
  directionsUrl: string;
}

export interface TakeawayOrder {
  id: string;
  number: string;
  status: 'received' | 'preparing' | 'ready';
  customerName: string;
  customerPhone: string | null;
  totalCents: number;
  paymentMethod: string;
  paymentStatus: string;
  amountToCollectCents: number;
  createdAt: string;
  estimatedReadyAt: string | null;
  scheduledFor: string | null;
  lines: { productName: string; sizeLabel: string; quantity: number }[];
}

export interface MenuSize {
  id: number;
  label: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
  allergens: Allergen[];
}

export interface MenuProduct {
  id: number;
  name: string;
  category: 'pizza' | 'drink' | 'dessert' | 'side';
  available: boolean;
  beefOrigins: string[];
  allergensIncomplete: boolean;
  sizes: MenuSize[];
}

export interface MenuExtra {
  id: number;
  name: string;
  priceCents: number;
  available: boolean;
  maxQuantity: number;
  allergens: Allergen[];
  allergensIncomplete: boolean;
}

export interface Menu {
  products: MenuProduct[];
  extras: MenuExtra[];
}

export interface Quote {
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  minimumOrderCents: number;
  missingForMinimumCents: number;
}
