// SPDX-License-Identifier: EUPL-1.2
// The caseload import: service and POST /api/import/cases, on PGlite or (TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { setupTestEnv } from '../../test/harness.js';
import { zvhUserCtx } from '../../test/fixtures.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import type { Ctx } from '../../core/context.js';
import type { ImportOptions, ImportResult } from './service.js';
import { IMPORT_PURPOSE, ImportAbortedError, importCases } from './service.js';
import { bsnFrom } from './sample.js';

let env: TestEnv;
let db: Db;
let ctx: Ctx;
let tenantId: string;
let manager: TestClient;

beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  ctx = await zvhUserCtx(db, 'manager@demo.zvh');
  tenantId = ctx.actor.tenantId;
  manager = await env.as('manager@demo.zvh');
});
afterAll(async () => { await env?.close(); });

type Line = Record<string, unknown> & { subject?: Record<string, unknown> };
/** A good procesregie line (the example of import-format.md) with its own externalId and BSN. */
const line = (id: string, n: number, over: Line = {}): Line => ({
  externalId: id, kind: 'procesregie', approach: 'maatwerk', registeredAt: '2019-11-03', registeringPartner: 'politie', municipality: 'GM0106',
  startedAt: '2019-11-20', closedAt: '2020-06-30', closeReason: 'doel bereikt', mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving'],
  subject: { firstName: 'Jan', lastName: `Jansen${n}`, birthDate: '1985-04-12', gender: 'man', bsn: bsnFrom(500_000 + n) },
  children: 'zonder-minderjarige-kinderen', crossesMunicipalityBorder: false, ...over,
});
const ndjson = (lines: (Line | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const run = (text: string, { traceId = `test-${Math.random()}`, ...opts }: ImportOptions & { traceId?: string } = {}): Promise<ImportResult> =>
  importCases({ ...ctx, traceId }, [Buffer.from(text)], opts);

async function counts(prefix: string) {
  const like = `${prefix}%`;
  return (await one<Record<string, number>>(db, sql`select
    (select count(*) from registrations where tenant_id = ${tenantId} and external_id like ${like})::int as registrations,
    (select count(*) from cases where tenant_id = ${tenantId} and external_id like ${like})::int as cases,
    (select count(distinct person_id) from registrations where tenant_id = ${tenantId} and external_id like ${like})::int as persons,
    (select count(*) from persons)::int as "allPersons",
    (select count(*) from case_participants cp join cases c on c.id = cp.case_id where c.external_id like ${like})::int as participants,
    (select count(*) from case_events e join registrations r on r.id = e.registration_id where r.external_id like ${like})::int as events,
    (select count(*) from processing_log l join registrations r on r.id = l.registration_id where r.external_id like ${like} and l.activity = 'import')::int as log`))!;
}
const dossier = (externalId: string) => one<Record<string, unknown>>(db, sql`select d.* from report_dossiers d
  join registrations r on r.id = d.registration_id where r.tenant_id = ${tenantId} and r.external_id = ${externalId}`);
const registration = (externalId: string) => one<Record<string, any>>(db, sql`select r.*, p.first_name, p.last_name, p.bsn, p.birth_date, p.gender
  from registrations r join persons p on p.id = r.person_id where r.tenant_id = ${tenantId} and r.external_id = ${externalId}`);
const caseOf = (externalId: string) => one<Record<string, any>>(db, sql`select * from cases where tenant_id = ${tenantId} and external_id = ${externalId}`);

describe('import of a caseload', () => {
  it('imports a good file: persons, registrations, cases, participants, events, processing log', async () => {
    const file = ndjson([
      line('G-1', 1),
      line('G-2', 2, { closedAt: null, closeReason: null, approach: 'pga' }),
      line('G-3', 3, { startedAt: null, closedAt: null }), // procesregie not taken up
      line('G-4', 4, { kind: 'advies', approach: undefined, startedAt: undefined, closedAt: undefined, mainTopic: undefined }),
      line('G-5', 5, { kind: 'advies', approach: undefined, startedAt: undefined, closedAt: '2020-01-31', closeReason: 'advies gegeven' }),
      line('G-6', 6, { kind: 'informatievraag', approach: undefined, startedAt: undefined, closedAt: undefined, subject: { firstName: 'Zonder', lastName: 'Bsn', birthDate: '1970-01-01', gender: 'anders' } }),
    ]);
    const r = await run(file);
    expect(r).toMatchObject({ imported: 6, updated: 0, rejected: [], rejectedCount: 0, lines: 6, dryRun: false });
    expect(await counts('G-')).toMatchObject({ registrations: 6, cases: 4, persons: 6, participants: 4, events: 6, log: 6 });

    const statuses = await rows<{ external_id: string; rs: string; cs: string | null; kind: string | null; approach: string | null; started_at: string | null; closed_at: string | null; close_reason_code: string | null; close_reason: string | null; purpose: string | null }>(db, sql`
      select r.external_id, r.status as rs, c.status as cs, c.kind, c.approach, c.started_at, c.closed_at, c.close_reason_code, c.close_reason, c.purpose
        from registrations r left join cases c on c.registration_id = r.id where r.external_id like 'G-%' order by r.external_id`);
    expect(statuses).toEqual([
      { external_id: 'G-1', rs: 'afgesloten', cs: 'afgesloten', kind: 'procesregie', approach: 'maatwerk', started_at: '2019-11-20', closed_at: '2020-06-30', close_reason_code: 'doel-bereikt', close_reason: 'doel bereikt', purpose: 'Geïmporteerd: procesregie' },
      { external_id: 'G-2', rs: 'procesregie_lopend', cs: 'procesregie_lopend', kind: 'procesregie', approach: 'pga', started_at: '2019-11-20', closed_at: null, close_reason_code: null, close_reason: null, purpose: 'Geïmporteerd: procesregie' },
      { external_id: 'G-3', rs: 'teruggelegd', cs: null, kind: null, approach: null, started_at: null, closed_at: null, close_reason_code: null, close_reason: null, purpose: null },
      { external_id: 'G-4', rs: 'advies', cs: 'advies', kind: 'advies', approach: null, started_at: null, closed_at: null, close_reason_code: null, close_reason: null, purpose: 'Geïmporteerd: advies' },
      { external_id: 'G-5', rs: 'afgesloten', cs: 'afgesloten', kind: 'advies', approach: null, started_at: null, closed_at: '2020-01-31', close_reason_code: 'overig', close_reason: 'advies gegeven', purpose: 'Geïmporteerd: advies' },
      { external_id: 'G-6', rs: 'teruggelegd', cs: null, kind: null, approach: null, started_at: null, closed_at: null, close_reason_code: null, close_reason: null, purpose: null },
    ]);

    const reg = await registration('G-1');
    expect(reg).toMatchObject({
      kind: 'procesregie', municipality_code: 'GM0106', registering_partner: 'politie', registered_at: '2019-11-03', main_topic: 'ernstige-overlast',
      problem_areas: ['psychisch', 'verslaving'], children: 'zonder-minderjarige-kinderen', crosses_municipality_border: false, urgency: 'normaal',
      reason: 'Geïmporteerd uit het vorige systeem', triage: { imported: true }, first_name: 'Jan', last_name: 'Jansen1', bsn: bsnFrom(500_001), birth_date: '1985-04-12', gender: 'man',
    });
    const c1 = await caseOf('G-1');
    expect(reg!.case_id).toBe(c1!.id);
    expect(c1!.person_id).toBe(reg!.person_id);
    const person = await one<Record<string, unknown>>(db, sql`select tenant_id, municipality_code from persons where id = ${reg!.person_id}`);
    expect(person).toEqual({ tenant_id: tenantId, municipality_code: 'GM0106' });
    const parts = await rows(db, sql`select partner_code, add_reason, added_by, removed_at from case_participants where case_id = ${c1!.id}`);
    expect(parts).toEqual([{ partner_code: 'politie', add_reason: 'import', added_by: ctx.actor.userId, removed_at: null }]);
    const events = await rows<{ type: string; data: Record<string, unknown>; actor_organisation: string }>(db, sql`select type, data, actor_organisation from case_events where case_id = ${c1!.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'imported', actor_organisation: 'zvh', data: { externalId: 'G-1', action: 'create' } });
    expect((await registration('G-6'))!.bsn).toBeNull();
  });

  it('shows imported cases in the report view with the right kind, start and end', async () => {
    expect(await dossier('G-1')).toMatchObject({ kind: 'procesregie', case_kind: 'procesregie', requested_kind: 'procesregie', approach: 'maatwerk', registered_at: '2019-11-03', started_at: '2019-11-20', closed_at: '2020-06-30', municipality_code: 'GM0106', registering_partner: 'politie', gender: 'man', birth_date: '1985-04-12' });
    expect(await dossier('G-2')).toMatchObject({ kind: 'procesregie', approach: 'pga', started_at: '2019-11-20', closed_at: null });
    expect(await dossier('G-3')).toMatchObject({ kind: 'procesregie', case_id: null, case_kind: null, started_at: null });
    expect(await dossier('G-5')).toMatchObject({ kind: 'advies', case_kind: 'advies', closed_at: '2020-01-31' });
    expect(await dossier('G-6')).toMatchObject({ kind: 'informatievraag', case_id: null });
  });

  it('writes one processing-log entry per line, with action, purpose, case and data subject', async () => {
    const log = await rows<Record<string, any>>(db, sql`select l.*, r.external_id from processing_log l join registrations r on r.id = l.registration_id
      where r.external_id like 'G-%' order by r.external_id`);
    expect(log).toHaveLength(6);
    const reg = await registration('G-1');
    expect(log[0]).toMatchObject({
      activity: 'import', purpose: IMPORT_PURPOSE, action: 'create', actor_user_id: ctx.actor.userId, actor_email: 'manager@demo.zvh', actor_organisation: 'zvh',
      data_subject_ref: reg!.person_id, case_id: reg!.case_id, outcome: 'success', tenant_id: tenantId,
    });
    expect(log[5]).toMatchObject({ external_id: 'G-6', case_id: null, action: 'create' });
  });

  it('is idempotent: the same file again updates everything and duplicates nothing', async () => {
    const file = ndjson(Array.from({ length: 12 }, (_, i) => line(`I-${i}`, 100 + i, i % 3 === 0 ? { kind: 'advies', approach: undefined } : {})));
    expect(await run(file, { batchSize: 5 })).toMatchObject({ imported: 12, updated: 0, rejectedCount: 0 });
    const before = await counts('I-');
    const caseIds = await rows(db, sql`select id from cases where external_id like 'I-%' order by external_id`);
    const versions = await rows(db, sql`select r.version as rv, c.version as cv from registrations r left join cases c on c.registration_id = r.id
      where r.external_id like 'I-%' order by r.external_id`);
    expect(await run(file, { batchSize: 5 })).toMatchObject({ imported: 0, updated: 12, unchanged: 12, rejectedCount: 0 });
    const after = await counts('I-');
    expect({ ...after, log: before.log }).toEqual(before);
    // nothing changed: no second 'imported' event, no new version; the look-up is logged as a read
    expect(after.events).toBe(before.events);
    expect(after.log).toBe(before.log + 12);
    expect(await rows(db, sql`select r.version as rv, c.version as cv from registrations r left join cases c on c.registration_id = r.id
      where r.external_id like 'I-%' order by r.external_id`)).toEqual(versions);
    expect(await rows(db, sql`select id from cases where external_id like 'I-%' order by external_id`)).toEqual(caseIds);
    const upd = await rows(db, sql`select distinct action from processing_log l join registrations r on r.id = l.registration_id where r.external_id like 'I-%' and l.trace_id <> ''`);
    expect(upd.map((x) => (x as { action: string }).action).sort()).toEqual(['create', 'read']);
  });

  it('a re-import records an event only for the lines that changed something', async () => {
    // BSNs far apart: bsnFrom(n) and bsnFrom(n + 1) can be the same
    const base = [line('RE-1', 150), line('RE-2', 160), line('RE-3', 170, { kind: 'advies', approach: undefined }),
      line('RE-4', 180, { subject: { firstName: 'Geen', lastName: 'Bsn', birthDate: '1966-06-06', gender: 'vrouw' } }), line('RE-5', 190)];
    await run(ndjson(base));
    const events = async () => Object.fromEntries((await rows<{ e: string; n: number }>(db, sql`select r.external_id as e, count(ev.id)::int as n
      from registrations r left join case_events ev on ev.registration_id = r.id and ev.type = 'imported'
      where r.tenant_id = ${tenantId} and r.external_id like 'RE-%' group by r.external_id`)).map((x) => [x.e, x.n]));
    expect(await events()).toEqual({ 'RE-1': 1, 'RE-2': 1, 'RE-3': 1, 'RE-4': 1, 'RE-5': 1 });
    // E-1 the case closes differently, E-2 only the person's name (BSN-matched), E-4 only the
    // person without a BSN, E-3 and E-5 unchanged
    const again = [
      { ...base[0]!, closedAt: '2020-07-01' },
      { ...base[1]!, subject: { ...base[1]!.subject, lastName: 'Anders' } },
      base[2]!,
      { ...base[3]!, subject: { ...base[3]!.subject, lastName: 'Bsn-Nieuw' } },
      base[4]!,
    ];
    const traceId = `reimport-${Math.random()}`;
    const r = await run(ndjson(again), { traceId });
    expect(r).toMatchObject({ imported: 0, updated: 5, unchanged: 2, rejectedCount: 0 });
    expect(await events()).toEqual({ 'RE-1': 2, 'RE-2': 2, 'RE-3': 1, 'RE-4': 2, 'RE-5': 1 });
    expect(await caseOf('RE-1')).toMatchObject({ closed_at: '2020-07-01', version: 2 });
    expect(await caseOf('RE-5')).toMatchObject({ version: 1 });
    expect(await registration('RE-2')).toMatchObject({ last_name: 'Anders' });
    expect(await registration('RE-4')).toMatchObject({ last_name: 'Bsn-Nieuw' });
    const log = await rows<{ e: string; action: string; changed: boolean }>(db, sql`select r.external_id as e, l.action, (l.details->>'changed')::boolean as changed
      from processing_log l join registrations r on r.id = l.registration_id
      where l.trace_id = ${traceId} and l.activity = 'import'`);
    expect(Object.fromEntries(log.map((l) => [l.e, [l.action, l.changed]]))).toEqual({
      'RE-1': ['update', true], 'RE-2': ['update', true], 'RE-3': ['read', false], 'RE-4': ['update', true], 'RE-5': ['read', false],
    });
    // and a third identical run adds nothing at all
    expect(await run(ndjson(again))).toMatchObject({ updated: 5, unchanged: 5 });
    expect(await events()).toEqual({ 'RE-1': 2, 'RE-2': 2, 'RE-3': 1, 'RE-4': 2, 'RE-5': 1 });
  });

  it('a changed line updates the registration, the case and the person', async () => {
    const first = line('C-1', 200, { closedAt: null, closeReason: null });
    await run(ndjson([first]));
    const c0 = await caseOf('C-1');
    expect(c0).toMatchObject({ status: 'procesregie_lopend', closed_at: null, version: 1 });
    const changed = line('C-1', 200, { closedAt: '2021-03-01', closeReason: 'geen medewerking', municipality: 'GM0114', approach: 'pga', problemAreas: ['schulden'],
      subject: { ...first.subject, lastName: 'Jansen-de Vries', gender: 'anders' } });
    expect(await run(ndjson([changed]))).toMatchObject({ imported: 0, updated: 1 });
    const c1 = await caseOf('C-1');
    expect(c1).toMatchObject({ id: c0!.id, status: 'afgesloten', closed_at: '2021-03-01', close_reason_code: 'geen-medewerking', close_reason: 'geen medewerking', approach: 'pga', version: 2 });
    expect(await registration('C-1')).toMatchObject({ status: 'afgesloten', municipality_code: 'GM0114', problem_areas: ['schulden'], last_name: 'Jansen-de Vries', gender: 'anders', person_id: c0!.person_id });

    // without a BSN the person already linked to the externalId is updated, not duplicated
    const noBsn = line('C-2', 201, { subject: { firstName: 'Els', lastName: 'Zonder', birthDate: '1960-05-05', gender: 'vrouw' } });
    await run(ndjson([noBsn]));
    const p0 = (await registration('C-2'))!.person_id;
    const persons0 = (await counts('C-')).allPersons;
    await run(ndjson([{ ...noBsn, subject: { ...noBsn.subject, lastName: 'Zonder-Nieuw' } }]));
    expect(await registration('C-2')).toMatchObject({ person_id: p0, last_name: 'Zonder-Nieuw' });
    expect((await counts('C-')).allPersons).toBe(persons0);
  });

  it('matches persons on BSN: two cases of one person, one person row', async () => {
    const bsn = bsnFrom(700_001);
    const a = line('B-1', 300, { subject: { firstName: 'Kees', lastName: 'Dubbel', birthDate: '1975-03-03', gender: 'man', bsn } });
    const b = line('B-2', 301, { kind: 'advies', approach: undefined, subject: { firstName: 'Kees', lastName: 'Dubbel', birthDate: '1975-03-03', gender: 'man', bsn } });
    expect(await run(ndjson([a, b]))).toMatchObject({ imported: 2 });
    const [ra, rb] = [await registration('B-1'), await registration('B-2')];
    expect(ra!.person_id).toBe(rb!.person_id);
    expect((await rows(db, sql`select id from persons where tenant_id = ${tenantId} and bsn = ${bsn}`)).length).toBe(1);
  });

  it('one person reached twice in a batch (once by BSN, once through an externalId) still goes in', async () => {
    const bsn = bsnFrom(710_001);
    const subject = { firstName: 'Ria', lastName: 'Twee', birthDate: '1970-07-07', gender: 'vrouw' };
    await run(ndjson([line('P-1', 310, { subject: { ...subject, bsn } })]));
    const person = (await registration('P-1'))!.person_id;
    const r = await run(ndjson([line('P-1', 310, { subject: { ...subject, lastName: 'Twee-Zonder' } }), line('P-2', 311, { subject: { ...subject, bsn } })]));
    expect(r).toMatchObject({ imported: 1, updated: 1, rejectedCount: 0 });
    expect((await registration('P-1'))!.person_id).toBe(person);
    expect((await registration('P-2'))!.person_id).toBe(person);
  });

  it('the same externalId twice in one file: the first is imported, the second updates it', async () => {
    const r = await run(ndjson([line('D-1', 400, { closedAt: null, closeReason: null }), line('D-1', 400)]));
    expect(r).toMatchObject({ imported: 1, updated: 1, rejectedCount: 0 });
    expect(await caseOf('D-1')).toMatchObject({ status: 'afgesloten', closed_at: '2020-06-30' });
  });

  it('rejects each bad line with its line number and imports the good ones', async () => {
    const file = ndjson([
      line('E-ok1', 500),
      '{"externalId": "E-x",', // 2 malformed
      JSON.stringify({ ...line('E-2', 502), registeringPartner: undefined }), // 3 missing field
      line('E-3', 503, { municipality: 'GM9999' }), // 4 unknown municipality
      line('E-4', 504, { registeringPartner: 'brandweer' }), // 5 unknown partner
      line('E-5', 505, { mainTopic: 'onbekend' }), // 6 unknown code
      line('E-6', 506, { registeredAt: '2019-02-30' }), // 7 impossible date
      line('E-7', 507, { closedAt: '2019-11-01' }), // 8 closed before start
      line('E-8', 508, { startedAt: '2099-01-01', closedAt: null }), // 9 future
      line('E-9', 509, { subject: { firstName: 'A', lastName: 'B', birthDate: '1985-04-12', gender: 'man', bsn: '123456789' } }), // 10 BSN
      line('E-10', 510, { approach: undefined }), // 11 approach required
      line('E-11', 511, { mainTopic: undefined }), // 12 mainTopic required
      '', // 13 empty: skipped, not rejected
      line('E-12', 512, { subject: { firstName: 'A', lastName: 'B', birthDate: '2020-01-01', gender: 'man' } }), // 14 born after registration
      line('E-13', 513, { startedAt: '2019-10-01' }), // 15 started before registration
      line('E-14', 514, { problemAreas: ['psychisch', 'geluk'] }), // 16 unknown problem area
      line('E-15', 515, { subject: { firstName: 'A', lastName: 'B', birthDate: '1985-04-12', gender: 'x' } }), // 17 unknown gender
      line('E-16', 516, { children: 'veel' }), // 18 unknown children code
      line('E-17', 517, { kind: 'signaal' }), // 19 unknown kind
      line('E-ok2', 519, { kind: 'informatievraag', approach: undefined }), // 20 good
    ]);
    const r = await run(file);
    expect(r.imported).toBe(2);
    expect(r.updated).toBe(0);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19]);
    const err = (n: number) => r.rejected.find((x) => x.line === n)!.error;
    expect(err(2)).toBe('Ongeldige JSON');
    expect(err(3)).toBe('registeringPartner: ontbreekt');
    expect(err(4)).toContain("onbekende gemeentecode 'GM9999'");
    expect(err(5)).toContain("onbekende partnercode 'brandweer'");
    expect(err(6)).toContain('mainTopic: onbekende hoofdthema');
    expect(err(7)).toContain("registeredAt: bestaat niet: '2019-02-30'");
    expect(err(8)).toContain('closedAt: ligt voor de startdatum');
    expect(err(9)).toContain('startedAt: ligt in de toekomst');
    expect(err(10)).toContain('geen geldig BSN (11-proef)');
    expect(err(11)).toBe('approach: ontbreekt');
    expect(err(12)).toBe('mainTopic: ontbreekt');
    expect(err(14)).toContain('subject.birthDate: ligt na de aanmelddatum');
    expect(err(15)).toContain('startedAt: ligt voor de aanmelddatum');
    expect(err(16)).toContain("onbekend probleemgebied 'geluk'");
    expect(err(17)).toContain('subject.gender');
    expect(err(18)).toContain('children');
    expect(err(19)).toContain("kind: onbekende soort casus 'signaal'");
    const ids = await rows<{ external_id: string }>(db, sql`select external_id from registrations where external_id like 'E-%' order by 1`);
    expect(ids.map((x) => x.external_id)).toEqual(['E-ok1', 'E-ok2']);
  });

  it('a rejected line changes nothing, also for an existing externalId', async () => {
    await run(ndjson([line('R-1', 600)]));
    const snapshot = async () => ({ reg: await registration('R-1'), c: await caseOf('R-1'), n: await counts('R-') });
    const before = await snapshot();
    const r = await run(ndjson([line('R-1', 600, { municipality: 'GM0114', closedAt: '2018-01-01' })]));
    expect(r).toMatchObject({ imported: 0, updated: 0, rejectedCount: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it('never removes a case on re-import: such a line is rejected and changes nothing', async () => {
    await run(ndjson([line('X-1', 650)]));
    const before = await caseOf('X-1');
    const r = await run(ndjson([line('X-1', 650, { kind: 'informatievraag', approach: undefined }), line('X-2', 651)]));
    expect(r).toMatchObject({ imported: 1, updated: 0, rejectedCount: 1 });
    expect(r.rejected[0]).toMatchObject({ line: 1 });
    expect(r.rejected[0]!.error).toContain('heeft al een casus');
    expect(await caseOf('X-1')).toEqual(before);
    expect((await registration('X-1'))!.kind).toBe('procesregie');
  });

  it('a dry run validates and counts but writes nothing', async () => {
    const before = await counts('Y-');
    const r = await run(ndjson([line('Y-1', 700), line('Y-2', 701, { municipality: 'GM0000' }), line('Y-1', 700)]), { dryRun: true, batchSize: 1 });
    expect(r).toMatchObject({ imported: 1, updated: 1, rejectedCount: 1, dryRun: true });
    expect(await counts('Y-')).toEqual(before);
  });

  it('texts with tabs, newlines, backslashes and quotes arrive as written (through the staging table)', async () => {
    // (validation trims a text, so the odd characters stand inside it)
    const odd = 'tab\there, line\nbreak, cr\rhere, back\\slash \\N "quoted" \'single\' {brace,comma} end';
    const r = await run(ndjson([line('Q-1', 650, { closeReason: odd, subject: { firstName: 'Jan\tTab', lastName: 'O\'Neil "\\N"', birthDate: '1985-04-12', gender: 'man' } })]));
    expect(r).toMatchObject({ imported: 1, rejectedCount: 0 });
    expect(await caseOf('Q-1')).toMatchObject({ close_reason: odd, close_reason_code: 'overig' });
    expect(await registration('Q-1')).toMatchObject({ first_name: 'Jan\tTab', last_name: 'O\'Neil "\\N"', bsn: null, problem_areas: ['psychisch', 'verslaving'] });
    // the same line again: nothing changed, nothing written
    expect(await run(ndjson([line('Q-1', 650, { closeReason: odd, subject: { firstName: 'Jan\tTab', lastName: 'O\'Neil "\\N"', birthDate: '1985-04-12', gender: 'man' } })])))
      .toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
  });

  it('numbers new cases per year after the counter, past 9999, and the case flow goes on from there', async () => {
    await db.execute(sql`insert into case_number_counters (tenant_id, year, last) values (${tenantId}, 2012, 9998)
      on conflict (tenant_id, year) do update set last = 9998`);
    const y2012 = (id: string, n: number, day: string) => line(id, n, { registeredAt: '2012-01-02', startedAt: day, closedAt: null, closeReason: null });
    const r = await run(ndjson([y2012('CN-1', 660, '2012-03-01'), y2012('CN-2', 661, '2012-02-01'), line('CN-3', 662, { startedAt: null, closedAt: null }), y2012('CN-4', 663, '2012-12-31')]));
    expect(r).toMatchObject({ imported: 4, rejectedCount: 0 });
    // in line order within the year; a line without a case takes no number
    expect((await caseOf('CN-1'))!.case_number).toBe('2012-9999');
    expect((await caseOf('CN-2'))!.case_number).toBe('2012-10000');
    expect(await caseOf('CN-3')).toBeUndefined();
    expect((await caseOf('CN-4'))!.case_number).toBe('2012-10001');
    expect(await one(db, sql`select last from case_number_counters where tenant_id = ${tenantId} and year = 2012`)).toEqual({ last: 10001 });
    // a re-import keeps the numbers and takes none
    await run(ndjson([y2012('CN-1', 660, '2012-03-01'), y2012('CN-2', 661, '2012-02-01'), y2012('CN-4', 663, '2012-12-31')]));
    expect((await caseOf('CN-2'))!.case_number).toBe('2012-10000');
    expect(await one(db, sql`select last from case_number_counters where tenant_id = ${tenantId} and year = 2012`)).toEqual({ last: 10001 });
    // the case flow's trigger (migration 0024: never cut to four digits) continues the same counter
    const next = await one<{ case_number: string }>(db, sql`insert into cases (tenant_id, registration_id, person_id, kind, status, purpose, started_at)
      select tenant_id, id, person_id, 'procesregie', 'procesregie_lopend', 'Test', date '2012-06-01' from registrations
       where tenant_id = ${tenantId} and external_id = 'CN-3' returning case_number`);
    expect(next).toEqual({ case_number: '2012-10002' });
    const dup = await one<{ n: number }>(db, sql`select count(*)::int as n from (select case_number from cases where tenant_id = ${tenantId}
      group by case_number having count(*) > 1) d`);
    expect(dup).toEqual({ n: 0 });
  });

  it('a re-import updates the current case, not one closed beside it after a rejected triage override', async () => {
    expect(await run(ndjson([line('TO-1', 670, { closedAt: null, closeReason: null })]))).toMatchObject({ imported: 1 });
    const current = (await caseOf('TO-1'))!;
    // a case of the same registration closed after a rejected triage override (migration 0016 keeps it beside the current one)
    const beside = await one<{ id: string }>(db, sql`insert into cases (tenant_id, registration_id, person_id, kind, approach, status, purpose,
        started_at, closed_at, close_reason_code)
      values (${tenantId}, ${current.registration_id}, ${current.person_id}, 'procesregie', 'maatwerk', 'afgesloten', 'Eerdere casus',
        date '2019-11-20', date '2019-12-01', 'triage-override-afgewezen')
      returning id`);
    const r = await run(ndjson([line('TO-1', 670, { approach: 'pga', closedAt: null, closeReason: null })]));
    expect(r).toMatchObject({ imported: 0, updated: 1, unchanged: 0, rejectedCount: 0 });
    expect(await one(db, sql`select approach, version from cases where id = ${current.id}`)).toEqual({ approach: 'pga', version: 2 });
    expect(await one(db, sql`select approach, status, close_reason_code, version from cases where id = ${beside!.id}`))
      .toEqual({ approach: 'maatwerk', status: 'afgesloten', close_reason_code: 'triage-override-afgewezen', version: 1 });
    expect(await one(db, sql`select case_id from registrations where id = ${current.registration_id}`)).toEqual({ case_id: current.id });
  });

  it('killed in the middle: whole batches only, and a re-run completes it', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => line(`K-${String(i).padStart(2, '0')}`, 800 + i));
    const file = ndjson(lines);
    // batch 2 (lines 6-10) fails after its writes, before its commit: as if the process died there
    const err = await run(file, {
      batchSize: 5,
      beforeCommit: (no) => { if (no === 2) throw new Error('simulated crash'); },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportAbortedError);
    expect((err as ImportAbortedError).atLine).toBe(6);
    expect((err as ImportAbortedError).partial).toMatchObject({ imported: 5, updated: 0 });
    const ids = await rows<{ external_id: string }>(db, sql`select external_id from registrations where external_id like 'K-%' order by 1`);
    expect(ids.map((x) => x.external_id)).toEqual(['K-00', 'K-01', 'K-02', 'K-03', 'K-04']);
    const n = await counts('K-');
    expect(n).toMatchObject({ registrations: 5, cases: 5, participants: 5, events: 5, log: 5 });
    // nothing of batch 2 anywhere, not even its persons
    const orphans = await rows(db, sql`select id from persons where last_name in ('Jansen805', 'Jansen806', 'Jansen807', 'Jansen808', 'Jansen809')`);
    expect(orphans).toEqual([]);

    const again = await run(file, { batchSize: 5 });
    expect(again).toMatchObject({ imported: 7, updated: 5, rejectedCount: 0 });
    expect(await counts('K-')).toMatchObject({ registrations: 12, cases: 12, participants: 12 });
  });

  it('a line the database refuses is rejected alone; the rest of its batch goes in', async () => {
    // a trigger stands in for a database rule that validation does not know about
    await transaction(db, async (tx) => {
      await tx.execute(sql`select set_config('role', session_user, true)`); // the owner, for this transaction only
      await tx.execute(sql`create or replace function import_test_refuse() returns trigger language plpgsql as $$
        begin if new.external_id = 'F-3' then raise exception 'F-3 geweigerd door test' using errcode = '23514'; end if; return new; end $$`);
      await tx.execute(sql`create trigger import_test_refuse before insert or update on registrations for each row execute function import_test_refuse()`);
    });
    try {
      const r = await run(ndjson(Array.from({ length: 6 }, (_, i) => line(`F-${i}`, 900 + i))), { batchSize: 6 });
      expect(r).toMatchObject({ imported: 5, updated: 0, rejectedCount: 1 });
      expect(r.rejected[0]!.line).toBe(4);
      expect(r.rejected[0]!.error).toContain('F-3 geweigerd door test');
      expect((await counts('F-')).registrations).toBe(5);
    } finally {
      await transaction(db, async (tx) => {
        await tx.execute(sql`select set_config('role', session_user, true)`);
        await tx.execute(sql`drop trigger import_test_refuse on registrations`);
      });
    }
  });
});

describe('POST /api/import/cases', () => {
  const url = '/api/import/cases';
  const nd = { 'content-type': 'application/x-ndjson' };

  it('imports for the manager and the beheerder', async () => {
    const res = await manager.post(url, ndjson([line('H-1', 1000), line('H-2', 1001, { municipality: 'GM0000' })]), nd);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, updated: 0, rejected: [{ line: 2 }] });
    expect(res.body.rejected[0].error).toContain('GM0000');
    const admin = await env.as('admin@demo.zvh');
    const again = await admin.post(url, ndjson([line('H-1', 1000)]), { 'content-type': 'application/x-ndjson; charset=utf-8' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: [] });
    const changed = await admin.post(url, ndjson([line('H-1', 1000, { closedAt: '2020-07-31' })]), nd);
    expect(changed.body).toMatchObject({ imported: 0, updated: 1, unchanged: 0, rejected: [] });
    const log = await rows<{ actor_email: string; action: string }>(db, sql`select l.actor_email, l.action from processing_log l
      join registrations r on r.id = l.registration_id where r.external_id = 'H-1' order by l.id`);
    // the unchanged line was only compared (a read), the changed one written
    expect(log).toEqual([{ actor_email: 'manager@demo.zvh', action: 'create' }, { actor_email: 'admin@demo.zvh', action: 'read' },
      { actor_email: 'admin@demo.zvh', action: 'update' }]);
  });

  it('streams a file larger than the JSON body limit, in batches', async () => {
    const big = ndjson(Array.from({ length: 3000 }, (_, i) => line(`L-${i}`, 20_000 + i, { closeReason: 'x'.repeat(500) })));
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await manager.post(url, big, nd);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 3000, updated: 0, rejected: [], lines: 3000 });
    expect((await counts('L-')).cases).toBe(3000);
    const empty = await manager.post(url, '', nd);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ imported: 0, updated: 0, rejected: [], lines: 0 });
  });

  it('dryRun=true writes nothing', async () => {
    const res = await manager.post(`${url}?dryRun=true`, ndjson([line('H-9', 1009)]), nd);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, dryRun: true });
    expect(await registration('H-9')).toBeUndefined();
  });

  it('answers 415 to JSON and other content types', async () => {
    const json = await manager.post(url, [line('H-3', 1003)]);
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    expect((await manager.post(url, ndjson([line('H-3', 1003)]), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await manager.post(url)).status).toBe(415);
    expect(await registration('H-3')).toBeUndefined();
  });

  it('answers 403 to procesregisseur and professional, 401 without a session', async () => {
    for (const email of ['regisseur@demo.zvh', 'politie@demo.zvh', 'informatie@demo.zvh']) {
      const c = await env.as(email);
      expect((await c.post(url, ndjson([line('H-4', 1004)]), nd)).status).toBe(403);
    }
    expect((await env.anon.post(url, ndjson([line('H-4', 1004)]), nd)).status).toBe(401);
    expect(await registration('H-4')).toBeUndefined();
  });

  it('the service itself refuses a signed-in user without the import permission, before reading a line', async () => {
    const regisseur: Ctx = { ...ctx, actor: { ...ctx.actor, email: 'regisseur@demo.zvh', roles: ['procesregisseur'] } };
    await expect(importCases(regisseur, [Buffer.from(ndjson([line('H-5', 1005)]))], {})).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(await registration('H-5')).toBeUndefined();
  });

  it('is in the OpenAPI document', async () => {
    const doc = await env.anon.get('/api/openapi.json');
    expect(doc.body.paths['/api/import/cases'].post).toBeDefined();
  });
});
