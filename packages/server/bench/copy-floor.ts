// SPDX-License-Identifier: EUPL-1.2
// The floor of the import: a raw COPY of the rows the import writes for the same ndjson lines
// (persons, registrations, cases, case participants, case events, processing-log rows) into
// plain tables without indexes, constraints or triggers (CREATE TABLE ... (LIKE t INCLUDING
// DEFAULTS)). node-postgres: COPY FROM STDIN; PGlite: COPY FROM '/dev/blob'.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sampleLines } from '../src/modules/import/sample.js';
import type { Sql } from './generate.js';

const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};
const row = (...vals: unknown[]) => `${vals.map(esc).join('\t')}\n`;

interface Table { table: string; columns: string; data: string; rows: number }

/** The same rows the import makes for `lines` sample lines (seed 2024), as COPY text per table. */
export function copyData(tenantId: string, lines: number, prefix = 'OUD'): Table[] {
  const persons: string[] = [], registrations: string[] = [], cases: string[] = [];
  const participants: string[] = [], events: string[] = [], log: string[] = [];
  const personOfBsn = new Map<string, string>();
  for (const l of sampleLines(lines, { seed: 2024, prefix }) as Iterable<Record<string, any>>) {
    const s = l.subject;
    let pid = s.bsn ? personOfBsn.get(s.bsn) : undefined;
    if (!pid) {
      pid = randomUUID();
      if (s.bsn) personOfBsn.set(s.bsn, pid);
      persons.push(row(pid, tenantId, s.firstName, s.lastName, s.birthDate, s.gender, s.bsn ?? null, l.municipality));
    }
    const withCase = l.kind === 'advies' || (l.kind === 'procesregie' && l.startedAt);
    const status = !withCase ? 'teruggelegd' : l.closedAt ? 'afgesloten' : l.kind === 'advies' ? 'advies' : 'procesregie_lopend';
    const rid = randomUUID();
    const cid = withCase ? randomUUID() : null;
    registrations.push(row(rid, tenantId, l.externalId, l.kind, status, l.municipality, l.registeringPartner, l.registeredAt, pid,
      l.mainTopic ?? null, `{${(l.problemAreas as string[]).join(',')}}`, l.children ?? null, l.crossesMunicipalityBorder ? 't' : 'f',
      'normaal', 'Geïmporteerd uit het vorige systeem', '{"imported":true}', cid));
    if (cid) {
      cases.push(row(cid, tenantId, rid, pid, l.externalId, l.kind, l.kind === 'procesregie' ? l.approach : null, status, `Geïmporteerd: ${l.kind}`,
        l.startedAt ?? null, l.closedAt ?? null, l.closedAt ? 'overig' : null, l.closedAt ? l.closeReason ?? null : null, `${(l.startedAt ?? l.registeredAt).slice(0, 4)}-${cases.length + 1}`));
      participants.push(row(tenantId, cid, l.registeringPartner, 'import'));
    }
    const data = JSON.stringify({ externalId: l.externalId, action: 'create' });
    events.push(row(tenantId, cid, rid, 'Benchmark', 'zvh', 'imported', data));
    log.push(row('bench', tenantId, 'import', 'Overname caseload uit vorig systeem', 'create', 'cli@drenthe', 'zvh', pid, cid, rid, 'success', data));
  }
  return [
    { table: 'persons', columns: 'id, tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code', data: persons.join(''), rows: persons.length },
    { table: 'registrations', columns: `id, tenant_id, external_id, kind, status, municipality_code, registering_partner, registered_at, person_id,
      main_topic, problem_areas, children, crosses_municipality_border, urgency, reason, triage, case_id`, data: registrations.join(''), rows: registrations.length },
    { table: 'cases', columns: `id, tenant_id, registration_id, person_id, external_id, kind, approach, status, purpose, started_at, closed_at,
      close_reason_code, close_reason, case_number`, data: cases.join(''), rows: cases.length },
    { table: 'case_participants', columns: 'tenant_id, case_id, partner_code, add_reason', data: participants.join(''), rows: participants.length },
    { table: 'case_events', columns: 'tenant_id, case_id, registration_id, actor_name, actor_organisation, type, data', data: events.join(''), rows: events.length },
    { table: 'processing_log', columns: `trace_id, tenant_id, activity, purpose, action, actor_email, actor_organisation, data_subject_ref,
      case_id, registration_id, outcome, details`, data: log.join(''), rows: log.length },
  ];
}

// COPY FROM STDIN without pg-copy-streams: a query object that answers the server's
// CopyInResponse by sending the data itself (node-postgres' submittable interface).
class CopyFrom extends pg.Query {
  constructor(text: string, private readonly data: string) { super(text); }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }): void {
    const buf = Buffer.from(this.data);
    for (let i = 0; i < buf.length; i += 1 << 16) connection.sendCopyFromChunk(buf.subarray(i, i + (1 << 16)));
    connection.endCopyFrom();
  }
}
function copyFromStdin(client: pg.Client, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = new CopyFrom(text, data);
    q.on('end', () => resolve());
    q.on('error', reject);
    void client.query(q as unknown as pg.QueryConfig);
  });
}

type PgliteLike = { query(text: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown> };

/**
 * Creates plain copies of the tables (bench_floor_<table>), COPYs the rows in one transaction and
 * drops them again; returns the seconds of the COPY (creating the tables and the text not counted).
 */
export async function copyFloor(q: Sql, kind: 'postgres' | 'pglite', tables: Table[]): Promise<number> {
  for (const t of tables) {
    await q.query(`drop table if exists bench_floor_${t.table}`);
    await q.query(`create table bench_floor_${t.table} (like ${t.table} including defaults)`);
  }
  try {
    const t0 = performance.now();
    await q.query('begin');
    for (const t of tables) {
      const text = `copy bench_floor_${t.table} (${t.columns}) from ${kind === 'postgres' ? 'stdin' : `'/dev/blob'`}`;
      if (kind === 'postgres') await copyFromStdin(q as unknown as pg.Client, text, t.data);
      else await (q as unknown as PgliteLike).query(text, [], { blob: new Blob([t.data]) });
    }
    await q.query('commit');
    return (performance.now() - t0) / 1000;
  } finally {
    for (const t of tables) await q.query(`drop table if exists bench_floor_${t.table}`);
  }
}
