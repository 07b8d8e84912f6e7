// Archives of a closed period of the sales journal (a month or a fiscal year of one shop), as a plain tar file
// (ustar, written and read here: no dependency) that can be kept outside the platform and verified offline:
// - entries.jsonl: the entries of the period (one JSON object a line, in number order);
// - closures.jsonl: the closures from the period's first day closure to the period's closure (in number order);
// - public-keys.pem: every public key these closures and the manifest were signed with;
// - manifest.json: shop, period, creation time, generator, the entry and closure just before the archived ones
//   (the chains are anchored on them, re-hashed), and each file's name, size and SHA-256;
// - manifest.sig: Ed25519 signature (base64) of manifest.json's SHA-256, by the key named in the manifest.
// The entries are written to a temporary file first (their size and hash go in the tar headers and the manifest
// before them), then the tar is streamed; a year of entries never sits in memory.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../db/executor.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { fromRoot } from '../../shared/paths.js';
import { type Closure, type ClosureKind, type JournalEntry } from './canonical.js';
import { CLOSURE_COLUMNS } from './closures.repository.js';
import type { SigningKey } from './signing.js';
import { verifySignature } from './signing.js';
import { closureAt, entriesBetween, entryAt, inSnapshot } from './verification.js';
import { pemKeys, verifyJournal, type KeyRing, type Verification } from './verify.js';

export const ARCHIVE_FORMAT = 'ocpizza-journal-archive/1';
const require = createRequire(import.meta.url);
/** The program that wrote the archive and its version (from src/ with tsx or from dist/src/ after a build). */
export const GENERATOR = `ocpizza ${(require(fromRoot('package.json')) as { version: string }).version}`;
const FILES = [
  'manifest.json',
  'manifest.sig',
  'public-keys.pem',
  'closures.jsonl',
  'entries.jsonl',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// ustar

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** The 512-byte ustar header of a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

export const tarPadding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
export const TAR_END = Buffer.alloc(2 * BLOCK);

export interface TarMember {
  name: string;
  size: number;
  /** Where its data starts in the file. */
  offset: number;
}

/** The regular files of a tar file (headers read one by one: constant memory). Throws on a malformed header. */
export async function listTar(path: string): Promise<TarMember[]> {
  const file = await open(path, 'r');
  try {
    const { size: total } = await file.stat();
    const members: TarMember[] = [];
    const h = Buffer.alloc(BLOCK);
    let at = 0;
    while (at + BLOCK <= total) {
      await file.read(h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) break;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
      const stored = Number.parseInt(h.toString('ascii', 148, 156).replace(/[\0 ]/g, ''), 8);
      if (stored !== sum) throw new Error(`en-tête tar illisible à l’octet ${at}`);
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = Number.parseInt(h.toString('ascii', 124, 136).replace(/[\0 ]/g, '') || '0', 8);
      const type = h.toString('ascii', 156, 157);
      if (at + BLOCK + size > total) throw new Error(`fichier ${name} tronqué dans l’archive`);
      if (type === '0' || type === '\0') members.push({ name, size, offset: at + BLOCK });
      at += BLOCK + size + tarPadding(size).length;
    }
    return members;
  } finally {
    await file.close();
  }
}

const memberStream = (path: string, m: TarMember) =>
  createReadStream(path, { start: m.offset, end: m.offset + m.size - 1 });

async function memberBytes(path: string, m: TarMember): Promise<Buffer> {
  if (m.size === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of memberStream(path, m)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function memberDigest(path: string, m: TarMember): Promise<string> {
  const hash = createHash('sha256');
  if (m.size > 0) for await (const chunk of memberStream(path, m)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  generator: string;
  shop: { id: number; code: string; name: string };
  period: { kind: ClosureKind; period: string; closureSeq: number };
  createdAt: string;
  entries: { first: number | null; last: number | null; count: number };
  closures: { first: number; last: number };
  /** The entry and the closure just before the archived ones (null: the archive starts at n° 1). */
  anchors: { entry: JournalEntry | null; closure: Closure | null };
  /** The key manifest.sig was made with (its public key is in public-keys.pem). */
  keyId: string;
  files: { name: string; size: number; sha256: string }[];
}

export interface ArchiveRequest {
  pizzeriaId: number;
  /** YYYY-MM (a month) or YYYY (a fiscal year). */
  period: string;
}

const periodText = (kind: ClosureKind, period: string) =>
  kind === 'month' ? `Le mois ${period.slice(5)}/${period.slice(0, 4)}` : `L’exercice ${period}`;

/** The file name an archive is downloaded under. */
export const archiveFileName = (code: string, period: string) => `journal-${code}-${period}.tar`;

/**
 * Prepares the archive of a closed month or year (409 period_not_closed when its closure is missing) and returns
 * its file name and a function streaming the tar into a destination (which it ends). Call `discard` if the tar is
 * not sent.
 */
/** An archive ready to stream: its file name, the writer, and the clean-up of its temporary files. */
export interface PreparedArchive {
  name: string;
  write(out: Writable): Promise<{ bytes: number }>;
  discard(): Promise<void>;
}

export async function prepareArchive(
  db: Database,
  key: SigningKey,
  r: ArchiveRequest,
  now: Date,
): Promise<PreparedArchive> {
  const kind: ClosureKind = r.period.length === 4 ? 'year' : 'month';
  const dir = await mkdtemp(join(tmpdir(), 'ocpizza-journal-'));
  const entriesPath = join(dir, 'entries.jsonl');
  try {
    const prepared = await inSnapshot(db, async (client) => {
      const shop = (
        await client.query<{ id: number; code: string; name: string }>(
          `SELECT id, code, name FROM pizzerias WHERE id = $1`,
          [r.pizzeriaId],
        )
      ).rows[0];
      if (!shop) throw new NotFoundError('Pizzeria inconnue.', 'pizzeria_not_found');
      const closing = (
        await client.query<Closure>(
          `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND kind = $2 AND period = $3`,
          [r.pizzeriaId, kind, r.period],
        )
      ).rows[0];
      if (!closing) {
        throw new ConflictError(
          'period_not_closed',
          `${periodText(kind, r.period)} n’est pas clôturé pour cette pizzeria : seule une période clôturée peut être archivée.`,
          { field: 'period' },
        );
      }
      const start = (
        await client.query<{ seq: number | null }>(
          `SELECT min(seq) AS seq FROM journal_closures WHERE pizzeria_id = $1 AND kind = 'day' AND period LIKE $2 || '-%'`,
          [r.pizzeriaId, r.period],
        )
      ).rows[0].seq;
      const firstClosure = Math.min(start ?? closing.seq, closing.seq);
      const closures = (
        await client.query<Closure>(
          `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq`,
          [r.pizzeriaId, firstClosure, closing.seq],
        )
      ).rows;
      const closureAnchor =
        firstClosure > 1 ? ((await closureAt(client, r.pizzeriaId, firstClosure - 1)) ?? null) : null;
      // The period's entries, and those of the closures written between its first day closure and its closure
      // (a next day closed before the month), so that every archived closure's totals can be added up again.
      const first = closing.firstSeq;
      const last =
        first === null
          ? null
          : Math.max(
              ...closures.filter((c) => c.firstSeq !== null && c.firstSeq >= first).map((c) => c.lastSeq!),
            );
      const anchor =
        first !== null && first > 1 ? ((await entryAt(client, r.pizzeriaId, first - 1)) ?? null) : null;
      const hash = createHash('sha256');
      let size = 0;
      let count = 0;
      const file = createWriteStream(entriesPath);
      await pipeline(async function* () {
        if (first === null) return;
        let batch = '';
        for await (const e of entriesBetween(client, r.pizzeriaId, first, last)) {
          batch += JSON.stringify(e) + '\n';
          count += 1;
          if (batch.length > 64 * 1024) {
            const bytes = Buffer.from(batch, 'utf8');
            hash.update(bytes);
            size += bytes.length;
            yield bytes;
            batch = '';
          }
        }
        const bytes = Buffer.from(batch, 'utf8');
        hash.update(bytes);
        size += bytes.length;
        yield bytes;
      }, file);
      const keyIds = new Set([key.keyId, ...closures.map((c) => c.keyId.trim())]);
      if (closureAnchor) keyIds.add(closureAnchor.keyId.trim());
      const keys = (
        await client.query<{ keyId: string; publicKey: string }>(
          `SELECT key_id AS "keyId", public_key AS "publicKey" FROM journal_keys WHERE key_id = ANY($1) ORDER BY created_at`,
          [[...keyIds]],
        )
      ).rows;
      const pems = new Map(keys.map((k) => [k.keyId.trim(), k.publicKey.trim()]));
      pems.set(key.keyId, key.publicKeyPem.trim());
      return {
        shop,
        closing,
        closures,
        closureAnchor,
        anchor,
        entries: {
          first: count > 0 ? first : null,
          last: count > 0 ? last : null,
          count,
          size,
          sha256: hash.digest('hex'),
        },
        pems,
      };
    });

    const closuresFile = Buffer.from(prepared.closures.map((c) => JSON.stringify(c) + '\n').join(''), 'utf8');
    const keysFile = Buffer.from([...prepared.pems.values()].map((p) => p + '\n').join(''), 'utf8');
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      generator: GENERATOR,
      shop: prepared.shop,
      period: { kind, period: r.period, closureSeq: prepared.closing.seq },
      createdAt: now.toISOString(),
      entries: { first: prepared.entries.first, last: prepared.entries.last, count: prepared.entries.count },
      closures: { first: prepared.closures[0].seq, last: prepared.closing.seq },
      anchors: { entry: prepared.anchor, closure: prepared.closureAnchor },
      keyId: key.keyId,
      files: [
        { name: 'public-keys.pem', size: keysFile.length, sha256: digest(keysFile) },
        { name: 'closures.jsonl', size: closuresFile.length, sha256: digest(closuresFile) },
        { name: 'entries.jsonl', size: prepared.entries.size, sha256: prepared.entries.sha256 },
      ],
    };
    const manifestFile = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    const signatureFile = Buffer.from(key.sign(digest(manifestFile)) + '\n', 'utf8');
    const small: [string, Buffer][] = [
      ['manifest.json', manifestFile],
      ['manifest.sig', signatureFile],
      ['public-keys.pem', keysFile],
      ['closures.jsonl', closuresFile],
    ];
    const discard = () => rm(dir, { recursive: true, force: true });
    return {
      name: archiveFileName(prepared.shop.code, r.period),
      discard,
      async write(out: Writable) {
        let bytes = 0;
        try {
          await pipeline(async function* () {
            for (const [name, data] of small) {
              yield tarHeader(name, data.length, now);
              yield data;
              yield tarPadding(data.length);
              bytes += BLOCK + data.length + tarPadding(data.length).length;
            }
            yield tarHeader('entries.jsonl', prepared.entries.size, now);
            if (prepared.entries.size > 0) yield* createReadStream(entriesPath);
            yield tarPadding(prepared.entries.size);
            yield TAR_END;
            bytes +=
              BLOCK + prepared.entries.size + tarPadding(prepared.entries.size).length + TAR_END.length;
          }, out);
          return { bytes };
        } finally {
          await discard();
        }
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Offline verification

export interface ArchiveVerification {
  /** A problem of the archive itself (missing file, manifest signature, a file's hash); null when sound. */
  archiveProblem: string | null;
  manifest: ArchiveManifest | null;
  /** The journal's verification (null when the archive itself is unsound). */
  verification: Verification | null;
  /** The ids of the keys the archive carries (to compare with the keys the company published). */
  keyIds: string[];
}

const reviveEntry = (e: JournalEntry): JournalEntry => ({ ...e, at: new Date(e.at) });
const reviveClosure = (c: Closure): Closure => ({ ...c, closedAt: new Date(c.closedAt) });

async function* jsonLines<T>(path: string, m: TarMember, revive: (row: T) => T): AsyncGenerator<T> {
  if (m.size === 0) return;
  const lines = createInterface({ input: memberStream(path, m), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield revive(JSON.parse(line) as T);
}

/**
 * Verifies an archive file offline: the manifest's signature, every file's size and SHA-256, then the journal.
 * `trusted`: the only keys accepted (kept apart from the archive); by default those the archive carries.
 */
export async function verifyArchive(path: string, trusted?: KeyRing): Promise<ArchiveVerification> {
  const fail = (archiveProblem: string, manifest: ArchiveManifest | null = null, keyIds: string[] = []) => ({
    archiveProblem,
    manifest,
    verification: null,
    keyIds,
  });
  let members: TarMember[];
  try {
    members = await listTar(path);
  } catch (error) {
    return fail(`Archive illisible : ${(error as Error).message}.`);
  }
  const byName = new Map(members.map((m) => [m.name, m]));
  for (const name of FILES)
    if (!byName.has(name)) return fail(`Archive incomplète : le fichier ${name} est absent.`);
  const manifestBytes = await memberBytes(path, byName.get('manifest.json')!);
  const signature = (await memberBytes(path, byName.get('manifest.sig')!)).toString('utf8').trim();
  const carried = pemKeys((await memberBytes(path, byName.get('public-keys.pem')!)).toString('utf8'));
  const keyIds = [...carried.keys()];
  const keys = trusted ?? carried;
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as ArchiveManifest;
  } catch {
    return fail('Archive invalide : manifest.json n’est pas du JSON (modifié ?).', null, keyIds);
  }
  const key = keys.get(String(manifest.keyId));
  if (!key) {
    return fail(
      trusted
        ? `Archive non reconnue : la clé ${manifest.keyId} du manifeste n’est pas parmi les clés fournies.`
        : `Archive invalide : la clé ${manifest.keyId} du manifeste est absente de public-keys.pem.`,
      manifest,
      keyIds,
    );
  }
  const manifestHash = createHash('sha256').update(manifestBytes).digest('hex');
  if (!verifySignature(key, manifestHash, signature)) {
    return fail(
      'Archive altérée : signature du manifeste invalide (manifest.json modifié ?).',
      manifest,
      keyIds,
    );
  }
  if (manifest.format !== ARCHIVE_FORMAT)
    return fail(`Archive d’un format inconnu : ${manifest.format}.`, manifest, keyIds);
  for (const f of manifest.files) {
    const m = byName.get(f.name);
    if (!m) return fail(`Archive incomplète : le fichier ${f.name} est absent.`, manifest, keyIds);
    if (m.size !== f.size || (await memberDigest(path, m)) !== f.sha256) {
      return fail(
        `Archive altérée : le fichier ${f.name} ne correspond pas à son empreinte SHA-256 dans le manifeste (modifié ?).`,
        manifest,
        keyIds,
      );
    }
  }
  const anchor = manifest.anchors.entry ? reviveEntry(manifest.anchors.entry) : null;
  const closureAnchor = manifest.anchors.closure ? reviveClosure(manifest.anchors.closure) : null;
  const verification = await verifyJournal(
    [
      {
        pizzeriaId: manifest.shop.id,
        code: manifest.shop.code,
        anchor,
        closureAnchor,
        entries: jsonLines(path, byName.get('entries.jsonl')!, reviveEntry),
        closures: jsonLines(path, byName.get('closures.jsonl')!, reviveClosure),
        lastSeq: manifest.entries.last ?? anchor?.seq ?? 0,
      },
    ],
    keys,
  );
  // The entries the manifest announces must all be there (a truncated file was caught by its hash already).
  return { archiveProblem: null, manifest, verification, keyIds };
}
