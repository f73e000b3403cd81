// SPDX-License-Identifier: EUPL-1.2
// Two server processes (the compiled build, as `npm start` runs it) on one fresh PostgreSQL
// database, started at the same moment: migrations and demo data once, one session valid on both
// and ended on both, a start-up job sent by both run once, the sign-in throttle counting the
// attempts on both, a stale write from one refused on the other, and a graceful SIGTERM.
// PostgreSQL only (TEST_DATABASE_URL): the embedded database belongs to one process by design.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, openSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../core/paths.js';
import { journalMigrations } from '../core/operations.js';
import { MAX_FAILURES } from '../core/auth/login.js';
import { adminUrl } from '../test/pg-names.js';

const url = process.env.TEST_DATABASE_URL;
const METRICS_TOKEN = randomBytes(24).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance { child: ChildProcess; base: string; port: number; log: string; exited: Promise<{ code: number | null; at: number }> }

const freePort = () => new Promise<number>((res) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); });
});

describe.skipIf(!url)('two instances on one PostgreSQL database (TEST_DATABASE_URL only: PGlite is one process by design)', () => {
  const dbName = `zvh_two_${randomBytes(5).toString('hex')}`;
  let dir = '';
  const instances: Instance[] = [];
  let dbUrl = '';
  let admin: pg.Client;
  let db: pg.Client;

  async function start(label: string): Promise<Instance> {
    const port = await freePort();
    const log = join(dir, `${label}.log`);
    const out = openSync(log, 'a');
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, DEMO: '1', LOG_LEVEL: 'warn',
      DATA_DIR: join(dir, label), SESSION_SECRET: 'two-instances-session-secret-0123456789', METRICS_TOKEN, NODE_ENV: 'development',
    };
    delete env.TEST_DATABASE_URL;
    const child = spawn(process.execPath, [join(SERVER_ROOT, 'dist/main.js')], { env, stdio: ['ignore', out, out] });
    const exited = new Promise<{ code: number | null; at: number }>((res) => child.on('exit', (code) => res({ code, at: Date.now() })));
    const inst = { child, base: `http://127.0.0.1:${port}`, port, log, exited };
    instances.push(inst);
    return inst;
  }
  async function ready(inst: Instance, timeoutMs = 150_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try { if ((await fetch(`${inst.base}/api/ready`)).status === 200) return; } catch { /* not up yet */ }
      await sleep(300);
    }
    throw new Error(`${inst.base} not ready: ${readFileSync(inst.log, 'utf8').slice(-500)}`);
  }
  async function login(inst: Instance, email: string, password = 'demo-wachtwoord') {
    const r = await fetch(`${inst.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    return { status: r.status, cookie: String(r.headers.get('set-cookie') ?? '').split(';')[0] };
  }
  const call = async (inst: Instance, method: string, path: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${inst.base}${path}`, {
      method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: any;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, text, etag: r.headers.get('etag') };
  };
  const scalar = async (q: string, params: unknown[] = []) => Number((await db.query(q, params)).rows[0]?.n ?? 0);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zvh-two-'));
    // the compiled server, as `npm start` runs it (a second or two)
    const build = spawnSync(process.execPath, [join(SERVER_ROOT, 'scripts/build.mjs')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    admin = new pg.Client({ connectionString: adminUrl(url!) });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    const u = new URL(url!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    // both at the same moment, on the empty database
    await Promise.all([start('one'), start('two')]);
    await Promise.all(instances.map((i) => ready(i)));
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => Promise.race([i.exited, sleep(5000)])));
    await db?.end();
    await admin?.query(`drop database if exists "${dbName}" with (force)`);
    await admin?.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once and seeds the demo data once', async () => {
    const [one, two] = instances;
    expect(await scalar('select count(*) as n from drizzle.__drizzle_migrations')).toBe(journalMigrations().length);
    expect(await scalar('select count(*) as n from (select hash from drizzle.__drizzle_migrations group by hash having count(*) > 1) d')).toBe(0);
    expect(await scalar('select count(*) as n from tenants')).toBe(1);
    // the demo caseload: exactly one instance reports having made it, and that many exist
    const until = Date.now() + 120_000;
    let made: number[] = [];
    while (Date.now() < until) {
      made = [one!, two!].flatMap((i) => [...readFileSync(i.log, 'utf8').matchAll(/Demogegevens: (\d+) fictieve/g)].map((m) => Number(m[1])));
      if (made.length) break;
      await sleep(1000);
    }
    await sleep(3000); // the other instance, had it seeded too, would have said so by now
    made = [one!, two!].flatMap((i) => [...readFileSync(i.log, 'utf8').matchAll(/Demogegevens: (\d+) fictieve/g)].map((m) => Number(m[1])));
    expect(made).toHaveLength(1);
    expect(made[0]).toBeGreaterThan(0);
    expect(await scalar('select count(*) as n from registrations')).toBe(made[0]);
  }, 150_000);

  it('accepts a session made on one instance on the other, and a sign-out on one ends it on both', async () => {
    const [one, two] = instances;
    const { cookie } = await login(one!, 'manager@demo.zvh');
    const me = await call(two!, 'GET', '/api/auth/me', cookie);
    expect(me.status).toBe(200);
    expect(me.text).toContain('manager@demo.zvh');
    expect((await call(one!, 'GET', '/api/registrations', cookie)).status).toBe(200);
    expect((await call(two!, 'POST', '/api/auth/logout', cookie, {})).status).toBeLessThan(300);
    expect((await call(one!, 'GET', '/api/registrations', cookie)).status).toBe(401);
  });

  it('runs a start-up job that both instances sent exactly once (pg-boss), and counts it in the metrics', async () => {
    const until = Date.now() + 60_000;
    while (Date.now() < until && await scalar(`select count(*) as n from pgboss.job where name = 'meetings.generate' and state = 'completed'`) < 1) await sleep(1000);
    expect(await scalar(`select count(*) as n from pgboss.job where name = 'meetings.generate'`)).toBe(1);
    expect(await scalar(`select count(*) as n from pgboss.job where name = 'meetings.generate' and state = 'completed'`)).toBe(1);
    let runs = 0;
    for (const inst of instances) {
      const m = await call(inst, 'GET', '/api/metrics', '', undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(m.status).toBe(200);
      const line = m.text.split('\n').find((l) => l.startsWith('zvh_job_runs_total{') && l.includes('job="meetings.generate"') && l.includes('outcome="ok"'));
      runs += line ? Number(line.split(' ').pop()) : 0;
    }
    expect(runs).toBe(1);
  }, 90_000);

  it('refuses on one instance a write made stale on the other (If-Match)', async () => {
    const [one, two] = instances;
    const { cookie } = await login(one!, 'regisseur@demo.zvh');
    const list = (await call(one!, 'GET', '/api/cases', cookie)).json;
    const cases: { id: string }[] = Array.isArray(list) ? list : (Object.values(list ?? {}).find(Array.isArray) as { id: string }[] | undefined) ?? [];
    const plan = { analysis: [], goals: [{ text: 'Stabiele woonsituatie' }] };
    let done = false;
    for (const c of cases) {
      const got = await call(one!, 'GET', `/api/cases/${c.id}`, cookie);
      if (got.status !== 200 || !got.etag) continue;
      const ok = await call(one!, 'PUT', `/api/cases/${c.id}/plan`, cookie, plan, { 'if-match': got.etag });
      if (ok.status !== 200) continue; // not this regisseur's case, or closed
      const stale = await call(two!, 'PUT', `/api/cases/${c.id}/plan`, cookie, { ...plan, goals: [{ text: 'Anders' }] }, { 'if-match': got.etag });
      expect(stale.status).toBe(409);
      expect(stale.json?.error?.code).toBe('stale_version');
      expect((await call(two!, 'GET', `/api/cases/${c.id}`, cookie)).json?.plan).toEqual(plan);
      done = true;
      break;
    }
    expect(done, 'a demo case the regisseur may plan').toBe(true);
  });

  it('counts failed sign-ins on both instances toward one throttle', async () => {
    const [one, two] = instances;
    const email = `nobody-${randomBytes(4).toString('hex')}@demo.zvh`;
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login(i % 2 ? two! : one!, email, 'wrong-password')).status).toBe(401);
    expect((await login(one!, email, 'wrong-password')).status).toBe(429);
    expect((await login(two!, email, 'wrong-password')).status).toBe(429);
  });

  it('on SIGTERM finishes the request in flight, takes no new connections and exits 0 within 10 s; the other instance carries on', async () => {
    const [one, two] = instances;
    // a sign-in whose body is still arriving at the signal (this address is throttled by now: it answers 429 after its database work)
    const body = `{"email": "manager@demo.zvh",${' '.repeat(2000)}"password": "wrong-password"}`;
    const cut = 100;
    let sendRest = () => undefined as unknown;
    const inFlight = new Promise<{ status?: number; error?: string }>((res) => {
      const req = http.request({ host: '127.0.0.1', port: one!.port, method: 'POST', path: '/api/auth/login', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      req.on('response', (r) => { r.resume(); r.on('end', () => res({ status: r.statusCode })); });
      req.on('error', (e) => res({ error: e.message }));
      req.flushHeaders();
      req.write(body.slice(0, cut));
      sendRest = () => req.end(body.slice(cut));
    });
    await sleep(1000);
    const termAt = Date.now();
    one!.child.kill('SIGTERM');
    await sleep(800);
    const probe = await fetch(`${one!.base}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 'refused');
    sendRest();
    const answer = await inFlight;
    // the request ran to its end: an answer (the throttle's 429 here), not a dropped connection
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(429);
    expect(probe).toBe('refused');
    const exit = await Promise.race([one!.exited, sleep(10_000).then(() => undefined)]);
    expect(exit, 'exited within 10 s').toBeDefined();
    expect(exit!.code).toBe(0);
    expect(exit!.at - termAt).toBeLessThan(10_000);
    expect((await fetch(`${two!.base}/api/ready`)).status).toBe(200);
  }, 30_000);
});
