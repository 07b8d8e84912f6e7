import { z } from 'zod';
import { SQL_INT_MAX, text } from '../../shared/validate.js';
import { ORDER_STATUSES } from './state-machine.js';

export const PAYMENT_METHODS = ['card_online', 'card_on_delivery', 'cash', 'meal_voucher'] as const;

const id = z.number().int().positive().max(SQL_INT_MAX);

export const orderItemInput = z.object({
  productId: id,
  sizeId: id,
  quantity: z.number().int().min(1, 'quantité minimale : 1').max(50, 'quantité maximale : 50'),
  extraIds: z
    .array(id)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'supplément en double')
    .meta({ uniqueItems: true })
    .default([]),
});

export const itemsInput = z.array(orderItemInput).min(1, 'la commande est vide').max(30);

export const addressInput = z.object({
  line1: text(3, 200),
  line2: text(0, 200).optional(),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'code postal à 5 chiffres')
    .meta({ pattern: '^\\s*\\d{5}\\s*$' }),
  city: text(1, 100),
  instructions: text(0, 300).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});

const note = text(0, 500).optional();

/** An order for later: the start of its 15-minute slot, one of GET /pizzerias/{id}/slots. */
export const scheduledForInput = z.iso
  .datetime({ offset: true, message: 'date et heure ISO 8601 attendues' })
  .transform((v) => new Date(v))
  .optional()
  .describe(
    'Commande pour plus tard : début du créneau de 15 min choisi (livrée ou retirée à cette heure), un des créneaux de GET /pizzerias/{pizzeriaId}/slots ; absent : dès que possible',
  );

const scheduledForOutput = z
  .string()
  .nullable()
  .describe('Commande pour plus tard : heure prévue (livraison ou retrait) ; null : dès que possible');

/** JSON Schema: these fields are present (each named in `properties` too, as linters expect). */
const present = (...names: string[]) => ({
  properties: Object.fromEntries(names.map((n) => [n, {}])),
  required: names,
});

export const placeOrderBody = z
  .object({
    pizzeriaId: id.optional().describe('Facultatif en livraison : la pizzeria la plus rapide est choisie'),
    fulfilment: z.enum(['delivery', 'takeaway']),
    addressId: id.optional(),
    address: addressInput.optional(),
    items: itemsInput,
    paymentMethod: z.enum(PAYMENT_METHODS),
    note,
    scheduledFor: scheduledForInput,
  })
  .refine((b) => !(b.addressId && b.address), {
    message: 'addressId ou address, pas les deux',
    path: ['address'],
  })
  // What the document says of the fields together (checked here, or by the service: 422 address_required,
  // pizzeria_required): an address XOR a saved one; a delivery needs one; a takeaway, or an order for later,
  // names its shop.
  .meta({
    allOf: [
      { not: present('address', 'addressId') },
      { if: present('scheduledFor'), then: present('pizzeriaId') },
      {
        if: { properties: { fulfilment: { const: 'delivery' } }, required: ['fulfilment'] },
        then: { anyOf: [present('address'), present('addressId')] },
        else: present('pizzeriaId'),
      },
    ],
  });

export const counterOrderBody = z
  .object({
    channel: z.enum(['phone', 'counter']),
    pizzeriaId: id.optional(),
    customerName: text(1, 160),
    customerPhone: text(6, 30).optional(),
    fulfilment: z.enum(['delivery', 'takeaway']),
    address: addressInput.optional(),
    items: itemsInput,
    paymentMethod: z.enum(['card_on_delivery', 'cash', 'meal_voucher']),
    note,
    scheduledFor: scheduledForInput,
  })
  // A delivery needs its address (422 address_required).
  .meta({
    if: { properties: { fulfilment: { const: 'delivery' } }, required: ['fulfilment'] },
    then: present('address'),
  });

// Absent: the note is kept; null: it is cleared.
export const modifyOrderBody = z.object({ items: itemsInput, note: note.nullable() });

export const orderIdParam = z.object({ orderId: z.uuid('identifiant de commande invalide') });

export const collectedPaymentInput = z.object({
  method: z.enum(['cash', 'card_terminal', 'meal_voucher']),
  amountReceivedCents: z.number().int().min(0).max(1_000_000),
});

export const handOverBody = z.object({ payment: collectedPaymentInput.optional() });

const extraSnapshot = z.object({ id: z.number().int(), name: z.string(), priceCents: z.number().int() });

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  pizzeria: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    phone: z.string(),
    address: z
      .object({ line: z.string(), postcode: z.string(), city: z.string() })
      .describe('Où retirer une commande à emporter'),
  }),
  status: z.enum(ORDER_STATUSES),
  channel: z.enum(['web', 'phone', 'counter']),
  fulfilment: z.enum(['delivery', 'takeaway']),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  deliveryAddress: z
    .object({
      line1: z.string(),
      line2: z.string().nullable(),
      postcode: z.string(),
      city: z.string(),
      instructions: z.string().nullable(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
    })
    .nullable(),
  deliveryEstimate: z
    .object({
      distanceM: z.number().int().nullable(),
      travelSeconds: z.number().int().nullable(),
      approximate: z
        .boolean()
        .describe('Vrai quand la distance et le temps sont approchés (sans clé Google Maps)'),
    })
    .nullable(),
  lines: z.array(
    z.object({
      position: z.number().int(),
      productId: z.number().int(),
      sizeId: z.number().int(),
      productName: z.string(),
      sizeLabel: z.string(),
      quantity: z.number().int(),
      unitPriceCents: z.number().int(),
      extras: z.array(extraSnapshot),
      vatRateBp: z.number().int(),
      lineTotalCents: z.number().int(),
    }),
  ),
  subtotalCents: z.number().int(),
  deliveryFeeCents: z.number().int(),
  totalCents: z.number().int(),
  vatBreakdown: z.array(
    z.object({ rateBp: z.number().int(), baseCents: z.number().int(), vatCents: z.number().int() }),
  ),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentStatus: z.string(),
  paymentFailureReason: z.string().nullable().describe('Motif du dernier refus de paiement en ligne'),
  note: z.string().nullable(),
  estimatedReadyAt: z.string().nullable(),
  estimatedDeliveryAt: z.string().nullable(),
  scheduledFor: scheduledForOutput,
  canModify: z.boolean(),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const orderResponse = z.object({ order: orderSchema });
export const placedOrderResponse = z.object({
  order: orderSchema,
  payment: z
    .object({ clientSecret: z.string(), publishableKey: z.string() })
    .optional()
    .describe('Pour un paiement en ligne : à passer au Payment Element de Stripe'),
});
export const orderListResponse = z.object({ orders: z.array(orderSchema) });

export const quoteBody = z.object({
  pizzeriaId: id,
  fulfilment: z.enum(['delivery', 'takeaway']),
  items: itemsInput,
  scheduledFor: scheduledForInput,
});

const pricedLine = orderSchema.shape.lines.element;

export const quoteResponse = z.object({
  lines: z.array(pricedLine),
  subtotalCents: z.number().int(),
  deliveryFeeCents: z.number().int(),
  totalCents: z.number().int(),
  vatBreakdown: orderSchema.shape.vatBreakdown,
  minimumOrderCents: z.number().int().describe('Minimum de commande en livraison (0 à emporter)'),
  missingForMinimumCents: z.number().int().describe('Ce qui manque pour atteindre le minimum'),
  freeDeliveryThresholdCents: z.number().int().nullable(),
  unavailable: z
    .array(
      orderSchema.shape.lines.element.pick({
        position: true,
        productId: true,
        sizeId: true,
        productName: true,
        sizeLabel: true,
      }),
    )
    .describe(
      'Lignes que le stock de la pizzeria ne permet plus de préparer, ou qu’elle a retirées pour un temps (rupture) ; vide si tout est disponible',
    ),
  scheduledFor: scheduledForOutput,
});
