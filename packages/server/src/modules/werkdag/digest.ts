// SPDX-License-Identifier: EUPL-1.2
// The daily e-mail digest: per active user, once per day (Europe/Amsterdam), the counts of the
// werkdag and a link to the start page. NO personal data in the mail: no names, no BSN, no case
// text, no agreement titles; not even the recipient's name. No mail without SMTP configuration.
import { randomUUID } from 'node:crypto';
import type { Role } from '@zvh/shared';
import type { SmtpConfig } from '../../core/config.js';
import type { Actor, Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, scopedDb, sql } from '../../core/db/index.js';
import { caseIsOpen, caseVisibleTo, registrationVisibleTo } from '../../core/access.js';
import { amsterdamDate } from '../../core/day-sections.js';
import { INACTIVE_DAYS, directs, mineFilter, ownAgreements } from './service.js';
import { refreshNotifications } from './notifications.js';

export interface DigestDeps {
  db: Db;
  smtp: SmtpConfig | undefined;
  publicUrl: string | undefined;
}

export interface DigestCounts {
  openAgreements: number;
  overdueAgreements: number;
  casesNeedingAttention: number;
  waitingTriage: number;
  unreadNotifications: number;
}

export interface DigestResult { day: string; sent: number; alreadySent: number; nothingToReport: number; failed: number }

/** The counts for one user; every count goes through the same access rules as the start page. */
export async function digestCounts(ctx: Ctx, today: string): Promise<DigestCounts> {
  const { actor } = ctx;
  const a = await one<{ open: number; overdue: number }>(ctx.db, sql`
    select count(*)::int as open, count(*) filter (where a.due_date < ${today}::date)::int as overdue
      from agreements a join cases c on c.id = a.case_id where ${ownAgreements(actor)}`);
  let attention = 0;
  let waiting = 0;
  if (directs(actor)) {
    attention = (await one<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from cases c
       where ${caseVisibleTo(actor)} ${mineFilter(actor)} and ${caseIsOpen()}
         and (exists (select 1 from agreements a where a.case_id = c.id and a.status = 'open' and a.due_date < ${today}::date)
              or (c.last_activity_at at time zone 'Europe/Amsterdam')::date <= ${today}::date - ${INACTIVE_DAYS}::int)`))?.n ?? 0;
    waiting = (await one<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from registrations r where ${registrationVisibleTo(actor)} and r.status in ('aangemeld', 'in_triage')`))?.n ?? 0;
  }
  const unread = (await one<{ n: number }>(ctx.db, sql`
    select count(*)::int as n from notifications n
     where n.user_id = ${actor.userId} and n.read_at is null and (
       (n.case_id is not null and exists (select 1 from cases c where c.id = n.case_id and ${caseVisibleTo(actor)}))
       or (n.registration_id is not null and exists (select 1 from registrations r where r.id = n.registration_id and ${registrationVisibleTo(actor)})))`))?.n ?? 0;
  return { openAgreements: a?.open ?? 0, overdueAgreements: a?.overdue ?? 0, casesNeedingAttention: attention, waitingTriage: waiting, unreadNotifications: unread };
}

/** The mail: Dutch, counts only, one link to the start page. */
export function digestMail(counts: DigestCounts, startUrl: string, day: string): { subject: string; text: string; html: string } {
  const [y, m, d] = day.split('-');
  const lines: string[] = [];
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (counts.openAgreements) lines.push(`${n(counts.openAgreements, 'open afspraak', 'open afspraken')} van uw organisatie, waarvan ${counts.overdueAgreements} te laat`);
  if (counts.casesNeedingAttention) lines.push(`${n(counts.casesNeedingAttention, 'casus vraagt', 'casussen vragen')} aandacht`);
  if (counts.waitingTriage) lines.push(`${n(counts.waitingTriage, 'aanmelding wacht', 'aanmeldingen wachten')} op triage`);
  if (counts.unreadNotifications) lines.push(`${n(counts.unreadNotifications, 'ongelezen melding', 'ongelezen meldingen')}`);
  const subject = counts.overdueAgreements
    ? `Uw werkdag ${d}-${m}-${y}: ${n(counts.overdueAgreements, 'afspraak', 'afspraken')} te laat`
    : `Uw werkdag ${d}-${m}-${y}`;
  const intro = 'Goedemorgen,\n\nIn het casussysteem van het Zorg- en Veiligheidshuis staat vandaag voor u klaar:';
  const outro = 'Bekijk de details na het inloggen op uw startpagina. Deze e-mail bevat bewust geen persoonsgegevens.';
  const text = `${intro}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n\n${outro}\n${startUrl}\n`;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = `<!doctype html><html lang="nl"><body><p>Goedemorgen,</p><p>In het casussysteem van het Zorg- en Veiligheidshuis staat vandaag voor u klaar:</p>`
    + `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p>${esc(outro)}</p><p><a href="${esc(startUrl)}">Naar mijn startpagina</a></p></body></html>`;
  return { subject, text, html };
}

interface UserRow {
  id: string; tenantId: string; tenantCode: string; email: string; name: string; organisationCode: string; organisationKind: 'zvh' | 'partner';
  municipalityCode: string | null; roles: Role[];
}

/**
 * Sends the digest to every active user with something to report, at most once per user per day
 * (the day of `now` in the Netherlands). Safe to call as often as wanted: a user already sent
 * today is skipped; a failed send is not recorded, so the next run tries again.
 */
export async function sendDailyDigests(deps: DigestDeps, now: Date = new Date()): Promise<DigestResult> {
  const day = amsterdamDate(now);
  const result: DigestResult = { day, sent: 0, alreadySent: 0, nothingToReport: 0, failed: 0 };
  if (!deps.smtp || !deps.publicUrl) return result;
  const startUrl = `${deps.publicUrl.replace(/\/$/, '')}/`;
  const users = await rows<UserRow>(deps.db, sql`
    select u.id, u.tenant_id as "tenantId", t.code as "tenantCode", u.email, u.name, u.organisation_code as "organisationCode",
           o.kind as "organisationKind", u.municipality_code as "municipalityCode", u.roles
      from users u join tenants t on t.id = u.tenant_id
      join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
     where u.active and o.active
       and not exists (select 1 from digest_sends d where d.user_id = u.id and d.day = ${day}::date)
     order by u.email`);
  const transport = await createTransport(deps.smtp);
  try {
    for (const u of users) {
      const actor: Actor = { userId: u.id, sessionId: 'digest', tenantId: u.tenantId, tenantCode: u.tenantCode, email: u.email, name: u.name,
        organisationCode: u.organisationCode, organisationKind: u.organisationKind, municipalityCode: u.municipalityCode, roles: u.roles, mustChangePassword: false };
      const ctx: Ctx = { actor, traceId: `digest-${randomUUID()}`, db: scopedDb(deps.db, { tenantId: u.tenantId, userId: u.id, organisationCode: u.organisationCode, staff: isZvhStaff(actor) }) };
      await refreshNotifications(ctx, now);
      const counts = await digestCounts(ctx, day);
      if (!counts.openAgreements && !counts.casesNeedingAttention && !counts.waitingTriage && !counts.unreadNotifications) {
        result.nothingToReport++;
        continue;
      }
      // claim the day first: two runs at once never send twice
      const claimed = await one<{ ok: number }>(ctx.db, sql`
        insert into digest_sends (user_id, day, tenant_id, counts) values (${u.id}, ${day}::date, ${u.tenantId}, ${JSON.stringify(counts)}::jsonb)
        on conflict do nothing returning 1 as ok`);
      if (!claimed) { result.alreadySent++; continue; }
      const mail = digestMail(counts, startUrl, day);
      try {
        await transport.sendMail({ from: deps.smtp.from, to: u.email, subject: mail.subject, text: mail.text, html: mail.html });
        result.sent++;
      } catch {
        await ctx.db.execute(sql`delete from digest_sends where user_id = ${u.id} and day = ${day}::date`);
        result.failed++;
      }
    }
  } finally {
    transport.close();
  }
  return result;
}

/** nodemailer is loaded at the first digest, not at start-up. */
async function createTransport(smtp: SmtpConfig) {
  const { default: nodemailer } = await import('nodemailer');
  if (smtp.url) return nodemailer.createTransport(smtp.url);
  return nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure ?? false,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
}

/** Sends the digests every day from 07:00 (Dutch time): checks every 15 minutes; the run itself is idempotent. */
export const DIGEST_HOUR = 7;
export function startDigestSchedule(deps: DigestDeps, log: (msg: string) => void = console.log): () => void {
  if (!deps.smtp) return () => {};
  let running = false;
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });
  const tick = () => {
    if (running || Number(hour.format(new Date())) < DIGEST_HOUR) return;
    running = true;
    sendDailyDigests(deps)
      .then((r) => { if (r.sent || r.failed) log(`Dagelijkse samenvatting ${r.day}: ${r.sent} verstuurd, ${r.failed} mislukt`); })
      .catch((e) => log(`Dagelijkse samenvatting mislukt: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => { running = false; });
  };
  const timer = setInterval(tick, 15 * 60 * 1000);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  return () => clearInterval(timer);
}
