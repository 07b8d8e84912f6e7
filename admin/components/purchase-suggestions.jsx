// « Suggestions de commande »: per supplier, what to order now (each line's packs editable, totals and the
// supplier's minimum follow), « Créer le bon de commande », then « Envoyer au fournisseur »; below, the shop's
// open purchase orders with « Réceptionner ». Data and actions come from admin/purchasing.ts.
import React, { useState } from 'react';
import { Box, Button, H2, H4, Text } from '@adminjs/design-system';
import { Loading, Notices, ShopPicker, useActionData } from './shop-page';

const euros = (cents) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const cell = { padding: '6px 10px', borderBottom: '1px solid #eee', textAlign: 'left', verticalAlign: 'top' };
const number = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' };

function SupplierCard({ s, busy, onCreate }) {
  const [packs, setPacks] = useState(() => Object.fromEntries(s.lines.map((l) => [l.ingredientId, l.packs])));
  const count = (l) => {
    const n = Number(packs[l.ingredientId]);
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  const total = s.lines.reduce((sum, l) => sum + count(l) * l.packPriceCents, 0);
  const reached = total >= s.minimumOrderCents;
  return (
    <Box mb="xl" data-testid={`suggestion-${s.supplierId}`}>
      <H4>{s.supplierName}</H4>
      <Text mb="default">
        Livraison le {s.deliveryLabel} (commander au plus tard le {s.orderByLabel}) ; la commande doit couvrir
        jusqu’à la livraison suivante, le {s.nextDeliveryLabel}.
      </Text>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '12px' }}>
        <thead>
          <tr>
            <th style={cell}>Ingrédient</th>
            <th style={number}>Stock prévu à la livraison</th>
            <th style={number}>Niveau cible</th>
            <th style={number}>Jours de couverture</th>
            <th style={cell}>Motif</th>
            <th style={cell}>Conditionnement</th>
            <th style={number}>Colis</th>
            <th style={number}>Total HT</th>
          </tr>
        </thead>
        <tbody>
          {s.lines.map((l) => (
            <tr key={l.ingredientId} data-testid="suggestion-line">
              <td style={cell}>{l.name}</td>
              <td style={number}>{l.stockAtDeliveryLabel}</td>
              <td style={number}>{l.parLevelLabel}</td>
              <td style={number}>{l.daysOfCoverLabel}</td>
              <td style={cell}>{l.reason}</td>
              <td style={cell}>
                {l.packLabel} ({l.packPriceLabel} HT)
              </td>
              <td style={number}>
                <input
                  type="number"
                  min="0"
                  step="1"
                  aria-label={`Colis de ${l.name}`}
                  data-testid={`packs-${l.ingredientId}`}
                  value={packs[l.ingredientId]}
                  onChange={(e) => setPacks({ ...packs, [l.ingredientId]: e.target.value })}
                  style={{ width: '70px', padding: '4px' }}
                />
              </td>
              <td style={number} data-testid={`line-total-${l.ingredientId}`}>
                {euros(count(l) * l.packPriceCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Text mb="default" data-testid={`suggestion-total-${s.supplierId}`}>
        Total : {euros(total)} HT —{' '}
        {reached
          ? `minimum de commande (${s.minimumLabel}) atteint`
          : `minimum de commande (${s.minimumLabel}) non atteint`}
      </Text>
      <Button
        variant="contained"
        disabled={busy}
        data-testid={`create-${s.supplierId}`}
        onClick={() =>
          onCreate(
            s.supplierId,
            s.lines.map((l) => ({ ingredientId: l.ingredientId, packs: count(l), suggestedPacks: l.packs })),
          )
        }
      >
        Créer le bon de commande
      </Button>
    </Box>
  );
}

function OrderBox({ order, busy, onSend, reception }) {
  return (
    <Box mb="xl" p="lg" style={{ border: '1px solid #ddd' }} data-testid="purchase-order">
      <H4>
        Bon de commande {order.number} — {order.statusLabel}
      </H4>
      <Text mb="default">
        {order.supplierName}, livraison prévue le {order.expectedLabel}, total {order.totalLabel} HT.
      </Text>
      <ul>
        {order.lines.map((l) => (
          <li key={l.id}>
            {l.name} : {l.packs} × {l.packLabel} ({l.orderedLabel}), {l.lineTotalLabel} HT
          </li>
        ))}
      </ul>
      {order.status === 'draft' ? (
        <Button variant="contained" disabled={busy} onClick={() => onSend(order.id)} data-testid="send-order">
          Envoyer au fournisseur
        </Button>
      ) : null}
      {order.receivable ? <a href={reception(order.id)}>Réceptionner {order.number}</a> : null}
    </Box>
  );
}

const PurchaseSuggestions = ({ action, resource }) => {
  const [shop, setShop] = useState('');
  const { data, busy, error, call } = useActionData({ action, resource }, {}, (d) => {
    if (d.shopId) setShop((current) => current || String(d.shopId));
  });
  if (!data) return <Loading error={error} />;
  const base = window.REDUX_STATE.paths.rootPath;
  const params = shop ? { pizzeriaId: shop } : {};
  const reception = (id) =>
    `${base}/resources/${resource.id}/actions/purchaseReception?purchaseOrderId=${id}`;
  return (
    <Box variant="container" data-testid="purchase-suggestions">
      <H2>Suggestions de commande</H2>
      <Text mb="lg">
        Pour chaque fournisseur, ce qu’il faut commander aujourd’hui pour tenir jusqu’à la livraison suivante,
        avec une marge de sécurité, d’après la prévision de consommation et ce qui est déjà en commande.
      </Text>
      <Notices notice={data.notice} error={error} />
      <ShopPicker
        id="purchasing-shop"
        mb="lg"
        shops={data.shops}
        value={shop}
        onChange={(value) => {
          setShop(value);
          call({ pizzeriaId: value });
        }}
      />
      {data.order ? (
        <OrderBox
          order={data.order}
          busy={busy}
          reception={reception}
          onSend={(id) => call(params, { op: 'send', pizzeriaId: shop, purchaseOrderId: String(id) })}
        />
      ) : null}
      {data.todayLabel ? <Text mb="lg">Suggestions du {data.todayLabel}.</Text> : null}
      {data.suppliers.length === 0 ? (
        <Text mb="lg">Rien à commander pour l’instant.</Text>
      ) : (
        data.suppliers.map((s) => (
          <SupplierCard
            key={`${data.shopId}-${s.supplierId}-${s.totalCents}`}
            s={s}
            busy={busy}
            onCreate={(supplierId, lines) =>
              call(params, {
                op: 'create',
                pizzeriaId: shop,
                supplierId: String(supplierId),
                lines: JSON.stringify(lines),
              })
            }
          />
        ))
      )}
      <H4>Commandes en attente de livraison</H4>
      {data.openOrders.length === 0 ? (
        <Text>Aucune commande envoyée en attente.</Text>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={cell}>Bon</th>
              <th style={cell}>Fournisseur</th>
              <th style={cell}>Statut</th>
              <th style={cell}>Livraison prévue</th>
              <th style={number}>Total HT</th>
              <th style={cell}>Action</th>
            </tr>
          </thead>
          <tbody>
            {data.openOrders.map((o) => (
              <tr key={o.id} data-testid="open-order">
                <td style={cell}>{o.number}</td>
                <td style={cell}>{o.supplierName}</td>
                <td style={cell}>{o.statusLabel}</td>
                <td style={cell}>{o.expectedLabel}</td>
                <td style={number}>{o.totalLabel}</td>
                <td style={cell}>
                  <a href={reception(o.id)} data-testid={`receive-${o.id}`}>
                    Réceptionner
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Box>
  );
};

export default PurchaseSuggestions;
