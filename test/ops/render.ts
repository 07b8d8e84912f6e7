// Renders the production configuration files (ocpizza.conf for Supervisor, deploy/nginx/ocpizza.conf) for a
// temporary prefix, the current user and free loopback ports, changing only what is machine-specific: paths,
// ports, user, certificate files. Everything else is the file as it ships.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../src/shared/paths.js';

export interface OpsLayout {
  prefix: string;
  appPortBase: number;
  httpPort: number;
  httpsPort: number;
  processes: number;
  /** Extra Supervisor environment; production reads the rest from .env in the working directory. */
  env: Record<string, string>;
  /** Supervisor's `directory` (default: this checkout). */
  directory?: string;
  /** The back office's process listens on adminPortBase + 1 (default appPortBase + 100). */
  adminPortBase?: number;
  /** The back office's secret path, for NGINX's generated location (deploy/nginx-admin.sh). */
  adminPath?: string;
}

const adminPortBase = (l: OpsLayout) => l.adminPortBase ?? l.appPortBase + 100;

export function renderSupervisor(l: OpsLayout): string {
  mkdirSync(path.join(l.prefix, 'log'), { recursive: true });
  const env = Object.entries(l.env)
    .map(([k, v]) => `${k}="${v.replace(/"/g, '\\"')}"`)
    .join(',');
  const program = readFileSync(fromRoot('ocpizza.conf'), 'utf8')
    // The API program's process count (the first numprocs); the back office keeps its one process.
    .replace(/^numprocs=\d+$/m, `numprocs=${l.processes}`)
    .replace(/^command=\/usr\/bin\/node /gm, `command=${process.execPath} `)
    .replace(/^directory=.*$/gm, `directory=${l.directory ?? fromRoot()}`)
    .replace(/^user=.*$/gm, `user=${userInfo().username}`)
    .replace('PORT="80%(process_num)02d"', `PORT="${String(l.appPortBase).slice(0, -2)}%(process_num)02d"`)
    .replace('PORT="81%(process_num)02d"', `PORT="${String(adminPortBase(l)).slice(0, -2)}%(process_num)02d"`)
    .replace(/^environment=(.*)$/gm, (_m, rest) => `environment=${rest}${env ? ',' + env : ''}`)
    .replace(/\/var\/log\/ocpizza\//g, `${l.prefix}/log/`);
  writeFileSync(path.join(l.prefix, 'ocpizza.conf'), program);
  const main = `[unix_http_server]
file=${l.prefix}/supervisor.sock
[supervisord]
logfile=${l.prefix}/log/supervisord.log
pidfile=${l.prefix}/supervisord.pid
childlogdir=${l.prefix}/log
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://${l.prefix}/supervisor.sock
[include]
files = ${l.prefix}/ocpizza.conf
`;
  const file = path.join(l.prefix, 'supervisord.conf');
  writeFileSync(file, main);
  return file;
}

export function renderNginx(l: OpsLayout): string {
  const certs = path.join(l.prefix, 'certs');
  mkdirSync(certs, { recursive: true });
  mkdirSync(path.join(l.prefix, 'nginx-tmp'), { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=ocpizza.fr',
      '-keyout',
      path.join(certs, 'privkey.pem'),
      '-out',
      path.join(certs, 'fullchain.pem'),
    ],
    { stdio: 'ignore' },
  );
  const shipped = readFileSync(fromRoot('deploy', 'nginx', 'ocpizza.conf'), 'utf8');
  // The upstream servers as shipped (their parameters kept), on the test's ports.
  const params = /^ {4}server 127\.0\.0\.1:80\d\d(.*)$/m.exec(shipped)![1];
  const upstream = Array.from(
    { length: l.processes },
    (_, i) => `    server 127.0.0.1:${l.appPortBase + i + 1}${params}`,
  ).join('\n');
  // The back office's location, generated from its secret path as on the server.
  const adminLocation = execFileSync('bash', [fromRoot('deploy', 'nginx-admin.sh'), '/nonexistent'], {
    env: {
      PATH: process.env.PATH ?? '',
      SECRET_ADMIN_URL: l.adminPath ?? l.env.SECRET_ADMIN_URL ?? 'gestion',
    },
  }).toString();
  writeFileSync(path.join(l.prefix, 'ocpizza-admin.conf'), adminLocation);
  const site = shipped
    .replace(/^ {4}server 127\.0\.0\.1:80\d\d .*\n/gm, '')
    .replace(/^( {4}server 127\.0\.0\.1:)8101\b/m, `$1${adminPortBase(l) + 1}`)
    .replace('/etc/nginx/snippets/ocpizza-admin.conf', path.join(l.prefix, 'ocpizza-admin.conf'))
    .replace('upstream ocpizza_app {', `upstream ocpizza_app {\n${upstream}`)
    .replace(/^ {4}listen \[::\]:.*\n/gm, '') // no IPv6 in the sandbox
    .replace(/listen 80;/, `listen 127.0.0.1:${l.httpPort};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${l.httpsPort} ssl http2;`)
    .replace(/\/etc\/letsencrypt\/live\/ocpizza\.fr/g, certs)
    .replace(/\/var\/www\/certbot/g, path.join(l.prefix, 'www'))
    .replace(/\/var\/log\/nginx\//g, `${l.prefix}/log/`)
    .replace('https://$host$request_uri', `https://$host:${l.httpsPort}$request_uri`);
  writeFileSync(path.join(l.prefix, 'ocpizza-site.conf'), site);
  const tmp = path.join(l.prefix, 'nginx-tmp');
  const main = `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${l.prefix}/nginx.pid;
error_log ${l.prefix}/log/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log ${l.prefix}/log/nginx-access.log;
  client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy; fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi; scgi_temp_path ${tmp}/scgi;
  include /etc/nginx/mime.types;
  include ${l.prefix}/ocpizza-site.conf;
}
`;
  const file = path.join(l.prefix, 'nginx.conf');
  writeFileSync(file, main);
  return file;
}
