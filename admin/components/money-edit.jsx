// The form field of an amount in cents, typed in euros (« 10,50 », « 10.5 », « 1 250 €»). What is typed goes to
// the server as `<field>Text`, read there by the app's parseEuros (admin/money-field.ts): a wrong amount comes
// back as a French error under the field, and what was typed stays.
import React from 'react';
import { Box, FormGroup, FormMessage, Input, Text } from '@adminjs/design-system';
import { PropertyLabel } from 'adminjs';
import { eurosInput } from '../../src/shared/money';

const MoneyEdit = ({ property, record, onChange }) => {
  const textKey = `${property.path}Text`;
  const typed = record.params?.[textKey];
  const cents = record.params?.[property.path];
  const shown =
    typed ?? (cents === undefined || cents === null || cents === '' ? '' : eurosInput(Number(cents)));
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Box flex alignItems="center">
        <Input
          id={property.path}
          name={property.path}
          value={shown}
          inputMode="decimal"
          autoComplete="off"
          placeholder="0,00"
          required={property.isRequired}
          disabled={property.isDisabled}
          onChange={(event) => onChange(textKey, event.target.value)}
          style={{ maxWidth: '12em', textAlign: 'right' }}
        />
        <Text ml="default" aria-hidden="true">
          €
        </Text>
      </Box>
      <FormMessage>{error ? error.message : null}</FormMessage>
    </FormGroup>
  );
};

export default MoneyEdit;
