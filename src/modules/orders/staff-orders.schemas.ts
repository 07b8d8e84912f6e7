import { z } from 'zod';
import { SQL_INT_MAX } from '../../shared/validate.js';
import { PAYMENT_METHODS } from './orders.schemas.js';

export const shopQuery = z.object({
  pizzeriaId: z.coerce.number().int().positive().max(SQL_INT_MAX).optional(),
});

const plannedFor = z
  .string()
  .nullable()
  .describe('Commande pour plus tard : heure prévue de livraison ou de retrait ; null : dès que possible');

const memoItem = z.object({ name: z.string(), unit: z.string(), quantity: z.number().int() });

export const kitchenQueueResponse = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(['received', 'preparing']),
      fulfilment: z.enum(['delivery', 'takeaway']),
      customerName: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      estimatedReadyAt: z.string().nullable(),
      scheduledFor: plannedFor,
      lines: z.array(
        z.object({
          position: z.number().int(),
          productName: z.string(),
          sizeLabel: z.string(),
          quantity: z.number().int(),
          extras: z.array(z.object({ id: z.number().int(), name: z.string(), priceCents: z.number().int() })),
          memo: z.object({ steps: z.string(), ingredients: z.array(memoItem), extras: z.array(memoItem) }),
        }),
      ),
    }),
  ),
});

export const deliveriesResponse = z.object({
  deliveries: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(['ready', 'out_for_delivery']),
      customerName: z.string(),
      customerPhone: z.string().nullable(),
      address: z.object({
        line1: z.string(),
        line2: z.string().nullable(),
        postcode: z.string(),
        city: z.string(),
        instructions: z.string().nullable(),
      }),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      totalCents: z.number().int(),
      paymentMethod: z.string(),
      amountToCollectCents: z.number().int(),
      estimatedDeliveryAt: z.string().nullable(),
      scheduledFor: plannedFor,
      routePosition: z.number().int().describe('Ordre de passage'),
      directionsUrl: z.string(),
    }),
  ),
  runDirectionsUrl: z.string().nullable().describe('Itinéraire complet de la tournée en cours (Google Maps)'),
});

export const takeawayQueueResponse = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(['received', 'preparing', 'ready']),
      customerName: z.string(),
      customerPhone: z.string().nullable(),
      totalCents: z.number().int(),
      paymentMethod: z.enum(PAYMENT_METHODS),
      paymentStatus: z.string(),
      amountToCollectCents: z.number().int().describe('À encaisser à la remise (0 si déjà payée)'),
      createdAt: z.string(),
      estimatedReadyAt: z.string().nullable(),
      scheduledFor: plannedFor,
      lines: z.array(
        z.object({ productName: z.string(), sizeLabel: z.string(), quantity: z.number().int() }),
      ),
    }),
  ),
});
