// Builds the customer site and the staff screens (site/) into site/dist: one esbuild run bundles and minifies
// each entry with a content hash in its name, then the HTML pages are written with those names. `npm run build`
// runs it for production; the development server and the tests build in-process at start (a few hundred ms)
// unless site/dist already holds the build of the current sources (site/dist/build.json), so `npm start`
// always serves the current sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { fromRoot } from '../shared/paths.js';

export const SITE_DIST = fromRoot('site', 'dist');
const SOURCES = fromRoot('site');

/** The script entries, bundled once each. */
const ENTRIES = { site: 'src/customer/main.ts', staff: 'src/staff/main.ts' } as const;

/**
 * The pages: their HTML template and the entry whose script and stylesheet they load. The privacy page takes
 * the site's stylesheet but no script (the server fills in its figures: src/site/privacy-page.ts).
 */
const PAGES = [
  { template: 'index.html', output: 'index.html', entry: ENTRIES.site },
  { template: 'staff.html', output: 'personnel.html', entry: ENTRIES.staff },
  { template: 'privacy.html', output: 'confidentialite.html', entry: ENTRIES.site },
] as const;

const urlOf = (file: string) => '/' + path.relative(SITE_DIST, fromRoot(file)).split(path.sep).join('/');

/** The script of an entry and the stylesheet esbuild gathered from its CSS imports. */
function outputsOf(metafile: Metafile, entry: string): { script: string; style: string } {
  const found = Object.entries(metafile.outputs).find(([, out]) => out.entryPoint === `site/${entry}`);
  if (!found || !found[1].cssBundle) throw new Error(`site build: no script and stylesheet for ${entry}`);
  return { script: urlOf(found[0]), style: urlOf(found[1].cssBundle) };
}

export interface SiteBuild {
  files: Record<string, number>;
  ms: number;
  /** True when site/dist already held the build of these sources (nothing was built). */
  upToDate?: boolean;
}

/**
 * `clean` empties site/dist first (the release build). Without it (development, tests) files are only added or
 * replaced: assets have content-hashed names and pages are renamed into place, so a process serving the folder
 * while another one builds never sees a missing or half-written file.
 */
export async function buildSite(options: { minify?: boolean; clean?: boolean } = {}): Promise<SiteBuild> {
  const started = performance.now();
  const minify = options.minify ?? true;
  const fingerprint = sourcesFingerprint({ minify });
  if (options.clean) await rm(SITE_DIST, { recursive: true, force: true });
  await mkdir(SITE_DIST, { recursive: true });
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: fromRoot(),
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [name, `site/${entry}`])),
    outdir: path.join(SITE_DIST, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify,
    sourcemap: true,
    format: 'esm',
    target: ['es2020', 'safari14'],
    metafile: true,
    logLevel: 'silent',
  });
  const files: Record<string, number> = {};
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) files[path.basename(file)] = out.bytes;
  }
  for (const page of PAGES) {
    const template = await readFile(path.join(SOURCES, page.template), 'utf8');
    const { script, style } = outputsOf(result.metafile, page.entry);
    const html = template.replace('%SCRIPT%', script).replace('%STYLE%', style);
    const target = path.join(SITE_DIST, page.output);
    await writeAtomic(target, html);
  }
  const outputs = [...PAGES.map((p) => p.output), ...Object.keys(result.metafile.outputs).map(fromDist)];
  await writeAtomic(STAMP, JSON.stringify({ fingerprint, files, outputs } satisfies Stamp));
  return { files, ms: Math.round(performance.now() - started) };
}

async function writeAtomic(file: string, data: string): Promise<void> {
  await writeFile(`${file}.${process.pid}.tmp`, data);
  await rename(`${file}.${process.pid}.tmp`, file);
}

/** What a build leaves in site/dist/build.json: of which sources, and what it wrote (relative to site/dist). */
interface Stamp {
  fingerprint: string;
  files: Record<string, number>;
  outputs: string[];
}

const STAMP = path.join(SITE_DIST, 'build.json');
const fromDist = (file: string) => path.relative(SITE_DIST, fromRoot(file));

/** This module's source (the same from tsx, dist/dev and dist/src), absent in nothing but a bare dist/. */
const BUILD_SOURCE = fromRoot('src', 'site', 'build.ts');

/** A hash of everything a build depends on: the files of site/ (but site/dist), its options, this module. */
function sourcesFingerprint(options: { minify: boolean }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  if (existsSync(BUILD_SOURCE)) hash.update(readFileSync(BUILD_SOURCE));
  const entries = readdirSync(SOURCES, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(SOURCES, path.join(e.parentPath, e.name)))
    .filter((f) => f.split(path.sep)[0] !== 'dist')
    .sort();
  for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(path.join(SOURCES, file)));
  return hash.digest('hex');
}

/** The build in site/dist when it was made from the current sources with these options, else undefined. */
export function siteBuildUpToDate(options: { minify: boolean }): SiteBuild | undefined {
  const started = performance.now();
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.fingerprint !== sourcesFingerprint(options)) return undefined;
  if (!stamp.outputs.every((file) => existsSync(path.join(SITE_DIST, file)))) return undefined;
  return { files: stamp.files, ms: Math.round(performance.now() - started), upToDate: true };
}

let built: Promise<SiteBuild> | undefined;

/**
 * Builds once per process (development start, tests), or not at all when site/dist holds the build of the
 * current sources; production serves what `npm run build` made.
 */
export function ensureSiteBuilt(): Promise<SiteBuild> {
  built ??= Promise.resolve(siteBuildUpToDate({ minify: true })).then((done) => done ?? buildSite());
  return built;
}

// `node dist/src/site/build.js` (npm run build) or `tsx src/site/build.ts`.
if (
  process.argv[1] &&
  path.resolve(process.argv[1]).replace(/\.ts$/, '.js').endsWith(path.join('site', 'build.js'))
) {
  const { files, ms } = await buildSite({ clean: true });
  const sizes = Object.entries(files).map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} kB`);
  console.log(`site built in ${SITE_DIST} (${ms} ms): ${sizes.join(', ')}`);
}
