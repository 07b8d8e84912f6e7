// « Réceptionner » a sent or partly received purchase order: per line what was ordered, what already came, what
// comes now and what is refused (with why), « Réception définitive »; then the differences (manquant, en trop,
// refusé). The order is named in the address (?purchaseOrderId=…); data and actions from admin/purchasing.ts.
import React, { useState } from 'react';
import { Box, Button, H2, H4, Text } from '@adminjs/design-system';
import { Loading, Notices, useActionData } from './shop-page';

const cell = { padding: '6px 10px', borderBottom: '1px solid #eee', textAlign: 'left', verticalAlign: 'top' };
const number = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' };
const UNITS = { g: 'g', ml: 'ml', piece: 'pièce(s)' };

function Differences({ order }) {
  const rows = order.lines.filter((l) => l.shortLabel || l.overLabel || l.refusedQuantity > 0);
  return (
    <Box mb="lg" data-testid="reception-differences">
      <H4>Écarts</H4>
      {rows.length === 0 ? (
        <Text>Aucun écart : tout ce qui a été commandé est reçu.</Text>
      ) : (
        <ul>
          {rows.map((l) => (
            <li key={l.id} data-testid="reception-difference">
              {l.name} :{' '}
              {[
                l.shortLabel ? `manquant ${l.shortLabel}` : null,
                l.overLabel ? `en trop ${l.overLabel}` : null,
                l.refusedQuantity > 0
                  ? `refusé ${l.refusedLabel}${l.refusedReasons.length ? ` (${l.refusedReasons.join(', ')})` : ''}`
                  : null,
              ]
                .filter(Boolean)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

const PurchaseReception = ({ action, resource }) => {
  const [form, setForm] = useState({});
  const [final, setFinal] = useState(false);
  const id = new URLSearchParams(window.location.search).get('purchaseOrderId') ?? '';
  const params = id ? { purchaseOrderId: id } : {};
  // Each answer about an order resets the form to what is left to receive.
  const { data, busy, error, call } = useActionData({ action, resource }, params, (d) => {
    if (!d.order) return;
    setForm(
      Object.fromEntries(
        d.order.lines.map((l) => [l.id, { received: String(l.toReceive), refused: '0', reason: '' }]),
      ),
    );
    setFinal(false);
  });
  if (!data) return <Loading error={error} />;
  const order = data.order;
  const set = (lineId, field, value) => setForm({ ...form, [lineId]: { ...form[lineId], [field]: value } });
  const submit = () =>
    call(params, {
      purchaseOrderId: String(order.id),
      final: final ? 'true' : 'false',
      lines: JSON.stringify(
        order.lines.map((l) => ({
          purchaseOrderLineId: l.id,
          receivedQuantity: Number(form[l.id]?.received || 0),
          refusedQuantity: Number(form[l.id]?.refused || 0),
          refusedReason: form[l.id]?.reason ?? '',
        })),
      ),
    });
  return (
    <Box variant="container" data-testid="purchase-reception">
      <H2>Réceptionner une commande</H2>
      <Notices notice={data.notice} error={error} />
      {order ? (
        <>
          <Text mb="lg" data-testid="reception-order">
            Bon de commande {order.number} — {order.statusLabel} — {order.supplierName}, livraison prévue le{' '}
            {order.expectedLabel}, total {order.totalLabel} HT.
          </Text>
          {data.received || !order.receivable ? <Differences order={order} /> : null}
          {order.receivable ? (
            <>
              <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '12px' }}>
                <thead>
                  <tr>
                    <th style={cell}>Ingrédient</th>
                    <th style={number}>Commandé</th>
                    <th style={number}>Déjà reçu</th>
                    <th style={number}>Reçu maintenant</th>
                    <th style={number}>Refusé maintenant</th>
                    <th style={cell}>Motif du refus</th>
                  </tr>
                </thead>
                <tbody>
                  {order.lines.map((l) => (
                    <tr key={l.id} data-testid="reception-line">
                      <td style={cell}>{l.name}</td>
                      <td style={number}>
                        {l.packs} × {l.packLabel} ({l.orderedLabel})
                      </td>
                      <td style={number}>{l.receivedLabel}</td>
                      <td style={number}>
                        <input
                          type="number"
                          min="0"
                          step="1"
                          aria-label={`Reçu maintenant de ${l.name} (${UNITS[l.unit] ?? l.unit})`}
                          data-testid={`received-${l.ingredientId}`}
                          value={form[l.id]?.received ?? ''}
                          onChange={(e) => set(l.id, 'received', e.target.value)}
                          style={{ width: '90px', padding: '4px' }}
                        />{' '}
                        {UNITS[l.unit] ?? l.unit}
                      </td>
                      <td style={number}>
                        <input
                          type="number"
                          min="0"
                          step="1"
                          aria-label={`Refusé maintenant de ${l.name} (${UNITS[l.unit] ?? l.unit})`}
                          data-testid={`refused-${l.ingredientId}`}
                          value={form[l.id]?.refused ?? ''}
                          onChange={(e) => set(l.id, 'refused', e.target.value)}
                          style={{ width: '90px', padding: '4px' }}
                        />{' '}
                        {UNITS[l.unit] ?? l.unit}
                      </td>
                      <td style={cell}>
                        <input
                          type="text"
                          aria-label={`Motif du refus de ${l.name}`}
                          data-testid={`reason-${l.ingredientId}`}
                          value={form[l.id]?.reason ?? ''}
                          onChange={(e) => set(l.id, 'reason', e.target.value)}
                          style={{ width: '100%', padding: '4px' }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Box mb="lg">
                <label>
                  <input
                    type="checkbox"
                    checked={final}
                    data-testid="reception-final"
                    onChange={(e) => setFinal(e.target.checked)}
                  />{' '}
                  Réception définitive (rien d’autre ne viendra pour ce bon)
                </label>
              </Box>
              <Button variant="contained" disabled={busy} onClick={submit} data-testid="reception-submit">
                Enregistrer la réception
              </Button>
            </>
          ) : null}
        </>
      ) : null}
    </Box>
  );
};

export default PurchaseReception;
