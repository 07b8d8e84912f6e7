// « Exporter (CSV) »: asks the server for the file (admin/actions/crud-export.ts) and saves it.
import React, { useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, MessageBox, Text } from '@adminjs/design-system';

const api = new ApiClient();

const CrudExport = ({ resource, action }) => {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const addNotice = useNotice();
  const run = async () => {
    setState({ busy: true, error: null, done: null });
    try {
      const { data } = await api.resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        method: 'post',
      });
      const url = URL.createObjectURL(new Blob([data.exportedData], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = data.fileName;
      link.click();
      URL.revokeObjectURL(url);
      const message = `${data.rows} ligne${data.rows > 1 ? 's' : ''} exportée${data.rows > 1 ? 's' : ''}.`;
      addNotice({ message, type: 'success' });
      setState({
        busy: false,
        error: null,
        done: data.truncated ? `${message} Export limité : affinez par les filtres de la liste.` : message,
      });
    } catch (e) {
      setState({
        busy: false,
        error: e?.response?.data?.error?.message ?? 'L’export a échoué. Réessayez.',
        done: null,
      });
    }
  };
  return (
    <Box variant="container" data-testid="crud-export">
      <Text mb="lg">
        Télécharge les enregistrements « {resource.name} » auxquels vous avez accès, au format CSV pour Excel
        (séparateur « ; »).
      </Text>
      {state.error ? <MessageBox variant="danger" mb="lg" message={state.error} /> : null}
      {state.done ? <MessageBox variant="success" mb="lg" message={state.done} /> : null}
      <Button variant="contained" onClick={run} disabled={state.busy}>
        {state.busy ? 'Export en cours…' : 'Télécharger le CSV'}
      </Button>
    </Box>
  );
};

export default CrudExport;
