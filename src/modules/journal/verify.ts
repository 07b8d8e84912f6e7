// The verifier of the sales journal: recomputes, shop by shop, everything the journal and its closures claim, and
// stops at the FIRST problem, which it locates (shop, entry or closure, number) and explains in French. Fed by async
// iterables (entries and closures in number order), so the same code checks the database (a server-side cursor)
// and an archive (its JSON lines files), in constant memory for the entries (closures are few and kept).
//
// Per shop:
// - entries: numbers 1, 2, 3… without gap (a missing number is a deleted entry); each hash recomputed from the
//   stored columns (entryHash, as journal_entry_hash() writes it); each prev_hash equal to the previous entry's
//   hash (GENESIS for n° 1); the perpetual grand total moved on by the revenue entries only; HT + VAT = TTC;
// - closures: chained (numbers, prev_hash), hash recomputed, Ed25519 signature valid with the published key of
//   its key id; day closures contiguous; a month's or a year's range that of its day closures; totals, number of
//   entries and grand total recomputed from the entries of its range;
// - the journal head (journal_heads, a cache) agrees with the last entry: deleting the latest entries shows.
import {
  closureHash,
  entryHash,
  GENESIS_HASH,
  periodDate,
  totalsText,
  TotalsAccumulator,
  type Closure,
  type JournalEntry,
} from './canonical.js';
import { keyIdOfPem, verifySignature } from './signing.js';

/** What one shop's verification reads. */
export interface ShopSource {
  pizzeriaId: number;
  code: string;
  /** The shop's entries in number order, from `anchor.seq + 1` (n° 1 without anchor). */
  entries: AsyncIterable<JournalEntry>;
  /** The shop's closures in number order, from `closureAnchor.seq + 1` (n° 1 without anchor). */
  closures: AsyncIterable<Closure>;
  /** The entry just before the checked ones (a period's verification, an archive): re-hashed, chain anchored on it. */
  anchor?: JournalEntry | null;
  /** The closure just before the checked ones (an archive): re-hashed and its signature checked, chain anchored on it. */
  closureAnchor?: Closure | null;
  /** The last entry number the entries may reach (a period): closures beyond it are not added up. */
  lastSeq?: number;
  /** The shop's journal head, compared with its last entry; undefined: not checked (a period, an archive). */
  head?: { lastSeq: number; lastHash: string; grandTotalCents: number } | null;
}

export interface VerificationProblem {
  pizzeriaId: number;
  shopCode: string;
  kind: 'entry' | 'closure';
  seq: number;
  /** In French, for the accountant. */
  message: string;
}

export interface ShopFigures {
  pizzeriaId: number;
  shopCode: string;
  /** Entries checked. */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The perpetual grand total at the last entry checked (cents). */
  grandTotalCents: number;
  /** Closures checked (chain, hash, signature; totals when their range is among the entries checked). */
  closures: number;
  /** The ids of the keys those closures are signed with (to compare with the keys the company published). */
  keyIds: string[];
}

export interface Verification {
  /** True when no problem was found: « intègre ». */
  intact: boolean;
  /** The first problem (verification stopped there). */
  problem: VerificationProblem | null;
  /** The shops verified (the broken one included, its figures up to the problem). */
  shops: ShopFigures[];
}

/** Public keys by key id (SPKI PEM). */
export type KeyRing = ReadonlyMap<string, string>;

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** The public keys (SPKI PEM blocks) of a text, e.g. a public-keys.pem file. */
export const pemKeys = (text: string) =>
  keyRing((text.match(PEM_BLOCK) ?? []).map((publicKey) => ({ publicKey })));

/** The key ring of published keys, each filed under the id its own key gives (a key under a wrong id is ignored). */
export function keyRing(keys: Iterable<{ keyId?: string; publicKey: string }>): Map<string, string> {
  const ring = new Map<string, string>();
  for (const k of keys) {
    const id = keyIdOfPem(k.publicKey);
    if (id !== null && (k.keyId === undefined || k.keyId.trim() === id)) ring.set(id, k.publicKey);
  }
  return ring;
}

class Broken extends Error {
  constructor(
    readonly kind: 'entry' | 'closure',
    readonly seq: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const euros = (cents: number) =>
  (cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' €';

const missing = (what: 'Écriture' | 'Clôture', expected: number, found: number) => {
  const gap =
    found - expected === 1
      ? `${what} n° ${expected} manquante (supprimée ?)`
      : `${what}s n° ${expected} à ${found - 1} manquantes (supprimées ?)`;
  return expected === 1
    ? `${gap} : le journal commence à la n° ${found}`
    : `${gap} : la n° ${found} suit la n° ${expected - 1}`;
};

function periodLabel(c: Pick<Closure, 'kind' | 'period'>): string {
  const words = { day: 'journée du', month: 'mois', year: 'exercice' }[c.kind];
  return `${words} ${periodDate(c.period)}`;
}

/** A closure being added up while its entries stream past. */
interface Tracked {
  closure: Closure;
  totals: TotalsAccumulator;
}

/** Checks the closures' chain, hashes, signatures and ranges (no entry needed); returns what the entries check. */
function checkClosures(shop: ShopSource, closures: Closure[], keys: KeyRing) {
  const anchor = shop.closureAnchor ?? null;
  if (anchor) checkClosureItself(anchor, keys);
  const partial = anchor !== null;
  let previous = anchor;
  // The last entry number covered by the day closures so far (unknown before the first one after an anchor).
  let dayLast: number | null = partial
    ? anchor.kind === 'day' && anchor.lastSeq !== null
      ? anchor.lastSeq
      : null
    : 0;
  const firstDay = closures.find((c) => c.kind === 'day');
  /** Empty closures: the grand total they must carry is the one at this entry number. */
  const grandTotalAt = new Map<number, Closure[]>();
  for (const c of closures) {
    const expected = (previous?.seq ?? 0) + 1;
    if (c.seq !== expected) throw new Broken('closure', expected, missing('Clôture', expected, c.seq));
    if (c.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      throw new Broken(
        'closure',
        c.seq,
        `Clôture n° ${c.seq} : chaînage rompu (l’empreinte précédente ne correspond pas)`,
      );
    }
    if (c.pizzeriaId !== shop.pizzeriaId) {
      throw new Broken('closure', c.seq, `Clôture n° ${c.seq} : elle appartient à une autre pizzeria`);
    }
    checkClosureItself(c, keys);
    const range = `${c.firstSeq ?? ''}-${c.lastSeq ?? ''}`;
    if ((c.firstSeq === null) !== (c.lastSeq === null) || (c.firstSeq !== null && c.lastSeq! < c.firstSeq)) {
      throw new Broken('closure', c.seq, `Clôture n° ${c.seq} : plage d’écritures invalide (${range})`);
    }
    if (c.kind === 'day') {
      if (c.firstSeq !== null && dayLast !== null && c.firstSeq !== dayLast + 1) {
        throw new Broken(
          'closure',
          c.seq,
          `Clôture n° ${c.seq} (${periodLabel(c)}) : elle commence à l’écriture n° ${c.firstSeq} au lieu de la ` +
            `n° ${dayLast + 1} (les clôtures journalières doivent se suivre)`,
        );
      }
      if (c.lastSeq !== null) dayLast = c.lastSeq;
    } else {
      // Only when every day closure of that period is among those read (an archive starts at its period's first).
      const complete =
        !partial || (firstDay !== undefined && firstDay.period.slice(0, c.period.length) <= c.period);
      if (complete) {
        const days = closures.filter(
          (d) =>
            d.kind === 'day' && d.seq < c.seq && d.firstSeq !== null && d.period.startsWith(c.period + '-'),
        );
        const first = days.length > 0 ? days[0].firstSeq : null;
        const last = days.length > 0 ? days[days.length - 1].lastSeq : null;
        if (c.firstSeq !== first || c.lastSeq !== last) {
          throw new Broken(
            'closure',
            c.seq,
            `Clôture n° ${c.seq} (${periodLabel(c)}) : sa plage d’écritures (${range}) n’est pas celle de ses ` +
              `clôtures journalières (${first ?? ''}-${last ?? ''})`,
          );
        }
      }
    }
    if (c.firstSeq === null) {
      // An empty closure carries the grand total where the day closures had got to.
      if (dayLast === 0 && c.grandTotalCents !== 0) throw grandTotalProblem(c, 0);
      if (dayLast !== null && dayLast > 0)
        grandTotalAt.set(dayLast, [...(grandTotalAt.get(dayLast) ?? []), c]);
    }
    previous = c;
  }
  return { grandTotalAt, dayLast };
}

function checkClosureItself(c: Closure, keys: KeyRing) {
  if (closureHash(c) !== c.hash) {
    throw new Broken(
      'closure',
      c.seq,
      `Clôture n° ${c.seq} : l’empreinte ne correspond pas au contenu (totaux, période ou autre champ modifié)`,
    );
  }
  const key = keys.get(c.keyId.trim());
  if (key === undefined) {
    throw new Broken(
      'closure',
      c.seq,
      `Clôture n° ${c.seq} : clé de signature ${c.keyId.trim()} inconnue (ni publiée ni fournie)`,
    );
  }
  if (!verifySignature(key, c.hash, c.signature)) {
    throw new Broken('closure', c.seq, `Clôture n° ${c.seq} : signature invalide`);
  }
}

const grandTotalProblem = (c: Closure, expected: number) =>
  new Broken(
    'closure',
    c.seq,
    `Clôture n° ${c.seq} (${periodLabel(c)}) : grand total perpétuel inscrit ${euros(c.grandTotalCents)}, ` +
      `celui des écritures est ${euros(expected)}`,
  );

function checkEntryItself(e: JournalEntry) {
  if (entryHash(e) !== e.hash) {
    throw new Broken(
      'entry',
      e.seq,
      `Écriture n° ${e.seq} : l’empreinte ne correspond pas au contenu (montant, date ou autre champ modifié)`,
    );
  }
}

function checkAmounts(e: JournalEntry) {
  let base = 0;
  let vat = 0;
  for (const v of e.vat) {
    base += v.baseCents;
    vat += v.vatCents;
  }
  if (base !== e.htCents || e.htCents + vat !== e.amountCents) {
    throw new Broken(
      'entry',
      e.seq,
      `Écriture n° ${e.seq} : montants incohérents (HT ${euros(e.htCents)} + TVA ${euros(vat)} ≠ TTC ` +
        `${euros(e.amountCents)}, ou lignes de TVA dont la base ne fait pas le HT)`,
    );
  }
}

async function verifyShop(shop: ShopSource, keys: KeyRing, figures: ShopFigures): Promise<void> {
  const closures: Closure[] = [];
  for await (const c of shop.closures) closures.push(c);
  const { grandTotalAt } = checkClosures(shop, closures, keys);
  figures.closures = closures.length;
  figures.keyIds = [...new Set(closures.map((c) => c.keyId.trim()))];

  const anchor = shop.anchor ?? null;
  if (anchor) checkEntryItself(anchor);
  let expected = (anchor?.seq ?? 0) + 1;
  let prevHash = anchor?.hash ?? GENESIS_HASH;
  let grandTotal = anchor?.grandTotalCents ?? 0;
  const firstChecked = expected;
  const checkGrandTotalAt = (seq: number, gt: number) => {
    for (const c of grandTotalAt.get(seq) ?? []) if (c.grandTotalCents !== gt) throw grandTotalProblem(c, gt);
  };
  if (anchor) checkGrandTotalAt(anchor.seq, anchor.grandTotalCents);

  // Closures whose whole range is among the entries read are added up as the entries stream past.
  const starting = new Map<number, Closure[]>();
  for (const c of closures) {
    if (c.firstSeq === null || c.firstSeq < firstChecked) continue;
    if (shop.lastSeq !== undefined && c.lastSeq! > shop.lastSeq) continue;
    starting.set(c.firstSeq, [...(starting.get(c.firstSeq) ?? []), c]);
  }
  let active: Tracked[] = [];

  for await (const e of shop.entries) {
    if (e.seq !== expected) {
      if (e.seq > expected) throw new Broken('entry', expected, missing('Écriture', expected, e.seq));
      throw new Broken(
        'entry',
        e.seq,
        `Écriture n° ${e.seq} : en double ou hors d’ordre (attendue : n° ${expected})`,
      );
    }
    if (e.pizzeriaId !== shop.pizzeriaId) {
      throw new Broken('entry', e.seq, `Écriture n° ${e.seq} : elle appartient à une autre pizzeria`);
    }
    checkEntryItself(e);
    if (e.prevHash !== prevHash) {
      throw new Broken(
        'entry',
        e.seq,
        `Écriture n° ${e.seq} : chaînage rompu (l’empreinte précédente ne correspond pas)`,
      );
    }
    const gt = grandTotal + (e.revenue ? e.amountCents : 0);
    if (e.grandTotalCents !== gt) {
      throw new Broken(
        'entry',
        e.seq,
        `Écriture n° ${e.seq} : grand total perpétuel incohérent (inscrit ${euros(e.grandTotalCents)}, attendu ` +
          `${euros(gt)})`,
      );
    }
    checkAmounts(e);

    const opening = starting.get(e.seq);
    if (opening) for (const c of opening) active.push({ closure: c, totals: new TotalsAccumulator() });
    for (const t of active) t.totals.add(e);
    if (active.some((t) => t.closure.lastSeq === e.seq)) {
      for (const t of active) if (t.closure.lastSeq === e.seq) checkTotals(t, e);
      active = active.filter((t) => t.closure.lastSeq !== e.seq);
    }
    checkGrandTotalAt(e.seq, e.grandTotalCents);

    expected = e.seq + 1;
    prevHash = e.hash;
    grandTotal = gt;
    figures.entries += 1;
    figures.firstSeq ??= e.seq;
    figures.lastSeq = e.seq;
    figures.grandTotalCents = gt;
  }

  const last = expected - 1;
  if (active.length > 0) {
    const c = active[0].closure;
    throw new Broken(
      'closure',
      c.seq,
      `Clôture n° ${c.seq} (${periodLabel(c)}) : elle couvre les écritures n° ${c.firstSeq} à ${c.lastSeq}, mais ` +
        `le journal s’arrête à la n° ${last} (écritures supprimées ?)`,
    );
  }
  for (const [seq, cs] of grandTotalAt) {
    if (seq > last && shop.lastSeq === undefined) {
      throw new Broken(
        'closure',
        cs[0].seq,
        `Clôture n° ${cs[0].seq} : elle suit l’écriture n° ${seq}, absente du journal (supprimée ?)`,
      );
    }
  }
  if (shop.head !== undefined) checkHead(shop.head, last, prevHash, grandTotal);
}

function checkHead(
  head: NonNullable<ShopSource['head']> | null,
  last: number,
  lastHash: string,
  grandTotal: number,
) {
  const headSeq = head?.lastSeq ?? 0;
  if (headSeq > last) {
    throw new Broken(
      'entry',
      last + 1,
      `${headSeq - last === 1 ? `Écriture n° ${last + 1} manquante (supprimée ?)` : `Écritures n° ${last + 1} à ${headSeq} manquantes (supprimées ?)`} : ` +
        `le journal s’arrête à la n° ${last}, son registre de tête indique la n° ${headSeq}`,
    );
  }
  if (headSeq < last) {
    throw new Broken(
      'entry',
      last,
      `Écriture n° ${last} : le registre de tête du journal s’arrête à la n° ${headSeq} (écriture ajoutée hors de ` +
        `l’application ?)`,
    );
  }
  if (last > 0 && (head!.lastHash !== lastHash || head!.grandTotalCents !== grandTotal)) {
    throw new Broken(
      'entry',
      last,
      `Écriture n° ${last} : elle ne correspond pas au registre de tête du journal (empreinte ou grand total ` +
        `différent : dernière écriture remplacée ?)`,
    );
  }
}

function checkTotals(t: Tracked, lastEntry: JournalEntry) {
  const c = t.closure;
  const where = `Clôture n° ${c.seq} (${periodLabel(c)})`;
  if (t.totals.count !== c.entries) {
    throw new Broken(
      'closure',
      c.seq,
      `${where} : elle compte ${c.entries} écritures, ses n° ${c.firstSeq} à ${c.lastSeq} en font ${t.totals.count}`,
    );
  }
  if (totalsText(t.totals.totals()) !== totalsText(c.totals)) {
    throw new Broken(
      'closure',
      c.seq,
      `${where} : ses totaux ne correspondent pas aux écritures n° ${c.firstSeq} à ${c.lastSeq}`,
    );
  }
  if (c.grandTotalCents !== lastEntry.grandTotalCents) throw grandTotalProblem(c, lastEntry.grandTotalCents);
}

/** Verifies the shops one after the other, stopping at the first problem. */
export async function verifyJournal(
  shops: AsyncIterable<ShopSource> | Iterable<ShopSource>,
  keys: KeyRing,
): Promise<Verification> {
  const out: ShopFigures[] = [];
  for await (const shop of shops) {
    const figures: ShopFigures = {
      pizzeriaId: shop.pizzeriaId,
      shopCode: shop.code,
      entries: 0,
      firstSeq: null,
      lastSeq: null,
      grandTotalCents: 0,
      closures: 0,
      keyIds: [],
    };
    out.push(figures);
    try {
      await verifyShop(shop, keys, figures);
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      return {
        intact: false,
        problem: {
          pizzeriaId: shop.pizzeriaId,
          shopCode: shop.code,
          kind: error.kind,
          seq: error.seq,
          message: error.detail,
        },
        shops: out,
      };
    }
  }
  return { intact: true, problem: null, shops: out };
}

/** The report in French, one line per shop then the verdict (the CLI prints it). */
export function verificationReport(v: Verification): string {
  const lines: string[] = [];
  for (const s of v.shops) {
    const broken = v.problem?.pizzeriaId === s.pizzeriaId;
    const range =
      s.firstSeq === null ? 'aucune écriture' : `${s.entries} écriture(s), n° ${s.firstSeq} à ${s.lastSeq}`;
    lines.push(
      broken
        ? `${s.shopCode} : ALTÉRÉ — ${v.problem!.message}`
        : `${s.shopCode} : intègre — ${range}, grand total perpétuel ${euros(s.grandTotalCents)}, ` +
            `${s.closures} clôture(s) vérifiée(s)` +
            (s.keyIds.length > 0 ? ` (clé(s) ${s.keyIds.join(', ')})` : ''),
    );
  }
  if (v.shops.length === 0) lines.push('Aucune pizzeria à vérifier.');
  lines.push(
    v.intact
      ? 'Résultat : journal des ventes intègre.'
      : `Résultat : journal des ventes ALTÉRÉ (pizzeria ${v.problem!.shopCode}, ` +
          `${v.problem!.kind === 'entry' ? 'écriture' : 'clôture'} n° ${v.problem!.seq}).`,
  );
  return lines.join('\n');
}
