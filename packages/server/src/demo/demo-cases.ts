// SPDX-License-Identifier: EUPL-1.2
// Demo caseload (demo mode only): a few dozen fictitious registrations and cases over the last
// three years, made through the same services as real work, so every page has something to show.
// Names are invented; BSNs are generated to pass the 11-test and are not real people's.
import { isValidBsn, MUNICIPALITIES } from '@zvh/shared';
import type { Ctx } from '../core/context.js';
import type { Db } from '../core/db/index.js';
import { one, sql } from '../core/db/index.js';
import { createRegistration } from '../modules/aanmelding/service.js';
import { triage } from '../modules/triage/service.js';
import { addJournalEntry, createAgreement, updateAgreement, updatePlan } from '../modules/procesregie/service.js';
import { closeCase } from '../modules/afsluiting/service.js';

const FIRST = ['Jan', 'Kees', 'Sanne', 'Fatima', 'Mohamed', 'Anouk', 'Henk', 'Lotte', 'Bram', 'Ingrid', 'Youssef', 'Marieke', 'Daan', 'Sevda', 'Gerrit', 'Noor'];
const LAST = ['de Vries', 'Bakker', 'Jansen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Hendriks', 'Dekker', 'Brouwer', 'Kuipers', 'Veenstra', 'Hoekstra'];
const TOPICS = ['verward-hoog-risico', 'ernstige-overlast', 'huiselijk-geweld', 'bij-delict', 'radicalisering', 'overige-veiligheid'];
const AREAS = ['psychisch', 'lvb', 'verslaving', 'schulden', 'huisvesting', 'delict'];
const PARTNERS = ['politie', 'gemeente-oov', 'ggz-drenthe', 'veilig-thuis', '3ro', 'gemeente-sd', 'om', 'vnn'];

/** Deterministic pseudo-random numbers, so every demo installation looks the same. */
function rng(seed: number) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

function bsnFrom(n: number): string {
  for (let i = n; ; i++) {
    const candidate = String(100000000 + ((i * 7919) % 800000000)).padStart(9, '0');
    if (isValidBsn(candidate)) return candidate;
  }
}

export async function seedDemoCases(db: Db, tenantId: string): Promise<number> {
  const existing = await one<{ n: number }>(db, sql`select count(*) as n from registrations where tenant_id = ${tenantId}`);
  if ((existing?.n ?? 0) > 0) return 0;
  const user = async (email: string) => {
    const u = await one<{ id: string; name: string; organisation_code: string; roles: string[] }>(db, sql`select id, name, organisation_code, roles from users where lower(email) = ${email}`);
    if (!u) throw new Error(`demo user ${email} missing`);
    return u;
  };
  const ctxFor = async (email: string): Promise<Ctx> => {
    const u = await user(email);
    const org = await one<{ kind: 'zvh' | 'partner' }>(db, sql`select kind from organisations where tenant_id = ${tenantId} and code = ${u.organisation_code}`);
    return {
      db, traceId: 'demo-seed',
      actor: {
        userId: u.id, sessionId: 'demo-seed', tenantId, tenantCode: 'drenthe', email, name: u.name, organisationCode: u.organisation_code,
        organisationKind: org!.kind, municipalityCode: null, roles: u.roles as Ctx['actor']['roles'], mustChangePassword: false,
      },
    };
  };
  const regisseur = await ctxFor('regisseur@demo.zvh');
  const partnerCtx: Record<string, Ctx> = {
    politie: await ctxFor('politie@demo.zvh'), 'ggz-drenthe': await ctxFor('ggz@demo.zvh'), 'gemeente-oov': await ctxFor('gemeente@demo.zvh'),
  };
  const rand = rng(20201231);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const year = new Date().getFullYear();
  let made = 0;
  for (let i = 0; i < 36; i++) {
    const partner = pick(Object.keys(partnerCtx));
    const kind = i % 6 === 0 ? 'advies' : i % 9 === 0 ? 'informatievraag' : 'procesregie';
    const areas = [...new Set([pick(AREAS), pick(AREAS), pick(AREAS)])];
    const birthYear = 1950 + Math.floor(rand() * 55);
    const reg = await createRegistration(partnerCtx[partner]!, {
      kind,
      // gemeente@demo.zvh is the Assen department: it registers for Assen (the draw is kept, so the rest stays the same)
      municipality: ((m) => (partner === 'gemeente-oov' ? 'GM0106' : m))(pick(MUNICIPALITIES).code),
      registeringPartner: partner,
      subject: {
        firstName: pick(FIRST), lastName: pick(LAST), birthDate: `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        gender: rand() < 0.8 ? 'man' : 'vrouw', bsn: bsnFrom(i + 1),
      },
      mainTopic: pick(TOPICS),
      problemAreas: areas,
      children: pick(['met-minderjarige-kinderen', 'zonder-minderjarige-kinderen', 'zonder-minderjarige-kinderen']),
      crossesMunicipalityBorder: rand() < 0.2,
      tried: 'Eigen hulpverlening en gesprekken met de wijkagent hebben onvoldoende effect gehad.',
      involvedPartners: [partner],
      urgency: rand() < 0.15 ? 'hoog' : 'normaal',
      reason: 'Fictieve democasus: meervoudige problematiek waarbij samenwerking tussen zorg en veiligheid nodig is.',
    });
    made++;
    // spread the registrations over the last three years
    const yearsBack = i % 3;
    const registered = `${year - yearsBack}-${String(1 + (i % 11)).padStart(2, '0')}-${String(3 + (i % 24)).padStart(2, '0')}`;
    if (i >= 32) { // the newest few wait for triage
      await db.execute(sql`update registrations set registered_at = least(${registered}::date, current_date) where id = ${reg.id}`);
      continue;
    }
    const outcome = kind === 'advies' ? 'advies' : kind === 'informatievraag' ? 'terugleggen' : i % 10 === 7 ? 'doorverwijzen' : 'procesregie';
    const participants = [...new Set([partner, pick(PARTNERS), pick(PARTNERS)])];
    const t = await triage(regisseur, reg.id, {
      criteria: { multiProblem: true, multipleChains: true, systemImpact: outcome === 'procesregie', areaSafety: false },
      outcome: outcome as 'procesregie', approach: i % 3 === 0 ? 'pga' : 'maatwerk',
      purpose: 'Gezamenlijk plan om escalatie te voorkomen: veiligheid van de omgeving, passende zorg en stabiele woonsituatie.',
      participants,
      advice: 'Informatie teruggelegd bij de aanmelder met advies over de lokale aanpak.',
      referredTo: { place: 'lokaal-zorgnetwerk', note: 'Past bij het lokale zorgnetwerk.' },
    });
    await db.execute(sql`update registrations set registered_at = least(${registered}::date, current_date) where id = ${reg.id}`);
    if (!t.caseId) continue;
    await db.execute(sql`update cases set started_at = case when started_at is null then null else least(${registered}::date + 14, current_date) end where id = ${t.caseId}`);
    if (outcome !== 'procesregie') continue;
    await updatePlan(regisseur, t.caseId, {
      analysis: areas.map((d) => ({ domain: d, problem: 'Zie aanmelding', risk: 'Escalatie in de wijk', protective: 'Steunend netwerk' })),
      goals: [{ text: 'Stabiele woonsituatie' }, { text: 'Zorg is gestart en wordt volgehouden' }],
    }, undefined);
    const owner = participants[1] ?? partner;
    const a1 = await createAgreement(regisseur, t.caseId, { partner, title: 'Huisbezoek en terugkoppeling aan de regisseur', dueDate: `${year + 1}-01-15` });
    const a2 = await createAgreement(regisseur, t.caseId, { partner: owner, title: 'Intake en behandelplan opstellen', dueDate: i % 4 === 0 ? `${year - 1}-12-01` : `${year + 1}-02-01` });
    await addJournalEntry(regisseur, t.caseId, { text: 'Casusoverleg gehouden; afspraken vastgelegd in het plan van aanpak.', visibility: 'all' });
    if (yearsBack >= 1 && i % 2 === 0) {
      await updateAgreement(regisseur, a1.id, { status: 'done', note: 'Uitgevoerd' }, undefined);
      await updateAgreement(regisseur, a2.id, { status: 'done', note: 'Uitgevoerd' }, undefined);
      await closeCase(regisseur, t.caseId, { reason: 'Doelen van het plan bereikt.', reasonCode: 'doel-bereikt', evaluation: { goalsMet: 'ja', helped: 'Korte lijnen', stalled: 'Wachtlijst zorg' } });
      const closed = `${year - yearsBack + 1}-0${1 + (i % 8)}-1${i % 9}`;
      await db.execute(sql`update cases set closed_at = least(${closed}::date, current_date) where id = ${t.caseId}`);
    }
  }
  return made;
}
