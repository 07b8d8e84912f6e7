// « Journal des ventes »: the integrity check of a shop's sales journal (or every shop's), its closures with their
// totals, the manager's « Clôturer la journée », the archives of closed periods and the public keys the closures
// are signed with. Data and actions come from the resource action's handler (admin/journal.ts).
import React, { useState } from 'react';
import { Box, Button, H2, H4, MessageBox, Text } from '@adminjs/design-system';
import { Loading, Notices, ShopPicker, useActionData } from './shop-page';

const euros = (cents) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const dateTime = (iso) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const KINDS = { day: 'Journée', month: 'Mois', year: 'Exercice' };
const cell = { padding: '6px 10px', borderBottom: '1px solid #eee', textAlign: 'left', verticalAlign: 'top' };
const number = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' };

function Verification({ result }) {
  if (!result) return null;
  return (
    <Box mb="lg" data-testid="journal-verification">
      <MessageBox
        variant={result.ok ? 'success' : 'danger'}
        message={result.ok ? 'Journal intègre' : 'Journal altéré'}
      >
        <Text>{result.summary}</Text>
        {(result.lines ?? []).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </MessageBox>
    </Box>
  );
}

const SalesJournal = ({ action, resource }) => {
  const [shop, setShop] = useState('');
  const { data, busy, error, call } = useActionData({ action, resource }, {}, (d) => {
    if (d.shopId) setShop((current) => current || String(d.shopId));
  });
  if (!data) return <Loading error={error} />;
  const base = window.REDUX_STATE.paths.rootPath;
  const params = shop ? { pizzeriaId: shop } : {};
  return (
    <Box variant="container" data-testid="sales-journal">
      <H2>Journal des ventes</H2>
      <Text mb="lg">
        Chaque vente, encaissement en ligne, remboursement ou annulation d’une commande payée est enregistré
        dans le journal de sa pizzeria, numéroté sans trou, chaîné (SHA-256) et jamais modifié ; les clôtures
        sont signées. La vérification recalcule tout et désigne la première anomalie.
      </Text>
      <Notices notice={data.notice} error={error} />
      <Box flex style={{ flexWrap: 'wrap', gap: '16px', alignItems: 'flex-end' }} mb="lg">
        <ShopPicker
          id="journal-shop"
          shops={data.shops}
          value={shop}
          all
          onChange={(value) => {
            setShop(value);
            call(value ? { pizzeriaId: value } : {});
          }}
        />
        <Button
          variant="contained"
          disabled={busy}
          onClick={() => call({ ...params, verify: '1' })}
          data-testid="journal-verify"
        >
          Vérifier l’intégrité
        </Button>
        {data.canClose && shop ? (
          <Button
            disabled={busy || data.dayClosed}
            onClick={() => call(params, { pizzeriaId: shop, close: 'day' })}
            data-testid="journal-close-day"
          >
            {data.dayClosed
              ? `Journée du ${data.businessDayLabel} clôturée`
              : `Clôturer la journée du ${data.businessDayLabel}`}
          </Button>
        ) : null}
      </Box>
      <Verification result={data.verification} />
      <H4>Clôtures</H4>
      {data.closures.length === 0 ? (
        <Text mb="lg">Aucune clôture pour l’instant.</Text>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: '24px' }}>
          <thead>
            <tr>
              <th style={cell}>Pizzeria</th>
              <th style={cell}>Clôture</th>
              <th style={cell}>Période</th>
              <th style={number}>Écritures</th>
              <th style={number}>Chiffre d’affaires TTC</th>
              <th style={cell}>TVA par taux</th>
              <th style={cell}>Par moyen de paiement</th>
              <th style={number}>Grand total perpétuel</th>
              <th style={cell}>Clôturée le</th>
            </tr>
          </thead>
          <tbody>
            {data.closures.map((c) => (
              <tr key={`${c.shopCode}-${c.seq}`} data-testid="journal-closure">
                <td style={cell}>{c.shopCode}</td>
                <td style={cell}>
                  {KINDS[c.kind]} n° {c.seq}
                </td>
                <td style={cell}>{c.periodLabel}</td>
                <td style={number}>
                  {c.entries}
                  {c.firstSeq ? ` (n° ${c.firstSeq} à ${c.lastSeq})` : ''}
                </td>
                <td style={number}>{euros(c.revenueCents)}</td>
                <td style={cell}>
                  {c.byRate.map((r) => (
                    <div key={r.rate}>
                      {r.rate} : base {euros(r.baseCents)}, TVA {euros(r.vatCents)}
                    </div>
                  ))}
                </td>
                <td style={cell}>
                  {c.byMethod.map((m) => (
                    <div key={m.method}>
                      {m.label} : {euros(m.totalCents)}
                    </div>
                  ))}
                </td>
                <td style={number}>{euros(c.grandTotalCents)}</td>
                <td style={cell}>
                  {dateTime(c.closedAt)}
                  <br />
                  {c.closedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.archives.length > 0 ? (
        <Box mb="lg">
          <H4>Archives des périodes closes</H4>
          <Text mb="default">
            Un fichier .tar signé (écritures, clôtures, clés publiques, manifeste) à conserver 6 ans ; il se
            vérifie hors ligne avec « npm run journal:verify -- --archive fichier.tar ».
          </Text>
          {data.archives.map((a) => (
            <Box key={`${a.pizzeriaId}-${a.period}`} mb="sm">
              <a
                href={`${base}${action.custom.archivePath}?pizzeriaId=${a.pizzeriaId}&period=${a.period}`}
                data-testid="journal-archive"
              >
                {a.label}
              </a>
            </Box>
          ))}
        </Box>
      ) : null}
      <H4>Clés publiques de signature (Ed25519)</H4>
      {data.keys.map((k) => (
        <Box key={k.keyId} mb="default" data-testid="journal-key">
          <Text>
            Clé {k.keyId}
            {k.current ? ' (en service)' : ''} :{' '}
            <a
              href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(k.publicKey)}`}
              download={`ocpizza-journal-${k.keyId}.pem`}
            >
              télécharger (fichier .pem)
            </a>
          </Text>
          <pre style={{ fontSize: '12px', background: '#f6f6f6', padding: '8px', whiteSpace: 'pre-wrap' }}>
            {k.publicKey.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')}
          </pre>
        </Box>
      ))}
    </Box>
  );
};

export default SalesJournal;
