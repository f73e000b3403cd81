// SPDX-License-Identifier: EUPL-1.2
// Aanmelding: validation at the edge and against the reference data (4xx naming the failing
// field, nothing created), registering for the own organisation only, one person record per BSN
// with the earlier cases shown to the regisseur.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidBsn } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, freshSubject, nextBsn, openCaseWith, register, registrationBody } from '../../test/fixtures.js';
import type { SQL } from 'drizzle-orm';
import type { Role } from '@zvh/shared';
import { one, rows, sql } from '../../core/db/index.js';
import type { Ctx } from '../../core/context.js';
import { getRegistration } from './service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, inf: TestClient, mgr: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, inf, mgr] = await Promise.all(['politie', 'regisseur', 'gemeente', 'informatie', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

/** Everything a registration writes, processing log included (a refused one must log nothing either). */
const counts = async (): Promise<Record<string, number>> => ({
  ...(await dataFingerprint(env.database.db)),
  log: (await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log`))!.n,
  relations: (await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from registration_relations`))!.n,
});
const personOf = async (registrationId: string) => (await one<{ person_id: string }>(env.database.db, sql`select person_id from registrations where id = ${registrationId}`))!.person_id;

describe('validation', () => {
  const subject = freshSubject();
  const withSubject = (o: Record<string, unknown>) => registrationBody({ subject: { ...subject, ...o } });
  const { kind: _k, ...noKind } = registrationBody({ subject });
  const { reason: _r, ...noReason } = registrationBody({ subject });
  const { problemAreas: _p, ...noProblemAreas } = registrationBody({ subject });
  const { firstName: _f, ...noFirstName } = subject;
  const household = (o: Record<string, unknown>) => registrationBody({ subject, household: [{ firstName: 'Kim', lastName: 'Kind', birthDate: '2015-01-01', relation: 'kind', ...o }] });

  const cases: [string, unknown, number, string][] = [
    ['invalid BSN (11-test)', withSubject({ bsn: '123456789' }), 422, 'subject.bsn'],
    ['BSN of 8 digits', withSubject({ bsn: '12345678' }), 400, 'subject.bsn'],
    ['BSN of letters', withSubject({ bsn: '12345678a' }), 400, 'subject.bsn'],
    ['unknown municipality', registrationBody({ subject, municipality: 'GM9999' }), 422, 'municipality'],
    ['unknown partner', registrationBody({ subject, registeringPartner: 'bestaat-niet' }), 422, 'registeringPartner'],
    ['unknown kind', registrationBody({ subject, kind: 'rechtszaak' }), 422, 'kind'],
    ['unknown main topic', registrationBody({ subject, mainTopic: 'iets-anders' }), 422, 'mainTopic'],
    ['procesregie without main topic', registrationBody({ subject, mainTopic: null }), 422, 'mainTopic'],
    ['unknown problem area', registrationBody({ subject, problemAreas: ['psychisch', 'astrologie'] }), 422, 'problemAreas.1'],
    ['unknown gender', withSubject({ gender: 'onbekend-x' }), 422, 'subject.gender'],
    ['unknown urgency', registrationBody({ subject, urgency: 'morgen' }), 422, 'urgency'],
    ['unknown involved partner', registrationBody({ subject, involvedPartners: ['politie', 'bestaat-niet'] }), 422, 'involvedPartners.1'],
    ['unknown household relation', household({ relation: 'buurman' }), 422, 'household.0.relation'],
    ['invalid household BSN', household({ bsn: '123456789' }), 422, 'household.0.bsn'],
    ['household birth date in the future', household({ birthDate: '2999-01-01' }), 422, 'household.0.birthDate'],
    ['birth date in the future', withSubject({ birthDate: '2999-01-01' }), 422, 'subject.birthDate'],
    ['birth date that does not exist', withSubject({ birthDate: '1990-02-30' }), 400, 'subject.birthDate'],
    ['birth date in another format', withSubject({ birthDate: '17-05-1980' }), 400, 'subject.birthDate'],
    ['missing kind', noKind, 400, 'kind'],
    ['missing reason', noReason, 400, 'reason'],
    ['missing problem areas', noProblemAreas, 400, 'problemAreas'],
    ['missing first name', registrationBody({ subject: noFirstName }), 400, 'subject.firstName'],
    ['empty reason', registrationBody({ subject, reason: '' }), 400, 'reason'],
    ['reason over 5000 characters', registrationBody({ subject, reason: 'x'.repeat(5001) }), 400, 'reason'],
    ['tried over 5000 characters', registrationBody({ subject, tried: 'x'.repeat(5001) }), 400, 'tried'],
    ['last name over 100 characters', withSubject({ lastName: 'x'.repeat(101) }), 400, 'subject.lastName'],
    ['problem area twice', registrationBody({ subject, problemAreas: ['psychisch', 'psychisch'] }), 400, 'problemAreas'],
  ];

  it.each(cases)('%s -> %i naming %s, nothing created', async (_name, body, status, field) => {
    const before = await counts();
    const r = await pol.post('/api/registrations', body);
    expect(r.status, r.text).toBe(status);
    expect(r.body.error.code).toBe('validation');
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('reports every failing field at once', async () => {
    const r = await pol.post('/api/registrations', registrationBody({ subject: { ...subject, bsn: '123456789' }, municipality: 'GM9999', mainTopic: 'x' }));
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['mainTopic', 'municipality', 'subject.bsn']);
  });

  it('refuses malformed JSON, other content types and text with NUL characters without a 500', async () => {
    const before = await counts();
    expect((await pol.post('/api/registrations', '{"kind": ', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await pol.post('/api/registrations', JSON.stringify(registrationBody({ subject })), { 'content-type': 'text/plain' })).status).toBe(415);
    const form = await pol.post('/api/registrations', 'kind=procesregie', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    for (const body of [registrationBody({ subject, reason: 'Overlast\u0000' }), registrationBody({ subject: { ...subject, lastName: 'Nul\u0000' } })]) {
      const r = await pol.post('/api/registrations', body);
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts a registration with only the contract\'s fields, and one with every optional field', async () => {
    const min = await pol.post('/api/registrations', {
      kind: 'procesregie', municipality: 'GM0114', registeringPartner: 'politie',
      subject: { firstName: 'Mila', lastName: 'Minimaal', birthDate: '2001-07-07', gender: 'vrouw' },
      mainTopic: 'huiselijk-geweld', problemAreas: [], reason: 'Zorgen over de thuissituatie',
    });
    expect(min.status, min.text).toBe(201);
    expect(min.body).toMatchObject({ id: expect.any(String), status: 'aangemeld' });
    const full = await pol.post('/api/registrations', registrationBody({
      subject: freshSubject(), household: [{ firstName: 'Kim', lastName: 'Kind', birthDate: '2015-01-01', gender: 'man', relation: 'kind' }],
      children: null, crossesMunicipalityBorder: true, tried: 'Gesprekken', involvedPartners: ['ggz-drenthe'], urgency: 'hoog',
    }));
    expect(full.status, full.text).toBe(201);
    const d = (await reg.get(`/api/registrations/${full.body.id}`)).body;
    expect(d).toMatchObject({ urgency: 'hoog', crossesMunicipalityBorder: true, tried: 'Gesprekken', involvedPartners: ['ggz-drenthe'], registeringPartner: 'politie' });
    expect(d.household).toEqual([expect.objectContaining({ firstName: 'Kim', relation: 'kind' })]);
    // a kind other than procesregie needs no main topic
    const advice = await pol.post('/api/registrations', registrationBody({ subject: freshSubject(), kind: 'advies', mainTopic: null }));
    expect(advice.status, advice.text).toBe(201);
  });
});

describe('registering organisation', () => {
  it('a partner registers only for its own organisation', async () => {
    const before = await counts();
    const r = await pol.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'ggz-drenthe' }));
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ field: 'registeringPartner', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
    const own = await gem.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'gemeente-oov' }));
    expect(own.status).toBe(201);
  });

  it('ZVH staff register on behalf of a partner, who then sees the registration', async () => {
    const r = await reg.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'gemeente-oov' }));
    expect(r.status).toBe(201);
    expect((await gem.get(`/api/registrations/${r.body.id}`)).status).toBe(200);
    expect((await pol.get(`/api/registrations/${r.body.id}`)).status).toBe(404);
    const i = await inf.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'politie' }));
    expect(i.status).toBe(201);
    // the ZVH itself is no registering partner; managers do not register
    expect((await reg.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'zvh' }))).status).toBe(422);
    expect((await mgr.post('/api/registrations', registrationBody({ subject: freshSubject() }))).status).toBe(403);
  });
});

describe('a known person', () => {
  it('with the same BSN is one person record; the regisseur sees the earlier cases in history', async () => {
    const bsn = nextBsn();
    expect(isValidBsn(bsn)).toBe(true);
    const subject = freshSubject({ bsn });
    const personsBefore = (await counts()).persons;
    const first = await openCaseWith(pol, reg, { subject });
    expect((await reg.post(`/api/cases/${first.caseId}/close`, { reason: 'Klaar' })).status).toBe(200);
    const secondReg = await register(gem, { registeringPartner: 'gemeente-oov', subject: { ...subject, firstName: 'Anders gespeld' } });
    const third = await register(pol, { subject });
    expect((await counts()).persons).toBe(personsBefore + 1);
    const person = await personOf(third);
    expect(await personOf(secondReg)).toBe(person);
    expect(first.personId).toBe(person);

    const d = await reg.get(`/api/registrations/${third}`);
    expect(d.body.subject).toMatchObject({ id: person, bsn });
    const history = d.body.history as { registrationId: string; caseId: string | null; caseStatus: string | null }[];
    expect(history.map((h) => h.registrationId).sort()).toEqual([first.registrationId, secondReg].sort());
    expect(history.find((h) => h.registrationId === first.registrationId)).toMatchObject({ caseId: first.caseId, caseStatus: 'afgesloten' });
    // a partner gets no history, not even of its own earlier registrations of this person
    expect((await pol.get(`/api/registrations/${third}`)).body.history).toEqual([]);
  });

  it('without a BSN a new person record is made every time', async () => {
    const subject = freshSubject({ bsn: null });
    const a = await register(pol, { subject });
    const b = await register(pol, { subject: { ...subject, bsn: '' } });
    expect(await personOf(a)).not.toBe(await personOf(b));
  });

  it('a household member with the main person\'s BSN is not linked twice', async () => {
    const subject = freshSubject();
    const member = { firstName: 'Kim', lastName: 'Kind', birthDate: '2015-01-01', relation: 'kind', bsn: nextBsn() };
    const id = await register(pol, { subject, household: [member, { ...subject, relation: 'overig' }] });
    const rel = await rows<{ relation: string }>(env.database.db, sql`select relation from registration_relations where registration_id = ${id}`);
    expect(rel).toEqual([{ relation: 'kind' }]);
    // the member is a known person from now on
    const again = await register(pol, { subject: { ...member, gender: 'man' } });
    const memberId = (await one<{ person_id: string }>(env.database.db, sql`select person_id from registration_relations where registration_id = ${id}`))!.person_id;
    expect(await personOf(again)).toBe(memberId);
  });
});

describe('what a registration read selects', () => {
  /** Runs the service as a signed-in user with a database that records every statement's SQL text. */
  async function selectsOf(email: string, id: string) {
    const seen: string[] = [];
    const db = env.database.db;
    const spy = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'execute') {
          return (q: SQL) => { seen.push((target as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string } } }).dialect.sqlToQuery(q).sql); return target.execute(q); };
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const u = (await one<{ id: string; tenant_id: string; organisation_code: string; kind: 'zvh' | 'partner'; roles: Role[] }>(db, sql`
      select u.id, u.tenant_id, u.organisation_code, o.kind, u.roles from users u join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
       where u.email = ${email}`))!;
    const ctx: Ctx = {
      traceId: 'test', db: spy,
      actor: { userId: u.id, sessionId: 'test', tenantId: u.tenant_id, tenantCode: 'drenthe', email, name: email, organisationCode: u.organisation_code,
        organisationKind: u.kind, municipalityCode: null, roles: u.roles, mustChangePassword: false },
    };
    const result = await getRegistration(ctx, id);
    return { result: result as Record<string, any>, seen: seen.join('\n') };
  }

  it('leaves the BSN and the triage deliberation out in SQL for the registrant; the ZVH gets them', async () => {
    const subject = freshSubject();
    const { registrationId } = await openCaseWith(pol, reg, { subject });
    const partner = await selectsOf('politie@demo.zvh', registrationId);
    expect(partner.result.subject.bsn).toBeUndefined();
    expect(partner.seen).not.toMatch(/p\.bsn/);
    expect(Object.keys(partner.result.triage).sort()).toEqual(['advice', 'outcome', 'referredTo', 'triagedAt']);
    expect(JSON.stringify(partner.result)).not.toContain(subject.bsn as string);
    const zvh = await selectsOf('regisseur@demo.zvh', registrationId);
    expect(zvh.seen).toMatch(/p\.bsn/);
    expect(zvh.result.subject.bsn).toBe(subject.bsn);
    expect(zvh.result.triage).toMatchObject({ criteria: expect.any(Object), participants: expect.any(Array) });
  });
});
