// The delivery days of a supplier as seven French checkboxes (lundi … dimanche), stored as 'mon' … 'sun'. The
// ticked days are posted as `deliveryDays.0`, `deliveryDays.1`… and checked on the server (admin/suppliers.ts).
import React from 'react';
import { Box, CheckBox, FormGroup, FormMessage, Label } from '@adminjs/design-system';
import { PropertyLabel } from 'adminjs';

function daysOf(params, path) {
  const days = [];
  for (let i = 0; params[`${path}.${i}`] !== undefined; i += 1) days.push(String(params[`${path}.${i}`]));
  return days;
}

const WeekdaysEdit = ({ property, record, onChange }) => {
  const days = daysOf(record.params ?? {}, property.path);
  const error = record.errors?.[property.path];
  const toggle = (value) => {
    const next = days.includes(value) ? days.filter((d) => d !== value) : [...days, value];
    const order = property.availableValues.map((d) => d.value);
    onChange(
      property.path,
      order.filter((d) => next.includes(d)),
    );
  };
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <Box flex flexWrap="wrap" role="group" aria-label={property.label}>
        {property.availableValues.map(({ value, label }) => {
          const id = `${property.path}-${value}`;
          return (
            <Box key={value} flex alignItems="center" mr="lg" mb="sm">
              <CheckBox
                id={id}
                name={id}
                checked={days.includes(value)}
                disabled={property.isDisabled}
                onChange={() => toggle(value)}
              />
              <Label inline htmlFor={id} ml="default">
                {label}
              </Label>
            </Box>
          );
        })}
      </Box>
      <FormMessage>{error ? error.message : null}</FormMessage>
    </FormGroup>
  );
};

export default WeekdaysEdit;
