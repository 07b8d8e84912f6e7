// What the customer is doing, kept across reloads: how they order (delivery to an address or takeaway at a
// shop), their cart (or the order they are changing), their session, and the Idempotency-Key of the order being
// placed (a retry after a network failure reuses it, so it can never create two orders).
import { load, save } from '../shared/store';

export interface CartItem {
  productId: number;
  sizeId: number;
  quantity: number;
  extraIds: number[];
  /** For display only; prices always come from the server's quote. */
  name: string;
  sizeLabel: string;
  extraNames: string[];
}

export interface Address {
  line1: string;
  postcode: string;
  city: string;
  line2?: string;
  instructions?: string;
}

export interface OrderContext {
  fulfilment: 'delivery' | 'takeaway';
  pizzeriaId: number;
  pizzeriaName: string;
  address?: Address;
  /** Drive from the shop, when known (delivery). */
  travelSeconds?: number | null;
}

export interface Session {
  token: string;
  customer: { id: number; email: string; firstName: string; lastName: string; phone: string | null };
}

export interface State {
  context: OrderContext | null;
  cart: CartItem[];
  /** When set, the cart holds a placed order being changed (PATCH), not a new one. */
  editingOrderId: string | null;
  session: Session | null;
  pendingKey: string | null;
}

export const state: State = {
  context: load('context', null),
  cart: load('cart', []),
  editingOrderId: load('editing', null),
  session: load('session', null),
  pendingKey: load('pendingKey', null),
};

export function persist(): void {
  save('context', state.context);
  save('cart', state.cart);
  save('editing', state.editingOrderId);
  save('session', state.session);
  save('pendingKey', state.pendingKey);
}

const sameLine = (a: CartItem, b: CartItem) =>
  a.productId === b.productId && a.sizeId === b.sizeId && a.extraIds.join() === b.extraIds.join();

export function addToCart(item: CartItem): void {
  const existing = state.cart.find((c) => sameLine(c, item));
  if (existing) existing.quantity = Math.min(50, existing.quantity + item.quantity);
  else state.cart.push(item);
  state.pendingKey = null;
  persist();
}

export function setQuantity(index: number, quantity: number): void {
  if (quantity <= 0) state.cart.splice(index, 1);
  else state.cart[index].quantity = Math.min(50, quantity);
  state.pendingKey = null;
  persist();
}

export function clearCart(): void {
  state.cart = [];
  state.editingOrderId = null;
  state.pendingKey = null;
  persist();
}

export const cartCount = () => state.cart.reduce((n, c) => n + c.quantity, 0);

export const itemsForApi = () =>
  state.cart.map((c) => ({
    productId: c.productId,
    sizeId: c.sizeId,
    quantity: c.quantity,
    extraIds: c.extraIds,
  }));

/** The session ended on the server (expired or signed out elsewhere): forget it locally. */
export function forgetSession(): void {
  state.session = null;
  persist();
}
