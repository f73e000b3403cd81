// SPDX-License-Identifier: EUPL-1.2
// Triage (weegoverleg): test the registration against the national criteria, route it, fix the
// purpose (doelbinding) and the participating partners. Procesregie and advies open a case.
import { meetsProcesregieCriteria } from '@zvh/shared';
import type { Action, Status, TriageCriteria, TriageOutcome } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { one, sql, transaction } from '../../core/db/index.js';
import { DomainError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { transition } from '../../core/workflow.js';
import { logProcessing } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { testHook } from '../../core/test-hooks.js';
import { allowed, refuse, registrationVisibleTo } from '../../core/access.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';
import { requestApproval } from '../goedkeuring/service.js';

export interface TriageInput {
  criteria: TriageCriteria;
  outcome: TriageOutcome;
  approach?: 'maatwerk' | 'pga';
  purpose?: string;
  participants?: string[];
  override?: { reason: string };
  advice?: string;
  referredTo?: { place: string; note?: string };
  regisseurId?: string;
  leadPartner?: string;
}

const OUTCOME_ACTION: Record<TriageOutcome, Action> = { procesregie: 'procesregie', advies: 'advies', terugleggen: 'terugleggen', doorverwijzen: 'doorverwijzen' };

async function loadForTriage(ctx: Ctx, ex: Ctx['db'], id: string) {
  const reg = await one<{ id: string; status: Status; person_id: string; registering_partner: string; kind: string }>(ex, sql`
    select r.id, r.status, r.person_id, r.registering_partner, r.kind from registrations r
     where r.id = ${id} and ${registrationVisibleTo(ctx.actor)} for update`);
  if (!reg) return refuse(ctx, { object: 'registration', id, action: 'update', message: 'Aanmelding niet gevonden', ex });
  return reg;
}

export async function startTriage(ctx: Ctx, id: string): Promise<{ status: Status }> {
  return transaction(ctx.db, async (tx) => {
    const reg = await loadForTriage(ctx, tx, id);
    const status = transition(reg.status, 'start_triage');
    await tx.execute(sql`update registrations set status = ${status}, updated_at = now(), version = version + 1 where id = ${id}`);
    await recordEvent(ctx, tx, { registrationId: id, type: 'triage_started' });
    await logProcessing(ctx, { action: 'update', activity: 'triage', purpose: REGISTRATION_PURPOSE, registrationId: id, dataSubjectId: reg.person_id, details: { status } }, tx);
    return { status };
  });
}

export async function triage(ctx: Ctx, id: string, input: TriageInput): Promise<{ caseId: string | null; status: Status; criteriaMet: boolean }> {
  const sets = await loadCodeSets(ctx.db, ctx.actor.tenantId);
  const c = new FieldChecker(sets);
  const opensCase = input.outcome === 'procesregie' || input.outcome === 'advies';
  if (input.outcome === 'procesregie' && !input.approach) c.add('approach', 'Kies maatwerk of PGA');
  if (opensCase && !input.purpose?.trim()) c.add('purpose', 'Zonder doel geen gegevensdeling: leg het doel van de casus vast');
  c.partners('participants', input.participants);
  if (input.leadPartner) c.partner('leadPartner', input.leadPartner);
  if (input.outcome === 'doorverwijzen') {
    if (!input.referredTo) c.add('referredTo', 'Kies waarheen wordt doorverwezen');
    else c.code('referredTo.place', 'referralPlace', input.referredTo.place, true);
  }
  if (input.outcome === 'terugleggen' && !input.advice?.trim()) c.add('advice', 'Geef het advies mee waarmee wordt teruggelegd');
  c.throwIfAny();
  const criteriaMet = meetsProcesregieCriteria(input.criteria);
  if (input.outcome === 'procesregie' && !criteriaMet && !input.override?.reason?.trim()) {
    throw new DomainError(422, 'criteria_not_met',
      'Procesregie vraagt (meervoudige problematiek én meerdere ketens én impact op het systeem) of ernstige gebiedsgebonden veiligheidsproblematiek; geef anders een onderbouwde afwijking (override) op',
      [{ field: 'criteria', message: 'Voldoet niet aan het landelijk kader' }]);
  }
  if (input.regisseurId) {
    const r = await one(ctx.db, sql`select 1 from users where id = ${input.regisseurId} and tenant_id = ${ctx.actor.tenantId} and active and 'procesregisseur' = any(roles)`);
    if (!r) throw new ValidationError('Ongeldige procesregisseur', [{ field: 'regisseurId', message: 'Geen actieve procesregisseur van dit Zorg- en Veiligheidshuis' }]);
  }

  return transaction(ctx.db, async (tx) => {
    const reg = await loadForTriage(ctx, tx, id);
    const status = transition(reg.status, OUTCOME_ACTION[input.outcome]);
    const triageRecord = {
      criteria: input.criteria, criteriaMet, outcome: input.outcome, approach: input.approach ?? null,
      override: !criteriaMet && input.outcome === 'procesregie' ? { reason: input.override!.reason, by: ctx.actor.name } : null,
      purpose: input.purpose ?? null, participants: input.participants ?? [], advice: input.advice ?? null, referredTo: input.referredTo ?? null,
      triagedBy: ctx.actor.userId, triagedByName: ctx.actor.name, triagedAt: new Date().toISOString(),
    };
    let caseId: string | null = null;
    if (opensCase) {
      const regisseurId = input.regisseurId ?? (allowed(ctx.actor, 'case.direct') ? ctx.actor.userId : null);
      const created = await one<{ id: string }>(tx, sql`insert into cases
        (tenant_id, registration_id, person_id, kind, approach, status, purpose, started_at, regisseur_id, lead_partner, plan)
        values (${ctx.actor.tenantId}, ${id}, ${reg.person_id}, ${input.outcome}, ${input.outcome === 'procesregie' ? input.approach! : null}, ${status},
                ${input.purpose!.trim()}, ${input.outcome === 'procesregie' ? today() : null}, ${regisseurId}, ${input.leadPartner ?? null},
                ${JSON.stringify({ analysis: [], goals: [] })}::jsonb)
        returning id`);
      caseId = created!.id;
      // the registrant takes part in an advice case (direction stays with them); for procesregie the triage names the partners
      const participants = new Set(input.participants ?? []);
      if (input.outcome === 'advies') participants.add(reg.registering_partner);
      for (const p of participants) {
        // a municipal partner named by its code alone takes part as the department of the case's municipality
        await tx.execute(sql`insert into case_participants (tenant_id, case_id, partner_code, municipality_code, added_by, add_reason)
          select ${ctx.actor.tenantId}, ${caseId}, o.code, case when o.municipal then r.municipality_code end, ${ctx.actor.userId}, 'triage'
            from organisations o join registrations r on r.id = ${id}
           where o.tenant_id = ${ctx.actor.tenantId} and o.code = ${p}`);
      }
      await recordEvent(ctx, tx, { caseId, registrationId: id, type: 'case_opened', data: { kind: input.outcome, approach: input.approach ?? null, participants: [...participants] } });
    }
    // crash tests only (never in production): the case and its participants are written, not yet committed
    await testHook('ZVH_TEST_TRIAGE_DELAY_MS');
    await tx.execute(sql`update registrations set status = ${status}, triage = ${JSON.stringify(triageRecord)}::jsonb, case_id = ${caseId},
      updated_at = now(), version = version + 1 where id = ${id}`);
    await recordEvent(ctx, tx, { registrationId: id, caseId, type: 'triaged', data: { outcome: input.outcome, criteriaMet, override: triageRecord.override !== null } });
    // four eyes after the fact: an override of the criteria starts the case, a second ZVH person reviews it
    if (triageRecord.override && caseId) {
      await requestApproval(ctx, tx, { kind: 'triage_override', caseId, subjectId: id, dataSubjectId: reg.person_id,
        summary: `Procesregie zonder dat aan de criteria is voldaan; onderbouwing: ${triageRecord.override.reason.trim().slice(0, 300)}` });
    }
    await logProcessing(ctx, {
      action: 'update', activity: 'triage', purpose: input.purpose?.trim() || REGISTRATION_PURPOSE, registrationId: id, caseId, dataSubjectId: reg.person_id,
      details: { outcome: input.outcome },
    }, tx);
    return { caseId, status, criteriaMet };
  });
}
