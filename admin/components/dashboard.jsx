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
      </Box>
    </Box>
  );
};

export default Dashboard;
