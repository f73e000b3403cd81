// SPDX-License-Identifier: EUPL-1.2
// The permission matrix of the case flow: EVERY route under /api/registrations, /api/cases,
// /api/agreements, /api/documents, /api/journal, /api/my-work and /api/persons (taken from the app's route
// inventory; a route missing from the table fails the suite) called as every kind of user, with
// the expected status per route and user written out below.
//
// Columns (users):
//   admin      beheerder (ZVH)            manager    manager (ZVH)
//   regisseur  procesregisseur (ZVH)      informatie informatiemakelaar (ZVH)
//   politie    partner professional; participates in the case, made the registration, owns the agreement
//   gemeente   partner professional; participates in the case (other organisation than the agreement's
//              owner), did NOT make the registration
//   ggz        partner professional; does not participate in the case
//   anon       no session
//
// A successful write runs on a fresh case (or registration / person pair) of its own. A refused
// write runs on the route's shared fixture and must change nothing (row counts and versions are
// compared before and after), so the order of the tests does not matter.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, freshSubject, openCaseWith, pdfUpload, register, registrationBody, triageBody } from '../../test/fixtures.js';
import { one, sql } from '../../core/db/index.js';

const USERS = ['admin', 'manager', 'regisseur', 'informatie', 'politie', 'gemeente', 'ggz', 'anon'] as const;
type User = (typeof USERS)[number];
const EMAIL: Record<Exclude<User, 'anon'>, string> = {
  admin: 'admin@demo.zvh', manager: 'manager@demo.zvh', regisseur: 'regisseur@demo.zvh', informatie: 'informatie@demo.zvh',
  politie: 'politie@demo.zvh', gemeente: 'gemeente@demo.zvh', ggz: 'ggz@demo.zvh',
};
const PREFIXES = ['/api/registrations', '/api/cases', '/api/agreements', '/api/documents', '/api/journal', '/api/my-work', '/api/persons'];

/** What a request works on: a registration of politie, and when triaged its case (politie and gemeente-oov take part). */
interface Fx {
  registrationId: string;
  caseId?: string;
  personId?: string;
  personName?: string;
  agreementId?: string;
  documentId?: string;
  otherPersonId?: string;
  /** A journal entry of politie for all participants (issue 8: only its author withdraws or corrects it). */
  journalId?: string;
}
type FixtureKind = 'none' | 'registration' | 'case' | 'case+agreement' | 'case+journal' | 'closedCase' | 'personPair' | 'read';

interface Spec {
  fixture: FixtureKind;
  request: (fx: Fx) => { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; body?: unknown };
  /** Expected status per user, in the order of USERS. */
  expect: readonly [number, number, number, number, number, number, number, number];
  /** For lists: the id that must (or must not) be in the answer, and who should find it. */
  lists?: { id: (fx: Fx) => string; visibleTo: User[] };
}

const ALL_200 = [200, 200, 200, 200, 200, 200, 200, 401] as const;
const ZVH_OR_PARTICIPANT = [200, 200, 200, 200, 200, 200, 404, 401] as const;
const REGISSEUR_ONLY = (ok: number) => [403, 403, ok, 403, 403, 403, 403, 401] as const;
const TRIAGE = [403, 403, 200, 200, 403, 403, 403, 401] as const;
const CONTRIBUTE = [403, 403, 201, 201, 201, 201, 404, 401] as const;
const AUTHOR_ONLY = (ok: number) => [403, 403, 403, 403, ok, 403, 404, 401] as const;
const CLOSE_REOPEN = [403, 403, 200, 403, 403, 403, 404, 401] as const;
const PERSON_INDEX = [403, 403, 200, 200, 403, 403, 403, 401] as const;

const TABLE: Record<string, Spec> = {
  'GET /api/registrations': {
    fixture: 'read', request: () => ({ method: 'GET', url: '/api/registrations' }), expect: ALL_200,
    lists: { id: (fx) => fx.registrationId, visibleTo: ['admin', 'manager', 'regisseur', 'informatie', 'politie'] },
  },
  'POST /api/registrations': {
    // for politie's organisation: gemeente and ggz may not register on politie's behalf
    fixture: 'none', request: () => ({ method: 'POST', url: '/api/registrations', body: registrationBody({ subject: freshSubject() }) }),
    expect: [403, 403, 201, 201, 201, 422, 422, 401],
  },
  'GET /api/registrations/:id': {
    fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/registrations/${fx.registrationId}` }),
    expect: [200, 200, 200, 200, 200, 404, 404, 401],
  },
  'GET /api/registrations/:id/informing': {
    fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/registrations/${fx.registrationId}/informing` }),
    expect: [200, 200, 200, 200, 200, 404, 404, 401],
  },
  'PUT /api/registrations/:id/informing': {
    // the registrant and the ZVH's case staff record it (AVG art. 14); beheerder and manager do not
    fixture: 'registration',
    request: (fx) => ({ method: 'PUT', url: `/api/registrations/${fx.registrationId}/informing`, body: { status: 'not_informed', reason: 'gevaar', note: 'Dreiging richting de melder is bekend' } }),
    expect: [403, 403, 200, 200, 200, 404, 404, 401],
  },
  'POST /api/registrations/:id/triage/start': {
    fixture: 'registration', request: (fx) => ({ method: 'POST', url: `/api/registrations/${fx.registrationId}/triage/start` }), expect: TRIAGE,
  },
  'POST /api/registrations/:id/triage': {
    fixture: 'registration', request: (fx) => ({ method: 'POST', url: `/api/registrations/${fx.registrationId}/triage`, body: triageBody('procesregie') }), expect: TRIAGE,
  },
  'GET /api/cases': {
    fixture: 'read', request: () => ({ method: 'GET', url: '/api/cases' }), expect: ALL_200,
    lists: { id: (fx) => fx.caseId!, visibleTo: ['admin', 'manager', 'regisseur', 'informatie', 'politie', 'gemeente'] },
  },
  'GET /api/cases/:id': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}` }), expect: ZVH_OR_PARTICIPANT },
  'PATCH /api/cases/:id': {
    fixture: 'case', request: (fx) => ({ method: 'PATCH', url: `/api/cases/${fx.caseId}`, body: { approach: 'pga' } }), expect: REGISSEUR_ONLY(200),
  },
  'PUT /api/cases/:id/plan': {
    fixture: 'case',
    request: (fx) => ({ method: 'PUT', url: `/api/cases/${fx.caseId}/plan`, body: { analysis: [{ domain: 'psychisch', problem: 'Verward gedrag' }], goals: [{ text: 'Stabiel wonen' }] } }),
    expect: REGISSEUR_ONLY(200),
  },
  'GET /api/cases/:id/outcome': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/outcome` }), expect: REGISSEUR_ONLY(200) },
  'PUT /api/cases/:id/outcome/:moment': {
    fixture: 'case', request: (fx) => ({ method: 'PUT', url: `/api/cases/${fx.caseId}/outcome/start`, body: { scores: { huisvesting: 2 }, safetyRisk: 'hoog' } }),
    expect: REGISSEUR_ONLY(200),
  },
  'POST /api/cases/:id/ave-phase': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/ave-phase`, body: { phase: 2, reason: 'Afspraken lopen achter' } }), expect: REGISSEUR_ONLY(200),
  },
  'POST /api/cases/:id/participants': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/participants`, body: { partner: 'vnn', reason: 'Verslavingszorg nodig' } }),
    expect: REGISSEUR_ONLY(201),
  },
  'POST /api/cases/:id/participants/:partner/remove': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/participants/gemeente-oov/remove`, body: { reason: 'Geen rol meer' } }),
    expect: REGISSEUR_ONLY(200),
  },
  'POST /api/cases/:id/agreements': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/agreements`, body: { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' } }),
    expect: REGISSEUR_ONLY(201),
  },
  'PATCH /api/agreements/:id': {
    // the agreement belongs to politie: politie and the regisseur may update it, gemeente (other organisation) not, ggz does not see it
    fixture: 'case+agreement', request: (fx) => ({ method: 'PATCH', url: `/api/agreements/${fx.agreementId}`, body: { status: 'done', note: 'Huisbezoek afgelegd' } }),
    expect: [403, 403, 200, 403, 200, 403, 404, 401],
  },
  'POST /api/cases/:id/journal': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/journal`, body: { text: 'Overleg gehad met betrokkene', visibility: 'all' } }), expect: CONTRIBUTE,
  },
  'POST /api/cases/:id/documents': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/documents`, body: pdfUpload() }), expect: CONTRIBUTE,
  },
  'POST /api/journal/:id/withdraw': {
    fixture: 'case+journal', request: (fx) => ({ method: 'POST', url: `/api/journal/${fx.journalId}/withdraw`, body: {} }), expect: AUTHOR_ONLY(200),
  },
  'POST /api/journal/:id/correct': {
    fixture: 'case+journal', request: (fx) => ({ method: 'POST', url: `/api/journal/${fx.journalId}/correct`, body: { text: 'Gecorrigeerd', visibility: 'all' } }),
    expect: AUTHOR_ONLY(201),
  },
  'GET /api/documents/:id/content': {
    fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/documents/${fx.documentId}/content` }), expect: ZVH_OR_PARTICIPANT,
  },
  'GET /api/cases/:id/timeline': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/timeline` }), expect: ZVH_OR_PARTICIPANT },
  'GET /api/cases/:id/audit': {
    fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/audit` }), expect: [200, 200, 200, 403, 403, 403, 403, 401],
  },
  'POST /api/cases/:id/close': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/close`, body: { reason: 'Doel bereikt', reasonCode: 'doel-bereikt' } }),
    expect: CLOSE_REOPEN,
  },
  'POST /api/cases/:id/reopen': {
    fixture: 'closedCase', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/reopen`, body: { reason: 'Nieuwe meldingen' } }), expect: CLOSE_REOPEN,
  },
  'GET /api/my-work': { fixture: 'read', request: () => ({ method: 'GET', url: '/api/my-work' }), expect: ALL_200 },
  // its sections, each a paged list (issue 12): for everyone, each sees only its own rows (my-work.test.ts)
  'GET /api/my-work/agreements': { fixture: 'read', request: () => ({ method: 'GET', url: '/api/my-work/agreements' }), expect: ALL_200 },
  'GET /api/my-work/cases-with-overdue': { fixture: 'read', request: () => ({ method: 'GET', url: '/api/my-work/cases-with-overdue' }), expect: ALL_200 },
  'GET /api/my-work/inactive-cases': { fixture: 'read', request: () => ({ method: 'GET', url: '/api/my-work/inactive-cases' }), expect: ALL_200 },
  'GET /api/my-work/waiting-triage': { fixture: 'read', request: () => ({ method: 'GET', url: '/api/my-work/waiting-triage' }), expect: ALL_200 },
  'GET /api/persons': {
    fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/persons?q=${encodeURIComponent(fx.personName!)}` }), expect: PERSON_INDEX,
  },
  'GET /api/persons/:id': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/persons/${fx.personId}` }), expect: PERSON_INDEX },
  // the privacy officer's export (6 of 7): the privacy role only (tests in modules/privacy)
  'GET /api/persons/:id/export': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/persons/${fx.personId}/export` }), expect: [403, 403, 403, 403, 403, 403, 403, 401] },
  'GET /api/persons/:id/export.pdf': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/persons/${fx.personId}/export.pdf` }), expect: [403, 403, 403, 403, 403, 403, 403, 401] },
  'POST /api/cases/:id/retention-extension': {
    fixture: 'read', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/retention-extension`, body: { reason: 'Lopend strafrechtelijk onderzoek', until: '2099-01-01' } }),
    expect: REGISSEUR_ONLY(201),
  },
  // andere ZVH (issue 10): off by default, so the roles that may ask or transfer get 409 not_enabled here (andere-zvh.test.ts switches it on)
  'POST /api/persons/:id/other-zvh-check': {
    fixture: 'read', request: (fx) => ({ method: 'POST', url: `/api/persons/${fx.personId}/other-zvh-check` }), expect: [403, 403, 409, 409, 403, 403, 403, 401],
  },
  'POST /api/cases/:id/transfers': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/transfers`, body: { toTenant: 'groningen', reason: 'Verhuist' } }), expect: REGISSEUR_ONLY(409),
  },
  'GET /api/cases/:id/transfers': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/transfers` }), expect: REGISSEUR_ONLY(200) },
  'GET /api/cases/:id/transfer-export': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/transfer-export` }), expect: REGISSEUR_ONLY(409) },
  // informatieknooppunt, advies and escalation (issue 10); on a procesregie case the advice routes answer 409 not_advice,
  // on a registration that is no informatievraag the answer route 409; a non-participant always gets 404
  'POST /api/registrations/:id/answer': {
    fixture: 'registration', request: (fx) => ({ method: 'POST', url: `/api/registrations/${fx.registrationId}/answer`, body: { answer: 'Bekend bij politie; contact via de wijkagent.' } }),
    expect: [403, 403, 403, 409, 403, 403, 403, 401],
  },
  'POST /api/registrations/:id/partner-requests': {
    fixture: 'registration', request: (fx) => ({ method: 'POST', url: `/api/registrations/${fx.registrationId}/partner-requests`, body: { partner: 'ggz-drenthe', question: 'Is betrokkene bekend?', dueDate: '2030-01-31' } }),
    expect: [403, 403, 201, 201, 403, 403, 403, 401],
  },
  'GET /api/registrations/:id/partner-requests': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/registrations/${fx.registrationId}/partner-requests` }), expect: [403, 403, 200, 200, 403, 403, 403, 401] },
  'POST /api/cases/:id/partner-requests': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/partner-requests`, body: { partner: 'politie', question: 'Lopende trajecten?', dueDate: '2030-01-31' } }),
    expect: [403, 403, 201, 201, 403, 403, 403, 401],
  },
  'GET /api/cases/:id/partner-requests': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/partner-requests` }), expect: ZVH_OR_PARTICIPANT },
  'GET /api/cases/:id/advice': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/advice` }), expect: [409, 409, 409, 409, 409, 409, 404, 401] },
  'PUT /api/cases/:id/advice': {
    fixture: 'case', request: (fx) => ({ method: 'PUT', url: `/api/cases/${fx.caseId}/advice`, body: { question: 'Hoe verder?', advice: 'Lokaal oppakken', minutesSpent: 30 } }),
    expect: [403, 403, 409, 409, 403, 403, 403, 401],
  },
  'POST /api/cases/:id/advice/follow-up': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/advice/follow-up`, body: { followUp: 'aanmelder' } }),
    expect: [403, 403, 409, 409, 403, 403, 403, 401],
  },
  'GET /api/cases/:id/escalations': { fixture: 'read', request: (fx) => ({ method: 'GET', url: `/api/cases/${fx.caseId}/escalations` }), expect: [200, 200, 200, 200, 403, 403, 404, 401] },
  'POST /api/cases/:id/escalations': {
    fixture: 'case', request: (fx) => ({ method: 'POST', url: `/api/cases/${fx.caseId}/escalations`, body: { level: 'management', partner: 'politie', question: 'Afspraken lopen achter', dueDate: '2030-01-31' } }),
    expect: REGISSEUR_ONLY(201),
  },
  'PUT /api/cases/:id/regie-holder': {
    fixture: 'case', request: (fx) => ({ method: 'PUT', url: `/api/cases/${fx.caseId}/regie-holder`, body: { holder: 'zvh' } }),
    expect: REGISSEUR_ONLY(200),
  },
  'POST /api/persons/:id/merge': {
    fixture: 'personPair', request: (fx) => ({ method: 'POST', url: `/api/persons/${fx.otherPersonId}/merge`, body: { intoId: fx.personId, reason: 'Dubbele inschrijving' } }),
    expect: REGISSEUR_ONLY(200),
  },
};

let env: TestEnv;
const clients = {} as Record<User, TestClient>;
let readFx: Fx;

const personOf = async (registrationId: string) => (await one<{ person_id: string; last_name: string }>(env.database.db,
  sql`select r.person_id, p.last_name from registrations r join persons p on p.id = r.person_id where r.id = ${registrationId}`))!;

async function build(kind: FixtureKind): Promise<Fx> {
  const pol = clients.politie, reg = clients.regisseur;
  switch (kind) {
    case 'none': return { registrationId: '' };
    case 'read': return readFx;
    case 'registration': return { registrationId: await register(pol, { subject: freshSubject() }) };
    case 'personPair': {
      const a = await register(pol, { subject: freshSubject() });
      const b = await register(pol, { subject: freshSubject({ bsn: null }) });
      return { registrationId: a, personId: (await personOf(a)).person_id, otherPersonId: (await personOf(b)).person_id };
    }
    default: {
      const { registrationId, caseId, personId } = await openCaseWith(pol, reg);
      const fx: Fx = { registrationId, caseId, personId };
      if (kind === 'case+agreement') {
        const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' });
        expect(a.status, a.text).toBe(201);
        fx.agreementId = a.body.id;
      }
      if (kind === 'case+journal') {
        const j = await pol.post(`/api/cases/${caseId}/journal`, { text: 'Huisbezoek afgelegd', visibility: 'all' });
        expect(j.status, j.text).toBe(201);
        fx.journalId = j.body.id;
      }
      if (kind === 'closedCase') expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt' })).status).toBe(200);
      return fx;
    }
  }
}

beforeAll(async () => {
  env = await setupTestEnv();
  clients.anon = env.anon;
  const signedIn = await Promise.all(Object.values(EMAIL).map((e) => env.as(e)));
  Object.keys(EMAIL).forEach((u, i) => { clients[u as User] = signedIn[i]!; });
  // the read fixture: an untriaged registration of politie, and a case with an agreement and a shared document
  const reg = clients.regisseur;
  const { registrationId, caseId, personId } = await openCaseWith(clients.politie, reg);
  const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' });
  const d = await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'all' }));
  expect([a.status, d.status]).toEqual([201, 201]);
  const untriaged = await register(clients.politie, { subject: freshSubject() });
  readFx = {
    registrationId: untriaged, caseId, personId, agreementId: a.body.id, documentId: d.body.id,
    personName: (await personOf(registrationId)).last_name,
  };
});
afterAll(async () => { await env?.close(); });

describe('the permission table', () => {
  it('covers every case-flow route of the app, and nothing else', () => {
    const routes = env.app.routeInventory
      .filter((r) => PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}?`)))
      .map((r) => `${r.method} ${r.url}`);
    const uncovered = routes.filter((r) => !(r in TABLE));
    expect(uncovered, `case-flow routes without a row in the permission table: ${uncovered.join(', ')}`).toEqual([]);
    const stale = Object.keys(TABLE).filter((k) => !routes.includes(k));
    expect(stale, `rows for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('matches the routes\' declared access rules: a role the rule refuses is expected to get 403', () => {
    const roleOf: Record<Exclude<User, 'anon'>, string> = {
      admin: 'beheerder', manager: 'manager', regisseur: 'procesregisseur', informatie: 'informatiemakelaar', politie: 'professional', gemeente: 'professional', ggz: 'professional',
    };
    for (const r of env.app.routeInventory) {
      const spec = TABLE[`${r.method} ${r.url}`];
      if (!spec) continue;
      const rule = r.access;
      expect(rule && !('public' in rule), `${r.method} ${r.url} needs a session`).toBe(true);
      if (!rule || !('permission' in rule)) continue;
      const permission = rule.permission;
      USERS.forEach((u, i) => {
        if (u === 'anon') return;
        if (!can([roleOf[u]], permission)) expect(spec.expect[i], `${r.method} ${r.url} as ${u}`).toBe(403);
      });
    }
  });
});

for (const [route, spec] of Object.entries(TABLE)) {
  describe(route, () => {
    const mutating = !route.startsWith('GET ');
    let shared: Fx;
    beforeAll(async () => { shared = spec.fixture === 'read' ? readFx : await build(spec.fixture); });

    USERS.forEach((user, i) => {
      const expected = spec.expect[i]!;
      it(`${user} -> ${expected}`, async () => {
        const success = expected < 300;
        const fx = mutating && success ? await build(spec.fixture) : shared;
        const { method, url, body } = spec.request(fx);
        const before = mutating && !success ? await dataFingerprint(env.database.db) : undefined;
        const res = await clients[user].req(method, url, body);
        expect(res.status, `${method} ${url} as ${user}: ${res.text.slice(0, 300)}`).toBe(expected);
        if (!success) {
          expect(res.body?.error?.code, res.text).toEqual(expect.any(String));
          if (before) expect(await dataFingerprint(env.database.db), 'a refused request changed data').toEqual(before);
        }
        if (spec.lists && success) {
          const ids = (res.body as { id: string }[]).map((x) => x.id);
          expect(ids.includes(spec.lists.id(fx)), `${user} ${spec.lists.visibleTo.includes(user) ? 'should' : 'should not'} find the item`)
            .toBe(spec.lists.visibleTo.includes(user));
        }
      });
    });
  });
}

// gemeente@demo.zvh is gemeente-oov's professional for Assen (GM0106) only. On an Emmen case in
// which gemeente-oov (i.e. its Emmen department) takes part, with an agreement of gemeente-oov and
// a shared document, every case-flow route answers exactly as for ids that do not exist, changes
// nothing, and no list names it; on the Assen case of the read fixture it is a participant.
describe('a municipal professional and another municipality\'s case', () => {
  let emmen: Fx, missing: Fx, emmenName: string;
  beforeAll(async () => {
    const reg = clients.regisseur;
    const subject = freshSubject();
    emmenName = subject.lastName as string;
    const { registrationId, caseId, personId } = await openCaseWith(clients.politie, reg, { subject, registration: { municipality: 'GM0114' }, participants: ['politie', 'gemeente-oov'] });
    const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'gemeente-oov', title: 'Woonoverlast aanpakken', dueDate: '2030-01-31' });
    const d = await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'all' }));
    expect([a.status, d.status]).toEqual([201, 201]);
    emmen = { registrationId, caseId, personId, agreementId: a.body.id, documentId: d.body.id, otherPersonId: personId, personName: emmenName };
    missing = {
      registrationId: randomUUID(), caseId: randomUUID(), personId: randomUUID(), agreementId: randomUUID(), documentId: randomUUID(),
      otherPersonId: randomUUID(), personName: `Niemand${randomUUID().slice(0, 8)}`,
    };
    // politie (one organisation for all municipalities) takes part and sees it
    expect((await clients.politie.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('the Assen case: 200', async () => {
    expect((await clients.gemeente.get(`/api/cases/${readFx.caseId}`)).status).toBe(200);
  });

  for (const [route, spec] of Object.entries(TABLE)) {
    if (spec.fixture === 'none') continue;
    it(`${route}: the Emmen case is answered as something that does not exist`, async () => {
      const real = spec.request(emmen);
      const fake = spec.request(missing);
      const before = await dataFingerprint(env.database.db);
      const a = await clients.gemeente.req(real.method, real.url, real.body);
      if (real.url === fake.url) {
        // a list: it leaves the Emmen case, registration and person out
        for (const secret of [emmen.caseId!, emmen.registrationId, emmen.agreementId!, emmenName]) expect(a.text, `${route} names the Emmen case`).not.toContain(secret);
      } else {
        const b = await clients.gemeente.req(fake.method, fake.url, fake.body);
        expect(a.status, `${route}: ${a.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect([a.status, a.text], route).toEqual([b.status, b.text]);
        expect(a.headers['content-type']).toBe(b.headers['content-type']);
      }
      if (real.method !== 'GET') expect(await dataFingerprint(env.database.db), `${route} changed data`).toEqual(before);
    });
  }
});
