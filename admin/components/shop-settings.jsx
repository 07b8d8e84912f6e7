// « Réglages » of a pizzeria (admin/actions/shop-settings.action.ts): the week's opening hours as time inputs per
// day, exceptional closures (from, to, reason), the delivery radius and amounts typed as people write them
// (« 3 km », « 2,50 »), preparation time and orders per slot. The server checks everything and answers a French
// message listing what is wrong; the values typed stay in the form.
import React, { useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, H3, Input, Label, MessageBox, Text } from '@adminjs/design-system';
import { WEEK_FR } from '../../src/shared/weekdays';

const api = new ApiClient();

const SCALARS = [
  {
    name: 'deliveryRadius',
    label: 'Rayon de livraison',
    help: 'Par exemple « 3 km », « 2,5 km » ou « 2500 m ».',
  },
  { name: 'deliveryFee', label: 'Frais de livraison', suffix: '€', help: 'Par exemple 2,50 (0 : gratuite).' },
  { name: 'minOrder', label: 'Minimum de commande en livraison', suffix: '€' },
  {
    name: 'freeThreshold',
    label: 'Livraison offerte dès',
    suffix: '€',
    help: 'Laissez vide si la livraison n’est jamais offerte.',
  },
  { name: 'prepMinutes', label: 'Temps de préparation par commande', suffix: 'min', numeric: true },
  {
    name: 'slotCapacity',
    label: 'Commandes pour plus tard par créneau de 15 min',
    numeric: true,
    help: '0 : pas de commande pour plus tard.',
  },
];

function errorMessage(error) {
  const body = error?.response?.data;
  if (body?.error?.message) return body.error.message;
  if (body?.notice?.message) return body.notice.message;
  return 'Les réglages n’ont pas pu être enregistrés. Vérifiez la connexion et réessayez.';
}

const parse = (record) => {
  try {
    return JSON.parse(record.params.shopSettings ?? '{}');
  } catch {
    return {};
  }
};

// Text, not type="time": a time input follows the browser's language (« 12:00 AM » on an English system); staff
// type « 11:30 » or « 11h30 » and the server reads both.
const TIME_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  placeholder: 'HH:MM',
  maxLength: 5,
  size: 6,
  style: {
    padding: '6px',
    fontSize: '14px',
    border: '1px solid #898A9A',
    borderRadius: '4px',
    width: '70px',
  },
};

function DayRow({ day, label, ranges, onChange }) {
  const set = (i, j, value) =>
    onChange(ranges.map((r, k) => (k === i ? (j === 0 ? [value, r[1]] : [r[0], value]) : r)));
  return (
    <Box as="tr" data-testid={`hours-${day}`}>
      <Box as="th" scope="row" style={{ textAlign: 'left', padding: '6px 12px 6px 0', verticalAlign: 'top' }}>
        {label}
      </Box>
      <Box as="td" style={{ padding: '4px 0' }}>
        {ranges.length === 0 ? (
          <Text as="span" mr="default">
            Fermé
          </Text>
        ) : null}
        {ranges.map(([open, close], i) => (
          <Box key={i} flex alignItems="center" mb="sm">
            <input
              {...TIME_INPUT}
              aria-label={`${label}, plage ${i + 1} : ouverture`}
              value={open}
              onChange={(e) => set(i, 0, e.target.value)}
            />
            <Text as="span" mx="sm" aria-hidden="true">
              –
            </Text>
            <input
              {...TIME_INPUT}
              aria-label={`${label}, plage ${i + 1} : fermeture`}
              value={close}
              onChange={(e) => set(i, 1, e.target.value)}
            />
            <Button
              type="button"
              size="sm"
              variant="text"
              ml="default"
              onClick={() => onChange(ranges.filter((_, k) => k !== i))}
            >
              Retirer
              <span
                style={{ position: 'absolute', left: '-9999px' }}
              >{` la plage ${i + 1} du ${label.toLowerCase()}`}</span>
            </Button>
          </Box>
        ))}
        {ranges.length < 4 ? (
          <Button
            type="button"
            size="sm"
            variant="outlined"
            onClick={() => onChange([...ranges, ranges.length ? ['18:00', '22:30'] : ['11:30', '14:30']])}
          >
            Ajouter une plage
            <span style={{ position: 'absolute', left: '-9999px' }}>{` le ${label.toLowerCase()}`}</span>
          </Button>
        ) : null}
      </Box>
    </Box>
  );
}

function ClosureRow({ closure, index, onChange, onRemove }) {
  const n = index + 1;
  const field = (name, label, props) => (
    <Box mr="lg" mb="sm">
      <Label htmlFor={`closure-${index}-${name}`}>{label}</Label>
      <Input
        id={`closure-${index}-${name}`}
        name={`closure-${index}-${name}`}
        value={closure[name] ?? ''}
        onChange={(e) => onChange({ ...closure, [name]: e.target.value })}
        {...props}
      />
    </Box>
  );
  return (
    <Box flex flexWrap="wrap" alignItems="flex-end" mb="default" data-testid={`closure-${index}`}>
      {field('from', `Fermeture ${n} : du`, { type: 'date' })}
      {field('to', `au (inclus)`, { type: 'date' })}
      {field('reason', 'Motif', { placeholder: 'Fermeture annuelle', style: { minWidth: '240px' } })}
      <Button type="button" size="sm" variant="text" mb="sm" onClick={onRemove}>
        Supprimer<span style={{ position: 'absolute', left: '-9999px' }}>{` la fermeture ${n}`}</span>
      </Button>
    </Box>
  );
}

const ShopSettings = ({ action, resource, record }) => {
  const initial = parse(record);
  const [hours, setHours] = useState(initial.openingHours ?? {});
  const [closures, setClosures] = useState(initial.closures ?? []);
  const [values, setValues] = useState(() =>
    Object.fromEntries(SCALARS.map((f) => [f.name, initial[f.name] ?? ''])),
  );
  const [error, setError] = useState(null);
  const [sending, setSending] = useState(false);
  const addNotice = useNotice();

  const submit = async (event) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: { ...values, openingHours: JSON.stringify(hours), closures: JSON.stringify(closures) },
      });
      const { notice } = response.data;
      if (notice?.type === 'error') {
        setError(notice.message);
        return;
      }
      const saved = parse(response.data.record ?? { params: {} });
      if (saved.openingHours) setHours(saved.openingHours);
      if (saved.closures) setClosures(saved.closures);
      if (notice) addNotice(notice);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Box variant="container" as="form" onSubmit={submit} data-testid="shop-settings">
      <Text mb="xl">
        Les réglages de {record.title} : les clients les voient aussitôt sur le site (horaires, créneaux,
        frais de livraison). Le nom, l’adresse et la position restent du ressort de l’administrateur du
        groupe.
      </Text>

      <H3>Horaires d’ouverture</H3>
      <Text variant="sm" mb="default">
        Heure locale de la pizzeria. Une plage peut finir après minuit (par exemple 18:00 – 01:00) ; 00:00 –
        00:00 : toute la journée.
      </Text>
      <Box as="table" mb="xl" aria-label="Horaires de la semaine">
        <tbody>
          {WEEK_FR.map(([day, label]) => (
            <DayRow
              key={day}
              day={day}
              label={label}
              ranges={hours[day] ?? []}
              onChange={(ranges) => setHours((old) => ({ ...old, [day]: ranges }))}
            />
          ))}
        </tbody>
      </Box>

      <H3>Fermetures exceptionnelles et congés</H3>
      <Text variant="sm" mb="default">
        Ces jours-là, la pizzeria est fermée : pas de commande, pas de créneau. Un seul jour : laissez « au »
        vide.
      </Text>
      {closures.map((closure, i) => (
        <ClosureRow
          key={i}
          index={i}
          closure={closure}
          onChange={(c) => setClosures((old) => old.map((x, k) => (k === i ? c : x)))}
          onRemove={() => setClosures((old) => old.filter((_, k) => k !== i))}
        />
      ))}
      <Button
        type="button"
        variant="outlined"
        mb="xl"
        onClick={() => setClosures((old) => [...old, { from: '', to: '', reason: '' }])}
      >
        Ajouter une fermeture
      </Button>

      <H3>Livraison et cuisine</H3>
      {SCALARS.map((f) => (
        <FormGroup key={f.name}>
          <Label htmlFor={`field-${f.name}`}>{f.label}</Label>
          <Box flex alignItems="center">
            <Input
              id={`field-${f.name}`}
              name={f.name}
              value={values[f.name]}
              inputMode={f.numeric ? 'numeric' : f.suffix === '€' ? 'decimal' : 'text'}
              onChange={(e) => setValues((old) => ({ ...old, [f.name]: e.target.value }))}
              style={{ minWidth: '200px' }}
            />
            {f.suffix ? <Text ml="default">{f.suffix}</Text> : null}
          </Box>
          {f.help ? (
            <Text variant="sm" color="grey80" mt="sm">
              {f.help}
            </Text>
          ) : null}
        </FormGroup>
      ))}

      {error ? (
        <MessageBox variant="danger" mb="lg" role="alert" message={error} data-testid="settings-error" />
      ) : null}
      <Button type="submit" variant="contained" disabled={sending}>
        {sending ? 'Enregistrement…' : 'Enregistrer les réglages'}
      </Button>
    </Box>
  );
};

export default ShopSettings;
