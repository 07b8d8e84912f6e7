// The accountant's downloads: a period (and a shop for the CSV), then the file straight from the server
// (admin/pages.ts streams it). The period is checked here for a quick answer; the server checks it again.
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Button, FormGroup, H2, Input, Label, MessageBox, Text } from '@adminjs/design-system';

const api = new ApiClient();
const iso = (date) => date.toISOString().slice(0, 10);

function lastMonth() {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: iso(from), to: iso(to) };
}

const AccountingExports = ({ action, resource }) => {
  const [period, setPeriod] = useState(lastMonth);
  const [shop, setShop] = useState('');
  const [shops, setShops] = useState([]);
  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: action.name })
      .then((r) => setShops(r.data.shops ?? []))
      .catch(() => setShops([]));
  }, []);
  const base = window.REDUX_STATE.paths.rootPath;
  const problem =
    !period.from || !period.to
      ? 'Choisissez les deux dates.'
      : period.from > period.to
        ? 'La date de début doit précéder la date de fin.'
        : null;
  const query = new URLSearchParams({
    from: period.from,
    to: period.to,
    ...(shop ? { pizzeriaId: shop } : {}),
  });
  const fecQuery = new URLSearchParams({ from: period.from, to: period.to });
  return (
    <Box variant="container" data-testid="accounting-exports">
      <H2>Exports comptables</H2>
      <Text mb="xl">
        CSV : les commandes passées sur la période (dates incluses, heure de Paris), hors commandes annulées
        et paiements en ligne non confirmés, une ligne par article ; il s’ouvre dans Excel. FEC : le journal
        des ventes de toute la société (ventes à la livraison ou au retrait, remboursements à leur date).
      </Text>
      <Box flex style={{ flexWrap: 'wrap', gap: '24px' }}>
        <FormGroup>
          <Label htmlFor="export-from">Du</Label>
          <Input
            id="export-from"
            type="date"
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="export-to">Au</Label>
          <Input
            id="export-to"
            type="date"
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="export-shop">Pizzeria (CSV)</Label>
          <select
            id="export-shop"
            value={shop}
            onChange={(e) => setShop(e.target.value)}
            style={{ padding: '8px', fontSize: '14px' }}
          >
            <option value="">Toutes</option>
            {shops.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        </FormGroup>
      </Box>
      {problem ? <MessageBox variant="danger" mb="lg" message={problem} /> : null}
      <Box mt="lg">
        <Button
          as="a"
          variant="contained"
          mr="default"
          href={problem ? undefined : `${base}${action.custom.paths.ordersCsv}?${query}`}
          disabled={Boolean(problem)}
          data-testid="download-csv"
        >
          Télécharger le CSV des commandes
        </Button>
        <Button
          as="a"
          href={problem ? undefined : `${base}${action.custom.paths.fec}?${fecQuery}`}
          disabled={Boolean(problem)}
          data-testid="download-fec"
        >
          Télécharger le FEC
        </Button>
      </Box>
    </Box>
  );
};

export default AccountingExports;
