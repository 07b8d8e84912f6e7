// Demo data of purchasing (issue 20): three suppliers of the whole group and one of P01's own, with packs and
// prices excluding VAT (realistic for a Paris pizzeria in 2026), and the past purchase orders P01 received from
// them, so that the dashboard's « Coût matière » shows real figures. Pure constants read by seed-purchasing.ts.
import type { Weekday } from './demo-data.js';

export interface DemoSupplierItem {
  ingredient: string;
  reference: string;
  packLabel: string;
  /** Base units of the ingredient (g, ml, piece) in one pack. */
  packQuantity: number;
  packPriceCents: number;
}

export interface DemoSupplier {
  name: string;
  /** null: a supplier of the whole group; else the code of the shop it is the own supplier of. */
  pizzeria: string | null;
  contactName: string;
  email: string;
  phone: string;
  deliveryDays: readonly Weekday[];
  leadTimeDays: number;
  minimumOrderCents: number;
  items: readonly DemoSupplierItem[];
}

const item = (
  ingredient: string,
  reference: string,
  packLabel: string,
  packQuantity: number,
  packPriceCents: number,
): DemoSupplierItem => ({ ingredient, reference, packLabel, packQuantity, packPriceCents });

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  {
    name: 'Laiterie du Val',
    pizzeria: null,
    contactName: 'Hélène Vasseur',
    email: 'commandes@laiterie-du-val.example',
    phone: '01 64 00 12 30',
    deliveryDays: ['mon', 'wed', 'fri'],
    leadTimeDays: 1,
    minimumOrderCents: 8000,
    // Crèmerie, fromages, charcuterie et volaille, desserts lactés
    items: [
      item('Mozzarella', 'LV-MOZ25', 'Bloc 2,5 kg', 2500, 2125),
      item('Crème fraîche', 'LV-CRE5', 'Seau 5 l', 5000, 1950),
      item('Gorgonzola', 'LV-GOR15', 'Demi-meule 1,5 kg', 1500, 2190),
      item('Fromage de chèvre', 'LV-CHE1', 'Bûche 1 kg', 1000, 1290),
      item('Emmental râpé', 'LV-EMM1', 'Sachet 1 kg', 1000, 890),
      item('Parmesan', 'LV-PAR1', 'Pointe 1 kg', 1000, 1990),
      item('Reblochon', 'LV-REB2', 'Carton 4 × 500 g', 2000, 2380),
      item('Œuf', 'LV-OEU30', 'Plateau de 30', 30, 780),
      item('Jambon blanc', 'LV-JAM3', 'Jambon 3 kg', 3000, 2850),
      item('Jambon cru', 'LV-JCR1', 'Tranches 1 kg', 1000, 2290),
      item('Chorizo', 'LV-CHO1', 'Chorizo tranché 1 kg', 1000, 1490),
      item('Lardons fumés', 'LV-LAR2', 'Sachet 2 kg', 2000, 1590),
      item('Poulet rôti', 'LV-POU2', 'Émincé 2 kg', 2000, 2190),
      item('Merguez', 'LV-MER2', 'Carton 2 kg', 2000, 1890),
      item('Viande hachée de bœuf', 'LV-BOE2', 'Barquette 2 kg', 2000, 2290),
      item('Saumon fumé', 'LV-SAU1', 'Tranches 1 kg', 1000, 3490),
      item('Tiramisu (pot individuel)', 'LV-TIR12', 'Carton de 12', 12, 1680),
      item('Mousse au chocolat (pot individuel)', 'LV-MOU12', 'Carton de 12', 12, 1320),
      item('Panna cotta aux fruits rouges (pot individuel)', 'LV-PAN12', 'Carton de 12', 12, 1440),
    ],
  },
  {
    name: 'Moulins de Brie',
    pizzeria: null,
    contactName: 'Laurent Chevallier',
    email: 'commandes@moulins-de-brie.example',
    phone: '01 60 00 45 67',
    deliveryDays: ['tue', 'fri'],
    leadTimeDays: 2,
    minimumOrderCents: 6000,
    // Pâtons, épicerie sèche, huile
    items: [
      item('Pâte à pizza', 'MB-PAT40', 'Carton 40 pâtons de 250 g', 10000, 1450),
      item("Huile d'olive", 'MB-HUI5', 'Bidon 5 l', 5000, 3450),
      item('Origan', 'MB-ORI500', 'Sachet 500 g', 500, 950),
      item('Miel', 'MB-MIE1', 'Pot 1 kg', 1000, 1150),
      item("Pain à l'ail (portion)", 'MB-PAI40', 'Carton de 40', 40, 2200),
      item('Sauce barbecue', 'MB-BBQ2', 'Bidon 2 l', 2000, 1290),
    ],
  },
  {
    name: 'Primeurs Rungis',
    pizzeria: null,
    contactName: 'Karim Aït-Ali',
    email: 'commandes@primeurs-rungis.example',
    phone: '01 46 00 78 90',
    deliveryDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
    leadTimeDays: 1,
    minimumOrderCents: 9000,
    // Légumes, conserves et boissons
    items: [
      item('Sauce tomate', 'PR-TOM5', 'Bidon 5 l', 5000, 1250),
      item('Champignons de Paris', 'PR-CHA3', 'Cagette 3 kg', 3000, 1050),
      item('Olives noires', 'PR-OLI2', 'Seau 2 kg', 2000, 1690),
      item('Basilic frais', 'PR-BAS100', 'Botte 100 g', 100, 250),
      item('Poivrons', 'PR-POI5', 'Cagette 5 kg', 5000, 1400),
      item('Oignons rouges', 'PR-OIG5', 'Filet 5 kg', 5000, 850),
      item('Pommes de terre', 'PR-PDT10', 'Sac 10 kg', 10000, 1150),
      item('Roquette', 'PR-ROQ1', 'Sachet 1 kg', 1000, 990),
      item('Tomates cerises', 'PR-TCE1', 'Barquette 1 kg', 1000, 590),
      item('Ananas', 'PR-ANA3', 'Boîte 3 kg', 3000, 890),
      item('Artichauts', 'PR-ART25', 'Boîte 2,5 kg', 2500, 1590),
      item('Câpres', 'PR-CAP1', 'Bocal 1 kg', 1000, 1190),
      item('Anchois', 'PR-ANC500', 'Boîte 500 g', 500, 1250),
      item('Thon', 'PR-THO17', 'Boîte 1,7 kg', 1700, 1690),
      item('Salade verte (barquette)', 'PR-SAL12', 'Carton de 12', 12, 1440),
      item('Coca-Cola 33 cl', 'PR-COC24', 'Pack de 24', 24, 1320),
      item('Coca-Cola zéro 33 cl', 'PR-COZ24', 'Pack de 24', 24, 1320),
      item('Orangina 33 cl', 'PR-ORA24', 'Pack de 24', 24, 1490),
      item('Eau minérale 50 cl', 'PR-EAU24', 'Pack de 24', 24, 720),
      item('Peroni Nastro Azzurro 33 cl', 'PR-PER24', 'Pack de 24', 24, 2150),
      item('Birra Moretti 33 cl', 'PR-MOR24', 'Pack de 24', 24, 2090),
    ],
  },
  {
    name: 'Boucherie Oberkampf',
    pizzeria: 'P01',
    contactName: 'Didier Roux',
    email: 'boucherie-oberkampf@example.fr',
    phone: '01 43 00 21 09',
    deliveryDays: ['tue', 'thu', 'sat'],
    leadTimeDays: 1,
    minimumOrderCents: 0,
    // P01's own butcher, a street away: minced beef and merguez a little cheaper than the group's
    items: [
      item('Viande hachée de bœuf', 'BO-HAC1', 'Barquette 1 kg', 1000, 1090),
      item('Merguez', 'BO-MER1', 'Barquette 1 kg', 1000, 890),
    ],
  },
];

export interface DemoPurchaseOrder {
  /** Written as the order's note: the seeder's natural key (a second run leaves an order with it alone). */
  note: string;
  pizzeria: string;
  supplier: string;
  /** Sent this many days before the seeding, at 10:00 Paris time; received in full `receivedAfterDays` later. */
  sentDaysAgo: number;
  receivedAfterDays: number;
  lines: readonly { ingredient: string; packs: number }[];
}

/** P01's last deliveries, received in full by its manager. */
export const DEMO_PURCHASE_ORDERS: readonly DemoPurchaseOrder[] = [
  {
    note: 'Réassort crèmerie (commande de démonstration 1)',
    pizzeria: 'P01',
    supplier: 'Laiterie du Val',
    sentDaysAgo: 12,
    receivedAfterDays: 2,
    lines: [
      { ingredient: 'Mozzarella', packs: 4 },
      { ingredient: 'Crème fraîche', packs: 1 },
      { ingredient: 'Jambon blanc', packs: 1 },
      { ingredient: 'Chorizo', packs: 1 },
      { ingredient: 'Emmental râpé', packs: 1 },
      { ingredient: 'Fromage de chèvre', packs: 1 },
    ],
  },
  {
    note: 'Pâtons et épicerie (commande de démonstration 2)',
    pizzeria: 'P01',
    supplier: 'Moulins de Brie',
    sentDaysAgo: 10,
    receivedAfterDays: 3,
    lines: [
      { ingredient: 'Pâte à pizza', packs: 3 },
      { ingredient: "Huile d'olive", packs: 1 },
      { ingredient: 'Origan', packs: 1 },
    ],
  },
  {
    note: 'Légumes et boissons (commande de démonstration 3)',
    pizzeria: 'P01',
    supplier: 'Primeurs Rungis',
    sentDaysAgo: 6,
    receivedAfterDays: 1,
    lines: [
      { ingredient: 'Sauce tomate', packs: 2 },
      { ingredient: 'Champignons de Paris', packs: 1 },
      { ingredient: 'Olives noires', packs: 1 },
      { ingredient: 'Basilic frais', packs: 2 },
      { ingredient: 'Poivrons', packs: 1 },
      { ingredient: 'Coca-Cola 33 cl', packs: 2 },
      { ingredient: 'Eau minérale 50 cl', packs: 2 },
    ],
  },
  {
    note: 'Viandes (commande de démonstration 4)',
    pizzeria: 'P01',
    supplier: 'Boucherie Oberkampf',
    sentDaysAgo: 4,
    receivedAfterDays: 1,
    lines: [
      { ingredient: 'Viande hachée de bœuf', packs: 3 },
      { ingredient: 'Merguez', packs: 2 },
    ],
  },
  {
    note: 'Réassort mozzarella (commande de démonstration 5)',
    pizzeria: 'P01',
    supplier: 'Laiterie du Val',
    sentDaysAgo: 3,
    receivedAfterDays: 1,
    lines: [
      { ingredient: 'Mozzarella', packs: 2 },
      { ingredient: 'Jambon blanc', packs: 1 },
      { ingredient: 'Gorgonzola', packs: 1 },
    ],
  },
];
