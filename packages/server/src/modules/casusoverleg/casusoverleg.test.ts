// SPDX-License-Identifier: EUPL-1.2
// Casusoverleggen on a real database: agenda need-to-know for every kind of participant, the
// liaison at the weegoverleg, contributions, minutes turning into agreements, approval and
// lateness, generated meetings, and the iCalendar feed parsed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { addDays } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { GRONINGEN, createUser, freshSubject, openCaseWith, randomId, register, seedSecondTenant } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';
import { hashPassword } from '../../core/auth/password.js';
import type { Ctx } from '../../core/context.js';
import { generateMeetings, lateMinutes } from './service.js';

let env: TestEnv;
let reg: TestClient, pol: TestClient, ggz: TestClient, gem: TestClient, adm: TestClient, mgr: TestClient, liaisonOm: TestClient, liaisonVnn: TestClient;
let tenantId: string;

async function addUser(email: string, organisation: string, roles: string[]) {
  await env.database.db.execute(sql`insert into users (tenant_id, email, name, organisation_code, roles, password_hash, is_demo)
    values (${tenantId}, ${email}, ${'Test ' + organisation}, ${organisation}, ${`{${roles.join(',')}}`}::text[], ${await hashPassword('demo-wachtwoord')}, true)`);
  return env.as(email);
}

beforeAll(async () => {
  env = await setupTestEnv();
  [reg, pol, ggz, gem, adm, mgr] = await Promise.all(['regisseur', 'politie', 'ggz', 'gemeente', 'admin', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
  tenantId = (await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`))!.id;
  liaisonOm = await addUser('liaison-om@test.zvh', 'om', ['liaison']);
  liaisonVnn = await addUser('liaison-vnn@test.zvh', 'vnn', ['liaison']); // vnn is no member of the weegoverleg
});
afterAll(async () => { await env?.close(); });

const weekAhead = addDays(new Date().toISOString().slice(0, 10), 7);
async function plan(type = 'casusoverleg', date = weekAhead) {
  const m = await reg.post('/api/meetings', { type, startsAt: `${date}T09:00:00+01:00`, endsAt: `${date}T10:30:00+01:00`, location: 'ZVH Drenthe, Assen' });
  expect(m.status, m.text).toBe(201);
  return m.body.id as string;
}
async function agenda(meetingId: string, body: Record<string, unknown>) {
  const r = await reg.post(`/api/meetings/${meetingId}/agenda`, body);
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
}
const systemCtx = (): Ctx => ({
  db: env.database.db, traceId: 'test',
  actor: { userId: randomId(), sessionId: 's', tenantId, tenantCode: 'drenthe', email: 'x', name: 'x', organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['procesregisseur'], mustChangePassword: false },
});

describe('meeting types', () => {
  it('the default tenant has the six default types; casusoverleg has no members of its own', async () => {
    const r = await pol.get('/api/meeting-types');
    expect(r.status).toBe(200);
    const codes = r.body.map((t: { code: string }) => t.code);
    for (const c of ['weegoverleg', 'casusoverleg', 'pga-overleg', 'veelplegersoverleg', 'nazorgoverleg', 'lpco']) expect(codes).toContain(c);
    const byCode = Object.fromEntries(r.body.map((t: { code: string }) => [t.code, t]));
    expect(byCode.casusoverleg.memberOrganisations).toEqual([]);
    expect(byCode.weegoverleg.memberOrganisations).toEqual(expect.arrayContaining(['om', 'dji', 'politie', 'ggd-oggz', '3ro']));
    expect(byCode.lpco.chairOrganisation).toBe('om');
    expect(byCode.veelplegersoverleg.frequency.excludedMonths).toEqual([7, 8]);
  });
  it('only the beheerder configures them; bad rules and unknown organisations are refused', async () => {
    const body = { code: 'jeugdoverleg', name: 'Jeugdoverleg', chairOrganisation: 'zvh', memberOrganisations: ['rvdk', 'halt'],
      frequency: { kind: 'monthly', nth: 2, weekday: 4, start: '09:00', end: '10:00', excludedMonths: [7, 8] }, subjectKind: 'cases' };
    expect((await reg.post('/api/meeting-types', body)).status).toBe(403);
    const unknown = await adm.post('/api/meeting-types', { ...body, memberOrganisations: ['bestaat-niet'] });
    expect(unknown.status, unknown.text).toBe(422);
    expect((await adm.post('/api/meeting-types', { ...body, frequency: { ...body.frequency, start: '11:00' } })).status).toBe(422);
    expect((await adm.post('/api/meeting-types', { ...body, frequency: { ...body.frequency, excludedMonths: [13] } })).status).toBe(400);
    const ok = await adm.post('/api/meeting-types', body);
    expect(ok.status, ok.text).toBe(201);
    expect((await adm.post('/api/meeting-types', body)).status).toBe(409);
    const upd = await adm.put(`/api/meeting-types/${ok.body.id}`, { ...body, code: undefined, name: 'Jeugdcasusoverleg', active: false });
    expect(upd.status, upd.text).toBe(200);
  });
});

describe('generated meetings', () => {
  it('generateMeetings is idempotent and skips excluded months; moved or cancelled meetings are not re-created', async () => {
    const ctx = systemCtx();
    const from = '2031-06-01', until = '2031-09-30';
    const n1 = await generateMeetings(ctx, until, from);
    expect(n1).toBeGreaterThan(0);
    expect(await generateMeetings(ctx, until, from)).toBe(0);
    const vp = await rows<{ series_key: string; region: string }>(env.database.db, sql`select m.series_key, m.region from meetings m join meeting_types t on t.id = m.type_id
      where t.code = 'veelplegersoverleg' and m.starts_at between '2031-06-01' and '2031-10-01' order by m.series_key`);
    // 2nd Thursday: 12 June and 11 September 2031, per region; none in July and August
    expect(vp.map((m) => m.series_key)).toEqual(['2031-06-12/noord', '2031-06-12/zuidoost', '2031-06-12/zuidwest', '2031-09-11/noord', '2031-09-11/zuidoost', '2031-09-11/zuidwest']);
    const weeg = await one<{ id: string; starts_at: string }>(env.database.db, sql`select m.id, m.starts_at::text from meetings m join meeting_types t on t.id = m.type_id
      where t.code = 'weegoverleg' and m.series_key = '2031-06-03'`);
    expect(weeg).toBeTruthy(); // Tuesday
    const moved = await reg.patch(`/api/meetings/${weeg!.id}`, { startsAt: '2031-06-04T09:00:00+02:00' });
    expect(moved.status, moved.text).toBe(200);
    expect(await generateMeetings(ctx, until, from)).toBe(0);
    const after = await reg.get(`/api/meetings/${weeg!.id}`);
    expect(Date.parse(after.body.startsAt)).toBe(Date.parse('2031-06-04T09:00:00+02:00'));
    expect(Date.parse(after.body.endsAt)).toBe(Date.parse('2031-06-04T10:30:00+02:00')); // the duration moves along
    const cancelled = await reg.patch(`/api/meetings/${weeg!.id}`, { status: 'geannuleerd' });
    expect(cancelled.status).toBe(200);
    expect(await generateMeetings(ctx, until, from)).toBe(0);
  });
  it('moving a meeting to before its start is refused and changes nothing', async () => {
    const id = await plan();
    const r = await reg.patch(`/api/meetings/${id}`, { endsAt: `${weekAhead}T08:00:00+01:00` });
    expect(r.status).toBe(422);
    expect((await reg.get(`/api/meetings/${id}`)).body.endsAt).not.toBeNull();
  });
});

describe('chair and minute taker', () => {
  const idOf = async (email: string) => (await one<{ id: string }>(env.database.db, sql`select id from users where email = ${email}`))!.id;
  let omChair: TestClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    omChair = await addUser('voorzitter-om@test.zvh', 'om', ['professional']);
    await createUser(env.database.db, { email: 'oud-regisseur@test.zvh', organisation: 'zvh', roles: ['procesregisseur'] });
    await env.database.db.execute(sql`update users set active = false where email = 'oud-regisseur@test.zvh'`);
    await seedSecondTenant(env.database.db);
    for (const [k, email] of Object.entries({
      reg: 'regisseur@demo.zvh', pol: 'politie@demo.zvh', info: 'informatie@demo.zvh', om: 'voorzitter-om@test.zvh', omLiaison: 'liaison-om@test.zvh',
      inactive: 'oud-regisseur@test.zvh', groningen: GRONINGEN.users.regisseur,
    })) ids[k] = await idOf(email);
  });

  it('offers as chair the procesregisseurs and, where the type\'s chair organisation is a member, its professionals; as minute taker only procesregisseurs', async () => {
    const vp = await plan('veelplegersoverleg');
    const r = await reg.get(`/api/meetings/${vp}/staff-candidates`);
    expect(r.status, r.text).toBe(200);
    const chairs = r.body.chairs.map((u: { id: string }) => u.id), takers = r.body.minuteTakers.map((u: { id: string }) => u.id);
    expect(chairs).toContain(ids.reg);
    expect(chairs).toContain(ids.om);
    expect(r.body.chairs.find((u: { id: string }) => u.id === ids.om).organisation).toBe('om');
    for (const k of ['pol', 'info', 'omLiaison', 'inactive', 'groningen']) expect(chairs).not.toContain(ids[k]);
    expect(takers).toContain(ids.reg);
    for (const k of ['om', 'pol', 'info', 'inactive', 'groningen']) expect(takers).not.toContain(ids[k]);
    // a casusoverleg is chaired by the ZVH: no partner
    const co = await plan();
    const c = await reg.get(`/api/meetings/${co}/staff-candidates`);
    expect(c.body.chairs.map((u: { id: string }) => u.id)).not.toContain(ids.om);
    // partners do not plan; an unknown meeting is a 404
    expect((await pol.get(`/api/meetings/${co}/staff-candidates`)).status).toBe(403);
    expect((await reg.get(`/api/meetings/${randomId()}/staff-candidates`)).status).toBe(404);
  });

  it('refuses a chair or minute taker it does not offer, and changes nothing', async () => {
    const co = await plan();
    for (const [field, who] of [['chairUserId', 'pol'], ['chairUserId', 'om'], ['chairUserId', 'inactive'], ['chairUserId', 'groningen'],
      ['minuteTakerId', 'om'], ['minuteTakerId', 'info'], ['minuteTakerId', 'groningen']] as const) {
      const r = await reg.patch(`/api/meetings/${co}`, { location: 'Elders', [field]: ids[who] });
      expect({ field, who, status: r.status }).toEqual({ field, who, status: 422 });
      expect(r.text).toContain(field);
    }
    const after = (await reg.get(`/api/meetings/${co}`)).body;
    expect([after.location, after.chairName, after.minuteTakerName]).toEqual(['ZVH Drenthe, Assen', null, null]);
    const bad = await reg.post('/api/meetings', { type: 'casusoverleg', startsAt: `${weekAhead}T09:00:00+01:00`, chairUserId: ids.pol });
    expect(bad.status).toBe(422);
  });

  it('moves a meeting and names its staff; the named OM chair (and no one else) approves', async () => {
    const vp = await plan('veelplegersoverleg');
    const r = await reg.patch(`/api/meetings/${vp}`, {
      startsAt: `${addDays(weekAhead, 1)}T13:00:00+01:00`, endsAt: `${addDays(weekAhead, 1)}T14:00:00+01:00`,
      location: null, videoLink: 'https://video.example/overleg', chairUserId: ids.om, minuteTakerId: ids.reg,
    });
    expect(r.status, r.text).toBe(200);
    const m = (await omChair.get(`/api/meetings/${vp}`)).body;
    expect(Date.parse(m.startsAt)).toBe(Date.parse(`${addDays(weekAhead, 1)}T13:00:00+01:00`));
    const regName = (await one<{ name: string }>(env.database.db, sql`select name from users where id = ${ids.reg}`))!.name;
    expect([m.location, m.videoLink, m.chairName, m.minuteTakerName]).toEqual([null, 'https://video.example/overleg', 'Test om', regName]);
    expect(m.permissions.approve).toBe(true);
    expect((await reg.get(`/api/meetings/${vp}`)).body.permissions.approve).toBe(false);
    expect((await reg.post(`/api/meetings/${vp}/approve`)).status).toBe(403);
    const ok = await omChair.post(`/api/meetings/${vp}/approve`);
    expect(ok.status, ok.text).toBe(200);
  });
});

describe('agenda need-to-know', () => {
  let meetingId: string;
  const A: Record<string, any> = {}, B: Record<string, any> = {};
  beforeAll(async () => {
    // A: politie's case; B: ggz's case. Assen (GM0106) cases, so gemeente-oov Assen is only in those it is named in.
    A.subject = freshSubject({ firstName: 'Alwin', lastName: `Alfa${Date.now()}` });
    Object.assign(A, await openCaseWith(pol, reg, { subject: A.subject, participants: ['politie'] }));
    B.subject = freshSubject({ firstName: 'Bettie', lastName: `Bravo${Date.now()}` });
    Object.assign(B, await openCaseWith(reg, reg, { subject: B.subject, participants: ['ggz-drenthe'], registration: { registeringPartner: 'ggz-drenthe' } }));
    meetingId = await plan();
    A.question = 'Vraag A: wie legt het huisbezoek af?';
    B.question = 'Vraag B: kan de behandelaar de medicatie bespreken?';
    A.itemId = await agenda(meetingId, { caseId: A.caseId, question: A.question });
    B.itemId = await agenda(meetingId, { caseId: B.caseId, question: B.question });
  });
  const traces = (c: Record<string, any>) => [c.caseId, c.registrationId, c.personId, c.subject.firstName, c.subject.lastName, c.subject.bsn, c.question, c.itemId];

  it('ZVH staff see every item with its case, person and question', async () => {
    for (const client of [reg, mgr]) {
      const r = await client.get(`/api/meetings/${meetingId}`);
      expect(r.status).toBe(200);
      expect(r.body.agenda.map((i: any) => i.caseId)).toEqual([A.caseId, B.caseId]);
      expect(r.body.agenda[0]).toMatchObject({ id: A.itemId, question: A.question, subject: { lastName: A.subject.lastName } });
    }
  });
  it('a participant sees its own case\'s item and nothing that names the other', async () => {
    for (const [client, own, other] of [[pol, A, B], [ggz, B, A]] as const) {
      const r = await client.get(`/api/meetings/${meetingId}`);
      expect(r.status).toBe(200);
      const visible = r.body.agenda.filter((i: any) => !i.besloten);
      expect(visible.map((i: any) => i.caseId)).toEqual([own.caseId]);
      expect(r.body.agenda.filter((i: any) => i.besloten)).toEqual([{ position: expect.any(Number), besloten: true, label: 'Besloten agendapunt' }]);
      for (const s of traces(other)) expect(r.text).not.toContain(String(s));
    }
  });
  it('an organisation invited through the case\'s participants sees the item from then on', async () => {
    const before = await gem.get(`/api/meetings/${meetingId}`);
    expect(before.status).toBe(404);
    const add = await reg.post(`/api/cases/${A.caseId}/participants`, { partner: 'gemeente-oov', reason: 'Gemeente handhaaft de overlast' });
    expect(add.status, add.text).toBeLessThan(300);
    const after = await gem.get(`/api/meetings/${meetingId}`);
    expect(after.status).toBe(200);
    expect(after.body.agenda.filter((i: any) => !i.besloten).map((i: any) => i.caseId)).toEqual([A.caseId]);
    for (const s of traces(B)) expect(after.text).not.toContain(String(s));
    const removed = await reg.post(`/api/cases/${A.caseId}/participants/gemeente-oov/remove`, { reason: 'Niet meer nodig' });
    expect(removed.status, removed.text).toBeLessThan(300);
    expect((await gem.get(`/api/meetings/${meetingId}`)).status).toBe(404); // removed from the case: the meeting is gone for it
  });
  it('a non-participant gets exactly the 404 of a meeting that does not exist, on every route', async () => {
    const liaisonNoCase = liaisonVnn;
    for (const client of [liaisonNoCase]) {
      const real = await client.get(`/api/meetings/${meetingId}`);
      const fake = await client.get(`/api/meetings/${randomId()}`);
      expect(real.status).toBe(404);
      expect(real.text).toBe(fake.text);
    }
    const c1 = await liaisonVnn.post(`/api/meetings/${meetingId}/agenda/${A.itemId}/contributions`, { knownFacts: 'Wij kennen hem' });
    const c2 = await liaisonVnn.post(`/api/meetings/${randomId()}/agenda/${randomId()}/contributions`, { knownFacts: 'Wij kennen hem' });
    expect(c1.status).toBe(404);
    expect(c1.text).toBe(c2.text);
    const pdf = await liaisonVnn.get(`/api/meetings/${meetingId}/print.pdf`);
    expect(pdf.status).toBe(404);
  });
  it('a partner cannot contribute to an item it cannot see (besloten), and sees only its own item\'s contributions', async () => {
    expect((await pol.post(`/api/meetings/${meetingId}/agenda/${B.itemId}/contributions`, { knownFacts: 'x' })).status).toBe(404);
    const ok = await pol.post(`/api/meetings/${meetingId}/agenda/${A.itemId}/contributions`, {
      knownFacts: 'Drie meldingen van overlast in maart', involvement: 'Wijkagent betrokken', risks: 'Escalatie bij huisbezoek' });
    expect(ok.status, ok.text).toBe(201);
    const g = await ggz.post(`/api/meetings/${meetingId}/agenda/${B.itemId}/contributions`, { risks: 'Medicatie gestopt sinds mei' });
    expect(g.status).toBe(201);
    const polView = await pol.get(`/api/meetings/${meetingId}`);
    expect(polView.body.agenda.find((i: any) => i.id === A.itemId).contributions[0]).toMatchObject({ organisation: 'politie', risks: 'Escalatie bij huisbezoek' });
    expect(polView.text).not.toContain('Medicatie gestopt');
    const regView = await reg.get(`/api/meetings/${meetingId}`);
    expect(regView.text).toContain('Medicatie gestopt');
  });
  it('every view of an item logs a read with the case\'s purpose; besloten items log nothing for the viewer', async () => {
    await pol.get(`/api/meetings/${meetingId}`);
    const logs = await rows<{ case_id: string; purpose: string; action: string }>(env.database.db, sql`select case_id, purpose, action from processing_log
      where actor_email = 'politie@demo.zvh' and details->>'object' = 'meeting_item'`);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((l) => l.case_id === A.caseId && l.action === 'read' && l.purpose === A.purpose)).toBe(true);
  });
  it('partners do not plan: POST agenda and minutes are the regisseur\'s', async () => {
    expect((await pol.post(`/api/meetings/${meetingId}/agenda`, { caseId: A.caseId, question: 'x' })).status).toBe(403);
    expect((await pol.post(`/api/meetings/${meetingId}/agenda/${A.itemId}/minutes`, { conclusion: 'x' })).status).toBe(403);
    expect((await reg.post(`/api/meetings/${meetingId}/agenda`, { caseId: A.caseId, question: 'nogmaals' })).status).toBe(409);
    expect((await reg.post(`/api/meetings/${meetingId}/agenda`, { caseId: randomId(), question: 'x' })).status).toBe(404);
    expect((await reg.post(`/api/meetings/${meetingId}/agenda`, { question: 'x' })).status).toBe(422);
  });

  // Municipal departments (reference-data.md): gemeente@demo.zvh (gemeente-oov, Assen only) does
  // not see an item of an Emmen case that names gemeente-oov (that is Emmen's department).
  it('another municipality\'s department does not see an Emmen case\'s item', async () => {
    const E = await openCaseWith(reg, reg, { subject: freshSubject(), participants: ['gemeente-oov', 'politie'], registration: { municipality: 'GM0114' } });
    const m = await plan();
    await agenda(m, { caseId: E.caseId, question: 'Vraag Emmen' });
    const r = await gem.get(`/api/meetings/${m}`);
    expect(r.status).toBe(404);
  });
});

describe('the weegoverleg and its liaisons', () => {
  let meetingId: string, itemId: string, registrationId: string, subject: Record<string, unknown>;
  beforeAll(async () => {
    subject = freshSubject({ firstName: 'Willem', lastName: `Weeg${Date.now()}` });
    registrationId = await register(pol, { subject, municipality: 'GM0119', reason: 'Zorgen over verward gedrag en wapenbezit; buren voelen zich bedreigd.' });
    meetingId = await plan('weegoverleg');
    itemId = await agenda(meetingId, { registrationId, question: 'Weging: procesregie of advies?' });
  });
  it('a liaison of a member organisation sees the minimum: name, birth year, municipality, reason summary; no BSN; logged', async () => {
    const r = await liaisonOm.get(`/api/meetings/${meetingId}`);
    expect(r.status, r.text).toBe(200);
    const item = r.body.agenda[0];
    expect(item.registrationId).toBe(registrationId);
    expect(item.subject).toEqual({ firstName: 'Willem', lastName: subject.lastName, birthYear: 1980, municipality: 'GM0119', reasonSummary: expect.stringContaining('wapenbezit') });
    expect(r.text).not.toContain(String(subject.bsn));
    expect(r.text).not.toContain('1980-05-17');
    const log = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log
      where actor_email = 'liaison-om@test.zvh' and registration_id = ${registrationId} and action = 'read'`);
    expect(log!.n).toBeGreaterThan(0);
  });
  it('the liaison adds what its organisation knows', async () => {
    const c = await liaisonOm.post(`/api/meetings/${meetingId}/agenda/${itemId}/contributions`, { knownFacts: 'Lopende zaak wegens bedreiging' });
    expect(c.status, c.text).toBe(201);
    expect((await reg.get(`/api/meetings/${meetingId}`)).text).toContain('Lopende zaak wegens bedreiging');
  });
  it('a liaison of a non-member, and a member\'s professional without the liaison role, see no registration', async () => {
    expect((await liaisonVnn.get(`/api/meetings/${meetingId}`)).status).toBe(404);
    // politie registered it (and so sees its own registration); dji is a member without that link
    const djiProf = await addUser('dji-prof@test.zvh', 'dji', ['professional']);
    const r = await djiProf.get(`/api/meetings/${meetingId}`); // a member: the meeting, but not the registration
    expect(r.status).toBe(200);
    expect(r.body.agenda).toEqual([{ position: 1, besloten: true, label: 'Besloten agendapunt' }]);
    expect(r.text).not.toContain(String(subject.lastName));
    expect((await ggz.get(`/api/meetings/${meetingId}`)).status).toBe(404);
  });
  it('a case cannot go on the weegoverleg, nor a registration on a casusoverleg', async () => {
    const other = await plan();
    expect((await reg.post(`/api/meetings/${other}/agenda`, { registrationId, question: 'x' })).status).toBe(422);
  });
});

describe('minutes', () => {
  let meetingId: string, itemId: string, c: Awaited<ReturnType<typeof openCaseWith>>;
  beforeAll(async () => {
    c = await openCaseWith(pol, reg, { participants: ['politie', 'ggz-drenthe'] });
    meetingId = await plan();
    itemId = await agenda(meetingId, { caseId: c.caseId, question: 'Wie doet wat?' });
  });
  it('an agreement for an organisation that does not take part is refused and nothing is written', async () => {
    const r = await reg.post(`/api/meetings/${meetingId}/agenda/${itemId}/minutes`, {
      conclusion: 'Conclusie', agreements: [{ partner: 'politie', title: 'Eerste', dueDate: '2031-01-10' }, { partner: 'vnn', title: 'Tweede', dueDate: '2031-01-10' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].field).toBe('agreements.1.partner');
    const caseNow = await reg.get(`/api/cases/${c.caseId}`);
    expect(caseNow.body.agreements).toEqual([]);
    expect((await reg.get(`/api/meetings/${meetingId}`)).body.agenda[0].minutes.conclusion).toBeNull();
  });
  it('minutes with attendees and agreements land in the case\'s plan; partners see them there', async () => {
    await reg.post(`/api/meetings/${meetingId}/confidentiality`, { text: 'Alle aanwezigen verklaren geheimhouding.' });
    const r = await reg.post(`/api/meetings/${meetingId}/agenda/${itemId}/minutes`, {
      conclusion: 'Samen aanpakken', decisions: 'Politie en GGZ plannen huisbezoek', subjectPresent: true,
      attendees: [{ organisation: 'politie', present: true }, { organisation: 'ggz-drenthe', present: false }],
      agreements: [{ partner: 'politie', title: 'Huisbezoek wijkagent', dueDate: '2031-01-10' }, { partner: 'ggz-drenthe', title: 'Behandeling hervatten', dueDate: '2031-01-20' }],
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body.agreements).toHaveLength(2);
    const caseNow = await pol.get(`/api/cases/${c.caseId}`);
    expect(caseNow.body.agreements.map((a: any) => [a.partner, a.title, a.dueDate, a.status])).toEqual(expect.arrayContaining([
      ['politie', 'Huisbezoek wijkagent', '2031-01-10', 'open'], ['ggz-drenthe', 'Behandeling hervatten', '2031-01-20', 'open']]));
    const m = await pol.get(`/api/meetings/${meetingId}`);
    expect(m.body.confidentialityText).toContain('geheimhouding');
    expect(m.body.agenda[0].minutes).toMatchObject({ conclusion: 'Samen aanpakken', subjectPresent: true });
    expect(m.body.agenda[0].agreements).toHaveLength(2);
  });
  it('a later meeting on the same case shows the earlier meeting\'s agreements with their status', async () => {
    const later = await plan('casusoverleg', addDays(weekAhead, 14));
    await agenda(later, { caseId: c.caseId, question: 'Voortgang' });
    const first = (await reg.get(`/api/meetings/${meetingId}`)).body.agenda[0].agreements[0];
    await pol.patch(`/api/agreements/${first.id}`, { status: 'done' });
    const r = await pol.get(`/api/meetings/${later}`);
    const earlier = r.body.agenda[0].earlierAgreements;
    expect(earlier).toHaveLength(2);
    expect(earlier.find((a: any) => a.id === first.id).status).toBe('done');
  });
  it('only the chair approves; approved minutes are final and read-only', async () => {
    expect((await pol.post(`/api/meetings/${meetingId}/approve`)).status).toBe(403);
    const ok = await reg.post(`/api/meetings/${meetingId}/approve`);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.late).toBe(false);
    expect((await reg.post(`/api/meetings/${meetingId}/agenda/${itemId}/minutes`, { conclusion: 'Nieuw' })).status).toBe(409);
    expect((await reg.post(`/api/meetings/${meetingId}/approve`)).status).toBe(409);
    expect((await reg.patch(`/api/meetings/${meetingId}`, { location: 'Elders' })).status).toBe(409);
    expect((await pol.post(`/api/meetings/${meetingId}/agenda/${itemId}/contributions`, { knownFacts: 'Te laat' })).status).toBe(409);
  });
  it('approval needs minutes for every item', async () => {
    const m = await plan();
    await agenda(m, { caseId: c.caseId, question: 'Open punt' });
    const r = await reg.post(`/api/meetings/${m}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('minutes_incomplete');
  });
});

describe('minutes late after 3 working days', () => {
  it('a Friday meeting is late from Thursday, not over the weekend', async () => {
    const c = await openCaseWith(pol, reg, { participants: ['politie'] });
    const m = await plan();
    await agenda(m, { caseId: c.caseId, question: 'Punt' });
    // put the meeting on Friday 27 November 2026
    await env.database.db.execute(sql`update meetings set starts_at = '2026-11-27T09:00:00+01:00', ends_at = '2026-11-27T10:00:00+01:00' where id = ${m}`);
    const ctx = systemCtx();
    expect((await lateMinutes(ctx, '2026-11-30')).some((x) => x.id === m)).toBe(false); // Monday
    expect((await lateMinutes(ctx, '2026-12-02')).some((x) => x.id === m)).toBe(false); // Wednesday: the due day
    const late = (await lateMinutes(ctx, '2026-12-03')).find((x) => x.id === m); // Thursday
    expect(late).toMatchObject({ minutesDue: '2026-12-02', late: true });
    expect(JSON.stringify(late)).not.toMatch(/Persoon|Punt/);
    // approved on Wednesday 2 December: in time, off the list
    const item = await one<{ id: string }>(env.database.db, sql`select id from meeting_items where meeting_id = ${m}`);
    await reg.post(`/api/meetings/${m}/agenda/${item!.id}/minutes`, { conclusion: 'Klaar' });
    await env.database.db.execute(sql`update meetings set minutes_approved_at = '2026-12-02T16:00:00+01:00' where id = ${m}`);
    expect((await lateMinutes(ctx, '2026-12-10')).some((x) => x.id === m)).toBe(false);
    await env.database.db.execute(sql`update meetings set minutes_approved_at = '2026-12-03T08:00:00+01:00' where id = ${m}`);
    expect((await lateMinutes(ctx, '2026-12-10')).some((x) => x.id === m)).toBe(true);
    expect((await reg.get('/api/meetings/late-minutes')).status).toBe(200);
    expect((await pol.get('/api/meetings/late-minutes')).status).toBe(403);
  });
});

describe('iCalendar feed', () => {
  it('has a VEVENT per meeting of the organisation, no personal data, parses back; revoked tokens answer 404', async () => {
    const c = await openCaseWith(pol, reg, { participants: ['politie'], subject: freshSubject({ firstName: 'Kalender', lastName: `Kees${Date.now()}` }) });
    const m = await plan();
    await agenda(m, { caseId: c.caseId, question: 'Vraag over Kees, geheim' });
    const other = await plan(); // no politie item: not in politie's feed
    const url = await pol.get('/api/account/calendar');
    expect(url.status).toBe(200);
    expect(url.body.url).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{40,}$/);
    expect((await pol.get('/api/account/calendar')).body.url).toBe(url.body.url); // stable until revoked
    const stored = await one<{ token_hash: string }>(env.database.db, sql`select token_hash from calendar_tokens where revoked_at is null
      and user_id = (select id from users where email = 'politie@demo.zvh')`);
    expect(url.body.url).not.toContain(stored!.token_hash);
    const feed = await env.anon.get(url.body.url);
    expect(feed.status).toBe(200);
    expect(String(feed.headers['content-type'])).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('\r\n');
    expect(feed.text).not.toMatch(/[^\r]\n/);
    const cal = new ICAL.Component(ICAL.parse(feed.text));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const ids = events.map((e) => e.uid.split('@')[0]);
    expect(ids).toContain(m);
    expect(ids).not.toContain(other);
    const ev = events.find((e) => e.uid.startsWith(m))!;
    expect(ev.summary).toBe('Casusoverleg');
    expect(ev.location).toBe('ZVH Drenthe, Assen');
    expect(ev.startDate.toJSDate().getTime()).toBe(Date.parse(`${weekAhead}T09:00:00+01:00`));
    for (const s of [c.caseId, 'Kalender', 'Kees', 'geheim', 'Peter']) expect(feed.text).not.toContain(s);
    // ZVH staff get every meeting
    const regFeed = await env.anon.get((await reg.get('/api/account/calendar')).body.url);
    expect(regFeed.text).toContain(other);
    // revoke and re-issue
    const re = await pol.post('/api/account/calendar');
    expect(re.body.url).not.toBe(url.body.url);
    expect((await env.anon.get(url.body.url)).status).toBe(404);
    expect((await env.anon.get(re.body.url)).status).toBe(200);
    expect((await pol.delete('/api/account/calendar')).status).toBe(204);
    expect((await env.anon.get(re.body.url)).status).toBe(404);
    expect((await env.anon.get('/api/calendar/nonsense-token-that-is-long-enough-x')).status).toBe(404);
  });
});

describe('printable agenda per participant', () => {
  it('is a PDF with only the reader\'s items', async () => {
    const a = await openCaseWith(pol, reg, { participants: ['politie'] });
    const b = await openCaseWith(reg, reg, { participants: ['ggz-drenthe'], registration: { registeringPartner: 'ggz-drenthe' } });
    const m = await plan();
    await agenda(m, { caseId: a.caseId, question: 'A' });
    await agenda(m, { caseId: b.caseId, question: 'B' });
    const r = await pol.get(`/api/meetings/${m}/print.pdf`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toBe('application/pdf');
    expect(r.text.startsWith('%PDF')).toBe(true);
    const exports = await rows<{ case_id: string }>(env.database.db, sql`select case_id from processing_log where actor_email = 'politie@demo.zvh'
      and action = 'export' and details->>'view' = 'meeting_pdf'`);
    expect(exports.map((e) => e.case_id)).toEqual([a.caseId]);
  });
});

describe('meeting list', () => {
  it('lists what the user may see, without personal data', async () => {
    const c = await openCaseWith(pol, reg, { participants: ['politie'] });
    const m = await plan('casusoverleg', addDays(weekAhead, 1));
    await agenda(m, { caseId: c.caseId, question: 'Lijstvraag' });
    const from = addDays(weekAhead, 1);
    const pl = await pol.get(`/api/meetings?from=${from}&to=${from}`);
    expect(pl.status).toBe(200);
    expect(pl.body.find((x: any) => x.id === m)).toMatchObject({ type: 'casusoverleg', itemCount: 1 });
    expect(pl.text).not.toContain('Lijstvraag');
    expect((await ggz.get(`/api/meetings?from=${from}&to=${from}`)).body.some((x: any) => x.id === m)).toBe(false);
    expect((await pol.get(`/api/meetings?from=${from}&to=2020-01-01`)).status).toBe(422);
  });
});
