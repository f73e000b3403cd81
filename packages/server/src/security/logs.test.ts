// SPDX-License-Identifier: EUPL-1.2
// Attack 7: no personal data in the server log. The app runs at the most talkative log level with
// its log captured; persons with unique names, BSNs and birth dates are registered, searched for
// (the name in a query string), read, refused (a junk body holding the name) and made to fail
// (an unexpected database error whose query carries the name and BSN); the calendar feed is read
// with its secret token. Then none of the names, BSNs, birth dates, the passwords, the session
// tokens or the calendar token may appear anywhere in the captured log.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { App } from '../app.js';
import { loadConfig } from '../core/config.js';
import { sql } from '../core/db/index.js';
import { openTestDatabase } from '../test/harness.js';
import { TestClient } from '../test/harness.js';
import { nextBsn, registrationBody, triageBody } from '../test/fixtures.js';

const lines: string[] = [];
let app: App;
let drop: () => Promise<void>;
const PASSWORD = 'demo-wachtwoord';
const secrets: string[] = [PASSWORD];

async function signIn(email: string): Promise<TestClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
  secrets.push(cookie.split('=')[1]!);
  return new TestClient(app, cookie);
}

beforeAll(async () => {
  const t = await openTestDatabase();
  drop = t.drop;
  const config = loadConfig({ NODE_ENV: 'test', DEMO: '1', LOG_LEVEL: 'trace' }, []);
  app = await buildApp(config, t.database, { logStream: { write: (line: string) => { lines.push(line); } } });
  // a route that fails the way a bug would: an unexpected database error on a query with personal data
  app.post('/api/test/failing-query', { config: { access: { public: true } }, schema: { hide: true } }, async (request) => {
    const b = request.body as { name: string; bsn: string };
    await t.database.db.execute(sql`select 1 / 0 where ${b.name} <> ${b.bsn}`);
    return {};
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('the server log', () => {
  it('holds no names, BSNs, birth dates, passwords, session tokens or feed tokens', async () => {
    const tag = randomBytes(4).toString('hex');
    const people = Array.from({ length: 3 }, (_, i) => ({
      firstName: `Voornaam${tag}${i}`, lastName: `Achternaam${tag}${i}`, birthDate: `19${70 + i}-0${i + 3}-1${i + 1}`, gender: 'vrouw', bsn: nextBsn(),
    }));
    const pol = await signIn('politie@demo.zvh');
    const reg = await signIn('regisseur@demo.zvh');
    for (const subject of people) {
      const r = await pol.post('/api/registrations', registrationBody({ subject }));
      expect(r.status, r.text).toBe(201);
      const t = await reg.post(`/api/registrations/${r.body.id}/triage`, triageBody('procesregie'));
      expect(t.status, t.text).toBe(200);
      expect((await reg.get(`/api/cases/${t.body.caseId}`)).status).toBe(200);
      // a search with the name in the query string, and a refused body holding the person
      expect((await reg.get(`/api/persons?q=${encodeURIComponent(subject.lastName)}`)).status).toBe(200);
      expect((await reg.get(`/api/cases?q=${encodeURIComponent(subject.bsn)}`)).status).toBe(200);
      expect((await pol.post('/api/registrations', { subject, junk: true })).status).toBe(400);
      expect((await pol.post('/api/registrations', `{"subject":${JSON.stringify(subject)}`, { 'content-type': 'application/json' })).status).toBe(400);
      // an unexpected error on a query that carries the person's data
      const fail = await app.inject({ method: 'POST', url: '/api/test/failing-query', payload: { name: subject.lastName, bsn: subject.bsn } });
      expect(fail.statusCode).toBe(500);
    }
    // wrong passwords and the calendar feed's secret token
    for (const password of [`Fout-${tag}-wachtwoord`, `${PASSWORD}x`]) {
      secrets.push(password);
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@demo.zvh', password } })).statusCode).toBe(401);
    }
    const feed = await reg.post('/api/account/calendar');
    const feedUrl = String(feed.body?.url ?? '');
    const token = feedUrl.split('/').pop()!.replace(/\.ics$/, '');
    if (token) {
      secrets.push(token);
      expect((await app.inject({ method: 'GET', url: `/api/calendar/${token}` })).statusCode).toBe(200);
    }

    const log = lines.join('');
    // the log did record the requests (a test that cannot fail otherwise)
    expect(lines.length).toBeGreaterThan(50);
    expect(log).toContain('/api/registrations');
    expect(log).toContain('unhandled error');
    const leaks: string[] = [];
    for (const p of people) {
      for (const value of [p.firstName, p.lastName, p.bsn, p.birthDate]) if (log.includes(value)) leaks.push(value);
    }
    for (const s of secrets) if (s && log.includes(s)) leaks.push(`${s.slice(0, 6)}…`);
    expect(leaks).toEqual([]);
  }, 180_000);
});
