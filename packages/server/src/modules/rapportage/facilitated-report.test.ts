// SPDX-License-Identifier: EUPL-1.2
// The annual report's section `facilitated` (annual-report.md, "The facilitated meetings") on
// hand-made records with the edges 1 January and 31 December, and proof that these records
// change no other figure of the report nor the capacity model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LISTS, MUNICIPALITIES } from '@zvh/shared';
import type { Db, Executor } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';
import { capacityReport } from '../capaciteit/service.js';
import { managerCtx } from '../../test/fixtures.js';
import { computeAnnualReport, computeFacilitatedFigures } from './annual-report.js';
import { insertDossiers, makeTenant, makeUser } from './fixtures.js';

let env: TestEnv;
let db: Db;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
});
afterAll(async () => env?.close());

async function person(ex: Executor, tenantId: string, lastName: string, bsn: string | null = null): Promise<string> {
  const p = await one<{ id: string }>(ex, sql`insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn)
    values (${tenantId}, 'Test', ${lastName}, '1980-01-01', 'man', ${bsn}) returning id`);
  return p!.id;
}
const vp = (ex: Executor, t: string, personId: string, m: string, from: string, until: string | null, status = 'veelpleger') =>
  ex.execute(sql`insert into veelpleger_records (tenant_id, person_id, municipality_code, registering_partner, status, registered_at, closed_at)
    values (${t}, ${personId}, ${m}, 'om', ${status}, ${from}, ${until})`);
const lpco = async (ex: Executor, t: string, m: string, registeredAt: string, discussedAt: string | null, outcome: string | null) =>
  ex.execute(sql`insert into lpco_records (tenant_id, person_id, municipality_code, registering_partner, registered_at, discussed_at, outcome)
    values (${t}, ${await person(ex, t, 'Leerling')}, ${m}, 'leerplicht', ${registeredAt}, ${discussedAt}, ${outcome})`);
const nazorg = async (ex: Executor, t: string, m: string, registeredAt: string, closedAt: string | null) =>
  ex.execute(sql`insert into nazorg_records (tenant_id, person_id, municipality_code, registering_partner, registered_at, closed_at)
    values (${t}, ${await person(ex, t, 'Gedetineerde')}, ${m}, 'dji', ${registeredAt}, ${closedAt})`);

const PLUSTAAK = MUNICIPALITIES.filter((m) => m.nazorgPlustaak).map((m) => m.code).sort();

describe('annual report: facilitated', () => {
  it('is all zeros for a tenant without records, with every region, municipality and code as a key', async () => {
    const t = await makeTenant(db);
    const f = await computeFacilitatedFigures(managerCtx(db, t), 2020);
    expect(f.veelplegers).toEqual({ noord: 0, zuidoost: 0, zuidwest: 0, total: 0 });
    expect(Object.keys(f.lpco.byMunicipality).sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    expect(f.lpco.byOutcome).toEqual(Object.fromEntries(CODE_LISTS.lpcoOutcome.map(([c]) => [c, 0])));
    expect(f.lpco.total).toBe(0);
    expect(Object.keys(f.nazorg.byMunicipality).sort()).toEqual(PLUSTAAK);
    for (const v of Object.values(f.nazorg.byMunicipality)) expect(v).toEqual({ inflow: 0, closedOfInflow: 0, closedOfEarlier: 0, carriedThrough: 0 });
  });

  it('counts veelplegers active on at least one day of Y, each person once in the region of the latest-starting record', async () => {
    const t = await makeTenant(db);
    await vp(db, t, await person(db, t, 'P1'), 'GM0106', '2019-03-01', '2020-01-01'); // closed on 1 January: counts (noord)
    await vp(db, t, await person(db, t, 'P2'), 'GM0114', '2020-12-31', null); // starts on 31 December: counts (zuidoost)
    await vp(db, t, await person(db, t, 'P3'), 'GM0118', '2018-01-01', '2019-12-31'); // closed on 31 December of Y-1: not
    await vp(db, t, await person(db, t, 'P4'), 'GM0118', '2021-01-01', null); // starts on 1 January of Y+1: not
    const p5 = await person(db, t, 'P5', '123456782');
    await vp(db, t, p5, 'GM0106', '2019-01-01', '2020-05-31'); // noord, then a status change ...
    await vp(db, t, p5, 'GM0119', '2020-06-01', null, 'zeer-actieve-veelpleger'); // ... counted once, in zuidwest
    const p6 = await person(db, t, 'P6');
    await vp(db, t, p6, 'GM0114', '2020-02-01', '2020-03-01'); // the latest-starting record ACTIVE in Y (zuidoost) ...
    await vp(db, t, p6, 'GM0106', '2021-02-01', null); // ... not this later one
    const f = await computeFacilitatedFigures(managerCtx(db, t), 2020);
    expect(f.veelplegers).toEqual({ noord: 1, zuidoost: 2, zuidwest: 1, total: 4 });
    // the years around it
    expect((await computeFacilitatedFigures(managerCtx(db, t), 2019)).veelplegers).toEqual({ noord: 2, zuidoost: 0, zuidwest: 1, total: 3 });
    expect((await computeFacilitatedFigures(managerCtx(db, t), 2021)).veelplegers).toEqual({ noord: 1, zuidoost: 1, zuidwest: 2, total: 4 });
    // a region filter counts only the persons whose counted record lies in the selected municipalities
    expect((await computeFacilitatedFigures(managerCtx(db, t), 2020, ['GM0119'])).veelplegers).toEqual({ noord: 0, zuidoost: 0, zuidwest: 1, total: 1 });
  });

  it('counts LPCO records by discussedAt in Y per municipality and per outcome', async () => {
    const t = await makeTenant(db);
    await lpco(db, t, 'GM0118', '2019-12-01', '2020-01-01', 'trip'); // 1 January
    await lpco(db, t, 'GM0106', '2020-12-01', '2020-12-31', 'dagvaarden'); // 31 December
    await lpco(db, t, 'GM0118', '2019-11-01', '2020-02-01', 'dagvaarden'); // proces-verbaal in Y-1, discussed in Y
    await lpco(db, t, 'GM0106', '2019-12-01', '2019-12-31', 'trip'); // discussed in Y-1
    await lpco(db, t, 'GM0106', '2020-12-20', '2021-01-01', 'vsv'); // discussed in Y+1
    await lpco(db, t, 'GM0106', '2020-06-01', null, null); // not discussed yet
    const f = await computeFacilitatedFigures(managerCtx(db, t), 2020);
    expect(f.lpco.total).toBe(3);
    expect(f.lpco.byOutcome).toEqual({ trip: 1, dagvaarden: 2, bespreekcasus: 0, vsv: 0, geseponeerd: 0 });
    expect(f.lpco.byMunicipality.GM0118).toBe(2);
    expect(f.lpco.byMunicipality.GM0106).toBe(1);
    expect(Object.values(f.lpco.byMunicipality).reduce((a, b) => a + b, 0)).toBe(3);
    expect(f.lpco.byMunicipality.GM0114).toBe(0);
  });

  it('counts nazorg per plustaak municipality: inflow, closedOfInflow, closedOfEarlier, carriedThrough', async () => {
    const t = await makeTenant(db);
    await nazorg(db, t, 'GM1680', '2020-01-01', '2020-12-31'); // inflow, closed of inflow
    await nazorg(db, t, 'GM1680', '2020-12-31', null); // inflow
    await nazorg(db, t, 'GM1680', '2020-03-01', '2021-01-01'); // inflow, closed after Y
    await nazorg(db, t, 'GM1680', '2019-12-31', '2020-01-01'); // closed of earlier
    await nazorg(db, t, 'GM1680', '2019-05-01', null); // carried through
    await nazorg(db, t, 'GM1680', '2019-05-01', '2021-01-01'); // carried through
    await nazorg(db, t, 'GM1680', '2019-01-01', '2019-12-31'); // nothing in Y
    await nazorg(db, t, 'GM1680', '2021-01-01', null); // nothing in Y
    await nazorg(db, t, 'GM1731', '2020-07-01', null);
    const f = await computeFacilitatedFigures(managerCtx(db, t), 2020);
    expect(f.nazorg.byMunicipality.GM1680).toEqual({ inflow: 3, closedOfInflow: 1, closedOfEarlier: 1, carriedThrough: 2 });
    expect(f.nazorg.byMunicipality.GM1731).toEqual({ inflow: 1, closedOfInflow: 0, closedOfEarlier: 0, carriedThrough: 0 });
    expect(f.nazorg.byMunicipality.GM1690).toEqual({ inflow: 0, closedOfInflow: 0, closedOfEarlier: 0, carriedThrough: 0 });
    expect(Object.keys(f.nazorg.byMunicipality).sort()).toEqual(PLUSTAAK);
  });

  it('changes no other figure of the annual report nor the capacity model; GET /api/reports/annual returns the section', async () => {
    const t = await makeTenant(db);
    await insertDossiers(db, t, [
      { kind: 'procesregie', registeredAt: '2020-02-01', startedAt: '2020-02-10', municipality: 'GM1680' },
      { kind: 'advies', registeredAt: '2020-03-01', startedAt: null, municipality: 'GM0114' },
      { kind: 'informatievraag', caseKind: null, registeredAt: '2020-04-01', municipality: 'GM0118' },
    ]);
    const before = await computeAnnualReport(managerCtx(db, t), 2020);
    const capBefore = await capacityReport(managerCtx(db, t), { year: 2020 });
    const p = await person(db, t, 'Veelpleger', '111222333');
    await vp(db, t, p, 'GM1680', '2020-01-01', null);
    await lpco(db, t, 'GM1680', '2020-01-01', '2020-02-01', 'trip');
    await nazorg(db, t, 'GM1680', '2020-01-01', '2020-06-01');
    const after = await computeAnnualReport(managerCtx(db, t), 2020);
    const capAfter = await capacityReport(managerCtx(db, t), { year: 2020 });
    const { facilitated: fb, ...restBefore } = before;
    const { facilitated: fa, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(capAfter).toEqual(capBefore);
    expect(fb.veelplegers.total).toBe(0);
    expect(fa.veelplegers).toEqual({ noord: 1, zuidoost: 0, zuidwest: 0, total: 1 });
    expect(fa.lpco.total).toBe(1);
    expect(fa.nazorg.byMunicipality.GM1680).toEqual({ inflow: 1, closedOfInflow: 1, closedOfEarlier: 0, carriedThrough: 0 });

    const email = await makeUser(db, t, ['manager']);
    const res = await (await env.as(email)).get('/api/reports/annual?year=2020');
    expect(res.status).toBe(200);
    expect(res.body.facilitated).toEqual(fa);
    expect(res.body.basics).toEqual(before.basics);
  });
});
