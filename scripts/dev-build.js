// The compile cache behind `npm start`: the TypeScript of src/, admin/ and seeders/ compiled file by file with
// esbuild (as tsx does, no type check) into dist/dev/, in the same layout as the sources, and recompiled only
// where a source changed. The server then runs as plain JavaScript, without the TypeScript loader hooks, which
// Node runs in a worker thread that every one of the ~2,000 imported modules (node_modules included) goes
// through: seconds of each start on this app.
//
// A source is recompiled when its size or mtime changed and its content hash too, or when its output is gone;
// the output of a deleted source is removed; a change of tsconfig.json, of esbuild's version or of this file
// recompiles everything. Every file is written through a rename, so two starts at once never read half a file.
// Plain JavaScript: it runs before anything is compiled.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const THIS_FILE = fileURLToPath(import.meta.url);

export const ROOT = path.resolve(path.dirname(THIS_FILE), '..');
/** What the server imports (the tests and benchmarks run the sources through tsx). */
export const SOURCE_DIRS = ['src', 'admin', 'seeders'];
export const DEV_DIST = path.join(ROOT, 'dist', 'dev');
const MANIFEST = 'manifest.json';

const hashOf = (data) => createHash('sha256').update(data).digest('hex');
const outputOf = (outDir, source) => path.join(outDir, source.replace(/\.ts$/, '.js'));

/** The .ts files (not .d.ts) under SOURCE_DIRS, as sorted root-relative paths with forward slashes. */
function listSources(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    for (const entry of readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      files.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

function readManifest(outDir) {
  try {
    return JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeAtomic(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Brings `outDir` up to date with the TypeScript sources under `root`.
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<{ compiled: number, removed: number, total: number, ms: number }>}
 */
export async function ensureDevBuild({ root = ROOT, outDir = DEV_DIST } = {}) {
  const started = performance.now();
  const key = hashOf(
    [
      readFileSync(THIS_FILE),
      require('esbuild/package.json').version,
      readFileSync(path.join(root, 'tsconfig.json')),
    ].join('\n'),
  );
  const previous = readManifest(outDir);
  const known = previous?.key === key ? previous.files : {};

  const files = {};
  const stale = [];
  for (const source of listSources(root)) {
    const { size, mtimeMs } = statSync(path.join(root, source));
    const before = known[source];
    const built = existsSync(outputOf(outDir, source));
    if (before && built && before.size === size && before.mtimeMs === mtimeMs) {
      files[source] = before;
      continue;
    }
    const hash = hashOf(readFileSync(path.join(root, source)));
    files[source] = { size, mtimeMs, hash };
    if (!before || !built || before.hash !== hash) stale.push(source);
  }
  const removed = Object.keys(previous?.files ?? {}).filter((source) => !(source in files));
  for (const source of removed) {
    rmSync(outputOf(outDir, source), { force: true });
    rmSync(`${outputOf(outDir, source)}.map`, { force: true });
  }

  if (stale.length > 0) {
    const { build } = await import('esbuild');
    const result = await build({
      absWorkingDir: root,
      entryPoints: stale,
      outbase: '.',
      outdir: outDir,
      bundle: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      tsconfig: 'tsconfig.json',
      sourcemap: 'linked',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
    });
    for (const output of result.outputFiles) writeAtomic(output.path, output.contents);
  }
  const manifest = JSON.stringify({ key, files });
  if (manifest !== JSON.stringify(previous)) writeAtomic(path.join(outDir, MANIFEST), manifest);
  return {
    compiled: stale.length,
    removed: removed.length,
    total: Object.keys(files).length,
    ms: Math.round(performance.now() - started),
  };
}
