// SPDX-License-Identifier: EUPL-1.2
// Demo caseload (demo mode only): a few dozen fictitious registrations and cases over the last
// three years, made through the same services as real work, so every page has something to show.
// Situations, purposes and agreements vary by main topic; agreements fall due in the past (some
// overdue), this week and later; a few cases stagnate and a few have a raised AVE phase, so that
// "Mijn werk" and monitoring show something on first start. Names are invented; BSNs are generated to pass the 11-test and are not real people's.
import { isValidBsn, MUNICIPALITIES } from '@zvh/shared';
import type { Ctx } from '../core/context.js';
import type { Db, Executor } from '../core/db/index.js';
import { one, sql, transaction } from '../core/db/index.js';
import { createRegistration } from '../modules/aanmelding/service.js';
import { triage } from '../modules/triage/service.js';
import { addJournalEntry, createAgreement, setAvePhase, updateAgreement, updatePlan } from '../modules/procesregie/service.js';
import { closeCase } from '../modules/afsluiting/service.js';

const FIRST = ['Jan', 'Kees', 'Sanne', 'Fatima', 'Mohamed', 'Anouk', 'Henk', 'Lotte', 'Bram', 'Ingrid', 'Youssef', 'Marieke', 'Daan', 'Sevda', 'Gerrit', 'Noor', 'Priya', 'Wim', 'Esra', 'Joost', 'Aylin', 'Roel', 'Mirjam', 'Tomasz'];
const LAST = ['de Vries', 'Bakker', 'Jansen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Hendriks', 'Dekker', 'Brouwer', 'Kuipers', 'Veenstra', 'Hoekstra', 'Kowalski', 'Yilmaz', 'El Amrani', 'Lubbers', 'Haveman', 'Zwiers'];
const AREAS = ['psychisch', 'lvb', 'verslaving', 'schulden', 'huisvesting', 'delict'];
const PARTNERS = ['politie', 'gemeente-oov', 'ggz-drenthe', 'veilig-thuis', '3ro', 'gemeente-sd', 'om', 'vnn'];

/** One fictitious situation per main topic: why it was registered, the case's purpose and typical agreements. */
const SITUATIONS: { topic: string; reason: string; purpose: string; agreements: string[] }[] = [
  {
    topic: 'verward-hoog-risico',
    reason: 'Verward gedrag op straat, dreigende uitspraken tegen buren; zorg wordt steeds afgehouden en de politie is deze maand vier keer ter plaatse geweest.',
    purpose: 'Veiligheid van omwonenden herstellen en passende psychiatrische zorg laten starten.',
    agreements: ['Crisisbeoordeling en zorgmachtigingstraject verkennen', 'Wijkagent doet wekelijks huisbezoek', 'Contact met familie over steunnetwerk'],
  },
  {
    topic: 'ernstige-overlast',
    reason: 'Aanhoudende geluidsoverlast en vervuiling van de woning; de verhuurder dreigt met ontbinding van het huurcontract.',
    purpose: 'Overlast stoppen en huisuitzetting voorkomen met begeleiding in de woning.',
    agreements: ['Gesprek met verhuurder over een laatste-kansovereenkomst', 'Woonbegeleiding aanvragen', 'Schuldhulpverlening aanmelden'],
  },
  {
    topic: 'huiselijk-geweld',
    reason: 'Herhaalde meldingen van huiselijk geweld in een gezin met jonge kinderen; tijdelijk huisverbod liep vorige week af.',
    purpose: 'Veiligheid van partner en kinderen borgen en het geweld duurzaam stoppen.',
    agreements: ['Veiligheidsplan opstellen met het gezin', 'Daderhulpverlening starten', 'Risicotaxatie actualiseren'],
  },
  {
    topic: 'bij-delict',
    reason: 'Jongvolwassene met een reeks vermogensdelicten en een LVB; schorsing van de voorlopige hechtenis met bijzondere voorwaarden.',
    purpose: 'Recidive voorkomen met dagbesteding, begeleiding en toezicht op de voorwaarden.',
    agreements: ['Toezicht op bijzondere voorwaarden', 'Dagbesteding regelen', 'Indicatie LVB-begeleiding aanvragen'],
  },
  {
    topic: 'radicalisering',
    reason: 'Zorgen van school en familie over snel isolement en het verspreiden van extremistisch materiaal online.',
    purpose: 'Zicht krijgen op de risico\'s en de persoon en het gezin ondersteunen bij het voorkomen van verdere radicalisering.',
    agreements: ['Gesprek met sleutelfiguur uit het netwerk', 'Ondersteuning van de ouders', 'Risico-inschatting door het multidisciplinaire team'],
  },
  {
    topic: 'overige-veiligheid',
    reason: 'Conflict in de buurt escaleert; bedreigingen over en weer en een verslavingsprobleem bij de hoofdpersoon.',
    purpose: 'Escalatie in de buurt voorkomen en verslavingszorg op gang brengen.',
    agreements: ['Buurtbemiddeling inzetten', 'Intake verslavingszorg', 'Afspraken met woningcorporatie vastleggen'],
  },
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Today plus (or minus) a number of days, as YYYY-MM-DD. */
const daysFromToday = (n: number) => isoDay(new Date(Date.now() + n * 86_400_000));

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

/** Advisory lock key for the demo caseload: instances starting together fill it once. */
export const DEMO_SEED_LOCK = 7420003;

/**
 * Fills the demo caseload once: in one transaction under a transaction-scoped advisory lock, so two
 * instances starting together on one database do not both find it empty and fill it twice, and a
 * failure halfway leaves nothing behind. Returns the number of registrations made (0: already there).
 */
export async function seedDemoCases(database: Db, tenantId: string): Promise<number> {
  return transaction(database, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    return fillDemoCases(tx, tenantId);
  });
}

async function fillDemoCases(db: Executor, tenantId: string): Promise<number> {
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
    const situation = SITUATIONS[i % SITUATIONS.length]!;
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
      mainTopic: situation.topic,
      problemAreas: areas,
      children: pick(['met-minderjarige-kinderen', 'zonder-minderjarige-kinderen', 'zonder-minderjarige-kinderen']),
      crossesMunicipalityBorder: rand() < 0.2,
      tried: 'Eigen hulpverlening en gesprekken met de wijkagent hebben onvoldoende effect gehad.',
      involvedPartners: [partner],
      urgency: rand() < 0.15 ? 'hoog' : 'normaal',
      reason: `${situation.reason} (fictieve democasus)`,
    });
    made++;
    // spread the registrations over the last three years
    const yearsBack = i % 3;
    const registered = `${year - yearsBack}-${String(1 + (i % 11)).padStart(2, '0')}-${String(3 + (i % 24)).padStart(2, '0')}`;
    if (i >= 32) { // the newest few wait for triage: two since today, two for more than a week
      await db.execute(sql`update registrations set registered_at = ${daysFromToday(i >= 34 ? 0 : -9 - i)}::date where id = ${reg.id}`);
      continue;
    }
    const outcome = kind === 'advies' ? 'advies' : kind === 'informatievraag' ? 'terugleggen' : i % 10 === 7 ? 'doorverwijzen' : 'procesregie';
    const participants = [...new Set([partner, pick(PARTNERS), pick(PARTNERS)])];
    const t = await triage(regisseur, reg.id, {
      criteria: { multiProblem: true, multipleChains: true, systemImpact: outcome === 'procesregie', areaSafety: false },
      outcome: outcome as 'procesregie', approach: i % 3 === 0 ? 'pga' : 'maatwerk',
      purpose: situation.purpose,
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
    // agreements due in the past (some overdue), this week and in the coming months
    const due = [-40 + (i % 7) * 3, 3 + (i % 5), 30 + (i % 4) * 20];
    const a1 = await createAgreement(regisseur, t.caseId, { partner, title: situation.agreements[0]!, dueDate: daysFromToday(due[i % 3]!) });
    const a2 = await createAgreement(regisseur, t.caseId, { partner: owner, title: situation.agreements[1]!, dueDate: daysFromToday(due[(i + 1) % 3]!) });
    const a3 = await createAgreement(regisseur, t.caseId, { partner: participants[2] ?? owner, title: situation.agreements[2]!, dueDate: daysFromToday(due[(i + 2) % 3]! + 14) });
    await addJournalEntry(regisseur, t.caseId, { text: 'Casusoverleg gehouden; afspraken vastgelegd in het plan van aanpak.', visibility: 'all' });
    await addJournalEntry(regisseur, t.caseId, { text: 'Intern: overleg met de teamleider over de inzet van de regie.', visibility: 'zvh' });
    if (i % 5 === 1) await setAvePhase(regisseur, t.caseId, 2 + (i % 2), 'Afspraken komen niet van de grond; opschaling nodig.');
    if (yearsBack >= 1 && i % 2 === 0) {
      await updateAgreement(regisseur, a1.id, { status: 'done', note: 'Uitgevoerd' }, undefined);
      await updateAgreement(regisseur, a2.id, { status: 'done', note: 'Uitgevoerd' }, undefined);
      await updateAgreement(regisseur, a3.id, { status: 'cancelled', note: 'Niet meer nodig' }, undefined);
      await closeCase(regisseur, t.caseId, { reason: 'Doelen van het plan bereikt.', reasonCode: 'doel-bereikt', evaluation: { goalsMet: 'ja', helped: 'Korte lijnen', stalled: 'Wachtlijst zorg' } });
      const closed = `${year - yearsBack + 1}-0${1 + (i % 8)}-1${i % 9}`;
      await db.execute(sql`update cases set closed_at = least(${closed}::date, current_date) where id = ${t.caseId}`);
    } else if (i % 8 === 3) {
      // a stagnating case: nothing happened for weeks
      await db.execute(sql`update cases set last_activity_at = now() - make_interval(days => ${35 + i}) where id = ${t.caseId}`);
    }
  }
  return made;
}
