// SPDX-License-Identifier: EUPL-1.2
// The stagnation radar's rules (docs/stagnatieradar.md): fixed, documented thresholds, no learning
// model. Each rule is one SQL query over the tenant's open work on a given day and yields
// proposals with a fingerprint of the facts they rest on (the same facts: the same fingerprint).
import type { Actor, Ctx, SystemActor } from '../../core/context.js';
import { rows, sql } from '../../core/db/index.js';

/** Several cases: a partner's or a life domain's overdue agreements in at least this many open cases. */
export const MIN_CASES = 3;
/** An agreement stalls when it is overdue by more than this many days. */
export const STALLED_AGREEMENT_DAYS = 14;
/** A registration waits too long for triage after this many days. */
export const TRIAGE_WAIT_DAYS = 14;
/** ...and a signal is proposed when at least this many wait that long. */
export const MIN_WAITING_TRIAGES = 3;
/** An AVE phase that went up within this many days is proposed for escalation. */
export const AVE_UP_WINDOW_DAYS = 30;

export type RuleCode = 'partner-achterstand' | 'leefgebied-achterstand' | 'triage-wachttijd' | 'ave-omhoog' | 'afspraak-stagneert';

export interface SignalPayload { category: string; addressedTo: string; description: string; caseIds: string[] }
export interface EscalationPayload { caseId: string; caseNumber: string | null; agreementId: string | null; level: 'management'; partner: string | null; question: string }
export type Proposal =
  | { rule: RuleCode; fingerprint: string; kind: 'signal'; explanation: string; payload: SignalPayload }
  | { rule: RuleCode; fingerprint: string; kind: 'escalation'; explanation: string; payload: EscalationPayload };

const OPEN = sql`('procesregie_lopend', 'heropend', 'advies')`;

/** The life domain a signal about it goes under (signalCategory codes). */
const DOMAIN_CATEGORY: Record<string, string> = { huisvesting: 'huisvesting', psychisch: 'wachtlijst-zorg', verslaving: 'wachtlijst-zorg', lvb: 'wachtlijst-zorg' };

export async function evaluateRules(ctx: Ctx<Actor | SystemActor>, day: string): Promise<Proposal[]> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const d = sql`${day}::date`;
  const [byPartner, byDomain, waiting, aveUp, stalled] = await Promise.all([
    // 1. one partner's agreements overdue in several open cases
    rows<{ partner: string; name: string; case_ids: string[]; agreement_ids: string[] }>(ex, sql`
      select a.partner_code as partner, coalesce(o.name, a.partner_code) as name,
             array_agg(distinct a.case_id::text order by a.case_id::text) as case_ids, array_agg(a.id::text order by a.id::text) as agreement_ids
        from agreements a join cases c on c.id = a.case_id
        left join organisations o on o.tenant_id = a.tenant_id and o.code = a.partner_code
       where a.tenant_id = ${tenantId} and a.status = 'open' and a.due_date < ${d} and c.status in ${OPEN}
         and a.partner_code <> 'zvh'
       group by a.partner_code, o.name having count(distinct a.case_id) >= ${MIN_CASES}`),
    // 2. one life domain's agreements overdue in several open cases
    rows<{ domain: string; label: string; case_ids: string[]; agreement_ids: string[] }>(ex, sql`
      select a.life_domain as domain, coalesce(cl.label, a.life_domain) as label,
             array_agg(distinct a.case_id::text order by a.case_id::text) as case_ids, array_agg(a.id::text order by a.id::text) as agreement_ids
        from agreements a join cases c on c.id = a.case_id
        left join code_list_entries cl on cl.tenant_id = a.tenant_id and cl.list = 'problemArea' and cl.code = a.life_domain
       where a.tenant_id = ${tenantId} and a.status = 'open' and a.due_date < ${d} and c.status in ${OPEN} and a.life_domain is not null
       group by a.life_domain, cl.label having count(distinct a.case_id) >= ${MIN_CASES}`),
    // 3. registrations waiting too long for triage
    rows<{ id: string }>(ex, sql`
      select r.id from registrations r
       where r.tenant_id = ${tenantId} and r.status in ('aangemeld', 'in_triage') and r.registered_at < ${d} - ${TRIAGE_WAIT_DAYS}::int
       order by r.id`),
    // 4. open cases whose AVE phase went up recently, without an escalation since
    rows<{ case_id: string; case_number: string | null; event_id: number; from_phase: number | null; to_phase: number; partner: string | null }>(ex, sql`
      select c.id as case_id, c.case_number, ev.id as event_id, (ev.data->>'from')::int as from_phase, (ev.data->>'to')::int as to_phase,
             coalesce(nullif(c.regie_holder, 'zvh'), c.lead_partner) as partner
        from case_events ev join cases c on c.id = ev.case_id
       where ev.tenant_id = ${tenantId} and ev.type = 'ave_phase' and c.status in ${OPEN}
         and (ev.data->>'to')::int > coalesce((ev.data->>'from')::int, 0) and (ev.data->>'from') is not null
         and (ev.at at time zone 'Europe/Amsterdam')::date > ${d} - ${AVE_UP_WINDOW_DAYS}::int
         and (ev.at at time zone 'Europe/Amsterdam')::date <= ${d}
         and not exists (select 1 from escalations e where e.case_id = c.id and e.agreement_id is null and e.created_at >= ev.at)
       order by ev.id`),
    // 5. a single agreement stalled for long, not yet escalated
    rows<{ id: string; case_id: string; case_number: string | null; partner: string; title: string; due_date: string }>(ex, sql`
      select a.id, a.case_id, c.case_number, a.partner_code as partner, a.title, a.due_date::text
        from agreements a join cases c on c.id = a.case_id
       where a.tenant_id = ${tenantId} and a.status = 'open' and a.due_date < ${d} - ${STALLED_AGREEMENT_DAYS}::int and c.status in ${OPEN}
         and a.partner_code <> 'zvh'
         and not exists (select 1 from escalations e where e.agreement_id = a.id)
       order by a.id`),
  ]);
  const out: Proposal[] = [];
  for (const p of byPartner) {
    out.push({
      rule: 'partner-achterstand', fingerprint: `partner-achterstand:${p.partner}:${p.agreement_ids.join(',')}`, kind: 'signal',
      explanation: `${p.name} heeft te late afspraken in ${p.case_ids.length} lopende casussen (drempel ${MIN_CASES}).`,
      payload: { category: 'partner-levert-niet', addressedTo: p.partner, caseIds: p.case_ids,
        description: `${p.name} komt afspraken in ${p.case_ids.length} casussen niet na binnen de termijn.` },
    });
  }
  for (const g of byDomain) {
    out.push({
      rule: 'leefgebied-achterstand', fingerprint: `leefgebied-achterstand:${g.domain}:${g.agreement_ids.join(',')}`, kind: 'signal',
      explanation: `Afspraken op het leefgebied ${g.label} zijn te laat in ${g.case_ids.length} lopende casussen (drempel ${MIN_CASES}).`,
      payload: { category: DOMAIN_CATEGORY[g.domain] ?? 'overig', addressedTo: 'stuurgroep', caseIds: g.case_ids,
        description: `Afspraken op het leefgebied ${g.label} lopen vast in ${g.case_ids.length} casussen.` },
    });
  }
  if (waiting.length >= MIN_WAITING_TRIAGES) {
    out.push({
      rule: 'triage-wachttijd', fingerprint: `triage-wachttijd:${waiting.map((w) => w.id).join(',')}`, kind: 'signal',
      explanation: `${waiting.length} aanmeldingen wachten langer dan ${TRIAGE_WAIT_DAYS} dagen op triage (drempel ${MIN_WAITING_TRIAGES}).`,
      payload: { category: 'capaciteit-zvh', addressedTo: 'stuurgroep', caseIds: [],
        description: `${waiting.length} aanmeldingen wachten langer dan ${TRIAGE_WAIT_DAYS} dagen op triage.` },
    });
  }
  for (const a of aveUp) {
    out.push({
      rule: 'ave-omhoog', fingerprint: `ave-omhoog:${a.case_id}:${a.event_id}`, kind: 'escalation',
      explanation: `Casus ${a.case_number ?? ''} ging van AVE-fase ${a.from_phase} naar ${a.to_phase}; er is sindsdien niet opgeschaald.`,
      payload: { caseId: a.case_id, caseNumber: a.case_number, agreementId: null, level: 'management', partner: a.partner,
        question: `De casus is naar AVE-fase ${a.to_phase} gegaan. Welke inzet levert uw organisatie om de risico's te verkleinen?` },
    });
  }
  for (const a of stalled) {
    out.push({
      rule: 'afspraak-stagneert', fingerprint: `afspraak-stagneert:${a.id}:${a.due_date}`, kind: 'escalation',
      explanation: `Afspraak "${a.title}" in casus ${a.case_number ?? ''} is meer dan ${STALLED_AGREEMENT_DAYS} dagen over de termijn (${a.due_date}).`,
      payload: { caseId: a.case_id, caseNumber: a.case_number, agreementId: a.id, level: 'management', partner: a.partner,
        question: `De afspraak "${a.title}" had op ${a.due_date} klaar moeten zijn. Wanneer wordt zij nagekomen?` },
    });
  }
  return out;
}
