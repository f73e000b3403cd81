// SPDX-License-Identifier: EUPL-1.2
// `npm run bench`: the scale benchmark of issue 12. Never a timed test: it prints, and writes
// packages/server/bench/results/<date>.json; each goal is measured against its floor in the same run.
//
//   npm run bench                 PostgreSQL: 25 tenants, 1,000,000 cases, 10,000,000 log rows
//   npm run bench -- --small      PGlite: 2 tenants, 5,000 cases, 50,000 log rows (minutes; in .ci/run)
//   npm run bench -- --small --pg the small sizes on PostgreSQL
//
// Measured (see docs/performance.md for what dominates each figure):
//  - logged case read GET /api/cases/{id} on the real server (a child process listening on a port,
//    50 keep-alive clients) against a bare Fastify + database route doing one primary-key read and
//    one processing-log insert (floor-server.mjs): requests/s ratio, p50/p95;
//  - person search by name and by exact BSN, the first page of the case list (the real server);
//  - the annual report of one tenant (computeAnnualReport) against one hand-written SQL query for
//    the same figures, and the same report on a database that holds only that tenant;
//  - the import of N ndjson lines (importCases) against a raw COPY of the same rows into plain
//    tables without indexes (copy-floor.ts), with the peak memory during the import;
//  - `npm start` (scripts/start.mjs, embedded database, web app built) to healthy, and its memory,
//    against a bare PGlite + Fastify start; the app server's peak memory under the read load.
//
// Environment: BENCH_DATABASE_URL (PostgreSQL server to create the databases on, default
// postgres://postgres@127.0.0.1:5432; they are dropped afterwards unless BENCH_KEEP=1),
// BENCH_TENANTS, BENCH_CASES, BENCH_LOG_ROWS, BENCH_IMPORT_LINES, BENCH_CLIENTS, BENCH_DURATION
// (seconds per load run), BENCH_ONLY=start (only
// the start-up measurement, no data), BENCH_ONLY=import (generate, then only the import and its
// floor), BENCH_ONLY=read (generate, then only the case read, search and lists against their
// floor), BENCH_ONLY=report (only the annual report against its floor and the one-tenant database), BENCH_PROFILE=<dir> (the app server writes a V8 CPU profile of the read load there),
// BENCH_REUSE=<database>[,<database with one tenant>] (measure the databases of a BENCH_KEEP=1
// run again, after the migrations, without generating; BENCH_IMPORT_PREFIX=<other than OUD> for a
// second import into it), BENCH_PASSWORD and BENCH_TOTP_SECRET (the bench users' password and TOTP secret; random by default), BENCH_STRICT=1 (exit 1
// when a goal is missed; by default only errors fail the run).
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { authenticator } from 'otplib';
import type { PGlite } from '@electric-sql/pglite';
import { DEFAULT_TENANT } from '@zvh/shared';
import { openDatabase, scopedDb } from '../src/core/db/index.js';
import type { Database, Db } from '../src/core/db/index.js';
import { seedInstallation, seedTenant } from '../src/core/seed.js';
import { actorScope, systemCtx } from '../src/core/context.js';
import type { Ctx } from '../src/core/context.js';
import { computeAnnualReport } from '../src/modules/rapportage/annual-report.js';
import { importCases } from '../src/modules/import/service.js';
import { sampleLines } from '../src/modules/import/sample.js';
import { generate, setBenchUsers, BENCH_TOTP_SECRET, BENCH_USERS } from './generate.js';
import type { Generated, Sql } from './generate.js';
import { copyData, copyFloor } from './copy-floor.js';
import { createPgDatabase, dbUrl, freePort, get, load, log, login, secs, startServer, timeCalls, treeRssMb, waitIdle } from './lib.js';
import type { LoadResult } from './lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const SERVER = join(HERE, '..');
const args = process.argv.slice(2);
const SMALL = args.includes('--small');
const KIND: 'postgres' | 'pglite' = SMALL && !args.includes('--pg') ? 'pglite' : 'postgres';
const env = process.env;
const num = (name: string, dflt: number) => (env[name] ? Number(env[name]) : dflt);
const SIZE = {
  tenants: num('BENCH_TENANTS', SMALL ? 2 : 25),
  cases: num('BENCH_CASES', SMALL ? 5_000 : 1_000_000),
  logRows: num('BENCH_LOG_ROWS', SMALL ? 50_000 : 10_000_000),
  importLines: num('BENCH_IMPORT_LINES', SMALL ? 5_000 : 100_000),
  clients: num('BENCH_CLIENTS', 50),
  duration: num('BENCH_DURATION', SMALL ? 5 : 20),
  warmup: SMALL ? 2 : 5,
};
const BASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const KEEP = env.BENCH_KEEP === '1';
const REPORT_YEAR = 2024;
const PSEUDONYM_SECRET = 'benchmark-pseudonym-secret-0123456789abcdef';
const SESSION_SECRET = 'benchmark-session-secret-0123456789abcdefghij';
const PASSWORD = env.BENCH_PASSWORD ?? `bench-${Math.random().toString(36).slice(2)}-Wachtwoord`;
const nf = new Intl.NumberFormat('en-US');

interface Row { measure: string; figure: number; unit: string; floor: number | null; floorLabel: string; ratio: number | null; goal: string; pass: boolean | null; note?: string }
const rowsOut: Row[] = [];
const details: Record<string, unknown> = {};
function row(r: Row) { rowsOut.push(r); }

// ---------------------------------------------------------------------------------------------
// databases

interface Target {
  kind: 'postgres' | 'pglite';
  url?: string;
  dataDir?: string;
  /** the owner's raw connection (superuser on PostgreSQL, RESET ROLE on PGlite) for generating and floors */
  owner(): Promise<{ q: Sql; close(): Promise<void> }>;
  /** the application's database; `install` runs as the owner right after the migrations (installation data) */
  open(install?: (owner: Db) => Promise<unknown>): Promise<Database>;
  serverEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** BENCH_REUSE=<database>[,<database of one tenant>]: databases of an earlier run (BENCH_KEEP=1), measured again without generating. */
const REUSE = env.BENCH_REUSE ? env.BENCH_REUSE.split(',') : null;
/** The external ids of the imported lines start with this (BENCH_IMPORT_PREFIX): a second import into a reused database creates, as the first did. */
const IMPORT_PREFIX = env.BENCH_IMPORT_PREFIX ?? 'OUD';

async function makeTarget(name: string, dir: string): Promise<Target> {
  if (KIND === 'postgres') {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const reuse = REUSE?.[name === 'all' ? 0 : 1];
    const db = reuse ? { url: dbUrl(BASE_URL, reuse), drop: () => Promise.resolve() } : await createPgDatabase(BASE_URL, `zvh_bench_${stamp}_${name}`);
    return {
      kind: 'postgres', url: db.url,
      owner: async () => {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        return { q: c, close: () => c.end() };
      },
      open: (install) => openDatabase({ databaseUrl: db.url, install }),
      serverEnv: { DATABASE_URL: db.url, DATA_DIR: join(dir, `${name}-unused`) },
      drop: () => (KEEP ? (log(`  kept database ${db.url}`), Promise.resolve()) : db.drop()),
    };
  }
  const dataDir = join(dir, name);
  return {
    kind: 'pglite', dataDir,
    owner: async () => {
      const d = await openDatabase({ dataDir, migrate: false, owner: true }); // not reopened as zvh_app
      const raw = d.raw as PGlite;
      await raw.exec('RESET ROLE');
      return { q: raw as unknown as Sql, close: () => d.close() };
    },
    open: (install) => openDatabase({ dataDir, install }),
    serverEnv: { DATABASE_URL: '', DATA_DIR: dataDir },
    drop: async () => { if (!KEEP) rmSync(dataDir, { recursive: true, force: true }); },
  };
}

async function fill(target: Target, tenants: string[], cases: number, logRows: number): Promise<Generated> {
  if (REUSE) {
    // migrations only (a later migration may change indexes), then what generate() would have returned
    await (await target.open()).close();
    const o = await target.owner();
    try {
      const r = await o.q.query(`select t.id, t.code, (select count(*)::int from cases c where c.tenant_id = t.id) as cases from tenants t`);
      const byCode = new Map(r.rows.map((t: { id: string; code: string }) => [t.code, t.id]));
      const total = (await o.q.query('select count(*)::int as n from cases')).rows[0].n as number;
      await setBenchUsers(o.q, byCode.get(tenants[0]!) as string, PASSWORD);
      return { tenantIds: tenants.map((c) => byCode.get(c) as string), users: BENCH_USERS, seconds: {}, counts: { cases: total, reused: 1 } } as unknown as Generated;
    } finally {
      await o.close();
    }
  }
  // migrations, then the installation data as the owner (the application role may not write it)
  const database = await target.open(async (owner) => {
    await seedInstallation(owner, { demo: false });
    for (const code of tenants.slice(1)) await seedTenant(owner, code, `Benchmark ZVH ${code}`);
  });
  await database.close();
  const o = await target.owner();
  try {
    return await generate(o.q, { tenants, cases, logRows, pseudonymSecret: PSEUDONYM_SECRET, password: PASSWORD, log });
  } finally {
    await o.close();
  }
}

// ---------------------------------------------------------------------------------------------
// the hand-written report query (the floor): the figures of basics, byMunicipality, byPartner and
// the distributions of computeAnnualReport, tenant-first (every table filtered on the tenant, so
// only its rows are read and joined), in one statement

const FLOOR_REPORT = `with d as (
    select r.id, r.kind as requested_kind, c.kind as case_kind, coalesce(c.kind, r.kind) as kind, c.approach, r.registered_at,
           c.started_at, c.closed_at, r.municipality_code, r.registering_partner, r.main_topic, r.problem_areas, r.children,
           r.crosses_municipality_border, p.birth_date, p.gender,
           r.registered_at between $2::date and $3::date as reg_y,
           (c.kind = 'procesregie' and c.started_at is not null) as pr
      from registrations r
      join persons p on p.id = r.person_id and p.tenant_id = $1
      left join cases c on c.registration_id = r.id and c.tenant_id = $1
     where r.tenant_id = $1
  ), f as (
    select d.*, reg_y and (requested_kind = 'procesregie' or case_kind = 'procesregie') as reg_pr,
           pr and started_at <= $3::date and (closed_at is null or closed_at >= $2::date) as active
      from d
  )
  select
    (select json_build_object(
       'registeredProcessDirection', count(*) filter (where reg_pr), 'registeredProcessDirectionPga', count(*) filter (where reg_pr and approach = 'pga'),
       'notTakenUp', count(*) filter (where reg_pr and started_at is null), 'activeProcessDirection', count(*) filter (where active),
       'activeProcessDirectionPga', count(*) filter (where active and approach = 'pga'),
       'informationRequests', count(*) filter (where reg_y and kind = 'informatievraag'), 'advice', count(*) filter (where reg_y and kind = 'advies'))
       from f) as basics,
    (select json_agg(m) from (select municipality_code,
        count(*) filter (where reg_y and kind = 'advies') as advice,
        count(*) filter (where pr and started_at < $2::date and (closed_at is null or closed_at >= $2::date)) as carried_over,
        count(*) filter (where pr and started_at between $2::date and $3::date) as inflow,
        count(*) filter (where pr and closed_at between $2::date and $3::date) as closed,
        count(*) filter (where pr and started_at <= $3::date and (closed_at is null or closed_at > $3::date)) as active_end
       from f group by municipality_code) m) as municipalities,
    (select json_agg(p) from (select registering_partner, count(*) as n from f where reg_pr group by registering_partner) p) as partners,
    (select json_agg(x) from (
       select 'mainTopic' as list, main_topic as code, count(*) as n from f where active group by main_topic
       union all select 'gender', gender, count(*) from f where active group by gender
       union all select 'children', children, count(*) from f where active group by children
       union all select 'problemArea', pa, count(distinct f.id) from f cross join lateral unnest(f.problem_areas) pa where active group by pa
       union all select 'crossesMunicipalityBorder', 'ja', count(*) from f where active and crosses_municipality_border) x) as distribution`;

function managerCtx(database: Database, tenantId: string): Ctx {
  const actor: Ctx['actor'] = {
    userId: '00000000-0000-4000-8000-00000000be01', sessionId: 'bench', tenantId, tenantCode: DEFAULT_TENANT.code, email: BENCH_USERS.manager,
    name: 'Bench manager', organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['manager'], mustChangePassword: false,
  };
  // the manager's own scope, as a request gets it: row-level security shows the application's
  // handle nothing without it (the report would count zeros)
  return { db: scopedDb(database.db, actorScope(actor)), traceId: 'bench', actor };
}

async function reportTimes(target: Target, tenantId: string, runs: number) {
  const database = await target.open();
  try {
    const ctx = managerCtx(database, tenantId);
    let report: Awaited<ReturnType<typeof computeAnnualReport>> | undefined;
    const app = await timeCalls(runs, async () => { report = await computeAnnualReport(ctx, REPORT_YEAR); });
    return { app, basics: report!.basics };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** The server as `npm start` runs it in production: the build (dist/main.js), not the TypeScript loader. */
function appServerCmd(): string[] {
  const profile = env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE}`] : [];
  return [process.execPath, ...profile, join(SERVER, 'dist/main.js')];
}
function buildServer() {
  const r = spawnSync(process.execPath, [join(SERVER, 'scripts/build.mjs')], { cwd: SERVER, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('building the server failed');
}
function appEnv(target: Target, port: number): Record<string, string> {
  return {
    ...target.serverEnv, NODE_ENV: 'production', SESSION_SECRET, PSEUDONYM_SECRET, DEMO: '0', PORT: String(port), HOST: '127.0.0.1',
    LOG_LEVEL: 'warn', SMTP_URL: '', SMTP_HOST: '', PUBLIC_URL: '',
  };
}

async function pick(target: Target, tenantId: string) {
  const o = await target.owner();
  try {
    const ids = (await o.q.query(`select id from cases where tenant_id = $1 order by hashtext(id::text) limit 2000`, [tenantId])).rows.map((r) => r.id as string);
    const person = (await o.q.query(`select first_name, last_name, bsn from persons where tenant_id = $1 and bsn is not null
      order by hashtext(id::text) limit 1`, [tenantId])).rows[0] as { first_name: string; last_name: string; bsn: string };
    return { ids, person };
  } finally {
    await o.close();
  }
}

function loadRow(label: string, r: LoadResult) {
  return `${label}: ${nf.format(Math.round(r.rps))} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, `
    + `${nf.format(r.requests)} requests in ${r.seconds.toFixed(1)} s, peak server memory ${r.peakRssMb.toFixed(0)} MB; CPU per request: `
    + `server ${r.serverCpuMsPerRequest?.toFixed(2) ?? '?'} ms, PostgreSQL ${r.postgresCpuMsPerRequest?.toFixed(2) ?? '?'} ms`;
}

async function measureServer(target: Target, tenantId: string, picked: Awaited<ReturnType<typeof pick>>) {
  // (1) the real server
  const searchRows: Row[] = [];
  const port = await freePort();
  log('  building and starting the app server (dist/main.js)...');
  buildServer();
  const app = await startServer(appServerCmd(), appEnv(target, port), port, '/api/health', 600);
  let appLoad: LoadResult;
  try {
    log(`    healthy after ${app.startSeconds.toFixed(1)} s; waiting for the start-up jobs to finish...`);
    const idle = await waitIdle(app.proc.pid!);
    log(`    idle after ${idle.toFixed(1)} s more`);
    details.appServer = { healthySeconds: app.startSeconds, idleAfterSeconds: idle, rssIdleMb: treeRssMb(app.proc.pid!) };
    const cookie = await login(port, BENCH_USERS.regisseur, PASSWORD, authenticator.generate(BENCH_TOTP_SECRET));
    const check = await get(port, `/api/cases/${picked.ids[0]}`, { cookie });
    if (check.status !== 200) throw new Error(`case read answered ${check.status}: ${check.body.slice(0, 300)}`);
    log(`  (1) logged case read, ${SIZE.clients} clients, ${SIZE.duration} s...`);
    appLoad = await load(port, picked.ids.map((id) => `/api/cases/${id}`), { cookie, 'accept-encoding': 'gzip' }, SIZE.clients, SIZE.duration, SIZE.warmup, app.proc.pid!);
    log(`    ${loadRow('app', appLoad)}`);

    log('  (2) person search and the case list...');
    const p = picked.person;
    const timed = async (label: string, path: string) => {
      const r = await timeCalls(10, async () => {
        const res = await get(port, path, { cookie, 'accept-encoding': 'gzip' });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
      });
      log(`    ${label}: median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
      return r;
    };
    const byName = await timed(`search "${p.last_name}"`, `/api/persons?q=${encodeURIComponent(p.last_name)}`);
    const byFull = await timed(`search "${p.first_name} ${p.last_name}"`, `/api/persons?q=${encodeURIComponent(`${p.first_name} ${p.last_name}`)}`);
    const byBsn = await timed('search by BSN', `/api/persons?q=${p.bsn}`);
    const list = await timed('case list, first page', '/api/cases');
    const regs = await timed('registration list, first page', '/api/registrations');
    const later = (r: Row) => searchRows.push(r);
    later({ measure: 'Person search by name (surname)', figure: byName.median, unit: 'ms', floor: null, floorLabel: '', ratio: null, goal: '< 100 ms', pass: byName.median < 100, note: `p95 ${byName.p95.toFixed(0)} ms` });
    later({ measure: 'Person search by first name + surname', figure: byFull.median, unit: 'ms', floor: null, floorLabel: '', ratio: null, goal: '< 100 ms', pass: byFull.median < 100, note: `p95 ${byFull.p95.toFixed(0)} ms` });
    later({ measure: 'Person search by exact BSN', figure: byBsn.median, unit: 'ms', floor: null, floorLabel: '', ratio: null, goal: '< 100 ms', pass: byBsn.median < 100, note: `p95 ${byBsn.p95.toFixed(0)} ms` });
    later({ measure: 'Case list, first page', figure: list.median, unit: 'ms', floor: null, floorLabel: '', ratio: null, goal: '< 100 ms', pass: list.median < 100, note: `p95 ${list.p95.toFixed(0)} ms` });
    later({ measure: 'Registration list, first page', figure: regs.median, unit: 'ms', floor: null, floorLabel: '', ratio: null, goal: '< 100 ms', pass: regs.median < 100, note: `p95 ${regs.p95.toFixed(0)} ms` });
  } finally {
    await app.stop();
  }

  // (2) the floor
  const fport = await freePort();
  log('  starting the floor server...');
  const floor = await startServer([process.execPath, join(HERE, 'floor-server.mjs')], { ...target.serverEnv, PORT: String(fport) }, fport, '/health', 300);
  let floorLoad: LoadResult;
  try {
    floorLoad = await load(fport, picked.ids.map((id) => `/floor/cases/${id}`), {}, SIZE.clients, SIZE.duration, SIZE.warmup, floor.proc.pid!);
    log(`    ${loadRow('floor', floorLoad)}`);
  } finally {
    await floor.stop();
  }
  details.caseRead = { app: appLoad, floor: floorLoad, clients: SIZE.clients, durationSeconds: SIZE.duration };
  const ratio = appLoad.rps / floorLoad.rps;
  row({ measure: `Logged case read, ${SIZE.clients} clients: req/s`, figure: appLoad.rps, unit: 'req/s', floor: floorLoad.rps, floorLabel: 'bare Fastify + PK read + log insert',
    ratio, goal: '>= 0.5 x floor', pass: ratio >= 0.5 && appLoad.errors === 0, note: appLoad.errors ? `${appLoad.errors} errors` : undefined });
  row({ measure: `Logged case read, ${SIZE.clients} clients: p95`, figure: appLoad.p95, unit: 'ms', floor: floorLoad.p95, floorLabel: 'floor p95', ratio: appLoad.p95 / floorLoad.p95,
    goal: '<= 50 ms', pass: appLoad.p95 <= 50, note: `p50 ${appLoad.p50.toFixed(1)} ms (floor ${floorLoad.p50.toFixed(1)} ms)` });
  row({ measure: 'App server memory under the read load (peak RSS)', figure: appLoad.peakRssMb, unit: 'MB', floor: floorLoad.peakRssMb, floorLabel: 'floor server', ratio: null,
    goal: '<= 1024 MB', pass: appLoad.peakRssMb <= 1024 });
  rowsOut.push(...searchRows);
  void tenantId;
}

async function measureReport(main: Target, one: Target | undefined, tenantId: string, oneTenantId: string | undefined) {
  log(`  (3) annual report ${REPORT_YEAR} of tenant ${DEFAULT_TENANT.code}...`);
  const runs = SMALL ? 5 : 3;
  const app = await reportTimes(main, tenantId, runs);
  log(`    app: median ${app.app.median.toFixed(0)} ms (${app.app.all.map((x) => x.toFixed(0)).join(', ')})`);
  const o = await main.owner();
  let floor: Awaited<ReturnType<typeof timeCalls>>;
  let floorBasics: Record<string, number> = {};
  try {
    floor = await timeCalls(runs, async () => {
      const r = await o.q.query(FLOOR_REPORT, [tenantId, `${REPORT_YEAR}-01-01`, `${REPORT_YEAR}-12-31`]);
      floorBasics = r.rows[0].basics;
    });
  } finally {
    await o.close();
  }
  log(`    floor: median ${floor.median.toFixed(0)} ms (${floor.all.map((x) => x.toFixed(0)).join(', ')})`);
  const same = Object.entries(app.basics).every(([k, v]) => Number(floorBasics[k]) === v);
  if (!same) log(`    WARNING: the floor's figures differ from the report's: ${JSON.stringify({ app: app.basics, floor: floorBasics })}`);
  const ratio = app.app.median / floor.median;
  row({ measure: `Annual report, 1 tenant of ${SIZE.tenants} (${nf.format(SIZE.cases)} cases)`, figure: app.app.median, unit: 'ms', floor: floor.median,
    floorLabel: 'one hand-written SQL query', ratio, goal: '<= 1.5 x floor and < 1000 ms', pass: ratio <= 1.5 && app.app.median < 1000,
    note: same ? 'same basic figures as the floor' : 'FIGURES DIFFER from the floor' });
  details.report = { year: REPORT_YEAR, app: app.app, floor, basics: app.basics, floorBasics };
  if (one && oneTenantId) {
    const solo = await reportTimes(one, oneTenantId, runs);
    log(`    database with only this tenant: median ${solo.app.median.toFixed(0)} ms`);
    const r = app.app.median / solo.app.median;
    row({ measure: 'Annual report on a database holding only that tenant', figure: solo.app.median, unit: 'ms', floor: null, floorLabel: '',
      ratio: r, goal: 'the 1-of-N report <= 1.5 x this (cost ~ tenant rows)', pass: r <= 1.5, note: `ratio = ${SIZE.tenants}-tenant report / this` });
    (details.report as Record<string, unknown>).singleTenant = solo.app;
  }
}

async function measureImport(target: Target, tenantId: string, dir: string) {
  const lines = SIZE.importLines;
  log(`  (4) import of ${nf.format(lines)} lines...`);
  const file = join(dir, 'import.ndjson');
  const out = createWriteStream(file);
  let buf = '';
  for (const l of sampleLines(lines, { seed: 2024, prefix: IMPORT_PREFIX })) {
    buf += `${JSON.stringify(l)}\n`;
    if (buf.length > 1 << 20) { if (!out.write(buf)) await once(out, 'drain'); buf = ''; }
  }
  out.end(buf);
  await once(out, 'finish');
  const database = await target.open();
  let seconds: number;
  const rss0 = process.memoryUsage().rss / 2 ** 20;
  let peak = rss0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20); }, 50);
  try {
    const ctx = await systemCtx(database.db, DEFAULT_TENANT.code, { tool: 'Benchmark', operator: 'bench' });
    const t0 = performance.now();
    const result = await importCases(ctx!, createReadStream(file, { highWaterMark: 256 * 1024 }), {});
    seconds = secs(t0);
    if (result.rejectedCount || result.imported !== lines) throw new Error(`unexpected import result: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 3) })}`);
  } finally {
    clearInterval(sampler);
    await database.close();
  }
  log(`    import: ${seconds.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB (${rss0.toFixed(0)} MB before)`);
  const tables = copyData(tenantId, lines, IMPORT_PREFIX);
  const o = await target.owner();
  let copySeconds: number;
  try { copySeconds = await copyFloor(o.q, target.kind, tables); } finally { await o.close(); }
  log(`    COPY of the same ${nf.format(tables.reduce((n, t) => n + t.rows, 0))} rows into plain tables: ${copySeconds.toFixed(2)} s`);
  const ratio = seconds / copySeconds;
  row({ measure: `Import of ${nf.format(lines)} lines (${(statSync(file).size / 2 ** 20).toFixed(0)} MB) into the loaded database`, figure: seconds, unit: 's', floor: copySeconds,
    floorLabel: 'COPY of the same rows into plain tables', ratio, goal: '<= 4 x floor', pass: ratio <= 4, note: `${nf.format(Math.round(lines / seconds))} lines/s` });
  const growth = peak - rss0;
  row({ measure: 'Peak memory during the import (bench process)', figure: peak, unit: 'MB', floor: rss0, floorLabel: 'before the import', ratio: null,
    goal: 'flat: <= 256 MB growth', pass: growth <= 256, note: `+${growth.toFixed(0)} MB${target.kind === 'pglite' ? ' (PGlite runs in this process)' : ''}` });
  details.import = { lines, seconds, copySeconds, rows: Object.fromEntries(tables.map((t) => [t.table, t.rows])), peakRssMb: peak, rssBeforeMb: rss0 };
}

async function measureStart(dir: string) {
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) {
    log('  building the web app first (not timed)...');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  log('  (5) npm start to healthy (embedded database, web app built)...');
  const dataDir = join(dir, 'start-data');
  const startOnce = async (label: string) => {
    const port = await freePort();
    const s = await startServer([process.execPath, join(ROOT, 'scripts/start.mjs')],
      { DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: '', LOG_LEVEL: 'warn' }, port, '/api/health', 300);
    try {
      await waitIdle(s.proc.pid!, 120);
      const rss = treeRssMb(s.proc.pid!);
      const gz = await get(port, '/', { 'accept-encoding': 'gzip, br' });
      log(`    ${label}: healthy after ${s.startSeconds.toFixed(1)} s, ${rss.toFixed(0)} MB idle; / answered ${gz.status} (content-encoding ${gz.headers['content-encoding'] ?? 'none'})`);
      return { seconds: s.startSeconds, rssMb: rss, contentEncoding: gz.headers['content-encoding'] ?? null };
    } finally {
      await s.stop();
    }
  };
  const first = await startOnce('first start (new data directory: migrations)');
  const again = await startOnce('restart');
  const fport = await freePort();
  const floor = await startServer([process.execPath, join(HERE, 'floor-server.mjs')], { DATA_DIR: join(dir, 'floor-start'), DATABASE_URL: '', PORT: String(fport) }, fport, '/health', 300);
  const floorRss = treeRssMb(floor.proc.pid!);
  await floor.stop();
  log(`    floor (bare PGlite + Fastify, new data directory): ${floor.startSeconds.toFixed(1)} s, ${floorRss.toFixed(0)} MB`);
  row({ measure: 'npm start to healthy, first start (new data directory)', figure: first.seconds, unit: 's', floor: floor.startSeconds, floorLabel: 'bare PGlite + Fastify',
    ratio: first.seconds / floor.startSeconds, goal: '<= 15 s', pass: first.seconds <= 15 });
  row({ measure: 'npm start to healthy, restart', figure: again.seconds, unit: 's', floor: floor.startSeconds, floorLabel: 'bare PGlite + Fastify',
    ratio: again.seconds / floor.startSeconds, goal: '<= 15 s', pass: again.seconds <= 15 });
  row({ measure: 'npm start memory when idle (RSS of the process tree)', figure: again.rssMb, unit: 'MB', floor: floorRss, floorLabel: 'bare PGlite + Fastify', ratio: null,
    goal: '<= 1024 MB', pass: again.rssMb <= 1024, note: `web app served with content-encoding: ${again.contentEncoding ?? 'none'}` });
  details.start = { first, restart: again, floor: { seconds: floor.startSeconds, rssMb: floorRss } };
}

function printTable(): string {
  const fmt = (v: number | null, unit = '') => (v === null ? '' : `${v >= 100 ? nf.format(Math.round(v)) : v.toFixed(v >= 10 ? 1 : 2)}${unit ? ` ${unit}` : ''}`);
  const lines = [
    ['Measure', 'Figure', 'Floor', 'Ratio', 'Goal', 'Result'],
    ...rowsOut.map((r) => [r.measure, fmt(r.figure, r.unit), r.floor === null ? '' : `${fmt(r.floor, r.unit)} (${r.floorLabel})`,
      r.ratio === null ? '' : `${r.ratio.toFixed(2)} x`, r.goal, `${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'}${r.note ? ` (${r.note})` : ''}`]),
  ];
  const md = lines.map((l, i) => `| ${l.join(' | ')} |${i === 0 ? `\n|${l.map(() => '---').join('|')}|` : ''}`).join('\n');
  return md;
}

async function main() {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'zvh-bench-'));
  const load0 = loadavg();
  const tenants = [DEFAULT_TENANT.code, ...Array.from({ length: SIZE.tenants - 1 }, (_, i) => `bench${String(i + 2).padStart(2, '0')}`)];
  if (env.BENCH_ONLY === 'start') log('Benchmark of the start-up only (BENCH_ONLY=start): no data generated');
  else log(`Benchmark on ${KIND === 'postgres' ? `PostgreSQL (${BASE_URL})` : 'PGlite'}: ${SIZE.tenants} tenants, ${nf.format(SIZE.cases)} cases, `
    + `${nf.format(SIZE.logRows)} processing-log rows; ${cpus().length} cores, load ${load0.map((x) => x.toFixed(1)).join(' ')}`);
  const targets: Target[] = [];
  try {
    if (env.BENCH_ONLY === 'start') {
      await measureStart(dir);
      return finish(t0, load0);
    }
    const main = await makeTarget('all', dir);
    targets.push(main);
    log(`Generating ${SIZE.tenants} tenants...`);
    const g0 = performance.now();
    const gen = await fill(main, tenants, SIZE.cases, SIZE.logRows);
    const genSeconds = secs(g0);
    log(`  ${JSON.stringify(gen.counts)} in ${genSeconds.toFixed(0)} s`);
    let one: Target | undefined;
    let oneGen: Generated | undefined;
    if (SIZE.tenants > 1 && (!env.BENCH_ONLY || env.BENCH_ONLY === 'report')) {
      log('Generating a database with only that tenant\'s share...');
      one = await makeTarget('one', dir);
      targets.push(one);
      oneGen = await fill(one, [DEFAULT_TENANT.code], Math.round(SIZE.cases / SIZE.tenants), Math.round(SIZE.logRows / SIZE.tenants));
      log(`  ${JSON.stringify(oneGen.counts)}`);
    }
    details.generated = { seconds: genSeconds, steps: gen.seconds, counts: gen.counts, singleTenant: oneGen?.counts };
    const tenantId = gen.tenantIds[0]!;
    const picked = await pick(main, tenantId);

    log('Measuring...');
    if (!env.BENCH_ONLY || env.BENCH_ONLY === 'read') await measureServer(main, tenantId, picked);
    if (!env.BENCH_ONLY || env.BENCH_ONLY === 'report') await measureReport(main, one, tenantId, oneGen?.tenantIds[0]);
    if (!env.BENCH_ONLY || env.BENCH_ONLY === 'import') await measureImport(main, tenantId, dir);
    if (!env.BENCH_ONLY) await measureStart(dir);
  } finally {
    for (const t of targets) await t.drop().catch((e: unknown) => log(`  dropping: ${String(e)}`));
    rmSync(dir, { recursive: true, force: true });
  }
  finish(t0, load0);
}

function finish(t0: number, load0: number[]) {
  const table = printTable();
  const load1 = loadavg();
  const busy = load1[0]! > cpus().length;
  const what = env.BENCH_ONLY === 'start' ? 'start-up only' : `${KIND === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${SIZE.tenants} tenants, `
    + `${nf.format(SIZE.cases)} cases, ${nf.format(SIZE.logRows)} processing-log rows`;
  const head = `Benchmark ${new Date().toISOString()}, ${what}; Node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; `
    + `load average ${load0[0]!.toFixed(1)} at the start, ${load1[0]!.toFixed(1)} at the end${busy ? ' (busy machine: times are longer than on an idle one)' : ''}; `
    + `${secs(t0).toFixed(0)} s in all`;
  console.log(`\n${head}\n\n${table}\n`);
  const failed = rowsOut.filter((r) => r.pass === false).length;
  console.log(failed ? `${failed} of ${rowsOut.filter((r) => r.pass !== null).length} goals missed.` : 'All goals met.');
  let commit = '';
  try { commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim(); } catch { /* not a checkout */ }
  const resultsDir = join(HERE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}${SMALL ? `-small-${KIND}` : ''}${env.BENCH_ONLY ? `-only-${env.BENCH_ONLY}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), commit, database: KIND, size: SIZE, node: process.version, cores: cpus().length,
    loadAverage: { start: load0, end: load1 }, rows: rowsOut, details }, null, 2)}\n`);
  console.log(`Written to ${file}`);
  if (failed && env.BENCH_STRICT === '1') process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error('Benchmark failed:', e instanceof Error ? e.stack ?? e.message : e);
  process.exit(2);
});
