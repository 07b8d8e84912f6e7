// The back office's home: the figures of admin/dashboard.ts as cards and small SVG charts (no chart library:
// the bundle stays small). Group roles pick one shop or the whole group.
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, H4, Loader, MessageBox, Text } from '@adminjs/design-system';

const api = new ApiClient();
const euros = (cents) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const minutes = (m) => (m === null || m === undefined ? '—' : `${String(m).replace('.', ',')} min`);
const UNITS = { g: 'g', ml: 'ml', piece: 'pièce(s)' };
const STATUS = {
  pending_payment: 'En attente de paiement',
  received: 'Reçues',
  preparing: 'En préparation',
  ready: 'Prêtes',
  out_for_delivery: 'En livraison',
  delivered: 'Livrées',
  collected: 'Retirées',
  cancelled: 'Annulées',
};
const RED = '#b3261e';

const Card = ({ label, value, testId }) => (
  <Box variant="card" p="lg" style={{ minWidth: 0, boxSizing: 'border-box' }} data-testid={testId}>
    <Text variant="sm" color="grey60">
      {label}
    </Text>
    <Text fontSize="xl" fontWeight="bold" mt="sm">
      {value}
    </Text>
  </Box>
);

const Panel = ({ title, children }) => (
  <Box variant="card" p="lg" mr="lg" mb="lg" style={{ flex: '1 1 420px' }}>
    <H4 mb="lg">{title}</H4>
    {children}
  </Box>
);

/** Revenue of the last 30 days, one bar a day. */
function DailyChart({ days }) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...days.map((d) => d.revenueCents));
  const bar = width / Math.max(days.length, 1);
  return (
    <svg
      viewBox={`0 0 ${width} ${height + 20}`}
      width="100%"
      role="img"
      aria-label="Chiffre d’affaires par jour"
    >
      {days.map((d, i) => {
        const h = Math.round((d.revenueCents / max) * height);
        return (
          <g key={d.day}>
            <title>{`${d.day.split('-').reverse().join('/')} : ${euros(d.revenueCents)}`}</title>
            <rect x={i * bar + 2} y={height - h} width={bar - 4} height={h} fill={RED} rx="2" />
          </g>
        );
      })}
      <line x1="0" y1={height} x2={width} y2={height} stroke="#999" />
      {days.length ? (
        <>
          <text x="0" y={height + 15} fontSize="11" fill="#555">
            {days[0].day.split('-').reverse().join('/')}
          </text>
          <text x={width} y={height + 15} fontSize="11" fill="#555" textAnchor="end">
            aujourd’hui
          </text>
        </>
      ) : null}
    </svg>
  );
}

/** Horizontal bars: label, bar, value; screen readers get the same figures as one sentence. */
function Bars({ title, rows, format = (v) => v }) {
  if (!rows.length) return <Text color="grey60">Rien pour l’instant.</Text>;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <svg
      viewBox={`0 0 600 ${rows.length * 28}`}
      width="100%"
      role="img"
      aria-label={`${title} : ${rows.map((r) => `${r.label}, ${format(r.value)}`).join(' ; ')}`}
    >
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0, ${i * 28})`}>
          <text x="0" y="17" fontSize="13" fill="#222">
            {r.label}
          </text>
          <rect x="200" y="4" width={Math.max(2, (r.value / max) * 320)} height="18" fill={RED} rx="2" />
          <text x={210 + (r.value / max) * 320} y="17" fontSize="13" fill="#222">
            {format(r.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

const pct = (v) => (v === null || v === undefined ? '—' : `${String(v).replace('.', ',')} %`);
const frenchDay = (d) => d.split('-').reverse().join('/');
const TABLE = { width: '100%', borderCollapse: 'collapse', fontSize: '13px' };
const ROW = { borderTop: '1px solid #eee' };
const Unknown = ({ names }) =>
  names.length ? (
    <span style={{ color: RED }} title={`Prix inconnu : ${names.join(', ')}`}>
      {' '}
      ⚠ prix inconnu : {names.join(', ')}
    </span>
  ) : null;

/** « Coût matière »: food cost and margin per size of the shop's menu, and per day beside revenue (HT). */
function FoodCost({ cost }) {
  const counted = cost.prices.filter((p) => p.source);
  const bySource = ['received', 'ordered', 'catalog']
    .map((k) => [k, counted.filter((p) => p.source === k).length])
    .filter(([, n]) => n > 0);
  return (
    <>
      <Panel title="Coût matière par produit (HT)">
        {cost.unknownPrices.length ? (
          <MessageBox
            mb="lg"
            variant="danger"
            data-testid="food-cost-unknown"
            message={`Prix inconnu pour : ${cost.unknownPrices.join(', ')}. Ces ingrédients sont laissés hors du coût matière (jamais comptés à 0) : ajoutez-les au tarif d’un fournisseur.`}
          />
        ) : null}
        <table style={TABLE} data-testid="food-cost-sizes">
          <thead>
            <tr>
              <th align="left">Produit</th>
              <th align="right">Prix HT</th>
              <th align="right">Coût matière</th>
              <th align="right">Marge</th>
              <th align="right">%</th>
            </tr>
          </thead>
          <tbody>
            {cost.sizes.map((s) => (
              <tr key={s.sizeId} style={ROW}>
                <td>
                  {s.productName} — {s.sizeLabel}
                  <Unknown names={s.missingIngredients} />
                </td>
                <td align="right">{euros(s.priceExclVatCents)}</td>
                <td align="right">{euros(s.foodCostCents)}</td>
                <td align="right">{euros(s.marginCents)}</td>
                <td align="right">{pct(s.foodCostPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Text mt="lg" variant="sm" color="grey60">
          Recette × facteur de la taille × dernier prix d’achat.{' '}
          {bySource.map(([k, n]) => `${cost.sources[k]} : ${n} ingrédient${n > 1 ? 's' : ''}`).join(' ; ')}
        </Text>
      </Panel>
      <Panel title={`Coût matière par jour (HT), du ${frenchDay(cost.from)} au ${frenchDay(cost.to)}`}>
        <table style={TABLE} data-testid="food-cost-days">
          <thead>
            <tr>
              <th align="left">Jour</th>
              <th align="right">CA HT</th>
              <th align="right">Coût matière</th>
              <th align="right">%</th>
            </tr>
          </thead>
          <tbody>
            {[...cost.days].reverse().map((d) => (
              <tr key={d.day} style={ROW}>
                <td>
                  {frenchDay(d.day)}
                  <Unknown names={d.missingIngredients} />
                </td>
                <td align="right">{euros(d.revenueExclVatCents)}</td>
                <td align="right">{euros(d.foodCostCents)}</td>
                <td align="right">{pct(d.foodCostPct)}</td>
              </tr>
            ))}
            <tr style={{ ...ROW, fontWeight: 'bold' }}>
              <td>Total</td>
              <td align="right">{euros(cost.totals.revenueExclVatCents)}</td>
              <td align="right">{euros(cost.totals.foodCostCents)}</td>
              <td align="right">{pct(cost.totals.foodCostPct)}</td>
            </tr>
          </tbody>
        </table>
        <Text mt="lg" variant="sm" color="grey60">
          Produits des commandes livrées ou retirées ce jour-là (hors frais de livraison et remboursements).
        </Text>
      </Panel>
    </>
  );
}

const Dashboard = () => {
  const [data, setData] = useState(null);
  const [shop, setShop] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    setFailed(false);
    api
      .getDashboard({ params: shop ? { pizzeriaId: shop } : {} })
      .then((response) => setData(response.data))
      .catch(() => setFailed(true));
  }, [shop]);

  if (failed)
    return <MessageBox m="xl" variant="danger" message="Le tableau de bord n’a pas pu être chargé." />;
  if (!data) return <Loader />;
  const memoLink = `${window.REDUX_STATE.paths.rootPath}/resources/products/actions/memo`;
  if (!data.allowed) {
    return (
      <Box variant="container" m="xl" data-testid="dashboard">
        <H2>Bienvenue, {data.title}</H2>
        <Text mb="lg">Choisissez une rubrique dans le menu de gauche.</Text>
        {data.memo ? <a href={memoLink}>Ouvrir le mémo recettes</a> : null}
      </Box>
    );
  }
  const f = data.figures;
  const title =
    data.group && !shop
      ? `Groupe OC Pizza (${data.shops.length} pizzeria${data.shops.length > 1 ? 's' : ''})`
      : data.shops.find((s) => String(s.id) === String(shop || f.scope.pizzeriaId))?.name;
  return (
    <Box m="xl" data-testid="dashboard">
      <Box flex alignItems="center" justifyContent="space-between" mb="xl" style={{ flexWrap: 'wrap' }}>
        <H2 mb="0">Tableau de bord — {title}</H2>
        {data.group ? (
          <label>
            Périmètre :{' '}
            <select
              value={shop}
              onChange={(e) => setShop(e.target.value)}
              style={{ padding: '6px', fontSize: '14px' }}
            >
              <option value="">Tout le groupe</option>
              {data.shops.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} — {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </Box>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
          gap: '16px',
          marginBottom: '16px',
        }}
      >
        <Card
          label="Chiffre d’affaires du jour (TTC)"
          value={euros(f.revenueCents.today)}
          testId="revenue-today"
        />
        <Card label="7 derniers jours" value={euros(f.revenueCents.days7)} />
        <Card label="30 derniers jours" value={euros(f.revenueCents.days30)} />
        <Card label="Commandes du jour" value={f.ordersToday.total} testId="orders-today" />
        <Card label="Préparation moyenne" value={minutes(f.averageMinutes.preparation)} />
        <Card label="Livraison moyenne" value={minutes(f.averageMinutes.delivery)} />
      </Box>
      <Box flex style={{ flexWrap: 'wrap' }}>
        <Panel title="Chiffre d’affaires des 30 derniers jours (net des remboursements)">
          <DailyChart days={f.revenueByDay} />
        </Panel>
        <Panel title="Commandes du jour par statut">
          <Bars
            title="Commandes du jour par statut"
            rows={Object.entries(f.ordersToday.byStatus).map(([s, n]) => ({
              label: STATUS[s] ?? s,
              value: n,
            }))}
          />
        </Panel>
        <Panel title="Meilleures ventes (30 jours)">
          <Bars
            title="Meilleures ventes (30 jours)"
            rows={f.topProducts.map((p) => ({ label: p.name, value: p.quantity }))}
            format={(v) => `${v} vendu${v > 1 ? 's' : ''}`}
          />
        </Panel>
        <Panel title={`Stocks sous le seuil d’alerte (${f.lowStock.length})`}>
          {f.lowStock.length === 0 ? (
            <Text color="grey60">Aucun stock sous son seuil.</Text>
          ) : (
            <table
              style={{ width: '100%', borderCollapse: 'collapse', fontSize: '13px' }}
              data-testid="low-stock"
            >
              <thead>
                <tr>
                  <th align="left">Pizzeria</th>
                  <th align="left">Ingrédient</th>
                  <th align="right">Disponible</th>
                  <th align="right">Seuil</th>
                </tr>
              </thead>
              <tbody>
                {f.lowStock.slice(0, 12).map((s) => (
                  <tr key={`${s.pizzeriaCode}-${s.ingredient}`} style={{ borderTop: '1px solid #eee' }}>
                    <td>{s.pizzeriaCode}</td>
                    <td>{s.ingredient}</td>
                    <td align="right">{`${s.available} ${UNITS[s.unit] ?? s.unit}`}</td>
                    <td align="right">{`${s.threshold} ${UNITS[s.unit] ?? s.unit}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.memo ? (
            <Text mt="lg">
              <a href={memoLink}>Mémo recettes</a>
            </Text>
          ) : null}
        </Panel>
        {data.foodCost ? <FoodCost cost={data.foodCost} /> : null}
        {data.foodCost === null ? (
          <Panel title="Coût matière">
            <Text color="grey60">Choisissez une pizzeria pour voir son coût matière.</Text>
          </Panel>
        ) : null}
      </Box>
    </Box>
  );
};

export default Dashboard;
