// An amount stored in integer cents, shown as French euros (« 12,90 € ») in lists and record pages. The format
// is the app's one (src/shared/money.ts, bundled with the components).
import React from 'react';
import { formatEuros } from '../../src/shared/money';
import { paramOf, Value } from './value';

const Money = (props) => {
  const raw = paramOf(props.record, props.property);
  return <Value {...props} text={raw === undefined ? undefined : formatEuros(Number(raw))} />;
};

export default Money;
