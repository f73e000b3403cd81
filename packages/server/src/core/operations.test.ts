// SPDX-License-Identifier: EUPL-1.2
// Readiness, metrics (beheerder or METRICS_TOKEN), compression, and the job registry's in-process
// scheduler (the embedded database's stand-in for pg-boss).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { journalMigrations, readiness } from './operations.js';
import { bearerMatches } from './http.js';
import { buildApp, COMPRESS_THRESHOLD } from '../app.js';
import { JOBS, nextRun, startInProcess } from './jobs.js';
import type { Job } from './jobs.js';
import { createMetrics } from './metrics.js';

const TOKEN = 'metrics-token-of-at-least-thirty-two-characters';
let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv({ METRICS_TOKEN: TOKEN }); });
afterAll(async () => { await env?.close(); });

describe('GET /api/ready', () => {
  it('answers 200 without a session when every migration of the journal is applied', async () => {
    const r = await env.anon.get('/api/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready' });
  });

  it('is not ready when the journal holds a migration the database lacks', async () => {
    const expected = journalMigrations();
    expect(await readiness(env.database, expected)).toEqual({ ready: true });
    expect(await readiness(env.database, [...expected, Math.max(...expected) + 1])).toEqual({ ready: false, reason: 'migrations', missing: 1 });
  });
});

describe('GET /api/metrics', () => {
  it('gives the beheerder Prometheus text with request durations by route pattern, never a concrete id', async () => {
    const admin = await env.as('admin@demo.zvh');
    await admin.get('/api/cases/00000000-0000-4000-8000-000000000000');
    const r = await admin.get('/api/metrics');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/plain/);
    expect(r.text).toContain('# TYPE zvh_http_request_duration_seconds histogram');
    expect(r.text).toContain('route="/api/cases/:id"');
    expect(r.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(r.text).toContain('process_cpu_user_seconds_total');
    expect(r.text).toContain('# TYPE zvh_job_runs_total counter');
  });

  it('refuses without a session (401) and to a manager (403)', async () => {
    expect((await env.anon.get('/api/metrics')).status).toBe(401);
    const manager = await env.as('manager@demo.zvh');
    expect((await manager.get('/api/metrics')).status).toBe(403);
  });

  it('opens to the METRICS_TOKEN bearer, and only to exactly that token', async () => {
    expect((await env.anon.req('GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await env.anon.req('GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await env.anon.req('GET', '/api/metrics', undefined, { authorization: TOKEN })).status).toBe(401);
    // the token opens the metrics only
    expect((await env.anon.req('GET', '/api/registrations', undefined, { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect(bearerMatches(`Bearer ${TOKEN}`, undefined)).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
  });
});

describe('compression', () => {
  it('compresses a large API answer for a client that accepts it', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    const plain = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(r.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('sends an answer below COMPRESS_THRESHOLD as it is, and one of exactly that size compressed', async () => {
    const probe = await buildApp(env.config, env.appDatabase);
    // JSON of exactly n bytes: {"x":"aaa..."} has 8 bytes around the string
    const body = (n: number) => ({ x: 'a'.repeat(n - 8) });
    probe.get('/api/test-compression/:n', { config: { access: { public: true } } }, async (request) => body(Number((request.params as { n: string }).n)));
    try {
      for (const [n, encoded] of [[COMPRESS_THRESHOLD - 1, false], [COMPRESS_THRESHOLD, true]] as const) {
        const r = await probe.inject({ method: 'GET', url: `/api/test-compression/${n}`, headers: { 'accept-encoding': 'gzip' } });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-encoding'], `${n} bytes`).toBe(encoded ? 'gzip' : undefined);
        if (!encoded) expect(r.rawPayload.length).toBe(n);
      }
    } finally {
      await probe.close();
    }
  });
});

describe('the job registry', () => {
  it('names every job once, with a valid schedule', () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const j of JOBS) expect(nextRun(j.schedule, new Date()).getTime()).toBeGreaterThan(Date.now());
  });

  it('computes the next run in Dutch time across the change to winter time', () => {
    // 26 October 2025: 03:00 CEST becomes 02:00 CET; 01:10 Amsterdam time that night is 23:10 UTC the day before
    expect(nextRun('10 1 * * *', new Date('2025-10-25T12:00:00Z')).toISOString()).toBe('2025-10-25T23:10:00.000Z');
    expect(nextRun('10 1 * * *', new Date('2025-10-26T12:00:00Z')).toISOString()).toBe('2025-10-27T00:10:00.000Z');
  });

  it('runs a start-up job once in process (the scheduler on the embedded database) and counts runs and failures in the metrics', async () => {
    const metrics = createMetrics();
    let runs = 0, disabledRuns = 0;
    const jobs: Job[] = [
      { name: 'test.once', schedule: '0 3 1 1 *', atStart: true, run: async () => { runs++; } },
      { name: 'test.failing', schedule: '0 3 1 1 *', atStart: true, run: async () => { throw new Error('boom'); } },
      { name: 'test.disabled', schedule: '0 3 1 1 *', atStart: true, enabled: () => false, run: async () => { disabledRuns++; } },
    ];
    const runner = startInProcess({ database: env.database, config: env.config, metrics, log: () => undefined }, jobs.filter((j) => j.enabled?.(env.config) ?? true));
    expect(runner.kind).toBe('in-process');
    await runner.stop(5000);
    expect(runs).toBe(1);
    expect(disabledRuns).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/zvh_job_runs_total\{[^}]*job="test.once"[^}]*outcome="ok"[^}]*\} 1/);
    expect(text).toMatch(/zvh_job_runs_total\{[^}]*job="test.failing"[^}]*outcome="failed"[^}]*\} 1/);
  });
});
