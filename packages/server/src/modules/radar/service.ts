// SPDX-License-Identifier: EUPL-1.2
// The stagnation radar (docs/stagnatieradar.md): runs the rules (rules.ts) daily in-process and on
// demand, stores each proposal once per fingerprint (idempotent: running again adds nothing for
// the same facts, and a dismissed proposal is never proposed again for them), and lets the
// procesregisseur accept (which makes the signal or escalation) or dismiss each, recorded.
import type { Actor, Ctx, SystemActor } from '../../core/context.js';
import { systemCtx } from '../../core/context.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { requirePermission, requireZvh } from '../../core/access.js';
import { today } from '../../core/reference-check.js';
import { createSignal } from '../signalen/service.js';
import { escalate } from '../escalatie/service.js';
import type { EscalationPayload, SignalPayload } from './rules.js';
import { evaluateRules } from './rules.js';

export interface StoredProposal {
  id: string; rule: string; kind: 'signal' | 'escalation'; explanation: string; payload: SignalPayload | EscalationPayload;
  status: 'voorgesteld' | 'geaccepteerd' | 'afgewezen'; createdAt: string; decidedAt: string | null; decidedByName: string | null; reason: string | null; resultId: string | null;
}

/** Runs the rules for a tenant on a day; stores new proposals only. Returns how many were new. */
export async function runRadar(ctx: Ctx<Actor | SystemActor>, day = today()): Promise<{ proposed: number }> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const found = await evaluateRules(ctx, day);
  let proposed = 0;
  for (const p of found) {
    const r = await one<{ id: string }>(ex, sql`insert into radar_proposals (tenant_id, rule, fingerprint, kind, payload)
      values (${tenantId}, ${p.rule}, ${p.fingerprint}, ${p.kind}, ${JSON.stringify({ ...p.payload, explanation: p.explanation })}::jsonb)
      on conflict (tenant_id, fingerprint) do nothing returning id`);
    if (r) proposed++;
  }
  return { proposed };
}

/** The daily run over every tenant (job radar.run in core/jobs.ts). */
export async function runRadarAllTenants(db: Db): Promise<number> {
  const tenants = await rows<{ code: string }>(db, sql`select code from tenants`);
  let n = 0;
  for (const t of tenants) {
    const ctx = await systemCtx(db, t.code, { tool: 'Stagnatieradar (dagelijks)', operator: 'systeem' });
    if (ctx) n += (await runRadar(ctx)).proposed;
  }
  return n;
}

export async function runRadarNow(ctx: Ctx): Promise<{ proposed: number }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate');
  return runRadar(ctx);
}

export async function listProposals(ctx: Ctx, status: StoredProposal['status'] = 'voorgesteld'): Promise<StoredProposal[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate');
  const list = await rows<StoredProposal & { payload: Record<string, unknown> }>(ctx.db, sql`select id, rule, kind, payload, status, created_at as "createdAt",
      decided_at as "decidedAt", decided_by_name as "decidedByName", reason, result_id as "resultId", payload->>'explanation' as explanation
    from radar_proposals where tenant_id = ${ctx.actor.tenantId} and status = ${status} order by created_at desc, rule limit 500`);
  return list.map(({ payload: { explanation: _e, ...payload }, ...p }) => ({ ...p, payload: payload as unknown as StoredProposal['payload'] }));
}

async function loadOpen(ctx: Ctx, id: string) {
  const p = await one<{ kind: 'signal' | 'escalation'; payload: Record<string, unknown>; status: string }>(ctx.db, sql`
    select kind, payload, status from radar_proposals where id = ${id} and tenant_id = ${ctx.actor.tenantId}`);
  if (!p) throw new NotFoundError('Voorstel niet gevonden');
  if (p.status !== 'voorgesteld') throw new ConflictError('already_decided', 'Over dit voorstel is al besloten');
  return p;
}

/** Accepts a proposal: makes the signal, or the escalation (with a deadline), and records the decision. */
export async function acceptProposal(ctx: Ctx, id: string, input: { dueDate?: string; partner?: string; description?: string }): Promise<{ resultId: string }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate');
  const p = await loadOpen(ctx, id);
  let resultId: string;
  if (p.kind === 'signal') {
    const s = p.payload as unknown as SignalPayload;
    resultId = (await createSignal(ctx, { category: s.category, addressedTo: s.addressedTo, caseIds: s.caseIds, description: input.description?.trim() || s.description })).id;
  } else {
    const e = p.payload as unknown as EscalationPayload;
    if (!input.dueDate) throw new ValidationError('Ongeldige invoer', [{ field: 'dueDate', message: 'Geef de termijn voor het antwoord' }]);
    resultId = (await escalate(ctx, e.caseId, { agreementId: e.agreementId, level: 'management', partner: input.partner ?? e.partner, question: e.question, dueDate: input.dueDate })).id;
  }
  await decide(ctx, id, 'geaccepteerd', null, resultId);
  return { resultId };
}

export async function dismissProposal(ctx: Ctx, id: string, reason: string): Promise<void> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate');
  if (!reason.trim()) throw new ValidationError('Ongeldige invoer', [{ field: 'reason', message: 'Waarom wordt het voorstel afgewezen?' }]);
  await loadOpen(ctx, id);
  await decide(ctx, id, 'afgewezen', reason.trim(), null);
}

async function decide(ctx: Ctx, id: string, status: 'geaccepteerd' | 'afgewezen', reason: string | null, resultId: string | null) {
  await transaction(ctx.db, async (tx) => {
    const r = await one(tx, sql`update radar_proposals set status = ${status}, decided_at = now(), decided_by = ${ctx.actor.userId}, decided_by_name = ${ctx.actor.name},
        reason = ${reason}, result_id = ${resultId}
      where id = ${id} and tenant_id = ${ctx.actor.tenantId} and status = 'voorgesteld' returning id`);
    if (!r) throw new ConflictError('already_decided', 'Over dit voorstel is al besloten');
  });
}
