// SPDX-License-Identifier: EUPL-1.2
// Operations endpoints: readiness for a load balancer (the database answers and carries every
// migration of this build) and the Prometheus metrics for the beheerder or a scraper's token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from './db/index.js';
import { MIGRATIONS_DIR, rows, sql } from './db/index.js';
import type { Metrics } from './metrics.js';

/** The `when` of every migration in this build's journal (drizzle stores it as created_at). */
export function journalMigrations(dir = MIGRATIONS_DIR): number[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when);
}

export type Readiness = { ready: true } | { ready: false; reason: 'database' | 'migrations'; missing?: number };

/** Ready when the database answers and every migration of the journal is applied. */
export async function readiness(database: Database, expected: number[]): Promise<Readiness> {
  let applied: Set<number>;
  try {
    const r = await rows<{ created_at: number | string }>(database.db, sql`select created_at from drizzle.__drizzle_migrations`);
    applied = new Set(r.map((x) => Number(x.created_at)));
  } catch (e) {
    // no migrations table yet (a fresh database before its first migration) counts as not migrated
    if ((e as { code?: string }).code === '42P01' || (e as { cause?: { code?: string } }).cause?.code === '42P01') return { ready: false, reason: 'migrations', missing: expected.length };
    return { ready: false, reason: 'database' };
  }
  const missing = expected.filter((w) => !applied.has(w)).length;
  return missing ? { ready: false, reason: 'migrations', missing } : { ready: true };
}

const ReadyBody = Type.Object({ status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]), reason: Type.Optional(Type.String()) }, { additionalProperties: false });

export function registerOperations(app: FastifyInstance, database: Database, metrics: Metrics): void {
  const expected = journalMigrations();
  app.get('/api/ready', {
    config: { access: { public: true } },
    schema: {
      operationId: 'getReady', tags: ['systeem'], security: [],
      summary: 'Gereedheid: de database antwoordt en alle migraties zijn toegepast (200), anders 503',
      response: { 200: ReadyBody, 503: ReadyBody },
    },
  }, async (_request, reply) => {
    const r = await readiness(database, expected);
    if (r.ready) return { status: 'ready' as const };
    return reply.status(503).send({ status: 'not_ready' as const, reason: r.reason === 'database' ? 'database antwoordt niet' : `${r.missing} migratie(s) niet toegepast` });
  });
  app.get('/api/metrics', {
    config: { access: { permission: 'system.monitor' }, bearerToken: 'metrics' },
    schema: {
      operationId: 'getMetrics', tags: ['systeem'],
      summary: 'Prometheus-metrieken (beheerder, of Authorization: Bearer METRICS_TOKEN)',
      response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
