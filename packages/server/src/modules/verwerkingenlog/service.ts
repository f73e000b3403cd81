// SPDX-License-Identifier: EUPL-1.2
// The processing log per period in the fields of the national standard "Logboek Dataverwerkingen"
// (Logius; docs/privacy.md "Verwerkingenlog" maps our columns to its fields), as NDJSON or CSV,
// for the tenant of the signed-in user. The chain is sealed first, so every record carries its
// place in the chain and its hash. The export itself is logged (action `export`).
import { createHash } from 'node:crypto';
import type { Ctx } from '../../core/context.js';
import { rows, sql } from '../../core/db/index.js';
import { requirePermission } from '../../core/access.js';
import { fieldError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import type { LogSigningKey } from '../../core/log-chain.js';
import { sealLog } from '../../core/log-chain.js';
import { addDays } from '../../core/day-sections.js';

export const EXPORT_ACTIVITY = 'verwerkingenlog';
export const EXPORT_PURPOSE = 'Verantwoording: export van het verwerkingenlog (Logboek Dataverwerkingen)';
export const SERVICE_NAME = 'zvh-casussysteem';
/** At most this many days per export (a year and a day: one annual accountability report). */
export const MAX_EXPORT_DAYS = 366;

/** One processing in the standard's fields: the span of OpenTelemetry with the `dpl.` attributes. */
export interface LdvRecord {
  trace_id: string;
  span_id: string;
  parent_span_id: null;
  name: string;
  status_code: 'STATUS_CODE_UNSET' | 'STATUS_CODE_OK' | 'STATUS_CODE_ERROR';
  start_time: string;
  end_time: string;
  resource: { attributes: Record<string, string> };
  attributes: Record<string, string | number | null>;
}

interface Row {
  id: string; at: string; traceId: string; activity: string; purpose: string; action: string; actorEmail: string; actorOrganisation: string;
  responsiblePartner: string; responsiblePartnerName: string; dataSubjectRef: string | null; caseId: string | null; registrationId: string | null;
  outcome: string; seq: number | null; hash: string | null;
}

/** 16 bytes as 32 hex digits: our trace ids are UUIDs; anything else is hashed to 16 bytes. */
export function traceIdHex(traceId: string): string {
  const hex = traceId.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : createHash('sha256').update(traceId).digest('hex').slice(0, 32);
}
/** 8 bytes as 16 hex digits: the record's id. */
export function spanIdHex(id: string): string {
  return BigInt.asUintN(64, BigInt(id)).toString(16).padStart(16, '0');
}

export function toLdv(r: Row, tenantCode: string): LdvRecord {
  return {
    trace_id: traceIdHex(r.traceId),
    span_id: spanIdHex(r.id),
    parent_span_id: null,
    name: `${r.activity}.${r.action}`,
    // success: explicitly Ok; a refused access is a client-side refusal (Unset); error: Error
    status_code: r.outcome === 'success' ? 'STATUS_CODE_OK' : r.outcome === 'error' ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_UNSET',
    start_time: r.at,
    end_time: r.at,
    resource: { attributes: { 'service.name': SERVICE_NAME, 'zvh.tenant': tenantCode } },
    attributes: {
      'dpl.core.processing_activity_id': `urn:zvh:${tenantCode}:verwerkingsactiviteit:${r.activity}`,
      'dpl.core.data_subject_id': r.dataSubjectRef,
      'dpl.core.data_subject_id_type': r.dataSubjectRef ? `urn:zvh:${tenantCode}:persoon-id` : null,
      'dpl.zvh.purpose': r.purpose,
      'dpl.zvh.action': r.action,
      'dpl.zvh.outcome': r.outcome,
      'dpl.zvh.actor': r.actorEmail,
      'dpl.zvh.actor_organisation': r.actorOrganisation,
      'dpl.zvh.responsible_partner': r.responsiblePartner,
      'dpl.zvh.responsible_partner_name': r.responsiblePartnerName,
      'dpl.zvh.case_id': r.caseId,
      'dpl.zvh.registration_id': r.registrationId,
      'dpl.zvh.log_id': r.id,
      'dpl.zvh.chain_seq': r.seq,
      'dpl.zvh.chain_hash': r.hash,
    },
  };
}

export const CSV_COLUMNS = [
  'trace_id', 'span_id', 'name', 'status_code', 'start_time', 'end_time',
  'dpl.core.processing_activity_id', 'dpl.core.data_subject_id', 'dpl.core.data_subject_id_type',
  'dpl.zvh.purpose', 'dpl.zvh.action', 'dpl.zvh.outcome', 'dpl.zvh.actor', 'dpl.zvh.actor_organisation',
  'dpl.zvh.responsible_partner', 'dpl.zvh.responsible_partner_name', 'dpl.zvh.case_id', 'dpl.zvh.registration_id',
  'dpl.zvh.log_id', 'dpl.zvh.chain_seq', 'dpl.zvh.chain_hash',
] as const;

/** A CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function csvLine(rec: LdvRecord): string {
  const flat: Record<string, unknown> = { ...rec, ...rec.attributes };
  return CSV_COLUMNS.map((c) => csvField(flat[c])).join(',');
}

export interface ExportRequest { from: string; to: string; format: 'ndjson' | 'csv' }

function checkPeriod(q: ExportRequest): void {
  if (q.from > q.to) throw fieldError('querystring.from', 'De begindatum ligt na de einddatum');
  const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 864e5 + 1;
  if (days > MAX_EXPORT_DAYS) throw fieldError('querystring.to', `Exporteer hoogstens ${MAX_EXPORT_DAYS} dagen tegelijk`);
}

/**
 * Seals, logs the export and returns the lines (NDJSON records or the CSV header and rows), read
 * in batches in (at, id) order from the month partitions of the period (Europe/Amsterdam days).
 */
export async function exportLog(ctx: Ctx, key: LogSigningKey, q: ExportRequest): Promise<AsyncGenerator<string>> {
  requirePermission(ctx.actor, 'processingLog.export', 'Alleen wie het verwerkingenlog mag exporteren');
  checkPeriod(q);
  // logged first, then sealed: the export's own record is in the chain it exports
  await logProcessing(ctx, { action: 'export', activity: EXPORT_ACTIVITY, purpose: EXPORT_PURPOSE, details: { object: 'processing_log', from: q.from, to: q.to, format: q.format } });
  await sealLog(ctx, key);
  const tenantCode = ctx.actor.tenantCode;
  const tenantId = ctx.actor.tenantId;
  const lo = sql`(${q.from}::date::timestamp at time zone 'Europe/Amsterdam')`;
  const hi = sql`(${addDays(q.to, 1)}::date::timestamp at time zone 'Europe/Amsterdam')`;
  const db = ctx.db;
  async function* lines(): AsyncGenerator<string> {
    if (q.format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const cursor = after ? sql`and (l.at, l.id) > (${after.at}::timestamptz, ${after.id}::bigint)` : sql``;
      const batch: (Row & { atRaw: string })[] = await rows<Row & { atRaw: string }>(db, sql`
        select l.id::text as id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
               to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "atRaw",
               l.trace_id as "traceId", l.activity, l.purpose, l.action, l.actor_email as "actorEmail", l.actor_organisation as "actorOrganisation",
               coalesce(l.responsible_partner, l.actor_organisation) as "responsiblePartner",
               coalesce(o.name, case when coalesce(l.responsible_partner, l.actor_organisation) = 'zvh' then t.name end,
                        coalesce(l.responsible_partner, l.actor_organisation)) as "responsiblePartnerName",
               l.data_subject_ref::text as "dataSubjectRef", l.case_id::text as "caseId", l.registration_id::text as "registrationId", l.outcome,
               s.seq, s.hash
          from processing_log l
          join tenants t on t.id = l.tenant_id
          left join organisations o on o.tenant_id = l.tenant_id and o.code = coalesce(l.responsible_partner, l.actor_organisation)
          left join processing_log_seal s on s.log_id = l.id and s.at = l.at
         where l.tenant_id = ${tenantId} and l.at >= ${lo} and l.at < ${hi} ${cursor}
         order by l.at, l.id limit 2000`);
      for (const r of batch) {
        const rec = toLdv(r, tenantCode);
        yield q.format === 'csv' ? `${csvLine(rec)}\r\n` : `${JSON.stringify(rec)}\n`;
      }
      if (batch.length < 2000) break;
      const last = batch[batch.length - 1]!;
      after = { at: last.atRaw, id: last.id };
    }
  }
  return lines();
}

export interface LogMonthStatus { month: string; records: number; final: boolean; lastSignedAt: string; archived: boolean }

/** The tenant's sealed months: chain length, closed or not, last signature, archived or not. */
export async function logStatus(ctx: Ctx, key: LogSigningKey): Promise<{ keyId: string; publicKey: string; algorithm: 'Ed25519'; months: LogMonthStatus[] }> {
  requirePermission(ctx.actor, 'processingLog.export', 'Alleen wie het verwerkingenlog mag exporteren');
  await sealLog(ctx, key);
  const months = await rows<LogMonthStatus>(ctx.db, sql`
    select to_char(c.month, 'YYYY-MM') as month, max(c.seq)::int as records, bool_or(c.final) as final, max(c.signed_at) as "lastSignedAt",
           exists (select 1 from processing_log_archives a where a.month = c.month) as archived
      from processing_log_checkpoints c where c.tenant_id = ${ctx.actor.tenantId}
     group by c.month order by c.month desc limit 120`);
  return { keyId: key.keyId, publicKey: key.publicKeyPem, algorithm: 'Ed25519', months };
}
