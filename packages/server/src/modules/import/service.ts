// SPDX-License-Identifier: EUPL-1.2
// Import of an existing caseload (import format v1), shared by POST /api/import/cases and the
// CLI (src/cli/import.ts). The input is read line by line and written in batches: each batch is
// ONE transaction of a handful of set-based statements (INSERT ... SELECT FROM json_to_recordset
// with ON CONFLICT upserts), so a crash or kill leaves whole batches only and a re-run (the
// import is idempotent on externalId) completes the rest.
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
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../core/db/index.js';
import { refreshStatistics, rows, sql, transaction } from '../../core/db/index.js';
import { requirePermission } from '../../core/access.js';
import type { ImportCtx } from './actor.js';
import { operatorDetails } from './actor.js';
import { MAX_LINE_CHARS, readLines } from './lines.js';
import type { ImportLine, ImportReference } from './validate.js';
import { loadImportReference, validateLine } from './validate.js';
import { writeFacilitatedLines } from './facilitated.js';

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
  // the planner's estimates of the tables the import filled (PGlite has no autovacuum; on
  // PostgreSQL it would catch up only later)
  if (!dryRun && result.imported + result.updated > 0) await refreshStatistics(ctx.db);
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

// The columns a re-import writes; an upsert whose row would stay the same writes nothing, so an
// unchanged line leaves no new version, no 'imported' event and only a 'read' in the processing log.
const columns = (names: string[]) => (table: string) => sql.raw(`(${names.map((n) => `${table}.${n}`).join(', ')})`);
const PERSON_COLUMNS = columns(['first_name', 'last_name', 'birth_date', 'gender', 'municipality_code']);
const REGISTRATION_COLUMNS = columns(['kind', 'status', 'municipality_code', 'registering_partner', 'registered_at', 'person_id', 'main_topic',
  'problem_areas', 'children', 'crosses_municipality_border', 'case_id']);
const CASE_COLUMNS = columns(['person_id', 'external_id', 'kind', 'approach', 'status', 'purpose', 'started_at', 'closed_at', 'close_reason_code', 'close_reason']);

/** The batch's writes, inside the caller's transaction. */
async function writeBatch(
  ctx: ImportCtx, tx: Executor, input: ImportLine[], ref: ImportReference, seen: Set<string> | undefined, final: boolean,
): Promise<BatchOutcome> {
  const { actor, traceId } = ctx;
  const t = actor.tenantId;
  // Concurrent imports into the same tenant take turns per batch, so the look-up below stays true.
  // Batches before the last commit without waiting for the WAL flush: a crash may lose the last
  // few of them, which is what a crash does to an unfinished import anyway (run it again); the
  // last batch's commit flushes the WAL, and with it every earlier batch, before the answer.
  await tx.execute(sql`select pg_advisory_xact_lock(74200, hashtext(${t})), set_config('synchronous_commit', ${final ? 'on' : 'off'}, true)`);

  const existing = new Map<string, Existing>();
  for (const e of await rows<Existing>(tx, sql`
    select r.external_id as "externalId", r.id, r.person_id as "personId", c.id as "caseId",
           (select array_agg(p.partner_code) from case_participants p where p.case_id = c.id) as partners
      from registrations r left join cases c on c.registration_id = r.id
     where r.tenant_id = ${t}
       and r.external_id = any(array(select json_array_elements_text(${JSON.stringify(input.map((l) => l.externalId))}::json)))`)) {
    existing.set(e.externalId, e);
  }

  // records of the facilitated meetings (lpco, veelpleger, nazorg) go to their own tables; a case
  // line whose externalId belongs to such a record is rejected there (unique across all kinds)
  const fac = await writeFacilitatedLines(ctx, tx, input, new Set(existing.keys()), IMPORT_ACTIVITY, seen);
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

  // --- everything else in ONE statement: persons, registrations, cases, participants, case
  // events and the processing log (data-modifying CTEs; foreign keys are checked at its end) ---
  const byBsn = new Map<string, ImportLine>();
  for (const l of lines) if (l.subject.bsn) byBsn.set(l.subject.bsn, l); // the last line of a BSN wins
  const personJson = (l: ImportLine) => ({ f: l.subject.firstName, n: l.subject.lastName, b: l.subject.birthDate, g: l.subject.gender, s: l.subject.bsn, m: l.municipality });
  const regs = lines.map((l) => {
    const ex = existing.get(l.externalId);
    const withCase = needsCase(l);
    return {
      l,
      id: ex?.id ?? randomUUID(),
      caseId: withCase ? ex?.caseId ?? randomUUID() : null,
      // without a BSN: the person already linked to this externalId, or a new one
      personId: l.subject.bsn ? null : ex?.personId ?? randomUUID(),
      action: ex || seen?.has(l.externalId) ? 'update' as const : 'create' as const,
      // the registering partner takes part; never re-added once there (or deliberately removed)
      addPartner: withCase && !ex?.partners?.includes(l.registeringPartner),
    };
  });
  const personsWithBsn = JSON.stringify([...byBsn.values()].map(personJson));
  const personsWithoutBsn = JSON.stringify(regs.filter((r) => r.personId).map((r) => ({ id: r.personId, ...personJson(r.l) })));
  const payload = JSON.stringify(regs.map((r) => ({
    id: r.id, e: r.l.externalId, k: r.l.kind, m: r.l.municipality, p: r.l.registeringPartner, ra: r.l.registeredAt,
    pid: r.personId, bsn: r.l.subject.bsn, mt: r.l.mainTopic, pa: r.l.problemAreas, ch: r.l.children, cb: r.l.crossesMunicipalityBorder,
    rst: r.caseId ? caseStatus(r.l) : 'teruggelegd', act: r.action, ap: r.addPartner,
    // the case (cid null: none). advies keeps started_at empty unless given, as the case flow does
    cid: r.caseId, a: r.l.kind === 'procesregie' ? r.l.approach : null, sa: r.l.startedAt, ca: r.l.closedAt,
    crc: closeReasonCode(r.l, ref), cr: r.l.closedAt ? r.l.closeReason : null,
  })));
  const logged = await rows<{ action: string }>(tx, sql`
    with pb as (
      insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code)
      select ${t}::uuid, x.f, x.n, x.b, x.g, x.s, x.m
        from json_to_recordset(${personsWithBsn}::json) as x(f text, n text, b date, g text, s text, m text)
      on conflict (tenant_id, bsn) where bsn is not null and merged_into is null do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
        where ${PERSON_COLUMNS('persons')} is distinct from ${PERSON_COLUMNS('excluded')}
      returning id, bsn
    ), pn as (
      insert into persons (id, tenant_id, first_name, last_name, birth_date, gender, municipality_code)
      select x.id, ${t}::uuid, x.f, x.n, x.b, x.g, x.m
        from json_to_recordset(${personsWithoutBsn}::json) as x(id uuid, f text, n text, b date, g text, m text)
      on conflict (id) do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
        where persons.tenant_id = excluded.tenant_id and ${PERSON_COLUMNS('persons')} is distinct from ${PERSON_COLUMNS('excluded')}
      returning id
    ), x as materialized (
      select x.*, coalesce(x.pid, pb.id, pe.id) as person_id
        from json_to_recordset(${payload}::json) as x(id uuid, e text, k text, m text, p text, ra date, pid uuid, bsn text, mt text, pa text[],
                                                    ch text, cb boolean, rst text, act text, ap boolean, cid uuid, a text, sa date, ca date, crc text, cr text)
        left join pb on pb.bsn = x.bsn
        -- a person with this BSN that the line left unchanged (pb returns only what it wrote)
        left join persons pe on pe.tenant_id = ${t}::uuid and pe.bsn = x.bsn and pe.merged_into is null
    ), r as (
      insert into registrations (id, tenant_id, external_id, kind, status, municipality_code, registering_partner, registered_at,
                                 person_id, main_topic, problem_areas, children, crosses_municipality_border, urgency, reason, triage, case_id)
      select x.id, ${t}::uuid, x.e, x.k, x.rst, x.m, x.p, x.ra, x.person_id, x.mt, x.pa, x.ch, x.cb, 'normaal', ${IMPORT_REASON}, '{"imported":true}'::jsonb, x.cid
        from x
      on conflict (tenant_id, external_id) where external_id is not null do update
        set kind = excluded.kind, status = excluded.status, municipality_code = excluded.municipality_code,
            registering_partner = excluded.registering_partner, registered_at = excluded.registered_at, person_id = excluded.person_id,
            main_topic = excluded.main_topic, problem_areas = excluded.problem_areas, children = excluded.children,
            crosses_municipality_border = excluded.crosses_municipality_border, case_id = excluded.case_id,
            version = registrations.version + 1, updated_at = now()
        where ${REGISTRATION_COLUMNS('registrations')} is distinct from ${REGISTRATION_COLUMNS('excluded')}
      returning id
    ), c as (
      insert into cases (id, tenant_id, registration_id, person_id, external_id, kind, approach, status, purpose,
                         started_at, closed_at, close_reason_code, close_reason)
      select x.cid, ${t}::uuid, x.id, x.person_id, x.e, x.k, x.a, x.rst, 'Geïmporteerd: ' || x.k, x.sa, x.ca, x.crc, x.cr
        from x where x.cid is not null
      -- the one current case of a registration (a case closed after a rejected triage override is kept beside it, migration 0016)
      on conflict (registration_id) where close_reason_code is distinct from 'triage-override-afgewezen' do update
        set person_id = excluded.person_id, external_id = excluded.external_id, kind = excluded.kind, approach = excluded.approach,
            status = excluded.status, purpose = excluded.purpose, started_at = excluded.started_at, closed_at = excluded.closed_at,
            close_reason_code = excluded.close_reason_code, close_reason = excluded.close_reason,
            version = cases.version + 1, updated_at = now()
        where ${CASE_COLUMNS('cases')} is distinct from ${CASE_COLUMNS('excluded')}
      returning id
    ), cp as (
      insert into case_participants (tenant_id, case_id, partner_code, added_by, add_reason)
      select ${t}::uuid, x.cid, x.p, ${actor.userId}::uuid, 'import' from x where x.ap
      on conflict do nothing
      returning case_id
    ), xc as (
      -- what each line wrote: an upsert returns only the rows it inserted or really changed
      select x.*, (x.id in (select id from r) or x.cid in (select id from c) or x.cid in (select case_id from cp)
                   or x.person_id in (select id from pb union all select id from pn)) as changed
        from x
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

  const updated = regs.filter((r) => r.action === 'update').length;
  return { imported: regs.length - updated + fac.imported, updated: updated + fac.updated, unchanged: logged.filter((l) => l.action === 'read').length, rejected };
}
