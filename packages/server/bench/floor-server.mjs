// SPDX-License-Identifier: EUPL-1.2
// The floor of the benchmark's logged case read: a bare Fastify server whose one route does one
// primary-key read of a case and one insert into the processing log, on node-postgres
// (DATABASE_URL, a pool of 10 like the app's) or PGlite (DATA_DIR, as the app lays it out). Plain
// JavaScript, no TypeScript loader: also the floor of the start-up time (PGlite + Fastify).
// Environment: PORT, DATABASE_URL or DATA_DIR.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3999);
let query;
let close;
if (process.env.DATABASE_URL) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  query = (text, params) => pool.query(text, params);
  close = () => pool.end();
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  mkdirSync(process.env.DATA_DIR ?? './data', { recursive: true });
  const db = await PGlite.create({ dataDir: join(process.env.DATA_DIR ?? './data', 'pglite') });
  query = (text, params) => db.query(text, params);
  close = () => db.close();
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/floor/cases/:id', async (request, reply) => {
  const { id } = request.params;
  const r = await query('select * from cases where id = $1', [id]);
  const c = r.rows[0];
  if (!c) return reply.code(404).send({ error: 'not found' });
  await query(`insert into processing_log (trace_id, tenant_id, activity, purpose, action, actor_email, actor_organisation, data_subject_ref,
      case_id, outcome) values ($1, $2, 'casusdossier', 'floor', 'read', 'floor@bench', 'zvh', $3, $4, 'success')`,
  [request.id, c.tenant_id, c.person_id, c.id]);
  return c;
});
await app.listen({ port, host: '127.0.0.1' });
console.log(`floor listening on ${port}`);
const stop = async () => { await app.close(); await close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
