// What survives a reload, in localStorage: the cart and its context, the signed-in customer's or staff
// member's token. A corrupted or old entry is dropped rather than breaking the page.
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`ocpizza.${key}`);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) localStorage.removeItem(`ocpizza.${key}`);
    else localStorage.setItem(`ocpizza.${key}`, JSON.stringify(value));
  } catch {
    // Private browsing or a full quota: the page keeps working without persistence.
  }
}
