// A read-only value as AdminJS shows its own: bare in a list cell, under its French label on a record page.
import React from 'react';
import { Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const style = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

export const Value = ({ where, property, text }) => {
  const { translateProperty } = useTranslation();
  const shown = <Text style={style}>{text ?? '—'}</Text>;
  if (where !== 'show') return shown;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{shown}</ValueGroup>;
};

/** The param of a property, or undefined when empty. */
export const paramOf = (record, property) => {
  const raw = record?.params?.[property.path];
  return raw === undefined || raw === null || raw === '' ? undefined : raw;
};
