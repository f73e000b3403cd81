// SPDX-License-Identifier: EUPL-1.2
// Benchmark of the caseload import (`npm run bench`). Never a timed test: figures depend on the
// machine. Generates BENCH_LINES (default 100,000) valid lines (deterministic), then measures
//  (a) the import through the service on PostgreSQL (BENCH_DATABASE_URL, default
//      postgres://postgres@127.0.0.1:5432/zvh_bench; a fresh database, migrations applied),
//  (b) a raw COPY FROM STDIN of the same rows into the same tables (persons, registrations,
//      cases) in another fresh database: the floor for writing these rows,
//  (c) the import on the embedded database (PGlite) in a temporary data directory,
// and prints lines/s, seconds, the ratio import/COPY, peak RSS and PASS/FAIL against the targets:
// PostgreSQL <= 30 s and <= 4x COPY; PGlite well within a minute (<= 45 s here).
// Environment: BENCH_LINES, BENCH_DATABASE_URL, BENCH_BATCH_SIZE, BENCH_RUNS (default 2: (a) and (b)
// alternate and the best of each counts), BENCH_SKIP_PGLITE=1.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, rows, sql } from '../src/core/db/index.js';
import type { Database } from '../src/core/db/index.js';
import { seedInstallation } from '../src/core/seed.js';
import { systemCtx } from '../src/core/context.js';
import { DEFAULT_TENANT } from '@zvh/shared';
import { DEFAULT_BATCH_SIZE, importCases } from '../src/modules/import/service.js';
import type { ImportResult } from '../src/modules/import/service.js';
import { sampleLines } from '../src/modules/import/sample.js';
import { adminUrl } from '../src/test/pg-names.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/zvh_bench';
const SKIP_PGLITE = process.env.BENCH_SKIP_PGLITE === '1';
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? DEFAULT_BATCH_SIZE);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const TARGET_PG_SECONDS = 30;
const TARGET_RATIO = 4;
const TARGET_PGLITE_SECONDS = 45;

const rssMb = () => process.resourceUsage().maxRSS / 1024;
const secs = (t0: number) => (performance.now() - t0) / 1000;
const nf = new Intl.NumberFormat('en-US');
const log = (s: string) => process.stderr.write(`${s}\n`);

function dbUrl(name: string): string {
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshPgDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl(BASE_URL) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  return {
    url: dbUrl(name),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function generateFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  for (const line of sampleLines(LINES, { seed: 2024 })) {
    buf += `${JSON.stringify(line)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function runImport(database: Database, file: string): Promise<{ seconds: number; result: ImportResult }> {
  await seedInstallation(database.db, { demo: false });
  const ctx = await systemCtx(database.db, DEFAULT_TENANT.code, { tool: 'Benchmark', operator: 'bench' });
  if (!ctx) throw new Error('no default tenant');
  const t0 = performance.now();
  const result = await importCases(ctx, createReadStream(file, { highWaterMark: 256 * 1024 }), { batchSize: BATCH_SIZE });
  const seconds = secs(t0);
  const counts = await rows<Record<string, number>>(database.db, sql`select
    (select count(*) from persons)::int as persons, (select count(*) from registrations)::int as registrations,
    (select count(*) from cases)::int as cases, (select count(*) from processing_log)::int as "processingLog"`);
  log(`    rows: ${JSON.stringify(counts[0])}`);
  if (result.rejectedCount || result.imported !== LINES) throw new Error(`unexpected result: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 3) })}`);
  return { seconds, result };
}

// --- COPY FROM STDIN without pg-copy-streams: a query object that answers the server's
// CopyInResponse by sending the data itself (node-postgres' submittable interface).
class CopyFrom extends pg.Query {
  constructor(text: string, private readonly data: string) { super(text); }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }): void {
    const buf = Buffer.from(this.data);
    for (let i = 0; i < buf.length; i += 1 << 16) connection.sendCopyFromChunk(buf.subarray(i, i + (1 << 16)));
    connection.endCopyFrom();
  }
}
function copyFrom(client: pg.Client, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = new CopyFrom(text, data);
    q.on('end', () => resolve());
    q.on('error', reject);
    void client.query(q as unknown as pg.QueryConfig);
  });
}
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};
const row = (...vals: unknown[]) => `${vals.map(esc).join('\t')}\n`;

/** The same rows the import makes in persons, registrations and cases, as COPY text. */
interface CopyText { persons: string; registrations: string; cases: string; participants: string; events: string; log: string; count: Record<string, number> }
function copyData(tenantId: string): CopyText {
  const persons: string[] = [], registrations: string[] = [], cases: string[] = [];
  const participants: string[] = [], events: string[] = [], log: string[] = [];
  const personOfBsn = new Map<string, string>();
  for (const l of sampleLines(LINES, { seed: 2024 }) as Iterable<Record<string, any>>) {
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
        l.startedAt ?? null, l.closedAt ?? null, l.closedAt ? 'overig' : null, l.closedAt ? l.closeReason ?? null : null));
      participants.push(row(tenantId, cid, l.registeringPartner, 'import'));
    }
    const data = JSON.stringify({ externalId: l.externalId, action: 'create' });
    events.push(row(tenantId, cid, rid, 'Benchmark', 'zvh', 'imported', data));
    log.push(row('bench', tenantId, 'import', 'Overname caseload uit vorig systeem', 'create', 'cli@drenthe', 'zvh', pid, cid, rid, 'success', data));
  }
  return {
    persons: persons.join(''), registrations: registrations.join(''), cases: cases.join(''),
    participants: participants.join(''), events: events.join(''), log: log.join(''),
    count: { persons: persons.length, registrations: registrations.length, cases: cases.length },
  };
}

/**
 * (b) COPY of persons, registrations and cases; then, for context only, in a second transaction
 * a COPY of the rows the import writes besides (participants, case events, processing log).
 */
async function runCopy(url: string): Promise<{ seconds: number; restSeconds: number; prepSeconds: number }> {
  const database = await openDatabase({ databaseUrl: url });
  const { tenantId } = await seedInstallation(database.db, { demo: false });
  await database.close();
  const tp = performance.now();
  const data = copyData(tenantId);
  const prepSeconds = secs(tp);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    await copyFrom(client, 'COPY persons (id, tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code) FROM STDIN', data.persons);
    await copyFrom(client, `COPY registrations (id, tenant_id, external_id, kind, status, municipality_code, registering_partner, registered_at, person_id,
      main_topic, problem_areas, children, crosses_municipality_border, urgency, reason, triage, case_id) FROM STDIN`, data.registrations);
    await copyFrom(client, `COPY cases (id, tenant_id, registration_id, person_id, external_id, kind, approach, status, purpose, started_at, closed_at,
      close_reason_code, close_reason) FROM STDIN`, data.cases);
    await client.query('COMMIT');
    const seconds = secs(t0);
    log(`    rows: ${JSON.stringify(data.count)}`);
    const t1 = performance.now();
    await client.query('BEGIN');
    await copyFrom(client, 'COPY case_participants (tenant_id, case_id, partner_code, add_reason) FROM STDIN', data.participants);
    await copyFrom(client, 'COPY case_events (tenant_id, case_id, registration_id, actor_name, actor_organisation, type, data) FROM STDIN', data.events);
    await copyFrom(client, `COPY processing_log (trace_id, tenant_id, activity, purpose, action, actor_email, actor_organisation, data_subject_ref,
      case_id, registration_id, outcome, details) FROM STDIN`, data.log);
    await client.query('COMMIT');
    return { seconds, restSeconds: secs(t1), prepSeconds };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zvh-bench-'));
  const file = join(dir, 'caseload.ndjson');
  const report: string[] = [];
  let failed = false;
  const verdict = (ok: boolean) => { if (!ok) failed = true; return ok ? 'PASS' : 'FAIL'; };
  const loadStart = loadavg().map((x) => x.toFixed(1)).join(' ');
  try {
    log(`Generating ${nf.format(LINES)} lines...`);
    await generateFile(file);
    const mb = statSync(file).size / 1024 / 1024;
    log(`  ${file} (${mb.toFixed(1)} MB)`);
    const name = new URL(BASE_URL).pathname.replace(/^\//, '') || 'zvh_bench';

    // (a) and (b) alternate, RUNS times each; the best time of each counts (least disturbed by
    // whatever else the machine is doing)
    const importTimes: number[] = [];
    const copyTimes: number[] = [];
    const allCopyTimes: number[] = [];
    let rssAfterPg = 0;
    for (let run = 1; run <= RUNS; run++) {
      log(`(a) import on PostgreSQL, run ${run} of ${RUNS}...`);
      const a = await freshPgDatabase(name);
      try {
        const database = await openDatabase({ databaseUrl: a.url });
        try { importTimes.push((await runImport(database, file)).seconds); } finally { await database.close(); }
      } finally { await a.drop(); }
      if (run === 1) rssAfterPg = rssMb(); // before any COPY text is built
      log(`    ${importTimes.at(-1)!.toFixed(2)} s`);

      log(`(b) raw COPY of the same rows (persons, registrations, cases), run ${run} of ${RUNS}...`);
      const b = await freshPgDatabase(`${name}_copy`);
      try {
        const copy = await runCopy(b.url);
        copyTimes.push(copy.seconds);
        allCopyTimes.push(copy.seconds + copy.restSeconds);
        log(`    ${copy.seconds.toFixed(2)} s (+ ${copy.prepSeconds.toFixed(2)} s building the COPY text, not counted; `
          + `+ ${copy.restSeconds.toFixed(2)} s for the participants, case events and processing log rows)`);
      } finally { await b.drop(); }
    }
    const pgImport = { seconds: Math.min(...importTimes) };
    const copy = { seconds: Math.min(...copyTimes) };

    let pglite: { seconds: number } | undefined;
    if (!SKIP_PGLITE) {
      log('(c) import on PGlite...');
      const pgliteDir = join(dir, 'data');
      const database = await openDatabase({ dataDir: pgliteDir });
      try { pglite = await runImport(database, file); } finally { await database.close(); }
      log(`    ${pglite.seconds.toFixed(2)} s`);
    }
    const ratio = pgImport.seconds / copy.seconds;
    report.push(
      '',
      `Caseload import benchmark: ${nf.format(LINES)} lines (${mb.toFixed(1)} MB), batches of ${BATCH_SIZE}, best of ${RUNS} for (a) and (b)`,
      `  (a) import, PostgreSQL   ${pgImport.seconds.toFixed(2).padStart(7)} s  ${nf.format(Math.round(LINES / pgImport.seconds)).padStart(8)} lines/s   ${verdict(pgImport.seconds <= TARGET_PG_SECONDS)} (<= ${TARGET_PG_SECONDS} s)  runs: ${importTimes.map((x) => x.toFixed(1)).join(', ')} s`,
      `  (b) raw COPY, PostgreSQL ${copy.seconds.toFixed(2).padStart(7)} s  ${nf.format(Math.round(LINES / copy.seconds)).padStart(8)} lines/s                      runs: ${copyTimes.map((x) => x.toFixed(1)).join(', ')} s`,
      `      ratio import/COPY    ${ratio.toFixed(2).padStart(7)} x                    ${verdict(ratio <= TARGET_RATIO)} (<= ${TARGET_RATIO}x)`,
      `      for context: COPY of every row the import writes (also participants, case events, processing log) ${Math.min(...allCopyTimes).toFixed(2)} s; `
        + `import/that ${(pgImport.seconds / Math.min(...allCopyTimes)).toFixed(2)} x`,
      pglite
        ? `  (c) import, PGlite       ${pglite.seconds.toFixed(2).padStart(7)} s  ${nf.format(Math.round(LINES / pglite.seconds)).padStart(8)} lines/s   ${verdict(pglite.seconds <= TARGET_PGLITE_SECONDS)} (<= ${TARGET_PGLITE_SECONDS} s)`
        : '  (c) import, PGlite       skipped (BENCH_SKIP_PGLITE=1)',
      `  peak RSS of this process: ${rssAfterPg.toFixed(0)} MB through the first PostgreSQL import (generating the file included); `
        + `${rssMb().toFixed(0)} MB at the end (the COPY text held in memory${pglite ? ', PGlite running in this process' : ''})`,
      `  load average ${loadStart} at the start, ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end, on ${cpus().length} cores${loadavg()[0]! > cpus().length ? ': the machine was busy, times are longer than on an idle one' : ''}`,
      `  ${failed ? 'FAIL' : 'PASS'}`,
    );
    console.log(report.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error('Benchmark failed:', e instanceof Error ? e.stack ?? e.message : e);
  process.exit(2);
});
