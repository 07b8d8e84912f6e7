// `npm run journal:verify [-- --shop P01 --from 2026-12-01 --to 2026-12-31]`: verifies the sales journal in the
// configured database (DATABASE_URL etc., as the app reads them) and prints a French report.
// `npm run journal:verify -- --archive journal-P01-2026-12.tar`: verifies an archive offline (no database): the
// manifest's signature, every file's SHA-256, then the entries and closures inside.
// Exit 0 when the journal is intact (« intègre »), 1 when it is broken, 2 on a usage or configuration error.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, getSettings } from './config/index.js';
import { createDatabase } from './db/executor.js';
import {
  pemKeys,
  verificationReport,
  verifyArchive,
  verifyDatabase,
  type KeyRing,
} from './modules/journal/index.js';
import { AppError } from './shared/errors.js';

const INTACT = 0;
const BROKEN = 1;
const USAGE = 2;

const USAGE_TEXT = `Usage :
  npm run journal:verify [-- --shop P01] [--from AAAA-MM-JJ] [--to AAAA-MM-JJ]
      vérifie le journal des ventes dans la base configurée (toutes les pizzerias par défaut)
  npm run journal:verify -- --archive fichier.tar
      vérifie une archive hors ligne (signature du manifeste, empreintes des fichiers, écritures et clôtures)
  --key cles.pem (répétable) : n’accepte que les signatures de ces clés publiques, conservées à part
      (sinon : les clés publiées dans la base, ou celles que porte l’archive)`;

const isDay = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

function usage(message: string): number {
  console.error(`journal:verify : ${message}\n${USAGE_TEXT}`);
  return USAGE;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        shop: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        archive: { type: 'string' },
        key: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE_TEXT);
    return INTACT;
  }
  let keys: KeyRing | undefined;
  if (values.key) {
    const ring = new Map<string, string>();
    for (const file of values.key) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        return usage(`fichier de clés illisible : ${file} (${(error as Error).message})`);
      }
      const found = pemKeys(text);
      if (found.size === 0) return usage(`aucune clé publique (PEM) dans ${file}`);
      for (const [id, pem] of found) ring.set(id, pem);
    }
    keys = ring;
  }
  if (values.archive !== undefined) {
    if (values.shop || values.from || values.to)
      return usage('--archive ne se combine pas avec --shop, --from ou --to');
    return checkArchive(values.archive, keys);
  }
  for (const key of ['from', 'to'] as const) {
    if (values[key] !== undefined && !isDay(values[key])) return usage(`--${key} attend une date AAAA-MM-JJ`);
  }
  if (values.from && values.to && values.to < values.from) return usage('--to précède --from');

  let url: string | null;
  try {
    url = getSettings().db.url;
  } catch (error) {
    if (error instanceof ConfigError) return usage(`configuration refusée.\n${error.message}`);
    throw error;
  }
  if (!url) return usage('aucune base configurée (DATABASE_URL ou POSTGRES_*)');
  const db = createDatabase({ url, poolMax: 1, applicationName: 'ocpizza-journal-verify' });
  try {
    const scope = [
      values.shop ? `pizzeria ${values.shop}` : 'toutes les pizzerias',
      values.from ? `du ${values.from}` : '',
      values.to ? `au ${values.to}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    console.log(`Vérification du journal des ventes (${scope})`);
    const started = Date.now();
    const v = await verifyDatabase(db, {
      shopCode: values.shop,
      from: values.from,
      to: values.to,
      keys,
    });
    console.log(verificationReport(v));
    console.log(`Durée : ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return v.intact ? INTACT : BROKEN;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return usage(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

async function checkArchive(path: string, keys: KeyRing | undefined): Promise<number> {
  console.log(`Vérification de l’archive ${path}`);
  const a = await verifyArchive(path, keys);
  if (a.manifest) {
    const m = a.manifest;
    console.log(
      `Pizzeria ${m.shop.code} (${m.shop.name}), période ${m.period.period}, archive créée le ${m.createdAt}`,
    );
  }
  if (a.keyIds.length > 0) {
    console.log(`Clés publiques de l’archive : ${a.keyIds.join(', ')} (à comparer avec les clés publiées)`);
  }
  if (a.archiveProblem) {
    console.log(a.archiveProblem);
    console.log('Résultat : archive ALTÉRÉE.');
    return BROKEN;
  }
  console.log('Manifeste : signature valide ; empreintes SHA-256 des fichiers conformes.');
  console.log(verificationReport(a.verification!));
  return a.verification!.intact ? INTACT : BROKEN;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`journal:verify : échec inattendu : ${(error as Error)?.stack ?? String(error)}`);
  return USAGE;
});
