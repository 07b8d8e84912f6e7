import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { ensureDevBuild } from '../../../scripts/dev-build.js';

// `npm start`'s compile cache (scripts/dev-build.js) on a small project of its own.
describe('the compile cache of npm start (scripts/dev-build.js)', () => {
  let root: string;
  let outDir: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const build = () => ensureDevBuild({ root, outDir });
  // A fresh URL each time: every import of a changed output is a new module.
  let generation = 0;
  const run = async (file: string) =>
    (await import(`${pathToFileURL(path.join(outDir, file)).href}?v=${++generation}`)) as { value: string };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ocpizza-dev-build-'));
    outDir = path.join(root, 'dist', 'dev');
    write('package.json', '{ "type": "module" }');
    write('tsconfig.json', '{ "compilerOptions": { "target": "ES2022", "strict": true } }');
    write(
      'src/main.ts',
      "import { name } from './lib/name.js';\nexport const value: string = `hello ${name}`;\n",
    );
    write('src/lib/name.ts', "export const name: string = 'pizza';\n");
    write('admin/index.ts', 'export const value: number = 1;\n');
    write('src/types.d.ts', 'export type Unused = string;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('when nothing was built, then every source is compiled, in the same layout, and runs', async () => {
    const result = await build();
    expect(result).to.include({ compiled: 3, removed: 0, total: 3 });
    expect((await run('src/main.js')).value).to.equal('hello pizza');
    expect(existsSync(path.join(outDir, 'src/main.js.map'))).to.equal(true);
    expect(existsSync(path.join(outDir, 'src/types.js'))).to.equal(false);
  });

  it('when nothing changed, then nothing is compiled', async () => {
    await build();
    expect(await build()).to.include({ compiled: 0, removed: 0, total: 3 });
  });

  it('when a source is edited, then only it is compiled and the edit takes effect', async () => {
    await build();
    write('src/lib/name.ts', "export const name: string = 'calzone';\n");
    expect(await build()).to.include({ compiled: 1, removed: 0 });
    expect((await run('src/main.js')).value).to.equal('hello calzone');
  });

  it('when a source is touched without a change, then it is not compiled again', async () => {
    await build();
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(root, 'src/main.ts'), later, later);
    expect(await build()).to.include({ compiled: 0 });
    expect(await build()).to.include({ compiled: 0 });
  });

  it('when a source is deleted, then its output goes too; when an output is deleted, it is compiled again', async () => {
    await build();
    rmSync(path.join(root, 'admin/index.ts'));
    expect(await build()).to.include({ compiled: 0, removed: 1, total: 2 });
    expect(existsSync(path.join(outDir, 'admin/index.js'))).to.equal(false);
    rmSync(path.join(outDir, 'src/main.js'));
    expect(await build()).to.include({ compiled: 1, removed: 0 });
    expect((await run('src/main.js')).value).to.equal('hello pizza');
  });

  it('when tsconfig.json changes, then everything is compiled again', async () => {
    await build();
    write('tsconfig.json', '{ "compilerOptions": { "target": "ES2023", "strict": true } }');
    expect(await build()).to.include({ compiled: 3 });
  });

  it('when a source does not parse, then the build fails naming the file', async () => {
    await build();
    write('src/lib/name.ts', 'export const name: string = ;\n');
    let error: Error | undefined;
    await build().catch((e: Error) => (error = e));
    expect(error?.message).to.include('src/lib/name.ts');
  });
});
