// Demo data for the 8 OC Pizza shops: pure, typed constants (no I/O, no randomness) read by seed.ts.
// Everything staff and customers read is in French. Quantities are integers in the ingredient's base unit
// (g, ml, piece) for the 100 % size; money is in integer cents, VAT rates in basis points.

import type { AllergenCode } from '../src/shared/allergens.js';

export const DEMO_STAFF_PASSWORD = 'ocpizza-staff-2026';
export const DEMO_CUSTOMER_PASSWORD = 'ocpizza-client-2026';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type TimeRange = readonly [string, string];
export type OpeningHours = Readonly<Record<Weekday, readonly TimeRange[]>>;
export type IngredientUnit = 'g' | 'ml' | 'piece';
export type ProductCategory = 'pizza' | 'drink' | 'dessert' | 'side';
export type EmployeeRole = 'admin' | 'manager' | 'pizzaiolo' | 'driver' | 'counter' | 'accountant';
export type OrderStatus =
  | 'pending_payment'
  | 'received'
  | 'preparing'
  | 'ready'
  | 'out_for_delivery'
  | 'delivered'
  | 'collected'
  | 'cancelled';
export type OrderChannel = 'web' | 'phone' | 'counter';
export type OrderFulfilment = 'delivery' | 'takeaway';
export type PaymentMethod = 'card_online' | 'card_on_delivery' | 'cash' | 'meal_voucher';

export interface DemoPizzeria {
  code: string;
  name: string;
  addressLine: string;
  /** The shop's SIRET (establishment number printed on receipts): the placeholder SIREN + the shop's NIC. */
  siret: string;
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  phone: string;
  email: string;
  openingHours: OpeningHours;
  deliveryRadiusM: number;
  minDeliveryOrderCents: number;
  deliveryFeeCents: number;
  freeDeliveryThresholdCents: number;
  prepMinutesPerOrder: number;
  active: boolean;
}

export interface DemoIngredient {
  name: string;
  unit: IngredientUnit;
  /** Annex II codes, in any order; [] once reviewed means "no allergen". */
  allergens: readonly AllergenCode[];
  allergensReviewed: boolean;
  /** Country of origin of beef, on beef ingredients only (French rule for restaurants). */
  beefOrigin: string | null;
  /** Typical quantity on hand in one shop, and the level under which the manager is alerted. */
  stock: number;
  alert: number;
}

export interface DemoSize {
  code: string;
  label: string;
  priceCents: number;
  recipeFactorPct: number;
  /** Bounds of a shop's own price for the size, set by the group (absent: the group price only). */
  shopPriceMinCents?: number;
  shopPriceMaxCents?: number;
}

export interface DemoRecipeLine {
  ingredient: string;
  quantity: number;
}

export interface DemoProduct {
  name: string;
  description: string;
  category: ProductCategory;
  vatRateBp: number;
  sizes: readonly DemoSize[];
  recipe: readonly DemoRecipeLine[];
  recipeSteps: string;
  /** A shop's code: that shop's « spécialité de la maison », on its menu only; absent: the group catalogue. */
  pizzeria?: string;
}

export interface DemoExtra {
  name: string;
  ingredient: string;
  quantity: number;
  priceCents: number;
}

export interface DemoStockItem {
  pizzeria: string;
  ingredient: string;
  onHand: number;
  alertThreshold: number;
}

export interface DemoEmployee {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  role: EmployeeRole;
  /** Pizzeria code; null for group-wide staff (admin, accountant). */
  pizzeria: string | null;
}

export interface DemoAddress {
  label: string;
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  instructions: string | null;
  lat: number;
  lng: number;
  isDefault: boolean;
}

export interface DemoCustomer {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  addresses: readonly DemoAddress[];
}

export interface DemoOrderLine {
  product: string;
  size: string;
  quantity: number;
  extras?: readonly string[];
}

/**
 * When the order was placed: minutes before the seed runs (a live order), or a day before today at a wall-clock
 * time of the shop, within its opening hours. The seeder places each order at a time its shop is open (see
 * placementTime in seed.ts).
 */
export type DemoOrderTime = { minutesAgo: number } | { daysAgo: number; at: string };

export interface DemoOrder {
  /** Stable suffix of the idempotency key `seed-<key>`. */
  key: string;
  pizzeria: string;
  channel: OrderChannel;
  fulfilment: OrderFulfilment;
  status: OrderStatus;
  /**
   * For a cancelled order: the status it was cancelled from, and by whom — the customer or the shop's counter
   * (with their reason), or the expiry of an online payment never made (pending_payment only).
   */
  cancelled?:
    | { from: 'received'; by: 'customer' | 'counter'; reason: string }
    | { from: 'pending_payment'; by: 'payment_expiry' };
  paymentMethod: PaymentMethod;
  /** A registered customer (email) and, for a delivery, the label of one of their addresses. */
  customer?: { email: string; address?: string };
  /** For a walk-in or phone customer without an account. */
  guest?: { name: string; phone: string | null };
  placed: DemoOrderTime;
  lines: readonly DemoOrderLine[];
  /** The customer's note to the shop, given at placement. */
  note?: string;
}

// ---------------------------------------------------------------------------------------------- shops

const lunchAndEvening: readonly TimeRange[] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
const lateEvening: readonly TimeRange[] = [
  ['11:30', '14:30'],
  ['18:00', '23:30'],
];
const weekHours = (monday: readonly TimeRange[] = lunchAndEvening): OpeningHours => ({
  mon: monday,
  tue: lunchAndEvening,
  wed: lunchAndEvening,
  thu: lunchAndEvening,
  fri: lateEvening,
  sat: lateEvening,
  sun: [['18:00', '23:00']],
});

/** 000000000 (the SIREN outside production) + NIC 00<n>0 + the Luhn key every SIRET carries. */
function demoSiret(code: string): string {
  const base = `000000000${String(Number(code.slice(1)) * 10).padStart(4, '0')}`;
  const sum = [...base].reverse().reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return base + String((10 - (sum % 10)) % 10);
}

const shop = (
  code: string,
  name: string,
  address: [line: string, postcode: string, city: string],
  position: [lat: number, lng: number],
  phone: string,
  email: string,
  rules: { radius: number; min: number; fee: number; free: number; prep: number; closedMonday?: boolean },
): DemoPizzeria => ({
  code,
  name,
  siret: demoSiret(code),
  addressLine: address[0],
  postcode: address[1],
  city: address[2],
  lat: position[0],
  lng: position[1],
  phone,
  email,
  openingHours: weekHours(rules.closedMonday ? [] : lunchAndEvening),
  deliveryRadiusM: rules.radius,
  minDeliveryOrderCents: rules.min,
  deliveryFeeCents: rules.fee,
  freeDeliveryThresholdCents: rules.free,
  prepMinutesPerOrder: rules.prep,
  active: true,
});

export const DEMO_PIZZERIAS: readonly DemoPizzeria[] = [
  shop(
    'P01',
    'OC Pizza Oberkampf',
    ['112 rue Oberkampf', '75011', 'Paris'],
    [48.866, 2.3787],
    '01 99 00 11 01',
    'oberkampf@ocpizza.fr',
    { radius: 3000, min: 1500, fee: 250, free: 3000, prep: 10 },
  ),
  shop(
    'P02',
    'OC Pizza Commerce',
    ['45 rue du Commerce', '75015', 'Paris'],
    [48.847, 2.296],
    '01 99 00 11 02',
    'commerce@ocpizza.fr',
    { radius: 3000, min: 1500, fee: 250, free: 3000, prep: 10 },
  ),
  shop(
    'P03',
    'OC Pizza Abbesses',
    ['32 rue des Abbesses', '75018', 'Paris'],
    [48.8846, 2.3365],
    '01 99 00 11 03',
    'abbesses@ocpizza.fr',
    { radius: 2500, min: 1500, fee: 250, free: 3000, prep: 12, closedMonday: true },
  ),
  shop(
    'P04',
    'OC Pizza Butte-aux-Cailles',
    ['18 rue de la Butte-aux-Cailles', '75013', 'Paris'],
    [48.8274, 2.35],
    '01 99 00 11 04',
    'butteauxcailles@ocpizza.fr',
    { radius: 3000, min: 1500, fee: 250, free: 3000, prep: 9 },
  ),
  shop(
    'P05',
    'OC Pizza Batignolles',
    ['38 rue des Batignolles', '75017', 'Paris'],
    [48.8843, 2.3193],
    '01 99 00 11 05',
    'batignolles@ocpizza.fr',
    { radius: 2800, min: 1500, fee: 250, free: 3000, prep: 10 },
  ),
  shop(
    'P06',
    'OC Pizza Montreuil',
    ['112 rue de Paris', '93100', 'Montreuil'],
    [48.8559, 2.424],
    '01 99 00 11 06',
    'montreuil@ocpizza.fr',
    { radius: 4000, min: 1800, fee: 300, free: 3500, prep: 8 },
  ),
  shop(
    'P07',
    'OC Pizza Boulogne',
    ['110 boulevard Jean-Jaurès', '92100', 'Boulogne-Billancourt'],
    [48.838, 2.241],
    '01 99 00 11 07',
    'boulogne@ocpizza.fr',
    { radius: 3500, min: 1800, fee: 300, free: 3500, prep: 11 },
  ),
  shop(
    'P08',
    'OC Pizza Levallois',
    ['60 rue Anatole France', '92300', 'Levallois-Perret'],
    [48.8925, 2.2858],
    '01 99 00 11 08',
    'levallois@ocpizza.fr',
    { radius: 3500, min: 1800, fee: 300, free: 3500, prep: 10 },
  ),
];

// ---------------------------------------------------------------------------------------------- ingredients

/** Every demo ingredient is reviewed: its allergens (annex II codes, possibly none) were checked. */
const ing = (
  name: string,
  unit: IngredientUnit,
  stock: number,
  alert: number,
  allergens: readonly AllergenCode[],
  beefOrigin: string | null = null,
): DemoIngredient => ({ name, unit, allergens, allergensReviewed: true, beefOrigin, stock, alert });

export const DEMO_INGREDIENTS: readonly DemoIngredient[] = [
  ing('Pâte à pizza', 'g', 40000, 8000, ['gluten']),
  ing('Sauce tomate', 'ml', 15000, 3000, []),
  ing('Crème fraîche', 'ml', 8000, 1500, ['milk']),
  ing('Mozzarella', 'g', 20000, 4000, ['milk']),
  ing('Jambon blanc', 'g', 6000, 1200, []),
  ing('Champignons de Paris', 'g', 5000, 1000, []),
  ing('Chorizo', 'g', 4000, 800, ['milk']),
  ing('Olives noires', 'g', 2000, 400, []),
  ing('Origan', 'g', 300, 50, []),
  ing('Basilic frais', 'g', 300, 60, []),
  ing("Huile d'olive", 'ml', 3000, 500, []),
  ing('Gorgonzola', 'g', 3000, 600, ['milk']),
  ing('Fromage de chèvre', 'g', 4000, 800, ['milk']),
  ing('Emmental râpé', 'g', 3000, 600, ['milk']),
  ing('Parmesan', 'g', 2000, 400, ['milk']),
  ing('Miel', 'g', 1500, 300, []),
  ing('Poivrons', 'g', 4000, 800, []),
  ing('Oignons rouges', 'g', 4000, 800, []),
  // Beef and lamb, seasoned with sulphites as most merguez are.
  ing('Merguez', 'g', 4000, 800, ['sulphites'], 'Irlande'),
  ing('Poulet rôti', 'g', 5000, 1000, []),
  ing('Lardons fumés', 'g', 5000, 1000, []),
  ing('Pommes de terre', 'g', 6000, 1200, []),
  ing('Reblochon', 'g', 4000, 800, ['milk']),
  ing('Anchois', 'g', 1000, 200, ['fish']),
  ing('Câpres', 'g', 800, 150, ['sulphites']),
  ing('Thon', 'g', 3000, 600, ['fish']),
  ing('Saumon fumé', 'g', 2500, 500, ['fish']),
  ing('Œuf', 'piece', 120, 24, ['eggs']),
  ing('Roquette', 'g', 1500, 300, []),
  ing('Jambon cru', 'g', 3000, 600, []),
  ing('Tomates cerises', 'g', 3000, 600, []),
  ing('Viande hachée de bœuf', 'g', 5000, 1000, [], 'France'),
  ing('Ananas', 'g', 3000, 600, []),
  ing('Artichauts', 'g', 2500, 500, []),
  ing('Sauce barbecue', 'ml', 3000, 600, ['celery', 'mustard']),
  ing('Coca-Cola 33 cl', 'piece', 96, 24, []),
  ing('Coca-Cola zéro 33 cl', 'piece', 72, 24, []),
  ing('Orangina 33 cl', 'piece', 48, 12, []),
  ing('Eau minérale 50 cl', 'piece', 96, 24, []),
  ing('Peroni Nastro Azzurro 33 cl', 'piece', 48, 12, ['gluten']),
  ing('Birra Moretti 33 cl', 'piece', 48, 12, ['gluten']),
  ing('Tiramisu (pot individuel)', 'piece', 30, 8, ['gluten', 'eggs', 'milk']),
  ing('Mousse au chocolat (pot individuel)', 'piece', 30, 8, ['eggs', 'soybeans', 'milk']),
  ing('Panna cotta aux fruits rouges (pot individuel)', 'piece', 24, 6, ['milk']),
  ing("Pain à l'ail (portion)", 'piece', 40, 10, ['gluten', 'milk']),
  ing('Salade verte (barquette)', 'piece', 30, 8, ['mustard', 'sulphites']),
];

// ---------------------------------------------------------------------------------------------- menu

/** A pizza size; the group lets each shop price it from 1 € below to 1 € above the group price. */
const pizzaSize = (code: string, label: string, priceCents: number, recipeFactorPct: number): DemoSize => ({
  code,
  label,
  priceCents,
  recipeFactorPct,
  shopPriceMinCents: priceCents - 100,
  shopPriceMaxCents: priceCents + 100,
});

const pizzaSizes = (small: number, medium: number, large: number): readonly DemoSize[] => [
  pizzaSize('S', 'Junior 26 cm', small, 75),
  pizzaSize('M', 'Sénior 31 cm', medium, 100),
  pizzaSize('L', 'Méga 36 cm', large, 140),
];

/** The pizzaiolo's memo: numbered steps, the same frame for every pizza. */
const memo = (base: 'tomate' | 'crème' | 'barbecue', garnish: readonly string[], finish?: string): string => {
  const steps = [
    'Étaler la pâte en disque (26, 31 ou 36 cm selon la taille), bord de 1 cm.',
    base === 'tomate'
      ? 'Napper de sauce tomate à la louche, en spirale, sans toucher le bord.'
      : base === 'crème'
        ? 'Napper de crème fraîche, en couche fine et régulière.'
        : 'Napper de sauce barbecue, en couche fine et régulière.',
    ...garnish,
    'Enfourner et cuire 6 min à 300 °C, pizza tournée à mi-cuisson.',
    finish ?? 'Couper en 6 (Junior), 8 (Sénior) ou 10 parts (Méga) et mettre en boîte.',
  ];
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
};

const r = (ingredient: string, quantity: number): DemoRecipeLine => ({ ingredient, quantity });
const dough = r('Pâte à pizza', 250);
const tomato = r('Sauce tomate', 80);
const cream = r('Crème fraîche', 70);

const pizza = (
  name: string,
  description: string,
  prices: [number, number, number],
  recipe: readonly DemoRecipeLine[],
  recipeSteps: string,
): DemoProduct => ({
  name,
  description,
  category: 'pizza',
  vatRateBp: 1000,
  sizes: pizzaSizes(...prices),
  recipe,
  recipeSteps,
});

const single = (
  name: string,
  description: string,
  category: Exclude<ProductCategory, 'pizza'>,
  vatRateBp: number,
  label: string,
  priceCents: number,
  ingredient: string,
  recipeSteps = '',
): DemoProduct => ({
  name,
  description,
  category,
  vatRateBp,
  sizes: [{ code: 'U', label, priceCents, recipeFactorPct: 100 }],
  recipe: [r(ingredient, 1)],
  recipeSteps,
});

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  pizza(
    'Margherita',
    'Sauce tomate, mozzarella, basilic frais et un filet d’huile d’olive. La classique.',
    [890, 1190, 1490],
    [dough, tomato, r('Mozzarella', 120), r('Basilic frais', 3), r("Huile d'olive", 5)],
    memo(
      'tomate',
      ['Répartir la mozzarella en morceaux.', 'Arroser d’un filet d’huile d’olive.'],
      'À la sortie du four, parsemer de basilic frais, puis couper et mettre en boîte.',
    ),
  ),
  pizza(
    'Reine',
    'Sauce tomate, mozzarella, jambon blanc, champignons de Paris et origan.',
    [990, 1290, 1590],
    [
      dough,
      tomato,
      r('Mozzarella', 100),
      r('Jambon blanc', 60),
      r('Champignons de Paris', 50),
      r('Origan', 1),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer le jambon en lanières puis les champignons émincés.',
      'Saupoudrer d’origan.',
    ]),
  ),
  pizza(
    'Quatre fromages',
    'Sauce tomate, mozzarella, gorgonzola, fromage de chèvre et emmental.',
    [1090, 1390, 1690],
    [
      dough,
      tomato,
      r('Mozzarella', 80),
      r('Gorgonzola', 40),
      r('Fromage de chèvre', 40),
      r('Emmental râpé', 30),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Ajouter le gorgonzola en petits dés et le chèvre en rondelles, en alternance.',
      'Finir par l’emmental râpé sur toute la surface.',
    ]),
  ),
  pizza(
    'Calzone',
    'Chausson de pâte garni de sauce tomate, mozzarella, jambon, champignons et œuf.',
    [1090, 1390, 1690],
    [
      r('Pâte à pizza', 280),
      r('Sauce tomate', 70),
      r('Mozzarella', 100),
      r('Jambon blanc', 60),
      r('Champignons de Paris', 40),
      r('Œuf', 1),
    ],
    memo(
      'tomate',
      [
        'Sur une moitié seulement : mozzarella, jambon et champignons.',
        'Casser l’œuf au centre de la garniture.',
        'Replier la pâte et souder le bord en pinçant.',
      ],
      'Badigeonner d’un peu de sauce tomate sur le dessus, couper en 2 et mettre en boîte.',
    ),
  ),
  pizza(
    'Diavola',
    'Sauce tomate, mozzarella, chorizo, poivrons et olives noires. Relevée.',
    [1090, 1390, 1690],
    [dough, tomato, r('Mozzarella', 100), r('Chorizo', 60), r('Poivrons', 40), r('Olives noires', 15)],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer les rondelles de chorizo, puis les lanières de poivron.',
      'Parsemer d’olives noires.',
    ]),
  ),
  pizza(
    'Orientale',
    'Sauce tomate, mozzarella, merguez, poivrons, oignons rouges et œuf.',
    [1090, 1390, 1690],
    [
      dough,
      tomato,
      r('Mozzarella', 100),
      r('Merguez', 80),
      r('Poivrons', 40),
      r('Oignons rouges', 30),
      r('Œuf', 1),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer la merguez en rondelles, les poivrons et les oignons émincés.',
      'Casser l’œuf au centre.',
    ]),
  ),
  pizza(
    'Savoyarde',
    'Crème fraîche, mozzarella, pommes de terre, lardons fumés, reblochon et oignons rouges.',
    [1190, 1490, 1790],
    [
      dough,
      cream,
      r('Mozzarella', 60),
      r('Pommes de terre', 80),
      r('Lardons fumés', 60),
      r('Reblochon', 70),
      r('Oignons rouges', 20),
    ],
    memo('crème', [
      'Répartir la mozzarella puis les rondelles de pommes de terre cuites.',
      'Ajouter les lardons et les oignons émincés.',
      'Finir par le reblochon en tranches, croûte vers le haut.',
    ]),
  ),
  pizza(
    'Chèvre-miel',
    'Crème fraîche, mozzarella, fromage de chèvre, miel et roquette.',
    [1090, 1390, 1690],
    [dough, cream, r('Mozzarella', 80), r('Fromage de chèvre', 90), r('Miel', 15), r('Roquette', 10)],
    memo(
      'crème',
      ['Répartir la mozzarella puis le chèvre en rondelles.', 'Arroser de miel en filet.'],
      'À la sortie du four, déposer la roquette, puis couper et mettre en boîte.',
    ),
  ),
  pizza(
    'Napolitaine',
    'Sauce tomate, mozzarella, anchois, câpres, olives noires et origan.',
    [990, 1290, 1590],
    [
      dough,
      tomato,
      r('Mozzarella', 100),
      r('Anchois', 25),
      r('Câpres', 10),
      r('Olives noires', 15),
      r('Origan', 1),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer les filets d’anchois en étoile, puis les câpres et les olives.',
      'Saupoudrer d’origan.',
    ]),
  ),
  pizza(
    'Océane',
    'Sauce tomate, mozzarella, thon, oignons rouges et olives noires.',
    [1090, 1390, 1690],
    [dough, tomato, r('Mozzarella', 100), r('Thon', 70), r('Oignons rouges', 30), r('Olives noires', 15)],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Émietter le thon égoutté, ajouter les oignons émincés.',
      'Parsemer d’olives noires.',
    ]),
  ),
  pizza(
    'Nordique',
    'Crème fraîche, mozzarella, saumon fumé, câpres et roquette.',
    [1190, 1490, 1790],
    [dough, cream, r('Mozzarella', 80), r('Saumon fumé', 80), r('Câpres', 8), r('Roquette', 10)],
    memo(
      'crème',
      ['Répartir la mozzarella.'],
      'À la sortie du four, poser le saumon fumé, les câpres et la roquette, puis couper et mettre en boîte.',
    ),
  ),
  pizza(
    'Barbecue',
    'Sauce barbecue, mozzarella, poulet rôti, viande hachée de bœuf et oignons rouges.',
    [1190, 1490, 1790],
    [
      dough,
      r('Sauce barbecue', 70),
      r('Mozzarella', 100),
      r('Poulet rôti', 70),
      r('Viande hachée de bœuf', 50),
      r('Oignons rouges', 30),
    ],
    memo('barbecue', [
      'Répartir la mozzarella.',
      'Ajouter le poulet en dés et la viande hachée émiettée.',
      'Finir par les oignons émincés.',
    ]),
  ),
  pizza(
    'Hawaïenne',
    'Sauce tomate, mozzarella, jambon blanc et ananas.',
    [990, 1290, 1590],
    [dough, tomato, r('Mozzarella', 100), r('Jambon blanc', 60), r('Ananas', 70)],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer le jambon en lanières et les morceaux d’ananas égouttés.',
    ]),
  ),
  pizza(
    'Végétarienne',
    'Sauce tomate, mozzarella, poivrons, champignons, oignons rouges, artichauts et olives noires.',
    [1090, 1390, 1690],
    [
      dough,
      tomato,
      r('Mozzarella', 100),
      r('Poivrons', 40),
      r('Champignons de Paris', 40),
      r('Oignons rouges', 30),
      r('Artichauts', 40),
      r('Olives noires', 15),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Disposer les légumes en couronne : poivrons, champignons, oignons, artichauts.',
      'Parsemer d’olives noires.',
    ]),
  ),
  pizza(
    'Parma',
    'Sauce tomate, mozzarella, tomates cerises, jambon cru, roquette et copeaux de parmesan.',
    [1190, 1490, 1790],
    [
      dough,
      tomato,
      r('Mozzarella', 100),
      r('Tomates cerises', 40),
      r('Jambon cru', 50),
      r('Roquette', 15),
      r('Parmesan', 15),
    ],
    memo(
      'tomate',
      ['Répartir la mozzarella et les tomates cerises coupées en deux.'],
      'À la sortie du four, draper le jambon cru, ajouter la roquette et les copeaux de parmesan, puis couper.',
    ),
  ),
  pizza(
    'Bolognaise',
    'Sauce tomate, mozzarella, viande hachée de bœuf, oignons rouges et origan.',
    [1090, 1390, 1690],
    [
      dough,
      r('Sauce tomate', 90),
      r('Mozzarella', 100),
      r('Viande hachée de bœuf', 90),
      r('Oignons rouges', 25),
      r('Origan', 1),
    ],
    memo('tomate', [
      'Répartir la mozzarella.',
      'Émietter la viande hachée, ajouter les oignons émincés.',
      'Saupoudrer d’origan.',
    ]),
  ),
  pizza(
    'Carbonara',
    'Crème fraîche, mozzarella, lardons fumés, oignons rouges, œuf et parmesan.',
    [1090, 1390, 1690],
    [
      dough,
      cream,
      r('Mozzarella', 80),
      r('Lardons fumés', 70),
      r('Oignons rouges', 20),
      r('Œuf', 1),
      r('Parmesan', 15),
    ],
    memo('crème', [
      'Répartir la mozzarella, les lardons et les oignons émincés.',
      'Casser l’œuf au centre, saupoudrer de parmesan.',
    ]),
  ),
  single('Coca-Cola', 'Canette 33 cl, bien fraîche.', 'drink', 550, '33 cl', 250, 'Coca-Cola 33 cl'),
  single('Coca-Cola zéro', 'Canette 33 cl, sans sucres.', 'drink', 550, '33 cl', 250, 'Coca-Cola zéro 33 cl'),
  single('Orangina', 'Canette 33 cl.', 'drink', 550, '33 cl', 250, 'Orangina 33 cl'),
  single('Eau minérale', 'Bouteille 50 cl.', 'drink', 550, '50 cl', 200, 'Eau minérale 50 cl'),
  single(
    'Peroni Nastro Azzurro',
    'Bière blonde italienne, 5,1 % vol. Vente interdite aux mineurs.',
    'drink',
    2000,
    '33 cl',
    390,
    'Peroni Nastro Azzurro 33 cl',
  ),
  single(
    'Birra Moretti',
    'Bière blonde italienne, 4,6 % vol. Vente interdite aux mineurs.',
    'drink',
    2000,
    '33 cl',
    390,
    'Birra Moretti 33 cl',
  ),
  single(
    'Tiramisu',
    'Mascarpone, biscuit imbibé de café, cacao. Fait maison.',
    'dessert',
    1000,
    'Pot individuel',
    490,
    'Tiramisu (pot individuel)',
  ),
  single(
    'Mousse au chocolat',
    'Chocolat noir 64 %, recette de la maison.',
    'dessert',
    1000,
    'Pot individuel',
    390,
    'Mousse au chocolat (pot individuel)',
  ),
  single(
    'Panna cotta aux fruits rouges',
    'Crème vanillée et coulis de fruits rouges.',
    'dessert',
    1000,
    'Pot individuel',
    420,
    'Panna cotta aux fruits rouges (pot individuel)',
  ),
  single(
    "Pain à l'ail",
    'Pâte à pizza dorée au beurre d’ail et persil, 6 morceaux.',
    'side',
    1000,
    '6 morceaux',
    390,
    "Pain à l'ail (portion)",
    '1. Réchauffer 3 min à 300 °C.\n2. Couper en 6 morceaux et mettre en boîte.',
  ),
  single(
    'Salade verte',
    'Salade de saison, vinaigrette à part.',
    'side',
    1000,
    'Barquette',
    350,
    'Salade verte (barquette)',
  ),
  // P01's « spécialité de la maison »: on P01's menu only (products.pizzeria_id), from the group's ingredients.
  {
    ...pizza(
      'L’Oberkampf',
      'Spécialité de la maison (Oberkampf) : crème, chèvre, lardons fumés, oignons rouges et un filet de miel.',
      [1090, 1390, 1690],
      [
        dough,
        cream,
        r('Fromage de chèvre', 70),
        r('Lardons fumés', 50),
        r('Oignons rouges', 30),
        r('Miel', 8),
      ],
      memo('crème', [
        'Répartir le chèvre en rondelles.',
        'Ajouter les lardons puis les oignons rouges émincés.',
        'Verser un filet de miel en zigzag.',
      ]),
    ),
    pizzeria: 'P01',
  },
];

/** Shop prices of the demo (within the group's bounds): P01 sells its Reine Sénior 50 cents above the group. */
export const DEMO_SHOP_PRICES: readonly {
  pizzeria: string;
  product: string;
  size: string;
  priceCents: number;
}[] = [{ pizzeria: 'P01', product: 'Reine', size: 'M', priceCents: 1340 }];

export const DEMO_EXTRAS: readonly DemoExtra[] = [
  { name: 'Supplément mozzarella', ingredient: 'Mozzarella', quantity: 40, priceCents: 150 },
  { name: 'Supplément jambon', ingredient: 'Jambon blanc', quantity: 40, priceCents: 200 },
  { name: 'Supplément champignons', ingredient: 'Champignons de Paris', quantity: 40, priceCents: 100 },
  { name: 'Supplément chorizo', ingredient: 'Chorizo', quantity: 40, priceCents: 200 },
  { name: 'Supplément œuf', ingredient: 'Œuf', quantity: 1, priceCents: 100 },
  { name: 'Supplément olives', ingredient: 'Olives noires', quantity: 15, priceCents: 80 },
  { name: 'Supplément chèvre', ingredient: 'Fromage de chèvre', quantity: 40, priceCents: 180 },
];

// ---------------------------------------------------------------------------------------------- stock

/** The « épuisé » demo: at P03 (Abbesses) smoked salmon is almost gone, so the Nordique cannot be made there. */
export const EXHAUSTED_DEMO = { pizzeria: 'P03', ingredient: 'Saumon fumé', onHand: 40, product: 'Nordique' };

/** Every ingredient in every shop; levels vary by shop between 85 % and 115 % of the typical quantity. */
export const DEMO_STOCK: readonly DemoStockItem[] = DEMO_PIZZERIAS.flatMap((p, shopIndex) =>
  DEMO_INGREDIENTS.map((i, ingredientIndex) => {
    const exhausted = p.code === EXHAUSTED_DEMO.pizzeria && i.name === EXHAUSTED_DEMO.ingredient;
    const pct = 85 + ((shopIndex * 5 + ingredientIndex * 3) % 7) * 5;
    return {
      pizzeria: p.code,
      ingredient: i.name,
      onHand: exhausted ? EXHAUSTED_DEMO.onHand : Math.round((i.stock * pct) / 100),
      alertThreshold: i.alert,
    };
  }),
);

// ---------------------------------------------------------------------------------------------- staff

/** Per shop, in this order: manager, two pizzaiolos, two drivers, one counter employee. */
const SHOP_TEAMS: Readonly<Record<string, readonly string[]>> = {
  P01: ['Sophie Marchand', 'Giuseppe Russo', 'Julien Fabre', 'Yanis Benali', 'Théo Lambert', 'Clara Robin'],
  P02: [
    'Marc Delaunay',
    'Antonio Esposito',
    'Kevin Mercier',
    'Mehdi Haddad',
    'Lucas Perrin',
    'Élodie Girard',
  ],
  P03: ['Nadia Bensaïd', 'Marco Bianchi', 'Pierre Gauthier', 'Samuel Blanc', 'Adrien Roche', 'Justine Morel'],
  P04: [
    'François Lemoine',
    'Luca Romano',
    'Bruno Caron',
    'Ibrahim Diallo',
    'Maxime Barbier',
    'Aurélie Picard',
  ],
  P05: [
    'Isabelle Fontaine',
    'Paolo Greco',
    'Damien Rolland',
    'Nicolas Chevalier',
    'Quentin Faure',
    'Laura André',
  ],
  P06: ['Karim Ouali', 'Salvatore Conti', 'Jérôme Brunet', 'Moussa Traoré', 'Florian Guerin', 'Sarah Benoît'],
  P07: [
    'Céline Dumont',
    'Matteo Ricci',
    'Olivier Masson',
    'Hugo Vincent',
    'Bastien Leclerc',
    'Pauline Renaud',
  ],
  P08: [
    'Thierry Lefèvre',
    'Alessandro Ferrari',
    'Romain Dupuis',
    'Alexis Meunier',
    'Youssef Amrani',
    'Marion Colin',
  ],
};

const TEAM_POSTS: readonly { prefix: string; role: EmployeeRole }[] = [
  { prefix: 'manager', role: 'manager' },
  { prefix: 'pizzaiolo1', role: 'pizzaiolo' },
  { prefix: 'pizzaiolo2', role: 'pizzaiolo' },
  { prefix: 'livreur1', role: 'driver' },
  { prefix: 'livreur2', role: 'driver' },
  { prefix: 'comptoir', role: 'counter' },
];

const person = (fullName: string): { firstName: string; lastName: string } => {
  const [firstName, ...rest] = fullName.split(' ');
  return { firstName, lastName: rest.join(' ') };
};

/** Demo numbers come from the ranges ARCEP reserves for fiction (01 99 00 xx xx, 06 39 98 xx xx): nobody real gets called. */
const fictionPhone = (n: number): string =>
  `06 39 98 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [
  {
    email: 'admin@ocpizza.fr',
    ...person('Franck Morin'),
    phone: fictionPhone(1),
    role: 'admin',
    pizzeria: null,
  },
  {
    email: 'compta@ocpizza.fr',
    ...person('Hélène Roussel'),
    phone: fictionPhone(2),
    role: 'accountant',
    pizzeria: null,
  },
  ...DEMO_PIZZERIAS.flatMap((p, shopIndex) =>
    SHOP_TEAMS[p.code].map((fullName, i) => ({
      email: `${TEAM_POSTS[i].prefix}.${p.code.toLowerCase()}@ocpizza.fr`,
      ...person(fullName),
      phone: fictionPhone(100 + shopIndex * 10 + i),
      role: TEAM_POSTS[i].role,
      pizzeria: p.code,
    })),
  ),
];

// ---------------------------------------------------------------------------------------------- customers

const home = (
  line1: string,
  postcode: string,
  city: string,
  lat: number,
  lng: number,
  extra?: Partial<DemoAddress>,
) => ({
  label: 'Domicile',
  line1,
  line2: null,
  postcode,
  city,
  instructions: null,
  lat,
  lng,
  isDefault: true,
  ...extra,
});
const work = (
  line1: string,
  postcode: string,
  city: string,
  lat: number,
  lng: number,
  extra?: Partial<DemoAddress>,
) => home(line1, postcode, city, lat, lng, { label: 'Bureau', isDefault: false, ...extra });

const customer = (fullName: string, n: number, addresses: readonly DemoAddress[]): DemoCustomer => {
  const { firstName, lastName } = person(fullName);
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
  return {
    email: `${slug(firstName)}.${slug(lastName)}@example.fr`,
    firstName,
    lastName,
    phone: fictionPhone(500 + n),
    addresses,
  };
};

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  customer('Camille Martin', 1, [
    home('18 rue de la Roquette', '75011', 'Paris', 48.854, 2.3725, {
      line2: 'Bât. B, 3e étage',
      instructions: 'Code 4821A',
    }),
    work('25 rue de la Folie-Méricourt', '75011', 'Paris', 48.8633, 2.3698, {
      instructions: 'Accueil au rez-de-chaussée',
    }),
  ]),
  customer('Manon Lefebvre', 2, [home('46 rue Jean-Pierre Timbaud', '75011', 'Paris', 48.867, 2.3745)]),
  customer('Lucas Bernard', 3, [
    home('12 rue Cler', '75007', 'Paris', 48.8562, 2.3058, { instructions: 'Interphone Bernard' }),
  ]),
  customer('Jules Michel', 4, [
    home('80 rue Saint-Charles', '75015', 'Paris', 48.8458, 2.288),
    work('20 rue de la Convention', '75015', 'Paris', 48.8418, 2.2885),
  ]),
  customer('Emma Petit', 5, [
    home('30 rue Caulaincourt', '75018', 'Paris', 48.8866, 2.332, { line2: '5e étage gauche' }),
  ]),
  customer('Inès Garcia', 6, [home('10 rue Custine', '75018', 'Paris', 48.8878, 2.3455)]),
  customer('Hugo Durand', 7, [
    home("40 avenue d'Italie", '75013', 'Paris', 48.827, 2.357, { instructions: 'Digicode 1975' }),
  ]),
  customer('Gabriel Roux', 8, [home('5 rue Bobillot', '75013', 'Paris', 48.8295, 2.353)]),
  customer('Léa Leroy', 9, [
    home('80 rue Legendre', '75017', 'Paris', 48.887, 2.315),
    work('12 rue Brochant', '75017', 'Paris', 48.8895, 2.3185),
  ]),
  customer('Thomas Fournier', 10, [home('9 rue Lemercier', '75017', 'Paris', 48.8858, 2.3225)]),
  customer('Nathan Moreau', 11, [
    home('8 rue de Vincennes', '93100', 'Montreuil', 48.8553, 2.43, { instructions: 'Sonner deux fois' }),
  ]),
  customer('Chloé Simon', 12, [home("15 rue d'Aguesseau", '92100', 'Boulogne-Billancourt', 48.8395, 2.243)]),
  customer('Louis Laurent', 13, [
    home('40 rue Voltaire', '92300', 'Levallois-Perret', 48.8945, 2.288),
    work('75 rue Aristide Briand', '92300', 'Levallois-Perret', 48.8935, 2.29),
  ]),
];

// ---------------------------------------------------------------------------------------------- orders

const line = (product: string, size: string, quantity = 1, extras?: readonly string[]): DemoOrderLine => ({
  product,
  size,
  quantity,
  ...(extras ? { extras } : {}),
});

/** Past and live orders: every status, both fulfilments, every channel and several payment methods. */
export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    key: 'p01-1',
    pizzeria: 'P01',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'card_online',
    customer: { email: 'camille.martin@example.fr', address: 'Domicile' },
    placed: { daysAgo: 2, at: '20:05' },
    lines: [
      line('Margherita', 'M'),
      line('Reine', 'L', 1, ['Supplément mozzarella']),
      line('Coca-Cola', 'U', 2),
    ],
  },
  {
    key: 'p01-2',
    pizzeria: 'P01',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'preparing',
    paymentMethod: 'card_online',
    customer: { email: 'manon.lefebvre@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 12 },
    lines: [line('Quatre fromages', 'M'), line('Tiramisu', 'U')],
  },
  {
    key: 'p01-3',
    pizzeria: 'P01',
    channel: 'counter',
    fulfilment: 'takeaway',
    status: 'collected',
    paymentMethod: 'cash',
    guest: { name: 'Karim', phone: null },
    placed: { daysAgo: 1, at: '12:40' },
    lines: [line('Diavola', 'S', 2)],
  },
  {
    key: 'p02-1',
    pizzeria: 'P02',
    channel: 'phone',
    fulfilment: 'delivery',
    status: 'out_for_delivery',
    paymentMethod: 'cash',
    customer: { email: 'lucas.bernard@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 30 },
    lines: [line('Reine', 'M', 2), line('Peroni Nastro Azzurro', 'U', 2), line("Pain à l'ail", 'U')],
    note: 'Prévoir la monnaie sur 50 €',
  },
  {
    key: 'p02-2',
    pizzeria: 'P02',
    channel: 'web',
    fulfilment: 'takeaway',
    status: 'cancelled',
    cancelled: { from: 'received', by: 'customer', reason: 'Je me suis trompé de pizzeria, je recommande.' },
    paymentMethod: 'card_online',
    customer: { email: 'jules.michel@example.fr' },
    placed: { daysAgo: 3, at: '19:10' },
    lines: [line('Chèvre-miel', 'M')],
  },
  {
    key: 'p02-3',
    pizzeria: 'P02',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'meal_voucher',
    customer: { email: 'jules.michel@example.fr', address: 'Bureau' },
    placed: { daysAgo: 4, at: '12:50' },
    lines: [line('Végétarienne', 'M'), line('Eau minérale', 'U')],
  },
  {
    key: 'p03-1',
    pizzeria: 'P03',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'received',
    paymentMethod: 'card_online',
    customer: { email: 'emma.petit@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 3 },
    lines: [line('Savoyarde', 'L'), line('Mousse au chocolat', 'U')],
  },
  {
    key: 'p03-2',
    pizzeria: 'P03',
    channel: 'counter',
    fulfilment: 'takeaway',
    status: 'ready',
    paymentMethod: 'card_on_delivery',
    guest: { name: 'Sylvie', phone: null },
    placed: { minutesAgo: 20 },
    lines: [line('Margherita', 'M'), line('Orangina', 'U')],
  },
  {
    key: 'p03-3',
    pizzeria: 'P03',
    channel: 'phone',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'card_on_delivery',
    customer: { email: 'ines.garcia@example.fr', address: 'Domicile' },
    placed: { daysAgo: 5, at: '20:30' },
    lines: [
      line('Napolitaine', 'M'),
      line('Carbonara', 'M', 1, ['Supplément œuf']),
      line('Birra Moretti', 'U', 2),
    ],
  },
  {
    key: 'p04-1',
    pizzeria: 'P04',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'pending_payment',
    paymentMethod: 'card_online',
    customer: { email: 'hugo.durand@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 2 },
    lines: [line('Orientale', 'M'), line('Coca-Cola zéro', 'U')],
  },
  {
    key: 'p04-2',
    pizzeria: 'P04',
    channel: 'phone',
    fulfilment: 'takeaway',
    status: 'collected',
    paymentMethod: 'cash',
    guest: { name: 'M. Dupont', phone: '06 39 98 07 41' },
    placed: { daysAgo: 2, at: '19:45' },
    lines: [line('Bolognaise', 'L'), line('Hawaïenne', 'M'), line('Salade verte', 'U')],
  },
  {
    key: 'p04-3',
    pizzeria: 'P04',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'cancelled',
    cancelled: {
      from: 'received',
      by: 'counter',
      reason: 'Le client a appelé : commande annulée à sa demande',
    },
    paymentMethod: 'cash',
    customer: { email: 'gabriel.roux@example.fr', address: 'Domicile' },
    placed: { daysAgo: 1, at: '21:00' },
    lines: [line('Barbecue', 'M'), line('Océane', 'S')],
  },
  {
    key: 'p05-1',
    pizzeria: 'P05',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'ready',
    paymentMethod: 'card_online',
    customer: { email: 'lea.leroy@example.fr', address: 'Bureau' },
    placed: { minutesAgo: 22 },
    lines: [line('Parma', 'M'), line('Panna cotta aux fruits rouges', 'U')],
  },
  {
    key: 'p05-2',
    pizzeria: 'P05',
    channel: 'counter',
    fulfilment: 'takeaway',
    status: 'preparing',
    paymentMethod: 'cash',
    guest: { name: 'Antoine', phone: null },
    placed: { minutesAgo: 8 },
    lines: [line('Reine', 'S', 1, ['Supplément champignons']), line('Coca-Cola', 'U')],
  },
  {
    key: 'p05-3',
    pizzeria: 'P05',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'card_online',
    customer: { email: 'thomas.fournier@example.fr', address: 'Domicile' },
    placed: { daysAgo: 6, at: '20:15' },
    lines: [line('Quatre fromages', 'L'), line('Diavola', 'L', 1, ['Supplément chorizo'])],
  },
  {
    key: 'p06-1',
    pizzeria: 'P06',
    channel: 'phone',
    fulfilment: 'delivery',
    status: 'received',
    paymentMethod: 'cash',
    customer: { email: 'nathan.moreau@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 4 },
    lines: [line('Orientale', 'L'), line('Margherita', 'M'), line('Orangina', 'U', 2)],
  },
  {
    key: 'p06-2',
    pizzeria: 'P06',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'cash',
    customer: { email: 'nathan.moreau@example.fr', address: 'Domicile' },
    placed: { daysAgo: 3, at: '20:40' },
    lines: [line('Savoyarde', 'M'), line('Chèvre-miel', 'M'), line('Tiramisu', 'U', 2)],
  },
  {
    key: 'p07-1',
    pizzeria: 'P07',
    channel: 'web',
    fulfilment: 'takeaway',
    status: 'collected',
    paymentMethod: 'card_online',
    customer: { email: 'chloe.simon@example.fr' },
    placed: { daysAgo: 1, at: '19:30' },
    lines: [line('Nordique', 'M'), line('Eau minérale', 'U')],
  },
  {
    key: 'p07-2',
    pizzeria: 'P07',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'out_for_delivery',
    paymentMethod: 'card_online',
    customer: { email: 'chloe.simon@example.fr', address: 'Domicile' },
    placed: { minutesAgo: 35 },
    lines: [line('Barbecue', 'L'), line('Calzone', 'M'), line('Coca-Cola', 'U', 2)],
  },
  {
    key: 'p08-1',
    pizzeria: 'P08',
    channel: 'counter',
    fulfilment: 'takeaway',
    status: 'received',
    paymentMethod: 'cash',
    guest: { name: 'Nina', phone: null },
    placed: { minutesAgo: 2 },
    lines: [line('Hawaïenne', 'S'), line('Mousse au chocolat', 'U')],
  },
  {
    key: 'p08-2',
    pizzeria: 'P08',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'delivered',
    paymentMethod: 'meal_voucher',
    customer: { email: 'louis.laurent@example.fr', address: 'Bureau' },
    placed: { daysAgo: 2, at: '12:30' },
    lines: [line('Parma', 'M'), line('Salade verte', 'U'), line('Coca-Cola zéro', 'U')],
  },
  {
    key: 'p08-3',
    pizzeria: 'P08',
    channel: 'web',
    fulfilment: 'delivery',
    status: 'cancelled',
    cancelled: { from: 'pending_payment', by: 'payment_expiry' },
    paymentMethod: 'card_online',
    customer: { email: 'louis.laurent@example.fr', address: 'Domicile' },
    placed: { daysAgo: 4, at: '21:15' },
    lines: [line('Carbonara', 'L'), line('Birra Moretti', 'U')],
  },
];
