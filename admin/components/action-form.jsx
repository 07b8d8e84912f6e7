// The form of every custom record action (admin/actions/form-action.ts): fields from `action.custom.fields`,
// posted to the action; the server's refusal (a 4xx with a French message) is shown as it is, and the values
// typed stay in the form.
import React, { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, Input, Label, MessageBox, Text } from '@adminjs/design-system';

const api = new ApiClient();

const UNITS = { g: 'g', ml: 'ml', piece: 'pièce(s)' };

/** A record value: `param`, or `reference.param` of a populated reference (the ingredient's unit…). */
function recordValue(record, path) {
  if (!path) return undefined;
  const [head, tail] = path.split('.');
  if (!tail) return record.params[head];
  return record.populated?.[head]?.params?.[tail];
}

function errorMessage(error) {
  const body = error?.response?.data;
  if (body?.error?.message) return body.error.message;
  if (body?.notice?.message) return body.notice.message;
  return 'L’opération n’a pas pu être enregistrée. Vérifiez la connexion et réessayez.';
}

function Field({ field, value, onChange, record }) {
  const id = `field-${field.name}`;
  const suffix = recordValue(record, field.suffixParam);
  let input;
  if (field.type === 'select') {
    const options = (field.options ?? []).filter((o) => !o.when || o.when.includes(record.params.status));
    input = (
      <select
        id={id}
        name={field.name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={field.required}
        style={{ padding: '8px', minWidth: '260px', fontSize: '14px' }}
      >
        <option value="">— Choisir —</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    input = (
      <Input
        id={id}
        name={field.name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={field.required}
        inputMode={field.type === 'integer' ? 'numeric' : field.type === 'euros' ? 'decimal' : 'text'}
        style={{ minWidth: '260px' }}
      />
    );
  }
  return (
    <FormGroup>
      <Label htmlFor={id} required={field.required}>
        {field.label}
      </Label>
      <Box flex alignItems="center">
        {input}
        {suffix ? <Text ml="default">{UNITS[suffix] ?? suffix}</Text> : null}
      </Box>
      {field.help ? (
        <Text variant="sm" color="grey60" mt="sm">
          {field.help}
        </Text>
      ) : null}
    </FormGroup>
  );
}

const ActionForm = ({ action, resource, record }) => {
  const { intro, submitLabel, fields = [], headingFrom } = action.custom ?? {};
  const heading = (headingFrom && record.populated?.[headingFrom]?.title) || record.title;
  const [values, setValues] = useState({});
  const [error, setError] = useState(null);
  const [sending, setSending] = useState(false);
  const addNotice = useNotice();
  const navigate = useNavigate();
  const visible = fields.filter((f) => !f.showIf || f.showIf.values.includes(values[f.showIf.field] ?? ''));

  const submit = async (event) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      const data = Object.fromEntries(visible.map((f) => [f.name, values[f.name] ?? '']));
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data,
      });
      const { notice, redirectUrl } = response.data;
      if (notice?.type === 'error') {
        setError(notice.message);
        return;
      }
      if (notice) addNotice(notice);
      if (redirectUrl) navigate(redirectUrl);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Box variant="container" as="form" onSubmit={submit} data-testid="action-form">
      <Text mb="xl" style={{ whiteSpace: 'pre-line' }}>
        {intro}
      </Text>
      <Text mb="lg" fontWeight="bold">
        {heading}
      </Text>
      {visible.map((field) => (
        <Field
          key={field.name}
          field={field}
          record={record}
          value={values[field.name] ?? ''}
          onChange={(v) => setValues((old) => ({ ...old, [field.name]: v }))}
        />
      ))}
      {error ? (
        <MessageBox variant="danger" mb="lg" role="alert" message={error} data-testid="action-error" />
      ) : null}
      <Button type="submit" variant="contained" disabled={sending}>
        {sending ? 'Enregistrement…' : submitLabel}
      </Button>
    </Box>
  );
};

export default ActionForm;
