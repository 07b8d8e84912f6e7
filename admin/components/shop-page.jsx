// What the back office's own pages share (« Journal des ventes », « Prévisions », « Suggestions de commande »,
// « Réceptionner »): their data and actions come from one resource action's handler, loaded when the page opens
// and again on each choice or button (a POST when a body is sent); the handler's notice and the call's error show
// above the page; a shop picker lists the shops the user may read.
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Label, MessageBox } from '@adminjs/design-system';

const api = new ApiClient();
const LOAD_FAILED = 'La page n’a pas pu être chargée. Réessayez.';

/**
 * The action's data: `call(params, body)` asks the handler again (with `body`, as a POST) and `onData` sees each
 * answer (to follow the shop it chose, to reset a form). The first call is made when the page opens.
 */
export function useActionData({ resource, action }, firstParams = {}, onData = undefined) {
  const [data, setData] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const call = async (params = {}, body = undefined) => {
    setBusy(true);
    setError(null);
    try {
      const response = await api.resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        params,
        ...(body ? { data: body } : {}),
      });
      setData(response.data);
      if (onData) onData(response.data);
    } catch {
      setError(LOAD_FAILED);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    call(firstParams);
  }, []);
  return { data, busy, error, call };
}

/** « Chargement… » until the first answer, or the error that stopped it. */
export const Loading = ({ error }) => <Box variant="container">{error ?? 'Chargement…'}</Box>;

/** The handler's notice (success or refusal) and the last call's error. */
export function Notices({ notice, error }) {
  return (
    <>
      {notice ? (
        <Box mb="lg">
          <MessageBox variant={notice.type} message={notice.message} />
        </Box>
      ) : null}
      {error ? (
        <Box mb="lg">
          <MessageBox variant="danger" message={error} />
        </Box>
      ) : null}
    </>
  );
}

/**
 * « Pizzeria »: the shops the user may read, « Toutes » first when `all` and there are several. Without `all`, a
 * user of one shop has nothing to choose: no picker.
 */
export function ShopPicker({ id, shops, value, onChange, all = false, mb = undefined }) {
  if (!all && shops.length < 2) return null;
  return (
    <Box mb={mb}>
      <Label htmlFor={id}>Pizzeria</Label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        style={{ padding: '8px', fontSize: '14px' }}
      >
        {all && shops.length > 1 ? <option value="">Toutes</option> : null}
        {shops.map((s) => (
          <option key={s.id} value={s.id}>
            {s.code} — {s.name}
          </option>
        ))}
      </select>
    </Box>
  );
}
