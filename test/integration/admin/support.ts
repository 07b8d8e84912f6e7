// Drives the back office as a browser does: the login form (urlencoded POST, session cookie kept), then the
// AdminJS JSON API under the secret path. Answers are read loosely: AdminJS refuses with a JSON `notice` of
// type `error` (status 200), or redirects to the login page when there is no session.
import type { Sequelize } from 'sequelize';
import { createEmployee } from '../../factories/people.js';
import type { TestApp } from '../../helpers/app.js';
import type { Role } from '../../../src/shared/permissions.js';

export interface AdminResponse {
  status: number;
  body: any;
  headers: Headers;
}

export class AdminClient {
  cookie: string | null = null;

  /** An in-process test app, or any running server (a process of test/helpers/server-process.ts). */
  constructor(readonly app: Pick<TestApp, 'url'> & { settings: Pick<TestApp['settings'], 'adminPath'> }) {}

  get base(): string {
    return this.app.url + this.app.settings.adminPath;
  }

  private async send(method: string, path: string, form?: Record<string, string>): Promise<AdminResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.Cookie = this.cookie;
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: isJson && text ? JSON.parse(text) : text, headers: res.headers };
  }

  login(email: string, password: string): Promise<AdminResponse> {
    return this.send('POST', '/login', { email, password });
  }

  logout(): Promise<AdminResponse> {
    return this.send('GET', '/logout');
  }

  get(path: string): Promise<AdminResponse> {
    return this.send('GET', path);
  }

  post(path: string, form: Record<string, string> = {}): Promise<AdminResponse> {
    return this.send('POST', path, form);
  }

  list(table: string, query = ''): Promise<AdminResponse> {
    return this.get(`/api/resources/${table}/actions/list${query ? `?${query}` : ''}`);
  }

  show(table: string, id: string | number): Promise<AdminResponse> {
    return this.get(`/api/resources/${table}/records/${id}/show`);
  }

  edit(table: string, id: string | number, form: Record<string, string>): Promise<AdminResponse> {
    return this.post(`/api/resources/${table}/records/${id}/edit`, form);
  }

  create(table: string, form: Record<string, string>): Promise<AdminResponse> {
    return this.post(`/api/resources/${table}/actions/new`, form);
  }

  remove(table: string, id: string | number): Promise<AdminResponse> {
    return this.post(`/api/resources/${table}/records/${id}/delete`);
  }

  bulkDelete(table: string, ids: Array<string | number>): Promise<AdminResponse> {
    return this.post(`/api/resources/${table}/bulk/bulkDelete?recordIds=${ids.join(',')}`);
  }
}

/** An employee of the given role, logged in to the back office. */
export async function loggedIn(app: TestApp, db: Sequelize, role: Role, pizzeriaId: number | null) {
  const employee = await createEmployee(db, { role, pizzeriaId });
  const client = new AdminClient(app);
  const res = await client.login(employee.email, employee.password);
  if (res.status !== 302) throw new Error(`login of a ${role} failed: ${res.status}`);
  return Object.assign(client, { employee });
}

/** AdminJS's refusal: an error notice and no data. */
export function isRefused(res: AdminResponse): boolean {
  return (
    res.status === 404 ||
    (res.status === 200 &&
      res.body?.notice?.type === 'error' &&
      Object.keys(res.body?.record?.params ?? {}).length === 0 &&
      (res.body?.records ?? []).length === 0)
  );
}
