// Runs the real entry point in a child process, and reads its JSON logs to learn the port: src/server.ts with
// the Sentry instrument file through tsx, or what `npm start` runs (scripts/start.js: the same, compiled first).
import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../../src/shared/paths.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export type Entry = 'sources' | 'npm-start';

const ENTRIES: Record<Entry, string[]> = {
  sources: ['--import', 'tsx', '--import', './src/instrument.ts', 'src/server.ts'],
  'npm-start': ['scripts/start.js'],
};

/** `cwd`: the working directory (this checkout by default), which must hold the entry's files. */
export function spawnServer(env: Record<string, string>, entry: Entry = 'sources', cwd = fromRoot()) {
  const child = spawn(process.execPath, ENTRIES[entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Spawns and waits until the server logs that it listens; rejects with its output if it exits first. */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  entry: Entry = 'sources',
  cwd = fromRoot(),
): Promise<ServerProcess> {
  const proc = spawnServer(env, entry, cwd);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${proc.output()}`)), timeoutMs);
    const check = () => {
      const m = /"port":(\d+)[^\n]*"msg":"listening"/.exec(proc.output());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.child.stdout!.on('data', check);
    void proc.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${proc.output()}`));
    });
  });
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

export async function stopServerProcess(proc: { child: ChildProcess; exited: Promise<unknown> }) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  await proc.exited;
}
