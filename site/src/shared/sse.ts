// A live stream (Server-Sent Events) that reconnects by itself; EventSource sends no header, so the token goes
// in the query string (the server accepts `access_token` for streams only). A public stream (a shop's menu) takes
// no token.
export function stream(
  path: string,
  token: string | null,
  onEvent: (type: string, data: any) => void,
  onState?: (connected: boolean) => void,
): () => void {
  const url = token
    ? `/api${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`
    : `/api${path}`;
  const source = new EventSource(url);
  source.onopen = () => onState?.(true);
  source.onerror = () => onState?.(false);
  source.onmessage = (e) => onEvent('message', safeParse(e.data));
  for (const type of [
    'status',
    'order.status',
    'order.updated',
    'order.created',
    'menu.changed',
    'ready',
    'resync',
  ]) {
    source.addEventListener(type, (e) => onEvent(type, safeParse((e as MessageEvent).data)));
  }
  return () => source.close();
}

/**
 * Follows a shop's public menu stream: `onChange` when its menu changed (a rupture, a withdrawal, a shop price)
 * or when changes may have been missed. Returns the function that stops following.
 */
export function menuChanges(pizzeriaId: number, onChange: () => void): () => void {
  return stream(`/pizzerias/${pizzeriaId}/menu/events`, null, (type) => {
    if (type === 'menu.changed' || type === 'resync') onChange();
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
