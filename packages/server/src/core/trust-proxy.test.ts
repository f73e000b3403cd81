// SPDX-License-Identifier: EUPL-1.2
// X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (issue 8, defect 6). Before,
// setting PUBLIC_URL trusted every X-Forwarded-For: anyone could dodge the address throttle.
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { MAX_FAILURES } from './auth/login.js';
import { rows, sql } from './db/index.js';

let env: TestEnv | undefined;
afterEach(async () => { await env?.close(); env = undefined; });

/** A wrong password for a fresh unknown account, from socket address `socket`, claiming to be `forwarded`. */
const guess = (e: TestEnv, i: number, socket: string, forwarded: string) => e.app.inject({
  method: 'POST', url: '/api/auth/login', remoteAddress: socket,
  headers: { 'x-forwarded-for': forwarded }, payload: { email: `gok${i}@voorbeeld.nl`, password: 'fout' },
});

describe('X-Forwarded-For and the address throttle', () => {
  it('ignores X-Forwarded-For by default, even with PUBLIC_URL: the throttle counts the socket address', async () => {
    env = await setupTestEnv({ PUBLIC_URL: 'https://zvh.example.nl' });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await guess(env, i, '10.30.0.1', `198.51.100.${i + 1}`)).statusCode).toBe(401);
    }
    const next = await guess(env, 99, '10.30.0.1', '198.51.100.200');
    expect(next.statusCode).toBe(429);
    const ips = await rows<{ ip: string }>(env.database.db, sql`select distinct ip from login_attempts where email like 'gok%@voorbeeld.nl'`);
    expect(ips).toEqual([{ ip: '10.30.0.1' }]);
    // nor can a forged header lock another address out
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.30.0.2', payload: { email: 'manager@demo.zvh', password: 'demo-wachtwoord' } })).statusCode).toBe(200);
  });

  it('honours X-Forwarded-For from one proxy hop with TRUST_PROXY=1', async () => {
    env = await setupTestEnv({ TRUST_PROXY: '1' });
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      expect((await guess(env, i, '10.31.0.1', `198.51.100.${i + 1}`)).statusCode).toBe(401);
    }
    const ips = await rows<{ ip: string }>(env.database.db, sql`select ip from login_attempts where email = 'gok0@voorbeeld.nl'`);
    expect(ips).toEqual([{ ip: '198.51.100.1' }]);
  });

  it('honours X-Forwarded-For only from a listed proxy address', async () => {
    env = await setupTestEnv({ TRUST_PROXY: '10.32.0.0/24' });
    await guess(env, 1, '10.32.0.9', '198.51.100.7');
    await guess(env, 2, '10.33.0.9', '198.51.100.8');
    const ips = await rows<{ email: string; ip: string }>(env.database.db, sql`select email, ip from login_attempts where email in ('gok1@voorbeeld.nl', 'gok2@voorbeeld.nl') order by email`);
    expect(ips).toEqual([{ email: 'gok1@voorbeeld.nl', ip: '198.51.100.7' }, { email: 'gok2@voorbeeld.nl', ip: '10.33.0.9' }]);
  });
});
