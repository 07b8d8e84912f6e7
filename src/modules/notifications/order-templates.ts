// The customer's e-mails about an order, in French: confirmation with the full receipt, the steps that matter
// (with the expected time and the tracking link), cancellation and refund with their amounts, a failed online
// payment with what to do. Built at send time from the order as it stands, plus the event's payload.
import { formatEuros, formatRate } from '../../shared/money.js';
import { paymentLabel, type OrderView } from '../orders/index.js';
import { brandedShop } from '../pizzerias/index.js';
import type { Block, Document } from './render.js';

export interface ShopLegal {
  siret: string | null;
  timezone: string;
}

export interface OrderMailContext {
  order: OrderView;
  shop: ShopLegal;
  firstName: string;
  publicUrl: string;
  companyName: string;
  siren: string;
  payload: Record<string, unknown>;
}

/** Intra-community VAT number of a French company: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function vatNumberOf(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

// Built once per time zone: making an Intl.DateTimeFormat costs far more than using it (the profile of the
// notifications benchmark showed frenchTime at 2.5 % of the app's CPU when each call made its own).
const formats = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
function formatsOf(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }),
      day: new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

/** « samedi 5 décembre à 19 h 45 » in the shop's time zone; « 19 h 45 » when `timeOnly`. */
export function frenchTime(iso: string, timeZone: string, timeOnly = false): string {
  const d = new Date(iso);
  const f = formatsOf(timeZone);
  const time = f.time.format(d).replace(':', ' h ');
  if (timeOnly) return time;
  return `${f.day.format(d)} à ${time}`;
}

const trackingUrl = (c: OrderMailContext) => `${c.publicUrl}/#/suivi/${c.order.id}`;
const trackButton = (c: OrderMailContext): Block => ({
  button: { label: 'Suivre ma commande', href: trackingUrl(c) },
});
const payment = (o: OrderView) => paymentLabel(o.paymentMethod, o.fulfilment);

/** When the customer can expect the order: the planned time of an order for later, else the estimate. */
function expected(c: OrderMailContext): string | null {
  const o = c.order;
  const tz = c.shop.timezone;
  if (o.scheduledFor) {
    return o.fulfilment === 'delivery'
      ? `Livraison prévue ${frenchTime(o.scheduledFor, tz)}.`
      : `Retrait prévu ${frenchTime(o.scheduledFor, tz)}.`;
  }
  if (o.fulfilment === 'delivery' && o.estimatedDeliveryAt)
    return `Livraison estimée vers ${frenchTime(o.estimatedDeliveryAt, tz, true)}.`;
  if (o.estimatedReadyAt) return `Prête à retirer vers ${frenchTime(o.estimatedReadyAt, tz, true)}.`;
  return null;
}

function shopLines(o: OrderView): string[] {
  const a = o.pizzeria.address;
  return [brandedShop(o.pizzeria.name), `${a.line}, ${a.postcode} ${a.city}`, `Tél. ${o.pizzeria.phone}`];
}

/** The receipt: lines with extras, fee, total, VAT per rate, payment, shop, and the legal mentions. */
export function receipt(c: OrderMailContext): Block[] {
  const o = c.order;
  const rows: { label: string; value: string; strong?: boolean; detail?: string }[] = o.lines.map((l) => ({
    label: `${l.quantity} × ${l.productName} (${l.sizeLabel})`,
    value: formatEuros(l.lineTotalCents),
    detail:
      [
        `${formatEuros(l.unitPriceCents)} l’unité`,
        ...l.extras.map((e) => `+ ${e.name} ${formatEuros(e.priceCents)}`),
      ].join(' · ') || undefined,
  }));
  rows.push({ label: 'Sous-total', value: formatEuros(o.subtotalCents) });
  if (o.fulfilment === 'delivery') {
    rows.push({
      label: 'Frais de livraison',
      value: o.deliveryFeeCents === 0 ? 'offerts' : formatEuros(o.deliveryFeeCents),
    });
  }
  rows.push({ label: 'Total TTC', value: formatEuros(o.totalCents), strong: true });
  for (const v of o.vatBreakdown) {
    rows.push({
      label: `dont TVA ${formatRate(v.rateBp)} (base HT ${formatEuros(v.baseCents)})`,
      value: formatEuros(v.vatCents),
    });
  }
  rows.push({ label: 'Paiement', value: payment(o) });
  return [
    { heading: `Reçu — commande n° ${o.number}` },
    { table: rows },
    {
      small: [
        ...shopLines(o),
        `${c.companyName} — SIRET ${c.shop.siret ?? `${c.siren} (SIREN)`} — TVA intracommunautaire ${vatNumberOf(c.siren)}`,
        `Commande du ${frenchTime(o.createdAt, c.shop.timezone)}. Prix en euros, TTC.`,
      ],
    },
  ];
}

const hello = (c: OrderMailContext): Block => ({ p: `Bonjour ${c.firstName},` });
const signature: Block = { small: ['Ce message vous est envoyé par OC Pizza au sujet de votre commande.'] };
const optOut = (c: OrderMailContext): Block => ({
  small: [
    'Vous recevez ce message car les e-mails de suivi sont activés dans votre compte.',
    `Pour ne plus les recevoir : ${c.publicUrl}/#/compte`,
  ],
});

function confirmation(c: OrderMailContext): Document {
  const o = c.order;
  const when = expected(c);
  return {
    subject: `Commande n° ${o.number} confirmée — ${brandedShop(o.pizzeria.name)}`,
    preheader: `Total ${formatEuros(o.totalCents)}. ${when ?? ''}`.trim(),
    blocks: [
      hello(c),
      {
        p: `Merci ! Nous avons bien reçu votre commande n° ${o.number} ${o.fulfilment === 'delivery' ? 'en livraison' : 'à emporter'} chez ${brandedShop(o.pizzeria.name)}.`,
      },
      ...(when ? [{ p: when }] : []),
      trackButton(c),
      ...receipt(c),
    ],
  };
}

const STEP_TEXT: Record<string, (c: OrderMailContext) => { subject: string; lead: string }> = {
  preparing: (c) => ({
    subject: `Votre commande n° ${c.order.number} est en préparation`,
    lead: 'Nos pizzaïolos ont commencé à préparer votre commande.',
  }),
  out_for_delivery: (c) => ({
    subject: `Votre commande n° ${c.order.number} est en route`,
    lead: 'Votre livreur est parti avec votre commande.',
  }),
  ready: (c) => ({
    subject: `Votre commande n° ${c.order.number} est prête`,
    lead: `Votre commande vous attend chez ${brandedShop(c.order.pizzeria.name)}, ${c.order.pizzeria.address.line}, ${c.order.pizzeria.address.city}.`,
  }),
  delivered: (c) => ({
    subject: `Votre commande n° ${c.order.number} a été livrée`,
    lead: 'Votre commande a été livrée. Bon appétit !',
  }),
  collected: (c) => ({
    subject: `Votre commande n° ${c.order.number} a été retirée`,
    lead: 'Vous avez retiré votre commande. Bon appétit !',
  }),
};

function step(c: OrderMailContext, status: string): Document {
  const { subject, lead } = STEP_TEXT[status](c);
  const when = status === 'delivered' || status === 'collected' ? null : expected(c);
  return {
    subject,
    preheader: when ?? lead,
    blocks: [
      hello(c),
      { p: lead },
      ...(when ? [{ p: when }] : []),
      ...(status === 'delivered' || status === 'collected' ? [] : [trackButton(c)]),
      signature,
      optOut(c),
    ],
  };
}

const paymentOutcome: Record<string, string> = {
  voided: 'Le paiement autorisé sur votre carte a été annulé : aucun montant ne sera prélevé.',
  refunded: 'Le montant payé vous est intégralement remboursé sur votre carte (sous quelques jours).',
  partially_refunded: 'Une partie du montant payé vous est remboursée sur votre carte (sous quelques jours).',
  pending: 'Aucun paiement n’a été encaissé.',
  failed: 'Aucun paiement n’a été encaissé.',
  unpaid: 'Aucun paiement n’a été encaissé.',
};

function cancelled(c: OrderMailContext): Document {
  const o = c.order;
  const by = c.payload.actor;
  const reason = typeof c.payload.note === 'string' && c.payload.note ? c.payload.note : null;
  const who =
    by === 'customer'
      ? 'Comme vous l’avez demandé, votre commande'
      : by === 'system'
        ? 'Votre commande'
        : `${brandedShop(o.pizzeria.name)} a dû annuler votre commande`;
  return {
    subject: `Commande n° ${o.number} annulée`,
    preheader: `Montant de la commande : ${formatEuros(o.totalCents)}.`,
    blocks: [
      hello(c),
      {
        p: `${who} n° ${o.number} ${by === 'customer' || by === 'system' ? 'a été annulée' : ''}.`.replace(
          ' .',
          '.',
        ),
      },
      ...(reason ? [{ p: `Motif : ${reason}` }] : []),
      {
        table: [
          { label: 'Montant de la commande', value: formatEuros(o.totalCents) },
          { label: 'Paiement', value: payment(o) },
        ],
      },
      { p: paymentOutcome[o.paymentStatus] ?? 'Aucun montant ne vous sera demandé pour cette commande.' },
      { p: `Une question ? Appelez ${brandedShop(o.pizzeria.name)} au ${o.pizzeria.phone}.` },
      signature,
    ],
  };
}

function refunded(c: OrderMailContext): Document {
  const o = c.order;
  const amount = Number(c.payload.amountCents);
  const refundedTotal = Number(c.payload.refundedCents ?? amount);
  const paid = Number(c.payload.paidCents ?? o.totalCents);
  return {
    subject: `Remboursement de ${formatEuros(amount)} — commande n° ${o.number}`,
    preheader: `Nous vous remboursons ${formatEuros(amount)}.`,
    blocks: [
      hello(c),
      {
        p: `Nous vous remboursons ${formatEuros(amount)} sur la commande n° ${o.number}. Le montant apparaîtra sur votre compte sous 5 à 10 jours ouvrés, selon votre banque.`,
      },
      ...(typeof c.payload.reason === 'string' && c.payload.reason
        ? [{ p: `Motif : ${c.payload.reason}` }]
        : []),
      {
        table: [
          { label: 'Montant remboursé', value: formatEuros(amount), strong: true },
          { label: 'Montant payé', value: formatEuros(paid) },
          { label: 'Total remboursé sur cette commande', value: formatEuros(refundedTotal) },
        ],
      },
      { p: `Une question ? Appelez ${brandedShop(o.pizzeria.name)} au ${o.pizzeria.phone}.` },
      signature,
    ],
  };
}

function paymentFailed(c: OrderMailContext): Document {
  const o = c.order;
  const reason = typeof c.payload.reason === 'string' ? c.payload.reason : o.paymentFailureReason;
  return {
    subject: `Paiement refusé — commande n° ${o.number}`,
    preheader: 'Votre commande n’est pas encore confirmée.',
    blocks: [
      hello(c),
      {
        p: `Le paiement en ligne de votre commande n° ${o.number} (${formatEuros(o.totalCents)}) n’a pas abouti.`,
      },
      ...(reason ? [{ p: `Motif : ${reason}` }] : []),
      {
        p: 'Votre commande n’est pas encore confirmée. Depuis la page de suivi, vous pouvez réessayer avec une autre carte dans les minutes qui viennent ; sans paiement, elle sera annulée automatiquement et rien ne vous sera prélevé.',
      },
      { button: { label: 'Réessayer le paiement', href: trackingUrl(c) } },
      {
        p: `Vous pouvez aussi commander par téléphone au ${o.pizzeria.phone} et payer à la livraison ou au retrait.`,
      },
      signature,
    ],
  };
}

/** The document of an order message kind (`order.<event>`), or undefined for an unknown kind. */
export function orderDocument(kind: string, c: OrderMailContext): Document | undefined {
  const event = kind.replace(/^order\./, '');
  if (event === 'confirmation') return confirmation(c);
  if (event === 'cancelled') return cancelled(c);
  if (event === 'refunded') return refunded(c);
  if (event === 'payment_failed') return paymentFailed(c);
  if (event in STEP_TEXT) return step(c, event);
  return undefined;
}
