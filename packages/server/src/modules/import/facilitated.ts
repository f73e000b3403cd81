// SPDX-License-Identifier: EUPL-1.2
// Import of the records of the meetings the ZVH facilitates (kinds lpco, veelpleger, nazorg;
// import-format.md). They go to their own tables (migration 0009, module facilitering), never to
// registrations or cases. Called by writeBatch inside the batch's transaction and under its
// per-tenant advisory lock, so its externalId look-up (facilitatedLookup) stays true until the commit.
//
// externalId is unique per tenant across ALL kinds: a line whose externalId already belongs to a
// record of another kind (or to a registration/case) is rejected, in both directions.
import { responsiblePartner } from '../../core/processing-log.js';
import type { Executor } from '../../core/db/index.js';
import { newId, sql } from '../../core/db/index.js';
import type { ImportCtx } from './actor.js';
import { operatorDetails } from './actor.js';
import type { FacilitatedKind, ImportLine } from './validate.js';
import { isFacilitatedKind } from './validate.js';

export const FACILITATED_IMPORT_PURPOSE = 'Overname registraties gefaciliteerde overleggen uit vorig systeem';

interface Rejected { line: number; error: string }
/** A record of a facilitated meeting that already has one of the batch's externalIds (looked up by the caller, with the registrations). */
export interface FacilitatedExisting { externalId: string; kind: FacilitatedKind; id: string; personId: string }

const KIND_LABEL: Record<FacilitatedKind, string> = { lpco: 'LPCO-registratie', veelpleger: 'veelplegerregistratie', nazorg: 'nazorgregistratie' };

/**
 * The look-up of the batch's externalIds among the facilitated records, as one branch of the
 * caller's look-up query (`ids`: a CTE of the externalIds as column e), in its column order:
 * kind, externalId, id, personId, and two nulls (case and partners of a registration).
 */
export const facilitatedLookup = (tenantId: string) => sql`
    select 'veelpleger' as kind, external_id, id, person_id, null::uuid, null::text[] from veelpleger_records where tenant_id = ${tenantId} and external_id in (select e from ids)
    union all
    select 'lpco', external_id, id, person_id, null, null from lpco_records where tenant_id = ${tenantId} and external_id in (select e from ids)
    union all
    select 'nazorg', external_id, id, person_id, null, null from nazorg_records where tenant_id = ${tenantId} and external_id in (select e from ids)`;

/**
 * Splits a batch: facilitated lines are written here, case lines are returned for the case
 * statement. `registrationIds` are the externalIds the batch found among registrations,
 * `existing` the facilitated records it found (facilitatedLookup).
 */
export async function writeFacilitatedLines(
  ctx: ImportCtx, tx: Executor, input: ImportLine[], registrationIds: Set<string>, existing: Map<string, FacilitatedExisting>,
  purposeActivity: string, seen: Set<string> | undefined,
): Promise<{ imported: number; updated: number; rejected: Rejected[]; caseLines: ImportLine[] }> {
  const { actor, traceId } = ctx;
  const t = actor.tenantId;

  const rejected: Rejected[] = [];
  const caseLines: ImportLine[] = [];
  const lines: ImportLine[] = [];
  for (const l of input) {
    const ex = existing.get(l.externalId);
    if (!isFacilitatedKind(l.kind)) {
      if (ex) rejected.push({ line: l.line, error: `externalId '${l.externalId}' is al in gebruik voor een ${KIND_LABEL[ex.kind]}; externalId is uniek over alle soorten` });
      else caseLines.push(l);
    } else if (registrationIds.has(l.externalId)) {
      rejected.push({ line: l.line, error: `externalId '${l.externalId}' is al in gebruik voor een aanmelding of casus; externalId is uniek over alle soorten` });
    } else if (ex && ex.kind !== l.kind) {
      rejected.push({ line: l.line, error: `externalId '${l.externalId}' is al in gebruik voor een ${KIND_LABEL[ex.kind]}; externalId is uniek over alle soorten` });
    } else {
      lines.push(l);
    }
  }
  if (!lines.length) return { imported: 0, updated: 0, rejected, caseLines };

  const byBsn = new Map<string, ImportLine>();
  for (const l of lines) if (l.subject.bsn) byBsn.set(l.subject.bsn, l); // the last line of a BSN wins
  const personJson = (l: ImportLine) => ({ f: l.subject.firstName, n: l.subject.lastName, b: l.subject.birthDate, g: l.subject.gender, s: l.subject.bsn, m: l.municipality });
  const recs = lines.map((l) => {
    const ex = existing.get(l.externalId);
    return {
      l,
      id: ex?.id ?? newId(),
      personId: l.subject.bsn ? null : ex?.personId ?? newId(),
      action: ex || seen?.has(l.externalId) ? 'update' as const : 'create' as const,
    };
  });
  const personsWithBsn = JSON.stringify([...byBsn.values()].map(personJson));
  const personsWithoutBsn = JSON.stringify(recs.filter((r) => r.personId).map((r) => ({ id: r.personId, ...personJson(r.l) })));
  const payload = JSON.stringify(recs.map((r) => ({
    id: r.id, e: r.l.externalId, k: r.l.kind, m: r.l.municipality, p: r.l.registeringPartner, ra: r.l.registeredAt, ca: r.l.closedAt,
    pid: r.personId, bsn: r.l.subject.bsn, act: r.action,
    st: r.l.status ?? null, da: r.l.discussedAt ?? null, oc: r.l.outcome ?? null, rl: r.l.releasedAt ?? null,
  })));
  await tx.execute(sql`
    with pb as (
      insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code)
      select ${t}::uuid, x.f, x.n, x.b, x.g, x.s, x.m
        from json_to_recordset(${personsWithBsn}::json) as x(f text, n text, b date, g text, s text, m text)
      on conflict (tenant_id, bsn) where bsn is not null and merged_into is null do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
      returning id, bsn
    ), pn as (
      insert into persons (id, tenant_id, first_name, last_name, birth_date, gender, municipality_code)
      select x.id, ${t}::uuid, x.f, x.n, x.b, x.g, x.m
        from json_to_recordset(${personsWithoutBsn}::json) as x(id uuid, f text, n text, b date, g text, m text)
      on conflict (id) do update
        set first_name = excluded.first_name, last_name = excluded.last_name, birth_date = excluded.birth_date,
            gender = excluded.gender, municipality_code = excluded.municipality_code
        where persons.tenant_id = excluded.tenant_id
      returning id
    ), x as materialized (
      select x.*, coalesce(x.pid, pb.id) as person_id
        from json_to_recordset(${payload}::json) as x(id uuid, e text, k text, m text, p text, ra date, ca date, pid uuid, bsn text, act text,
                                                    st text, da date, oc text, rl date)
        left join pb on pb.bsn = x.bsn
    ), v as (
      insert into veelpleger_records (id, tenant_id, external_id, person_id, municipality_code, registering_partner, status, registered_at, closed_at, created_by)
      select x.id, ${t}::uuid, x.e, x.person_id, x.m, x.p, x.st, x.ra, x.ca, ${actor.userId}::uuid from x where x.k = 'veelpleger'
      on conflict (tenant_id, external_id) where external_id is not null do update
        set person_id = excluded.person_id, municipality_code = excluded.municipality_code, registering_partner = excluded.registering_partner,
            status = excluded.status, registered_at = excluded.registered_at, closed_at = excluded.closed_at,
            version = veelpleger_records.version + 1, updated_at = now()
    ), l as (
      insert into lpco_records (id, tenant_id, external_id, person_id, municipality_code, registering_partner, registered_at, discussed_at, outcome, created_by)
      select x.id, ${t}::uuid, x.e, x.person_id, x.m, x.p, x.ra, x.da, x.oc, ${actor.userId}::uuid from x where x.k = 'lpco'
      on conflict (tenant_id, external_id) where external_id is not null do update
        set person_id = excluded.person_id, municipality_code = excluded.municipality_code, registering_partner = excluded.registering_partner,
            registered_at = excluded.registered_at, discussed_at = excluded.discussed_at, outcome = excluded.outcome,
            version = lpco_records.version + 1, updated_at = now()
    ), n as (
      -- consent, basic conditions and an escalation recorded in this system are kept on re-import
      insert into nazorg_records (id, tenant_id, external_id, person_id, municipality_code, registering_partner, registered_at, released_at, closed_at, created_by)
      select x.id, ${t}::uuid, x.e, x.person_id, x.m, x.p, x.ra, x.rl, x.ca, ${actor.userId}::uuid from x where x.k = 'nazorg'
      on conflict (tenant_id, external_id) where external_id is not null do update
        set person_id = excluded.person_id, municipality_code = excluded.municipality_code, registering_partner = excluded.registering_partner,
            registered_at = excluded.registered_at, released_at = excluded.released_at, closed_at = excluded.closed_at,
            version = nazorg_records.version + 1, updated_at = now()
    )
    insert into processing_log (trace_id, tenant_id, activity, purpose, action, actor_user_id, actor_email, actor_organisation,
                                data_subject_ref, outcome, details, responsible_partner)
    select ${traceId}, ${t}::uuid, ${purposeActivity}, ${FACILITATED_IMPORT_PURPOSE}, x.act, ${actor.userId}::uuid, ${actor.email}, ${actor.organisationCode},
           x.person_id, 'success', jsonb_build_object('object', x.k || '-record', 'id', x.id, 'externalId', x.e) || ${operatorDetails(ctx)}::jsonb,
           ${responsiblePartner(ctx)}
      from x`);

  const updated = recs.filter((r) => r.action === 'update').length;
  return { imported: recs.length - updated, updated, rejected, caseLines };
}
