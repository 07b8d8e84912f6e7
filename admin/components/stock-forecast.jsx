// « Prévisions »: per ingredient of a shop, a small chart (the last 8 weeks of daily use, the 14 days forecast in
// dashes, the projected stock with the stock-out day marked) and a table (available, days of stock left, stock-out
// date, method). Data come from the resource action's handler (admin/forecast.ts); the chart is plain SVG.
import React, { useState } from 'react';
import { Box, H2, H4, Text } from '@adminjs/design-system';
import { Loading, Notices, ShopPicker, useActionData } from './shop-page';

const cell = { padding: '6px 10px', borderBottom: '1px solid #eee', textAlign: 'left', verticalAlign: 'top' };
const number = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' };
const W = 560;
const H = 140;
const PAD = { left: 8, right: 8, top: 10, bottom: 18 };
const USE_COLOUR = '#4268f6';
const STOCK_COLOUR = '#2e7d32';
const OUT_COLOUR = '#c62828';

/** A polyline's points from [x index, value] pairs on the given scales. */
const points = (pairs, x, y) => pairs.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');

function ForecastChart({ item }) {
  const past = item.history.length;
  const total = past + item.days.length;
  const useMax = Math.max(1, ...item.history.map((d) => d.use), ...item.days.map((d) => d.expectedUse));
  const stockMax = Math.max(1, item.available, ...item.days.map((d) => d.stockAfter));
  const x = (i) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / total;
  const plotH = H - PAD.top - PAD.bottom;
  const yUse = (v) => PAD.top + plotH - (plotH * v) / useMax;
  const yStock = (v) => PAD.top + plotH - (plotH * Math.max(0, v)) / stockMax;
  const history = item.history.map((d, i) => [i, d.use]);
  const forecast = [
    ...(past > 0 ? [[past - 1, item.history[past - 1].use]] : []),
    ...item.days.map((d, h) => [past + h, d.expectedUse]),
  ];
  const stock = [[past - 0.5, item.available], ...item.days.map((d, h) => [past + h, d.stockAfter])];
  const outIndex = item.stockOutDate ? item.days.findIndex((d) => d.day === item.stockOutDate) : -1;
  const title =
    `${item.name} : consommation des 8 dernières semaines, prévision sur 14 jours (tirets) et stock ` +
    `disponible prévu (vert)` +
    (item.stockOutDate ? `, rupture prévue le ${item.stockOutLabel}` : '');
  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={title}
      data-testid="forecast-chart"
      style={{ maxWidth: '100%', background: '#fafafa', border: '1px solid #eee' }}
    >
      <title>{title}</title>
      <line x1={x(past - 0.5)} x2={x(past - 0.5)} y1={PAD.top} y2={H - PAD.bottom} stroke="#999" />
      <text x={x(past - 0.5) + 3} y={H - 5} fontSize="10" fill="#666">
        aujourd’hui
      </text>
      <polyline points={points(history, x, yUse)} fill="none" stroke={USE_COLOUR} strokeWidth="1.5" />
      <polyline
        points={points(forecast, x, yUse)}
        fill="none"
        stroke={USE_COLOUR}
        strokeWidth="1.5"
        strokeDasharray="4 3"
      />
      <polyline points={points(stock, x, yStock)} fill="none" stroke={STOCK_COLOUR} strokeWidth="2" />
      {outIndex >= 0 ? (
        <g data-testid="forecast-stock-out">
          <line
            x1={x(past + outIndex)}
            x2={x(past + outIndex)}
            y1={PAD.top}
            y2={H - PAD.bottom}
            stroke={OUT_COLOUR}
            strokeDasharray="2 2"
          />
          <text x={x(past + outIndex) - 3} y={PAD.top + 8} fontSize="10" fill={OUT_COLOUR} textAnchor="end">
            rupture
          </text>
        </g>
      ) : null}
    </svg>
  );
}

const StockForecast = ({ action, resource }) => {
  const [shop, setShop] = useState('');
  const { data, error, call } = useActionData({ action, resource }, {}, (d) => {
    if (d.shopId) setShop(String(d.shopId));
  });
  if (!data) return <Loading error={error} />;
  return (
    <Box variant="container" data-testid="stock-forecast">
      <H2>Prévisions de stock</H2>
      <Text mb="lg">
        Consommation prévue pour les 14 prochains jours, d’après les 8 dernières semaines (profil de la
        semaine et tendance). Le disponible tient compte de ce que réservent les commandes en cours et
        programmées.
        {data.todayLabel ? ` Prévision établie le ${data.todayLabel}.` : ''}
      </Text>
      <Notices error={error} />
      <ShopPicker
        id="forecast-shop"
        mb="lg"
        shops={data.shops}
        value={shop}
        onChange={(value) => {
          setShop(value);
          call({ pizzeriaId: value });
        }}
      />
      {data.items.length === 0 ? (
        <Text mb="lg">Aucun ingrédient en stock dans cette pizzeria.</Text>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '24px' }}>
          <thead>
            <tr>
              <th style={cell}>Ingrédient</th>
              <th style={number}>Disponible</th>
              <th style={number}>Jours de stock</th>
              <th style={cell}>Rupture prévue</th>
              <th style={cell}>Méthode</th>
              <th style={cell}>Erreur mesurée</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.ingredientId} data-testid="forecast-row">
                <td style={cell}>
                  <a href={`#forecast-${item.ingredientId}`}>{item.name}</a>
                </td>
                <td style={number}>{item.availableLabel}</td>
                <td style={number}>{item.daysLeftLabel}</td>
                <td style={{ ...cell, color: item.stockOutDate ? OUT_COLOUR : undefined }}>
                  {item.stockOutLabel}
                </td>
                <td style={cell}>{item.methodLabel}</td>
                <td style={cell}>{item.errorLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.items.map((item) => (
        <Box key={item.ingredientId} id={`forecast-${item.ingredientId}`} mb="xl">
          <H4>
            {item.name} — {item.availableLabel} disponibles
            {item.stockOutDate ? `, rupture prévue le ${item.stockOutLabel}` : ''}
          </H4>
          <ForecastChart item={item} />
        </Box>
      ))}
    </Box>
  );
};

export default StockForecast;
