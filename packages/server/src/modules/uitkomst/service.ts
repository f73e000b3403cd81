// SPDX-License-Identifier: EUPL-1.2
// Uitkomst (issue 10, seed 003 "rendement"): the procesregisseur scores the life domains with the
// Zelfredzaamheid-Matrix (ZRM, 1-5 per domain of the tenant's list `zrmDomain`) and the safety
// risk (hoog, midden, laag) at the start of procesregie and at closure. Every save is a new
// version (table case_outcome_scores, never changed afterwards); the highest version per moment
// is the current score. Scores are the ZVH's own assessment: only the procesregisseur reads and
// writes them (need-to-know), every read and write goes to the processing log, and the report
// only ever shows aggregates (rapportage/annual-report.ts computeOutcomeFigures).
import { OUTCOME_MOMENTS, SAFETY_RISKS } from '@zvh/shared';
import type { OutcomeMoment, SafetyRisk } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { checkVersion, loadVisibleCase, requireRegisseur } from '../../core/access.js';
import type { CaseRef } from '../../core/access.js';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets } from '../../core/reference-check.js';
import { recordEvent } from '../../core/case-events.js';
import { logCase } from '../procesregie/service.js';

const OPEN = ['procesregie_lopend', 'heropend'];

export interface OutcomeScore {
  moment: OutcomeMoment;
  version: number;
  scores: Record<string, number>;
  safetyRisk: SafetyRisk | null;
  recordedAt: string;
  recordedByName: string | null;
}

export interface OutcomeInput {
  scores: Record<string, number>;
  safetyRisk?: SafetyRisk | null;
}

const SELECT = sql`select o.moment, o.version, o.scores, o.safety_risk as "safetyRisk", o.recorded_at as "recordedAt", u.name as "recordedByName"
  from case_outcome_scores o left join users u on u.id = o.recorded_by`;

/** The current score per moment and the full history (newest first) of a case. Procesregisseur only; logged. */
export async function getOutcome(ctx: Ctx, caseId: string) {
  const ref = await loadVisibleCase(ctx, caseId); // not visible: 404 before any other answer
  requireRegisseur(ctx.actor, 'Alleen een procesregisseur ziet de zelfredzaamheidsscores');
  const history = await rows<OutcomeScore>(ctx.db, sql`${SELECT}
    where o.case_id = ${caseId} and o.tenant_id = ${ctx.actor.tenantId} order by o.recorded_at desc, o.version desc`);
  await logCase(ctx, ref, 'read', { object: 'outcome' });
  const current = (m: OutcomeMoment) => history.filter((h) => h.moment === m).sort((a, b) => b.version - a.version)[0] ?? null;
  return { start: current('start'), afsluiting: current('afsluiting'), history };
}

function checkMoment(ref: CaseRef, moment: OutcomeMoment): void {
  if (ref.kind !== 'procesregie') throw new ConflictError('not_procesregie', 'Zelfredzaamheid wordt alleen bij procesregie gescoord');
  // the start score while procesregie runs; the closure score also once the case is closed
  const allowed = moment === 'start' ? OPEN : [...OPEN, 'afgesloten'];
  if (!allowed.includes(ref.status)) {
    throw new ConflictError('case_closed', moment === 'start' ? 'De startscore kan alleen bij een lopende casus worden vastgelegd' : 'De casus is niet (meer) in procesregie');
  }
}

/**
 * Saves a new version of the score at `moment`. `expected` is the version the user built on (0:
 * none yet; undefined: no check); a stale version is a 409 and changes nothing.
 */
export async function saveOutcome(ctx: Ctx, caseId: string, moment: OutcomeMoment, input: OutcomeInput, expected: number | undefined) {
  await loadVisibleCase(ctx, caseId);
  requireRegisseur(ctx.actor, 'Alleen een procesregisseur scoort de zelfredzaamheid');
  if (!OUTCOME_MOMENTS.includes(moment)) throw new ValidationError('Onbekend moment', [{ field: 'params.moment', message: 'start of afsluiting' }]);
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  const entries = Object.entries(input.scores ?? {});
  for (const [domain, score] of entries) {
    c.code(`scores.${domain}`, 'zrmDomain', domain, true);
    if (!Number.isInteger(score) || score < 1 || score > 5) c.add(`scores.${domain}`, 'Score 1 tot en met 5');
  }
  const safetyRisk = input.safetyRisk ?? null;
  if (safetyRisk !== null && !SAFETY_RISKS.includes(safetyRisk)) c.add('safetyRisk', 'hoog, midden of laag');
  if (entries.length === 0 && safetyRisk === null) c.add('scores', 'Scoor ten minste één leefgebied of het veiligheidsrisico');
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { lock: true, ex: tx });
    checkMoment(ref, moment);
    const cur = await one<{ version: number }>(tx, sql`select coalesce(max(version), 0)::int as version from case_outcome_scores
      where case_id = ${caseId} and moment = ${moment}`);
    checkVersion(expected, cur!.version, 'De score');
    const version = cur!.version + 1;
    const scores = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
    await tx.execute(sql`insert into case_outcome_scores (tenant_id, case_id, moment, version, scores, safety_risk, recorded_by)
      values (${ctx.actor.tenantId}, ${caseId}, ${moment}, ${version}, ${JSON.stringify(scores)}::jsonb, ${safetyRisk}, ${ctx.actor.userId})`);
    // the history says that a score was recorded, never the scores themselves
    await recordEvent(ctx, tx, { caseId, type: 'outcome_scored', data: { moment, version, domains: Object.keys(scores).length, safetyRisk: safetyRisk !== null } });
    await logCase(ctx, ref, 'update', { object: 'outcome', moment, version }, tx);
    return { moment, version };
  });
}
