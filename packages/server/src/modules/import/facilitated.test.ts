// SPDX-License-Identifier: EUPL-1.2
// Import of the facilitated meetings' records (kinds lpco, veelpleger, nazorg): own tables, never
// cases; idempotent on externalId, which is unique per tenant across all kinds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { setupTestEnv } from '../../test/harness.js';
import { zvhUserCtx } from '../../test/fixtures.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql } from '../../core/db/index.js';
import type { Ctx } from '../../core/context.js';
import type { ImportOptions, ImportResult } from './service.js';
import { importCases } from './service.js';
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

type Line = Record<string, unknown>;
const subject = (n: number, bsn = true) => ({ firstName: 'Sem', lastName: `Bos${n}`, birthDate: '1990-06-01', gender: 'man', ...(bsn ? { bsn: bsnFrom(700_000 + n) } : {}) });
const lpco = (id: string, n: number, over: Line = {}): Line => ({ externalId: id, kind: 'lpco', registeredAt: '2020-02-11', registeringPartner: 'leerplicht', municipality: 'GM0118', discussedAt: '2020-03-12', outcome: 'dagvaarden', subject: subject(n), ...over });
const vp = (id: string, n: number, over: Line = {}): Line => ({ externalId: id, kind: 'veelpleger', registeredAt: '2019-05-01', registeringPartner: 'om', municipality: 'GM0114', status: 'zeer-actieve-veelpleger', closedAt: '2020-09-30', subject: subject(n), ...over });
const nz = (id: string, n: number, over: Line = {}): Line => ({ externalId: id, kind: 'nazorg', registeredAt: '2020-04-02', registeringPartner: 'dji', municipality: 'GM1730', releasedAt: '2020-05-15', closedAt: '2020-08-01', subject: subject(n), ...over });
const pr = (id: string, n: number): Line => ({ externalId: id, kind: 'procesregie', approach: 'maatwerk', registeredAt: '2019-11-03', registeringPartner: 'politie', municipality: 'GM0106', startedAt: '2019-11-20', mainTopic: 'ernstige-overlast', subject: subject(n) });
const ndjson = (lines: (Line | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
const run = (text: string, { traceId = `test-${Math.random()}`, ...opts }: ImportOptions & { traceId?: string } = {}): Promise<ImportResult> =>
  importCases({ ...ctx, traceId }, [Buffer.from(text)], opts);

async function counts(prefix: string) {
  const like = `${prefix}%`;
  return (await one<Record<string, number>>(db, sql`select
    (select count(*) from registrations where tenant_id = ${tenantId} and external_id like ${like})::int as registrations,
    (select count(*) from cases where tenant_id = ${tenantId} and external_id like ${like})::int as cases,
    (select count(*) from veelpleger_records where tenant_id = ${tenantId} and external_id like ${like})::int as veelpleger,
    (select count(*) from lpco_records where tenant_id = ${tenantId} and external_id like ${like})::int as lpco,
    (select count(*) from nazorg_records where tenant_id = ${tenantId} and external_id like ${like})::int as nazorg,
    (select count(*) from processing_log where tenant_id = ${tenantId} and activity = 'import' and details->>'externalId' like ${like}
       and details->>'object' like '%-record')::int as log`))!;
}

describe('import of the facilitated meetings\' records', () => {
  it('stores the three kinds in their own tables, never as registrations or cases, counted and logged', async () => {
    const res = await run(ndjson([lpco('FA-L1', 1), vp('FA-V1', 2), nz('FA-N1', 3)]));
    expect(res).toMatchObject({ imported: 3, updated: 0, rejectedCount: 0 });
    expect(await counts('FA-')).toEqual({ registrations: 0, cases: 0, veelpleger: 1, lpco: 1, nazorg: 1, log: 3 });
    const l = await one<Record<string, unknown>>(db, sql`select municipality_code, registering_partner, registered_at, discussed_at, outcome from lpco_records where external_id = 'FA-L1'`);
    expect(l).toEqual({ municipality_code: 'GM0118', registering_partner: 'leerplicht', registered_at: '2020-02-11', discussed_at: '2020-03-12', outcome: 'dagvaarden' });
    const v = await one<Record<string, unknown>>(db, sql`select status, registered_at, closed_at from veelpleger_records where external_id = 'FA-V1'`);
    expect(v).toEqual({ status: 'zeer-actieve-veelpleger', registered_at: '2019-05-01', closed_at: '2020-09-30' });
    const n = await one<Record<string, unknown>>(db, sql`select released_at, closed_at from nazorg_records where external_id = 'FA-N1'`);
    expect(n).toEqual({ released_at: '2020-05-15', closed_at: '2020-08-01' });
  });

  it('is idempotent on externalId: a re-import updates (counted as updated) and keeps what was recorded here', async () => {
    await run(ndjson([nz('FA2-N1', 10), vp('FA2-V1', 11, { subject: subject(11, false) })]));
    await db.execute(sql`update nazorg_records set consent_given = true, consent_date = '2020-04-10' where external_id = 'FA2-N1'`);
    const personBefore = await one<{ person_id: string }>(db, sql`select person_id from veelpleger_records where external_id = 'FA2-V1'`);
    const res = await run(ndjson([nz('FA2-N1', 10, { closedAt: '2020-09-01' }), vp('FA2-V1', 11, { subject: subject(11, false), status: 'veelpleger' })]));
    expect(res).toMatchObject({ imported: 0, updated: 2, rejectedCount: 0 });
    expect(await counts('FA2-')).toMatchObject({ nazorg: 1, veelpleger: 1, log: 4 });
    const n = await one<Record<string, unknown>>(db, sql`select closed_at, consent_given, consent_date, version from nazorg_records where external_id = 'FA2-N1'`);
    expect(n).toEqual({ closed_at: '2020-09-01', consent_given: true, consent_date: '2020-04-10', version: 2 });
    // without a BSN the record keeps its person
    const v = await one<{ person_id: string; status: string }>(db, sql`select person_id, status from veelpleger_records where external_id = 'FA2-V1'`);
    expect(v).toEqual({ person_id: personBefore!.person_id, status: 'veelpleger' });
  });

  it('matches persons on BSN with the cases (one person per tenant)', async () => {
    await run(ndjson([pr('FA3-C1', 20), vp('FA3-V1', 20)]));
    const p = await rows<{ id: string }>(db, sql`select person_id as id from registrations where external_id = 'FA3-C1'
      union select person_id from veelpleger_records where external_id = 'FA3-V1'`);
    expect(p).toHaveLength(1);
  });

  it('keeps externalId unique across all kinds, in both directions, and a rejected line changes nothing', async () => {
    await run(ndjson([pr('FA4-C1', 30), lpco('FA4-L1', 31)]));
    const before = await counts('FA4-');
    const res = await run(ndjson([
      vp('FA4-C1', 32), // a case's id as a veelpleger record
      pr('FA4-L1', 33), // an LPCO record's id as a case
      nz('FA4-L1', 34), // an LPCO record's id as a nazorg record
      lpco('FA4-L2', 35), // good
    ]));
    expect(res.imported).toBe(1);
    expect(res.updated).toBe(0);
    expect(res.rejected).toEqual([
      { line: 1, error: expect.stringContaining("externalId 'FA4-C1' is al in gebruik voor een aanmelding of casus") },
      { line: 2, error: expect.stringContaining("externalId 'FA4-L1' is al in gebruik voor een LPCO-registratie") },
      { line: 3, error: expect.stringContaining("externalId 'FA4-L1' is al in gebruik voor een LPCO-registratie") },
    ]);
    expect(await counts('FA4-')).toEqual({ ...before, lpco: before.lpco! + 1, log: before.log! + 1 });
    expect((await one<{ kind: string }>(db, sql`select kind from registrations where external_id = 'FA4-C1'`))!.kind).toBe('procesregie');
  });

  it('rejects bad facilitated lines with their line numbers through POST /api/import/cases and imports the good ones', async () => {
    const file = ndjson([
      nz('FA5-N1', 40, { municipality: 'GM0106' }), // Assen has no nazorg plustaak
      lpco('FA5-L1', 41, { discussedAt: '2020-02-10' }), // before the proces-verbaal
      vp('FA5-V1', 42, { status: 'onbekend' }),
      nz('FA5-N2', 43, { releasedAt: '2020-04-01' }), // release before the signal
      lpco('FA5-L2', 44, { discussedAt: '2020-02-11' }), // the same day: fine
    ]);
    const res = await manager.post('/api/import/cases', file, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([1, 2, 3, 4]);
    expect(res.body.rejected[0].error).toContain('plustaak');
    expect(await counts('FA5-')).toMatchObject({ lpco: 1, nazorg: 0, veelpleger: 0 });
  });
});
