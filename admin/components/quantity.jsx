// A quantity in the ingredient's base unit with French thousands separators (« 12 500 g », « 3 pièces »).
// The unit is the record's `_unit` param, read by the data layer with the row (`units` in admin/resource.ts).
import React from 'react';
import { formatQuantity } from '../../src/shared/quantity';
import { paramOf, Value } from './value';

const NUMBER = new Intl.NumberFormat('fr-FR');

const Quantity = (props) => {
  const raw = paramOf(props.record, props.property);
  const unit = props.record?.params?._unit;
  let text;
  if (raw !== undefined) text = unit ? formatQuantity(Number(raw), unit) : NUMBER.format(Number(raw));
  return <Value {...props} text={text} />;
};

export default Quantity;
