// Inputs of the live tracking streams, validated at the edge.
import { z } from 'zod';
import { shopQuery } from './staff-orders.schemas.js';

/** EventSource cannot send an Authorization header: the token may come in the query string instead. */
const accessToken = z
  .string()
  .optional()
  .describe('Jeton d’accès, pour EventSource qui ne peut pas envoyer d’en-tête');

export const orderEventsParams = z.object({ orderId: z.uuid('identifiant de commande invalide') });

export const orderEventsQuery = z.object({ access_token: accessToken });

export const shopEventsQuery = z.object({
  pizzeriaId: shopQuery.shape.pizzeriaId.describe('Pizzeria suivie (rôles du groupe)'),
  access_token: accessToken,
});

/** What the customer's stream says about the order, in the first frame and in every later one. */
export interface TrackingState {
  orderId: string;
  number: string;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  estimatedReadyAt: string | null;
  estimatedDeliveryAt: string | null;
  /** An order for later: its planned time (null: as soon as possible). */
  scheduledFor: string | null;
  /** When this state was true (last change of the order). */
  at: string;
}
