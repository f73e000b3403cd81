// SPDX-License-Identifier: EUPL-1.2
// Background jobs: one registry of what runs on a schedule, run exactly once across instances.
// On PostgreSQL the jobs go through pg-boss (its schema and queues installed by the owner role at
// start-up, next to the migrations; the instances' schedulers and workers coordinate through the
// database, so a scheduled run is sent once and fetched by one instance). On the embedded
// database (one process by definition) an in-process scheduler runs the same registry.
//
// Adding a job is one entry in JOBS: a name, a cron schedule (Europe/Amsterdam time) and a run
// function that takes a JobCtx (and, where it acts for the system, uses systemCtx).
import type PgBossType from 'pg-boss';
import cronParser from 'cron-parser';
import type pg from 'pg';
import type { Config } from './config.js';
import type { Database, Db } from './db/index.js';
import { APP_ROLE, refreshStatistics } from './db/index.js';
import type { Metrics } from './metrics.js';
import { generateAllTenants } from '../modules/casusoverleg/service.js';
import { runRadarAllTenants } from '../modules/radar/service.js';
import { sendDailyDigests } from '../modules/werkdag/digest.js';
import { syncAllPseudonyms } from '../modules/andere-zvh/service.js';
import { runRetentionAllTenants } from '../modules/privacy/retention.js';
import { ensureLogPartitions, loadSigningKey, sealAllTenants } from './log-chain.js';

/** pg-boss and pg are loaded only on PostgreSQL (not on the embedded database). */
const loadPgBoss = async () => (await import('pg-boss')).default as unknown as typeof PgBossType;

export interface JobCtx {
  db: Db;
  config: Config;
  log: (message: string) => void;
}

export interface Job {
  /** Queue name (letters, digits, - and .). */
  name: string;
  /** Cron expression (5 fields) in Europe/Amsterdam time. */
  schedule: string;
  /** Also run once when the installation starts (instances starting together: once). */
  atStart?: boolean;
  /** Whether this installation runs the job at all (default: yes). */
  enabled?: (config: Config) => boolean;
  /** What the job does; must be idempotent (a run may be repeated after a crash). Returns a short summary or nothing. */
  run: (ctx: JobCtx) => Promise<unknown>;
}

export const JOB_TIMEZONE = 'Europe/Amsterdam';

export const JOBS: Job[] = [
  // planner statistics on the embedded database, which has no autovacuum (PostgreSQL's does this itself)
  { name: 'db.analyze', schedule: '50 * * * *', enabled: (c) => !c.databaseUrl, run: ({ db }) => refreshStatistics(db) },
  // the coming weeks' meetings from each meeting type's frequency rule (idempotent)
  { name: 'meetings.generate', schedule: '10 1 * * *', atStart: true, run: ({ db }) => generateAllTenants(db) },
  // the stagnation radar's rules (idempotent: a proposal is stored once per set of facts)
  { name: 'radar.run', schedule: '20 1 * * *', atStart: true, run: ({ db }) => runRadarAllTenants(db) },
  // keyed BSN pseudonyms ("bekend bij een ander ZVH") for persons without one of this PSEUDONYM_SECRET
  { name: 'pseudonyms.sync', schedule: '30 1 * * *', atStart: true, run: ({ db, config }) => syncAllPseudonyms(db, config.pseudonymSecret) },
  // the processing log's month partitions, made ahead (idempotent)
  { name: 'log.partitions', schedule: '5 1 * * *', atStart: true, run: ({ db }) => ensureLogPartitions({ db }) },
  // the sealer: chains new processing-log records per tenant and month and signs the checkpoints
  // (a run that finds nothing costs two index lookups per tenant)
  { name: 'log.seal', schedule: '* * * * *', run: ({ db, config }) => sealAllTenants(db, loadSigningKey(config)) },
  // retention: anonymise what is due under the privacy officer's terms (idempotent; extensions left alone)
  { name: 'retention.run', schedule: '40 1 * * *', atStart: true, run: ({ db }) => runRetentionAllTenants(db) },
  // the daily e-mail digest from 07:00, retried every 15 minutes that day (idempotent per user per day)
  {
    name: 'digest.send', schedule: '*/15 7-23 * * *', enabled: (c) => Boolean(c.smtp),
    run: ({ db, config }) => sendDailyDigests({ db, smtp: config.smtp, publicUrl: config.publicUrl }),
  },
];

/** pg-boss's own queue for cron: created by the owner with the others. */
const PGBOSS_CRON_QUEUE = '__pgboss__send-it';
const PGBOSS_SCHEMA = 'pgboss';
const INSTALL_LOCK = 7420002;

/**
 * Installs or upgrades pg-boss's schema and creates the queues, as the connecting owner role,
 * and lets the application role use them. Instances starting together take turns on a lock.
 */
export async function installJobQueues(databaseUrl: string, jobs: Job[] = JOBS): Promise<void> {
  const [PgBoss, { default: pgDriver }] = await Promise.all([loadPgBoss(), import('pg')]);
  const client = new pgDriver.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [INSTALL_LOCK]);
    const boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) },
      schema: PGBOSS_SCHEMA, migrate: true, supervise: false, schedule: false,
    });
    boss.on('error', () => undefined);
    await boss.start();
    for (const name of [PGBOSS_CRON_QUEUE, ...jobs.map((j) => j.name)]) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 1, expireInSeconds: 3600 });
    }
    await boss.stop({ graceful: false, close: false, wait: true });
    for (const statement of [
      `grant usage on schema ${PGBOSS_SCHEMA} to ${APP_ROLE}`,
      `grant select, insert, update, delete on all tables in schema ${PGBOSS_SCHEMA} to ${APP_ROLE}`,
      `grant execute on all functions in schema ${PGBOSS_SCHEMA} to ${APP_ROLE}`,
    ]) await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface JobRunner {
  kind: 'pg-boss' | 'in-process';
  /** Stops scheduling and waits (up to timeoutMs) for running jobs. */
  stop(timeoutMs?: number): Promise<void>;
}

interface RunDeps { database: Database; config: Config; metrics?: Metrics; log?: (message: string) => void; jobs?: Job[] }

function runner(deps: RunDeps) {
  const log = deps.log ?? ((m: string) => console.log(m));
  const ctx: JobCtx = { db: deps.database.db, config: deps.config, log };
  return async (job: Job): Promise<void> => {
    const end = deps.metrics?.jobDuration.startTimer({ job: job.name });
    try {
      await job.run(ctx);
      deps.metrics?.jobRuns.inc({ job: job.name, outcome: 'ok' });
    } catch (e) {
      deps.metrics?.jobRuns.inc({ job: job.name, outcome: 'failed' });
      log(`Taak ${job.name} mislukt: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    } finally {
      end?.();
    }
  };
}

/** Starts the registry's jobs: pg-boss on PostgreSQL (installJobQueues first), a timer scheduler on PGlite. */
export async function startJobs(deps: RunDeps): Promise<JobRunner> {
  const jobs = (deps.jobs ?? JOBS).filter((j) => j.enabled?.(deps.config) ?? true);
  return deps.database.kind === 'postgres' ? startPgBoss(deps, jobs) : startInProcess(deps, jobs);
}

async function startPgBoss(deps: RunDeps, jobs: Job[]): Promise<JobRunner> {
  const pool = deps.database.raw as pg.Pool;
  const run = runner(deps);
  const PgBoss = await loadPgBoss();
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: PGBOSS_SCHEMA, migrate: false, supervise: true, schedule: true,
  });
  boss.on('error', (e: Error) => (deps.log ?? console.error)(`Taakplanner: ${e.message}`));
  await boss.start();
  for (const job of jobs) {
    await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([j]) => { if (j) await run(job); });
    await boss.schedule(job.name, job.schedule, {}, { tz: JOB_TIMEZONE });
    // instances starting within the same five minutes send the start-up run once
    if (job.atStart) await boss.send(job.name, {}, { singletonKey: 'start', singletonSeconds: 300 });
  }
  return {
    kind: 'pg-boss',
    stop: (timeoutMs = 7000) => boss.stop({ graceful: true, close: false, wait: true, timeout: timeoutMs }),
  };
}

/** The next time a cron expression fires after `after` (Europe/Amsterdam). */
export function nextRun(schedule: string, after: Date): Date {
  return cronParser.parseExpression(schedule, { currentDate: after, tz: JOB_TIMEZONE }).next().toDate();
}

/** The embedded database's scheduler: timers in this process (exported for its test). */
export function startInProcess(deps: RunDeps, jobs: Job[]): JobRunner {
  const run = runner(deps);
  const timers = new Map<string, NodeJS.Timeout>();
  const active = new Map<string, Promise<void>>();
  let stopped = false;
  // one run of a job at a time: a run still busy when the next is due skips that one
  const fire = (job: Job) => {
    if (stopped || active.has(job.name)) return;
    active.set(job.name, run(job).catch(() => undefined).finally(() => active.delete(job.name)));
  };
  const plan = (job: Job) => {
    if (stopped) return;
    const due = nextRun(job.schedule, new Date()).getTime();
    // setTimeout takes at most ~24.8 days; a longer wait re-plans on the way
    const t = setTimeout(() => {
      if (Date.now() >= due - 1000) fire(job);
      plan(job);
    }, Math.min(Math.max(due - Date.now(), 1000), 2 ** 31 - 1));
    t.unref();
    timers.set(job.name, t);
  };
  for (const job of jobs) {
    if (job.atStart) fire(job);
    plan(job);
  }
  return {
    kind: 'in-process',
    async stop(timeoutMs = 7000) {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.race([Promise.all(active.values()), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
  };
}
