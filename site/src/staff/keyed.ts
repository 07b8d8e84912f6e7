// Lists refreshed from the server while someone may be typing in them (the amount received, say): a card is
// rebuilt only when its order changed, so a refresh never wipes a half-filled form.
export function keyedList<T extends { id: string }>(
  container: HTMLElement,
  render: (item: T) => HTMLElement,
): (items: T[]) => void {
  let cards = new Map<string, { signature: string; el: HTMLElement }>();
  return (items) => {
    const next = new Map<string, { signature: string; el: HTMLElement }>();
    for (const item of items) {
      const signature = JSON.stringify(item);
      const kept = cards.get(item.id);
      next.set(item.id, kept && kept.signature === signature ? kept : { signature, el: render(item) });
    }
    const wanted = [...next.values()].map((c) => c.el);
    // Moving a node blurs whatever is focused inside it: leave cards in place when they already are.
    for (const child of [...container.children]) if (!wanted.includes(child as HTMLElement)) child.remove();
    wanted.forEach((el, i) => {
      if (container.children[i] !== el) container.insertBefore(el, container.children[i] ?? null);
    });
    cards = next;
  };
}

/** Whole minutes since `iso`, in French. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'à l’instant';
  if (minutes < 60) return `il y a ${minutes} min`;
  return `il y a ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
