// A throw-away PostgreSQL server for R3, which stops and starts it under load.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support.js';

const run = promisify(execFile);

/** The server binaries: PG_BIN, else the newest Debian/Ubuntu version installed (15 here, 16 on GitHub's runners). */
function serverBinaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    : [];
  if (versions.length === 0)
    throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (set PG_BIN)');
  return `/usr/lib/postgresql/${versions.sort((a, b) => Number(b) - Number(a))[0]}/bin`;
}
const PG_BIN = serverBinaries();

/**
 * A throw-away PostgreSQL server (its own data directory and port) that a test may stop and start at will,
 * since the machine's main cluster serves other work. As root its binaries run as the postgres user.
 */
export class PrivatePostgres {
  private running = false;
  private readonly onExit = () => this.stopSync();

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly asRoot: boolean,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const asRoot = process.getuid?.() === 0;
    const dir = await mkdtemp(path.join(os.tmpdir(), `ocpizza-rel-pg-${process.pid}-`));
    const server = new PrivatePostgres(dir, await freePort(), asRoot);
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    await server.exec('initdb', [
      '-D',
      server.dataDir,
      '--auth=trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    process.once('exit', server.onExit);
    return server;
  }

  /** A streaming replica of `primary` (pg_basebackup -R: standby.signal and primary_conninfo), not started. */
  static async replicaOf(primary: PrivatePostgres): Promise<PrivatePostgres> {
    const asRoot = process.getuid?.() === 0;
    const dir = await mkdtemp(path.join(os.tmpdir(), `ocpizza-rel-pg-replica-${process.pid}-`));
    const server = new PrivatePostgres(dir, await freePort(), asRoot);
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    await server.exec('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      server.dataDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    process.once('exit', server.onExit);
    return server;
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
    this.running = true;
  }

  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
    this.running = false;
  }

  /** What pg_isready says: the server accepts connections. */
  async isReady(): Promise<boolean> {
    try {
      await run(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-q']);
      return true;
    } catch {
      return false;
    }
  }

  async destroy(): Promise<void> {
    if (this.running) await this.stop('immediate').catch(() => this.stopSync());
    process.removeListener('exit', this.onExit);
    await rm(this.dir, { recursive: true, force: true });
  }

  private stopSync(): void {
    if (!this.running) return;
    this.running = false;
    try {
      execFileSync(...this.command('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop']), {
        stdio: 'ignore',
      });
    } catch {
      // Already stopped.
    }
  }

  private command(bin: string, args: string[]): [string, string[]] {
    const exe = path.join(PG_BIN, bin);
    return this.asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  }

  private async exec(bin: string, args: string[]): Promise<void> {
    const [file, argv] = this.command(bin, args);
    await run(file, argv, { cwd: this.dir });
  }
}
