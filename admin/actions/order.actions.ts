// Order actions of the back office: the next step of an order (the same steps as the staff screens), its
// cancellation, refunds and the correction of how a collected payment was taken. Each goes through the order or payment services, which lock the order, keep the
// stock ledger and the status history, talk to Stripe when the order was paid online, and publish the change
// to the live screens.
import type { BaseRecord } from 'adminjs';
import {
  MODIFIABLE,
  STAFF_STEP_NAMES,
  STAFF_STEPS,
  type CollectedPayment,
  type StaffStep,
} from '../../src/modules/orders/index.js';
import type { Permission } from '../../src/modules/staff/index.js';
import { providerLabel } from '../../src/modules/payments/index.js';
import { formatEuros } from '../../src/shared/money.js';
import { assertGranted, type AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { formAction, principalOf, type FieldOption } from './form-action.js';

interface Step extends FieldOption {
  value: StaffStep;
  permission: Permission;
}

/** The staff steps of the orders module's one table (statuses each starts from, the right each needs). */
const STEPS: readonly Step[] = STAFF_STEP_NAMES.map((value) => {
  const { label, from, permission } = STAFF_STEPS[value];
  return { value, label, when: [...from], permission };
});

const STEP_GRANTS = [...new Set(STEPS.map((s) => s.permission))];
const PAYMENT_STEPS = STAFF_STEP_NAMES.filter((name) => STAFF_STEPS[name].effects.collectsPayment);
const CLOSED = ['delivered', 'collected', 'cancelled'];

/** The means collected at hand-over. */
const PAYMENT_METHODS: FieldOption[] = ['cash', 'card_terminal', 'meal_voucher'].map((value) => ({
  value,
  label: providerLabel(value),
}));

const orderId = (record: BaseRecord) => String(record.id());

export function orderActions(access: AccessSpec, deps: AdminDeps) {
  return {
    advance: formAction({
      access,
      grant: STEP_GRANTS,
      icon: 'ArrowRight',
      intro:
        'Fait avancer la commande d’une étape, comme sur les écrans du personnel. Une commande payée à la ' +
        'livraison ou au comptoir demande le paiement encaissé.',
      submitLabel: 'Valider l’étape',
      appliesTo: (record) =>
        !CLOSED.includes(String(record.params.status)) && record.params.status !== 'pending_payment',
      fields: [
        {
          name: 'step',
          label: 'Étape',
          type: 'select',
          required: true,
          options: STEPS.map(({ permission: _p, ...o }) => o),
        },
        {
          name: 'paymentMethod',
          label: 'Paiement encaissé',
          type: 'select',
          options: PAYMENT_METHODS,
          showIf: { field: 'step', values: PAYMENT_STEPS },
          help: 'Inutile si la commande est déjà payée en ligne.',
        },
        {
          name: 'amountReceived',
          label: 'Montant reçu (€)',
          type: 'euros',
          showIf: { field: 'step', values: PAYMENT_STEPS },
        },
      ],
      run: async ({ staff, record, values, context }) => {
        const step = STEPS.find((s) => s.value === values.step)!;
        assertGranted(context, step.permission, record);
        const payment: CollectedPayment | undefined = values.paymentMethod
          ? {
              method: values.paymentMethod as CollectedPayment['method'],
              amountReceivedCents: (values.amountReceived as number | undefined) ?? 0,
            }
          : undefined;
        const order = await deps.services.orders.staffStep(
          principalOf(staff),
          orderId(record),
          step.value,
          payment,
        );
        return `Commande ${order.number} : ${step.label.toLowerCase()}.`;
      },
    }),
    cancel: formAction({
      access,
      grant: 'orders.cancel',
      icon: 'XCircle',
      intro:
        'Annule la commande tant que sa préparation n’a pas commencé : le stock réservé est libéré et un ' +
        'paiement en ligne non encaissé est annulé.',
      submitLabel: 'Annuler la commande',
      appliesTo: (record) => MODIFIABLE.includes(record.params.status),
      fields: [{ name: 'reason', label: 'Motif de l’annulation', type: 'text', required: true }],
      run: async ({ staff, record, values }) => {
        const order = await deps.services.orders.cancel(
          principalOf(staff),
          orderId(record),
          values.reason as string,
        );
        return `Commande ${order.number} annulée.`;
      },
    }),
    refund: formAction({
      access,
      grant: 'payments.refund',
      icon: 'RotateCcw',
      intro:
        'Rembourse tout ou partie d’une commande payée : par Stripe pour un paiement en ligne, sinon le ' +
        'remboursement rendu en caisse est enregistré.',
      submitLabel: 'Rembourser',
      appliesTo: (record) =>
        record.params.paymentStatus === 'paid' || record.params.paymentStatus === 'partially_refunded',
      fields: [
        { name: 'amount', label: 'Montant à rembourser (€)', type: 'euros', required: true },
        { name: 'reason', label: 'Motif du remboursement', type: 'text', required: true },
      ],
      run: async ({ staff, record, values }) => {
        const amountCents = values.amount as number;
        const order = await deps.services.payments.refund(principalOf(staff), orderId(record), {
          amountCents,
          reason: values.reason as string,
        });
        return `Remboursement de ${formatEuros(amountCents)} enregistré sur la commande ${order.number}.`;
      },
    }),
    correctPayment: formAction({
      access,
      grant: 'payments.correct',
      icon: 'Edit',
      intro:
        'Corrige le moyen de paiement enregistré à la remise (par exemple des espèces saisies pour un paiement ' +
        'au terminal). Le journal des ventes et le FEC enregistrent la correction à la date d’aujourd’hui ; ' +
        'les journées déjà passées ne changent pas. Impossible après un remboursement.',
      submitLabel: 'Corriger',
      appliesTo: (record) =>
        (record.params.status === 'delivered' || record.params.status === 'collected') &&
        record.params.paymentStatus === 'paid' &&
        record.params.paymentMethod !== 'card_online',
      fields: [
        {
          name: 'method',
          label: 'Moyen réellement encaissé',
          type: 'select',
          required: true,
          options: PAYMENT_METHODS,
        },
        { name: 'reason', label: 'Motif de la correction', type: 'text', required: true },
      ],
      run: async ({ staff, record, values }) => {
        const method = PAYMENT_METHODS.find((m) => m.value === values.method)!;
        const order = await deps.services.payments.correctMethod(principalOf(staff), orderId(record), {
          method: method.value as 'cash' | 'card_terminal' | 'meal_voucher',
          reason: values.reason as string,
        });
        return `Commande ${order.number} : moyen de paiement corrigé (${method.label}).`;
      },
    }),
  };
}
