// A VAT rate stored in basis points, shown as people write it (« 10 % », « 5,5 % »).
import React from 'react';
import { formatRate } from '../../src/shared/money';
import { paramOf, Value } from './value';

const Rate = (props) => {
  const raw = paramOf(props.record, props.property);
  return <Value {...props} text={raw === undefined ? undefined : formatRate(Number(raw))} />;
};

export default Rate;
