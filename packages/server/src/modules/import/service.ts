// SPDX-License-Identifier: EUPL-1.2
// Import of an existing caseload (import format v1), shared by POST /api/import/cases and the
// CLI (src/cli/import.ts). The input is read line by line and written in batches: each batch is
// ONE transaction of a handful of statements (the per-tenant lock, one look-up of the batch's
// externalIds, a COPY of its validated case lines into a TEMP staging table, and one set-based
// INSERT ... SELECT / UPDATE ... FROM statement from there into the real tables), so a crash or
// kill leaves whole batches only and a re-run (the import is idempotent on externalId) completes
// the rest.
//
// What an imported line becomes, the same rows the case flow makes:
//  - a person (matched on (tenant, bsn) when a BSN is given; otherwise, on re-import, the person
//    already linked to that externalId's registration is updated);
//  - a registration (aanmelding) with the externalId, triage {imported:true};
//  - a case for procesregie with startedAt (status procesregie_lopend, or afgesloten with
//    closedAt) and for advies (advies / afgesloten), with the registering partner as participant
//    and a case event 'imported' when the line created or changed something (a re-import of an
//    unchanged line writes nothing: no new version, no second event);
//  - one processing-log entry per line (create, update, or read for an unchanged line), in the
//    same transaction.
// A procesregie registration without startedAt was not taken up: registration 'teruggelegd',
// no case. An informatievraag gets no case either (registration 'teruggelegd'): the information
// hub (informatieknooppunt) comes in a later issue and will take these over.
import { responsiblePartner } from '../../core/processing-log.js';
import type { CopyValue, Executor } from '../../core/db/index.js';
import { copyRows, isEmbedded, newId, refreshStatistics, rows, sql, transaction } from '../../core/db/index.js';
import { requirePermission } from '../../core/access.js';
import type { ImportCtx } from './actor.js';
import { operatorDetails } from './actor.js';
import { MAX_LINE_CHARS, readLines } from './lines.js';
import type { FacilitatedKind, ImportLine, ImportReference } from './validate.js';
import { loadImportReference, validateLine } from './validate.js';
import type { FacilitatedExisting } from './facilitated.js';
import { facilitatedLookup, writeFacilitatedLines } from './facilitated.js';

export type { ImportCtx } from './actor.js';

export const IMPORT_PURPOSE = 'Overname caseload uit vorig systeem';
export const IMPORT_ACTIVITY = 'import';
export const IMPORT_REASON = 'Geïmporteerd uit het vorige systeem';
export const DEFAULT_BATCH_SIZE = 1000;


export interface ImportProgress {
  /** Lines read so far (including rejected and empty ones). */
  linesRead: number;
  bytesRead: number;
  imported: number;
  updated: number;
  rejected: number;
}

export interface ImportOptions {
  /** Validate and write everything, then roll each batch back: the counts of a real run, no changes. */
  dryRun?: boolean;
  batchSize?: number;
  /** At most this many rejected lines are listed (all are counted). Default 10,000. */
  maxRejectedListed?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Test seam: runs inside each batch's transaction after its writes, before the commit. */
  beforeCommit?: (batchNo: number, tx: Executor) => void | Promise<void>;
  /** Reference data and "today" (tests); loaded from the database when absent. */
  reference?: ImportReference;
}

export interface RejectedLine { line: number; error: string }

export interface ImportResult {
  imported: number;
  updated: number;
  /** Of `updated`, the lines that matched what was stored already: nothing written, no event. */
  unchanged: number;
  rejected: RejectedLine[];
  rejectedCount: number;
  /** Non-empty lines read. */
  lines: number;
  dryRun: boolean;
  durationMs: number;
}

/** Thrown when the import stops half-way (database gone, process killed): committed batches stay. */
export class ImportAbortedError extends Error {
  constructor(readonly partial: ImportResult, readonly atLine: number, cause: unknown) {
    super(`Import afgebroken bij regel ${atLine}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

class DryRunRollback extends Error {
  constructor(readonly outcome: BatchOutcome) { super('dry run'); }
}

interface BatchOutcome { imported: number; updated: number; unchanged: number; rejected: RejectedLine[] }

/** The SQLSTATE of a PostgreSQL error, from node-postgres, PGlite or drizzle's wrapper. */
function pgCode(e: unknown): string | undefined {
  const o = e as { code?: unknown; cause?: { code?: unknown } } | null;
  const c = typeof o?.code === 'string' ? o.code : typeof o?.cause?.code === 'string' ? o.cause.code : undefined;
  return c && /^[0-9A-Z]{5}$/.test(c) ? c : undefined;
}
/**
 * Errors a line's data can cause (data exception, integrity violation, or 21000 when two lines of
 * a batch touch the same person twice): split the batch until the line is found.
 */
const isDataError = (e: unknown) => /^2[123]/.test(pgCode(e) ?? '');

export async function importCases(
  ctx: ImportCtx,
  input: AsyncIterable<Buffer | string | Uint8Array> | Iterable<Buffer | string | Uint8Array>,
  opts: ImportOptions,
): Promise<ImportResult> {
  // a signed-in user needs the permission (the route checks it too); the CLI's system actor is the operator's own
  if (ctx.actor.userId !== null) requirePermission(ctx.actor, 'import.run');
  const started = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxListed = opts.maxRejectedListed ?? 10_000;
  const dryRun = opts.dryRun ?? false;
  const ref = opts.reference ?? await loadImportReference(ctx);

  const result: ImportResult = { imported: 0, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, lines: 0, dryRun, durationMs: 0 };
  const reject = (line: number, error: string) => {
    result.rejectedCount++;
    if (result.rejected.length < maxListed) result.rejected.push({ line, error });
  };
  // In a dry run nothing stays, so a later line repeating an externalId of an earlier batch is
  // counted as an update here.
  const seenInDryRun = dryRun ? new Set<string>() : undefined;

  let batch: ImportLine[] = [];
  let batchIds = new Set<string>();
  let batchNo = 0;
  let asyncCommits = false;
  let linesRead = 0, bytesRead = 0;
  // One batch is written while the next is read and validated (two cores: Node and PostgreSQL).
  let inflight: Promise<void> | undefined;
  let failure: { error: unknown; atLine: number } | undefined;

  const progress = () => opts.onProgress?.({ linesRead, bytesRead, imported: result.imported, updated: result.updated, rejected: result.rejectedCount });

  const runBatch = async (lines: ImportLine[], no: number, final: boolean): Promise<void> => {
    const out = await writeWithIsolation(ctx, lines, { no, final }, opts, ref, dryRun, seenInDryRun);
    result.imported += out.imported;
    result.updated += out.updated;
    result.unchanged += out.unchanged;
    for (const r of out.rejected) reject(r.line, r.error);
    progress();
  };
  /** `final`: the last batch, whose commit also makes the earlier (asynchronous) commits durable. */
  const flush = async (final: boolean) => {
    if (inflight) await inflight;
    if (failure) return;
    if (!batch.length) {
      // the last lines were all rejected: one empty synchronous commit flushes the WAL instead
      if (final && asyncCommits && !dryRun) await transaction(ctx.db, (tx) => tx.execute(sql`select pg_current_xact_id()`));
      return;
    }
    if (!final) asyncCommits = true;
    const lines = batch;
    batch = [];
    batchIds = new Set();
    batchNo++;
    inflight = runBatch(lines, batchNo, final).catch((error: unknown) => { failure = { error, atLine: lines[0]!.line }; });
  };

  try {
    for await (const line of readLines(input)) {
      if (failure) break;
      linesRead = line.no;
      bytesRead = line.bytes;
      if (line.tooLong) { result.lines++; reject(line.no, `Regel te lang (meer dan ${MAX_LINE_CHARS} tekens)`); continue; }
      if (!line.text.trim()) continue;
      result.lines++;
      const v = validateLine(line.text, line.no, ref);
      if (!v.ok) { reject(line.no, v.error); continue; }
      // a full batch is written once the next line shows it is not the last; the same
      // externalId twice in one batch: the first is written before the second is taken
      if (batch.length >= batchSize || batchIds.has(v.value.externalId)) await flush(false);
      batch.push(v.value);
      batchIds.add(v.value.externalId);
    }
    await flush(true);
  } catch (error) {
    // the input broke off (upload aborted, file unreadable): what was committed stays
    if (inflight) await inflight;
    failure ??= { error, atLine: batch[0]?.line ?? linesRead + 1 };
  }
  if (inflight) await inflight;
  result.rejected.sort((a, b) => a.line - b.line);
  result.durationMs = Date.now() - started;
  if (failure) throw new ImportAbortedError(result, failure.atLine, failure.error);
  // the planner's estimates of the tables the import filled, on the embedded database, which has
  // no autovacuum. PostgreSQL's autovacuum analyses a table once enough of it changed, as it does
  // after any other write (core/jobs: db.analyze runs on the embedded database only); an ANALYZE
  // here would sample every one of the tables' millions of rows again before answering (3.3 s at
  // 1M cases, issue 12).
  if (!dryRun && result.imported + result.updated > 0 && isEmbedded(ctx.db)) await refreshStatistics(ctx.db);
  progress();
  return result;
}

/**
 * Writes a batch in one transaction. When the database refuses the batch because of one line's
 * data (which validation should have caught), the batch is split until that line is found: it is
 * rejected, the others go in. Any other error (connection lost, a failing hook) aborts.
 */
interface BatchInfo { no: number; final: boolean }

async function writeWithIsolation(
  ctx: ImportCtx, lines: ImportLine[], batch: BatchInfo, opts: ImportOptions, ref: ImportReference,
  dryRun: boolean, seen: Set<string> | undefined,
): Promise<BatchOutcome> {
  try {
    return await writeBatchTx(ctx, lines, batch, opts, ref, dryRun, seen);
  } catch (e) {
    if (!isDataError(e)) throw e;
    if (lines.length === 1) {
      const msg = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      return { imported: 0, updated: 0, unchanged: 0, rejected: [{ line: lines[0]!.line, error: `Database weigert de regel: ${msg.split('\n')[0]}` }] };
    }
    const mid = Math.ceil(lines.length / 2);
    const a = await writeWithIsolation(ctx, lines.slice(0, mid), batch, opts, ref, dryRun, seen);
    const b = await writeWithIsolation(ctx, lines.slice(mid), batch, opts, ref, dryRun, seen);
    return { imported: a.imported + b.imported, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, rejected: [...a.rejected, ...b.rejected] };
  }
}

async function writeBatchTx(
  ctx: ImportCtx, lines: ImportLine[], batch: BatchInfo, opts: ImportOptions, ref: ImportReference,
  dryRun: boolean, seen: Set<string> | undefined,
): Promise<BatchOutcome> {
  try {
    return await transaction(ctx.db, async (tx) => {
      const out = await writeBatch(ctx, tx, lines, ref, seen, batch.final);
      await opts.beforeCommit?.(batch.no, tx);
      if (dryRun) throw new DryRunRollback(out);
      return out;
    });
  } catch (e) {
    if (e instanceof DryRunRollback) {
      for (const l of lines) seen?.add(l.externalId);
      return e.outcome;
    }
    throw e;
  }
}

interface Existing { externalId: string; id: string; personId: string; caseId: string | null; partners: string[] | null }

const needsCase = (l: ImportLine) => l.kind === 'advies' || (l.kind === 'procesregie' && l.startedAt !== null);
const caseStatus = (l: ImportLine) => (l.closedAt ? 'afgesloten' : l.kind === 'advies' ? 'advies' : 'procesregie_lopend');

/** The closure code: the closeReason text when it names a code of the tenant ("doel bereikt"), else 'overig'. */
function closeReasonCode(l: ImportLine, ref: ImportReference): string | null {
  if (!l.closedAt) return null;
  const slug = (l.closeReason ?? '').toLowerCase().trim().replace(/\s+/g, '-');
  return ref.closeReason.has(slug) ? slug : 'overig';
}

// The columns a re-import writes; a row whose columns would stay the same is not written, so an
// unchanged line leaves no new version, no 'imported' event and only a 'read' in the processing log.
const columns = (names: string[]) => (table: string) => sql.raw(`(${names.map((n) => `${table}.${n}`).join(', ')})`);
const PERSON_COLUMNS = columns(['first_name', 'last_name', 'birth_date', 'gender', 'municipality_code']);

/**
 * The staging table of a batch's case lines: a TEMP table of the session (a connection of the
 * pool, or PGlite's one session), created once and emptied at every commit or rollback, so it
 * holds only the rows of the running transaction and no other tenant or request ever sees them.
 * COPY fills it (core/db copyRows); set-based statements move its rows into the real tables,
 * where row-level security applies (COPY itself refuses tables with policies).
 */
const STAGE = 'import_stage';
const STAGE_COLUMNS: readonly (readonly [string, string])[] = [
  ['line', 'integer'], ['id', 'uuid'], ['e', 'text'], ['k', 'text'], ['m', 'text'], ['p', 'text'], ['ra', 'date'],
  // the person: pid when the line has no BSN (the one linked to the externalId, or a new one)
  ['pid', 'uuid'], ['bsn', 'text'], ['f', 'text'], ['n', 'text'], ['b', 'date'], ['g', 'text'],
  ['mt', 'text'], ['pa', 'text[]'], ['ch', 'text'], ['cb', 'boolean'],
  // registration status, processing-log action, registration new (else updated), partner to add
  ['rst', 'text'], ['act', 'text'], ['rnew', 'boolean'], ['ap', 'boolean'],
  // the case (cid null: none) and whether it is new
  ['cid', 'uuid'], ['cnew', 'boolean'], ['a', 'text'], ['sa', 'date'], ['ca', 'date'], ['crc', 'text'], ['cr', 'text'],
];
/**
 * The first statement of a batch (one round trip; a DO block takes no parameters, so the tenant,
 * a UUID, is checked and written in): concurrent imports into the same tenant take turns per
 * batch, so the look-up after it stays true (only the import writes externalIds); batches before
 * the last commit without waiting for the WAL flush (a crash may lose the last few of them, which
 * is what a crash does to an unfinished import anyway: run it again; the last batch's commit
 * flushes the WAL, and with it every earlier batch, before the answer); and the staging table.
 */
function batchStart(tenantId: string, final: boolean): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)) throw new Error('import: tenant id must be a UUID');
  return `DO $$ BEGIN
  PERFORM pg_advisory_xact_lock(74200, hashtext('${tenantId}'));
  PERFORM set_config('synchronous_commit', '${final ? 'on' : 'off'}', true);
  IF to_regclass('pg_temp.${STAGE}') IS NULL THEN
    CREATE TEMP TABLE ${STAGE} (${STAGE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}) ON COMMIT DELETE ROWS;
    -- in-memory PGlite (tests, a quick demo) has one session for the owner and the application
    -- role: whoever created it, both may use it (no other session ever sees a TEMP table)
    GRANT SELECT, INSERT ON ${STAGE} TO PUBLIC;
  END IF;
END $$`;
}

/** The batch's writes, inside the caller's transaction. */
async function writeBatch(
  ctx: ImportCtx, tx: Executor, input: ImportLine[], ref: ImportReference, seen: Set<string> | undefined, final: boolean,
): Promise<BatchOutcome> {
  const { actor, traceId } = ctx;
  const t = actor.tenantId;
  await tx.execute(sql.raw(batchStart(t, final)));

  // the batch's externalIds among registrations (with the current case) and facilitated records
  const existing = new Map<string, Existing>();
  const facExisting = new Map<string, FacilitatedExisting>();
  for (const e of await rows<Existing & { kind: string }>(tx, sql`
    with ids as (select json_array_elements_text(${JSON.stringify(input.map((l) => l.externalId))}::json) as e)
    select 'registration' as kind, r.external_id as "externalId", r.id, r.person_id as "personId", c.id as "caseId",
           (select array_agg(p.partner_code) from case_participants p where p.case_id = c.id) as partners
      from registrations r
      -- the one current case (one closed after a rejected triage override is kept beside it, migration 0016)
      left join cases c on c.registration_id = r.id and c.close_reason_code is distinct from 'triage-override-afgewezen'
     where r.tenant_id = ${t} and r.external_id = any(array(select e from ids))
    union all
    ${facilitatedLookup(t)}`)) {
    if (e.kind === 'registration') existing.set(e.externalId, e);
    else facExisting.set(e.externalId, { externalId: e.externalId, kind: e.kind as FacilitatedKind, id: e.id, personId: e.personId });
  }

  // records of the facilitated meetings (lpco, veelpleger, nazorg) go to their own tables; a case
  // line whose externalId belongs to such a record is rejected there (unique across all kinds)
  const fac = await writeFacilitatedLines(ctx, tx, input, new Set(existing.keys()), facExisting, IMPORT_ACTIVITY, seen);
  const rejected: RejectedLine[] = [...fac.rejected];
  const lines: ImportLine[] = [];
  for (const l of fac.caseLines) {
    const ex = existing.get(l.externalId);
    // A case, once there, may have been worked on in this system: a re-import never removes it.
    if (ex?.caseId && !needsCase(l)) {
      rejected.push({ line: l.line, error: `externalId '${l.externalId}' heeft al een casus; een herimport kan die niet ongedaan maken (${l.kind === 'informatievraag' ? 'informatievraag' : 'procesregie zonder startedAt'})` });
    } else {
      lines.push(l);
    }
  }
  if (!lines.length) return { imported: fac.imported, updated: fac.updated, unchanged: 0, rejected };

  // --- the case lines into the staging table (COPY), one row each ---
  let updated = 0;
  const stage = lines.map((l) => {
    const ex = existing.get(l.externalId);
    const withCase = needsCase(l);
    const caseId = withCase ? ex?.caseId ?? newId() : null;
    const action = ex || seen?.has(l.externalId) ? 'update' : 'create';
    if (action === 'update') updated++;
    const s = l.subject;
    return [
      l.line, ex?.id ?? newId(), l.externalId, l.kind, l.municipality, l.registeringPartner, l.registeredAt,
      // without a BSN: the person already linked to this externalId, or a new one
      s.bsn ? null : ex?.personId ?? newId(), s.bsn, s.firstName, s.lastName, s.birthDate, s.gender,
      l.mainTopic, l.problemAreas, l.children, l.crossesMunicipalityBorder,
      caseId ? caseStatus(l) : 'teruggelegd', action, !ex,
      // the registering partner takes part; never re-added once there (or deliberately removed)
      withCase && !ex?.partners?.includes(l.registeringPartner),
      // advies keeps started_at empty unless given, as the case flow does
      caseId, caseId !== null && !ex?.caseId, l.kind === 'procesregie' ? l.approach : null, l.startedAt, l.closedAt,
      closeReasonCode(l, ref), l.closedAt ? l.closeReason : null,
    ] satisfies CopyValue[];
  });
  await copyRows(tx, STAGE, STAGE_COLUMNS.map(([n]) => n), stage);

  // --- then ONE set-based statement: persons, registrations, cases (numbered per year), participants,
  // case events and the processing log (data-modifying CTEs; foreign keys are checked at its end).
  // New registrations and cases are plain inserts (the look-up above holds under the lock), known
  // ones an UPDATE of what really changed ---
  const logged = await rows<{ action: string }>(tx, sql`
    with x as materialized (
      select s.*, extract(year from coalesce(s.sa, (now() at time zone 'Europe/Amsterdam')::date))::int as y from import_stage s
    ), pb as (
      -- the last line of a BSN wins
      insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code)
      select distinct on (x.bsn) ${t}::uuid, x.f, x.n, x.b, x.g, x.bsn, x.m from x where x.bsn is not null order by x.bsn, x.line desc
      on conflict (tenant_id, bsn) where bsn is not null and merged_into is null do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
        where ${PERSON_COLUMNS('persons')} is distinct from ${PERSON_COLUMNS('excluded')}
      returning id, bsn
    ), pn as (
      insert into persons (id, tenant_id, first_name, last_name, birth_date, gender, municipality_code)
      select x.pid, ${t}::uuid, x.f, x.n, x.b, x.g, x.m from x where x.pid is not null
      on conflict (id) do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
        where persons.tenant_id = excluded.tenant_id and ${PERSON_COLUMNS('persons')} is distinct from ${PERSON_COLUMNS('excluded')}
      returning id
    ), xp as materialized (
      select x.*, coalesce(x.pid, pb.id, pe.id) as person_id
        from x
        left join pb on pb.bsn = x.bsn
        -- a person with this BSN that the line left unchanged (pb returns only what it wrote)
        left join persons pe on pe.tenant_id = ${t}::uuid and pe.bsn = x.bsn and pe.merged_into is null
    ), rn as (
      insert into registrations (id, tenant_id, external_id, kind, status, municipality_code, registering_partner, registered_at,
                                 person_id, main_topic, problem_areas, children, crosses_municipality_border, urgency, reason, triage, case_id)
      select xp.id, ${t}::uuid, xp.e, xp.k, xp.rst, xp.m, xp.p, xp.ra, xp.person_id, xp.mt, xp.pa, xp.ch, xp.cb, 'normaal', ${IMPORT_REASON},
             '{"imported":true}'::jsonb, xp.cid
        from xp where xp.rnew
      returning id
    ), ru as (
      update registrations r
         set kind = xp.k, status = xp.rst, municipality_code = xp.m, registering_partner = xp.p, registered_at = xp.ra, person_id = xp.person_id,
             main_topic = xp.mt, problem_areas = xp.pa, children = xp.ch, crosses_municipality_border = xp.cb, case_id = xp.cid,
             version = r.version + 1, updated_at = now()
        from xp
       where not xp.rnew and r.id = xp.id and r.tenant_id = ${t}::uuid
         and (r.kind, r.status, r.municipality_code, r.registering_partner, r.registered_at, r.person_id, r.main_topic, r.problem_areas,
              r.children, r.crosses_municipality_border, r.case_id)
             is distinct from (xp.k, xp.rst, xp.m, xp.p, xp.ra, xp.person_id, xp.mt, xp.pa, xp.ch, xp.cb, xp.cid)
      returning r.id
    ), k as (
      -- case numbers per year, set-based: the counters move once per year and batch (the trigger
      -- of migration 0010 numbers one case at a time and leaves a given number alone)
      insert into case_number_counters as k (tenant_id, year, last)
      select ${t}::uuid, xp.y, count(*) from xp where xp.cnew group by xp.y
      on conflict (tenant_id, year) do update set last = k.last + excluded.last
      returning k.year, k.last
    ), cn as (
      insert into cases (id, tenant_id, registration_id, person_id, external_id, kind, approach, status, purpose,
                         started_at, closed_at, close_reason_code, close_reason, case_number)
      select xp.cid, ${t}::uuid, xp.id, xp.person_id, xp.e, xp.k, xp.a, xp.rst, 'Geïmporteerd: ' || xp.k, xp.sa, xp.ca, xp.crc, xp.cr,
             zvh_case_number(xp.y, (k.last - count(*) over (partition by xp.y) + row_number() over (partition by xp.y order by xp.line))::int)
        from xp join k on k.year = xp.y
       where xp.cnew
      returning id
    ), cu as (
      update cases c
         set person_id = xp.person_id, external_id = xp.e, kind = xp.k, approach = xp.a, status = xp.rst, purpose = 'Geïmporteerd: ' || xp.k,
             started_at = xp.sa, closed_at = xp.ca, close_reason_code = xp.crc, close_reason = xp.cr,
             version = c.version + 1, updated_at = now()
        from xp
       where xp.cid is not null and not xp.cnew and c.id = xp.cid and c.tenant_id = ${t}::uuid
         and (c.person_id, c.external_id, c.kind, c.approach, c.status, c.purpose, c.started_at, c.closed_at, c.close_reason_code, c.close_reason)
             is distinct from (xp.person_id, xp.e, xp.k, xp.a, xp.rst, 'Geïmporteerd: ' || xp.k, xp.sa, xp.ca, xp.crc, xp.cr)
      returning c.id
    ), cp as (
      insert into case_participants (tenant_id, case_id, partner_code, added_by, add_reason)
      select ${t}::uuid, xp.cid, xp.p, ${actor.userId}::uuid, 'import' from xp where xp.ap
      on conflict do nothing
      returning case_id
    ), xc as (
      -- what each line wrote: an update returns only the rows it really changed
      select xp.*, (xp.rnew or xp.cnew or xp.id in (select id from ru) or xp.cid in (select id from cu) or xp.cid in (select case_id from cp)
                    or xp.person_id in (select id from pb union all select id from pn)) as changed
        from xp
    ), ev as (
      insert into case_events (tenant_id, case_id, registration_id, actor_id, actor_name, actor_organisation, type, data)
      select ${t}::uuid, xc.cid, xc.id, ${actor.userId}::uuid, ${actor.name}, ${actor.organisationCode}, 'imported',
             jsonb_build_object('externalId', xc.e, 'action', xc.act, 'traceId', ${traceId}::text)
        from xc where xc.changed
    )
    insert into processing_log (trace_id, tenant_id, activity, purpose, action, actor_user_id, actor_email, actor_organisation,
                                data_subject_ref, case_id, registration_id, outcome, details, responsible_partner)
    select ${traceId}, ${t}::uuid, ${IMPORT_ACTIVITY}, ${IMPORT_PURPOSE}, case when xc.changed then xc.act else 'read' end,
           ${actor.userId}::uuid, ${actor.email}, ${actor.organisationCode},
           xc.person_id, xc.cid, xc.id, 'success', jsonb_build_object('object', 'registration', 'externalId', xc.e, 'changed', xc.changed) || ${operatorDetails(ctx)}::jsonb,
           ${responsiblePartner(ctx)}
      from xc
    returning action`);

  return { imported: stage.length - updated + fac.imported, updated: updated + fac.updated, unchanged: logged.filter((l) => l.action === 'read').length, rejected };
}
