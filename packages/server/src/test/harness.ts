// SPDX-License-Identifier: EUPL-1.2
// Test harness: each test file gets its own database (copied from the run's prepared one) and a
// Fastify app on it; `as(email)` signs a demo user in and returns a client for app.inject.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { InjectOptions } from 'fastify';
import { loadConfig } from '../core/config.js';
import type { Config } from '../core/config.js';
import { openDatabase } from '../core/db/index.js';
import type { Database } from '../core/db/index.js';
import { buildApp } from '../app.js';
import type { App } from '../app.js';
import { adminUrl } from './pg-names.js';

export interface TestResponse<T = any> { status: number; body: T; headers: Record<string, unknown>; text: string }

export class TestClient {
  constructor(readonly app: App, readonly cookie?: string) {}
  async req<T = any>(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let body: string | Buffer | undefined;
    if (payload !== undefined) {
      body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method, url, payload: body, headers: h });
    let parsed: any;
    try { parsed = res.body ? JSON.parse(res.body) : undefined; } catch { parsed = undefined; }
    return { status: res.statusCode, body: parsed, headers: res.headers as Record<string, unknown>, text: res.body };
  }
  get<T = any>(url: string) { return this.req<T>('GET', url); }
  post<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) { return this.req<T>('POST', url, payload, headers); }
  patch<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) { return this.req<T>('PATCH', url, payload, headers); }
  put<T = any>(url: string, payload?: unknown, headers?: Record<string, string>) { return this.req<T>('PUT', url, payload, headers); }
  delete<T = any>(url: string) { return this.req<T>('DELETE', url); }
}

export interface TestEnv {
  app: App;
  /** `db` here is the owner (arranging and inspecting rows); the app runs on `appDatabase`. */
  database: Database;
  appDatabase: Database;
  config: Config;
  anon: TestClient;
  as(email: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * Opens a fresh copy of the prepared database (PGlite snapshot or PostgreSQL template). `database`
 * is what the application gets (login role zvh_app, row-level security); `database.owner` is the
 * owner, for tests that arrange or inspect rows directly.
 */
export async function openTestDatabase(): Promise<{ database: Database & { owner: Database['db'] }; drop: () => Promise<void> }> {
  const tpl = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (tpl && url) {
    const pg = (await import('pg')).default;
    const name = `${tpl.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${tpl}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), migrate: false, ownerHandle: true }) as Database & { owner: Database['db'] };
    return {
      database,
      drop: async () => {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const snapshot = inject('pgliteSnapshot');
  const data = readFileSync(snapshot);
  const database = await openDatabase({ loadDataDir: new Blob([data]), migrate: false, ownerHandle: true }) as Database & { owner: Database['db'] };
  return { database, drop: () => database.close() };
}

export async function setupTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DEMO: '1', LOG_LEVEL: 'silent', ...env }, []);
  const app = await buildApp(config, database);
  await app.ready();
  const anon = new TestClient(app);
  return {
    app, database: { ...database, db: database.owner }, appDatabase: database, config, anon,
    async as(email: string, password = 'demo-wachtwoord') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      return new TestClient(app, String(first).split(';')[0]);
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
