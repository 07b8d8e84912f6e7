// An amount stored in integer cents, shown as French euros (« 12,90 € ») in lists and record pages.
import React from 'react';
import { Text } from '@adminjs/design-system';

const format = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

const Money = ({ record, property }) => {
  const raw = record?.params?.[property.path];
  if (raw === undefined || raw === null || raw === '') return <Text>—</Text>;
  return (
    <Text style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {format.format(Number(raw) / 100)}
    </Text>
  );
};

export default Money;
