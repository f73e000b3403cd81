// SPDX-License-Identifier: EUPL-1.2
// Every definition of annual-report.md on small hand-made caseloads, straight on the service.
import { managerCtx } from '../../test/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITIES, PARTNERS, CODE_LISTS } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';
import { ageOn, AGE_GROUPS, computeAnnualReport, municipalityTotals, percentHalfUp } from './annual-report.js';
import { insertDossiers, makeTenant, times } from './fixtures.js';
import type { Dossier } from './fixtures.js';

let env: TestEnv;
let db: Db;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
});
afterAll(async () => env?.close());

const pr = (d: Partial<Dossier> & { registeredAt: string }): Dossier => ({ kind: 'procesregie', ...d });

describe('percentHalfUp', () => {
  it('rounds halves up to whole percents with exact integer arithmetic', () => {
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5
    expect(percentHalfUp(3, 8)).toBe(38); // 37.5
    expect(percentHalfUp(5, 8)).toBe(63); // 62.5
    expect(percentHalfUp(1, 3)).toBe(33);
    expect(percentHalfUp(2, 3)).toBe(67);
    expect(percentHalfUp(1, 200)).toBe(1); // 0.5
    expect(percentHalfUp(1, 201)).toBe(0); // 0.497...
    expect(percentHalfUp(7, 7)).toBe(100);
    expect(percentHalfUp(0, 0)).toBe(0);
    expect(percentHalfUp(3, 0)).toBe(0);
  });
});

describe('age on the registration date', () => {
  it('is the largest n with birth + n years <= date, 29 February landing on 28 February', async () => {
    const pairs: [string, string, number][] = [
      ['2000-02-29', '2001-02-28', 1], // age() would say 0 (11 mons 30 days); date + interval says 1
      ['2000-02-29', '2001-02-27', 0],
      ['2000-02-29', '2004-02-28', 3],
      ['2000-02-29', '2004-02-29', 4],
      ['2000-02-29', '2018-02-28', 18],
      ['2002-06-15', '2020-06-15', 18], // birthday on the registration day
      ['2002-06-16', '2020-06-15', 17],
      ['1999-12-31', '2000-01-01', 0],
      ['1954-03-01', '2020-03-01', 66],
    ];
    for (const [birth, on, age] of pairs) {
      const r = await one<{ age: number }>(db, sql`select ${ageOn(sql`${birth}::date`, sql`${on}::date`)} as age`);
      expect(r!.age, `${birth} on ${on}`).toBe(age);
    }
  });
});

describe('annual report', () => {
  it('lists every municipality, partner, domain and code with zeros for an empty tenant', async () => {
    const tenantId = await makeTenant(db);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    expect(r.year).toBe(2020);
    expect(r.basics).toEqual({
      registeredProcessDirection: 0, registeredProcessDirectionPga: 0, notTakenUp: 0,
      activeProcessDirection: 0, activeProcessDirectionPga: 0, informationRequests: 0, advice: 0,
    });
    expect(r.byMunicipality.map((m) => m.code).sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    expect(r.byMunicipality.map((m) => m.name)).toEqual([...MUNICIPALITIES.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'nl')));
    for (const m of r.byMunicipality) expect([m.advice, m.processDirection, m.carriedOver, m.inflow, m.closed, m.activeAtYearEnd]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.byPartner.map((p) => p.code).sort()).toEqual(PARTNERS.map((p) => p.code).sort());
    expect(r.byPartner.every((p) => p.registered === 0)).toBe(true);
    expect(r.byPartner.find((p) => p.code === 'zvh')).toBeUndefined();
    expect(r.byDomain).toEqual({ zorg: 0, justitie: 0, gemeente: 0 });
    const zeros = (list: [string, string][]) => Object.fromEntries(list.map(([c]) => [c, 0]));
    expect(r.percentages.mainTopic).toEqual(zeros(CODE_LISTS.mainTopic));
    expect(r.percentages.problemArea).toEqual(zeros(CODE_LISTS.problemArea));
    expect(r.percentages.children).toEqual(zeros(CODE_LISTS.children));
    expect(r.percentages.gender).toEqual(zeros(CODE_LISTS.gender));
    expect(r.percentages.ageGroup).toEqual(Object.fromEntries(AGE_GROUPS.map((g) => [g, 0])));
    expect(r.percentages.crossesMunicipalityBorder).toBe(0);
  });

  it('applies carriedOver, inflow, closed, activeAtYearEnd and active at the year edges', async () => {
    const tenantId = await makeTenant(db);
    await insertDossiers(db, tenantId, [
      pr({ registeredAt: '2019-04-01', startedAt: '2019-05-01' }), // a: carried over, still open
      pr({ registeredAt: '2019-02-01', startedAt: '2019-03-01', closedAt: '2019-12-31' }), // b: closed before the year
      pr({ registeredAt: '2019-02-01', startedAt: '2019-03-01', closedAt: '2020-01-01' }), // c: carried over, closed 1 January
      pr({ registeredAt: '2020-12-01', startedAt: '2020-12-31' }), // d: started 31 December
      pr({ registeredAt: '2020-12-20', startedAt: '2021-01-01' }), // e: registered in Y, started in Y+1
      pr({ registeredAt: '2020-02-01', startedAt: '2020-03-01', closedAt: '2020-12-31' }), // f: inflow, closed 31 December
      pr({ registeredAt: '2020-01-15', startedAt: '2020-02-01', closedAt: '2021-01-01' }), // g: inflow, closed 1 January next year
      pr({ registeredAt: '2020-06-01', caseKind: null }), // h: never triaged, never started
      pr({ registeredAt: '2020-07-01', caseKind: 'advies' }), // i: asked for procesregie, got advice
      { kind: 'advies', caseKind: 'procesregie', registeredAt: '2020-03-01', startedAt: '2020-04-01' }, // j: asked advice, got procesregie
    ]);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    const assen = r.byMunicipality.find((m) => m.code === 'GM0106')!;
    expect(assen).toMatchObject({ carriedOver: 2, inflow: 4, closed: 2, activeAtYearEnd: 4, processDirection: 6, advice: 1 });
    expect(assen.carriedOver + assen.inflow - assen.closed).toBe(assen.activeAtYearEnd);
    expect(r.basics).toMatchObject({ activeProcessDirection: 6, registeredProcessDirection: 7, notTakenUp: 2, advice: 1, informationRequests: 0 });
    expect(r.byMunicipality.filter((m) => m.code !== 'GM0106').every((m) => m.processDirection === 0 && m.advice === 0)).toBe(true);
    expect(municipalityTotals(r)).toEqual({ advice: 1, processDirection: 6, carriedOver: 2, inflow: 4, closed: 2, activeAtYearEnd: 4 });

    const next = await computeAnnualReport(managerCtx(db, tenantId), 2021);
    expect(next.byMunicipality.find((m) => m.code === 'GM0106')).toMatchObject({ carriedOver: 4, inflow: 1, closed: 1, activeAtYearEnd: 4 });
    expect(next.basics).toMatchObject({ activeProcessDirection: 5, registeredProcessDirection: 0, advice: 0 });

    const before = await computeAnnualReport(managerCtx(db, tenantId), 2019);
    expect(before.byMunicipality.find((m) => m.code === 'GM0106')).toMatchObject({ carriedOver: 0, inflow: 3, closed: 1, activeAtYearEnd: 2 });
    expect(before.basics).toMatchObject({ activeProcessDirection: 3, registeredProcessDirection: 3, notTakenUp: 0 });
  });

  it('counts PGA, information requests and advice by registration date', async () => {
    const tenantId = await makeTenant(db);
    await insertDossiers(db, tenantId, [
      pr({ registeredAt: '2020-03-01', startedAt: '2020-03-10', approach: 'pga' }),
      pr({ registeredAt: '2019-03-01', startedAt: '2019-03-10', approach: 'pga' }), // active, registered earlier
      pr({ registeredAt: '2020-05-01', startedAt: '2020-05-10', approach: 'maatwerk' }),
      { kind: 'informatievraag', registeredAt: '2020-01-01', caseKind: null },
      { kind: 'informatievraag', registeredAt: '2020-12-31' },
      { kind: 'informatievraag', registeredAt: '2019-12-31' },
      { kind: 'informatievraag', registeredAt: '2021-01-01' },
      { kind: 'advies', registeredAt: '2020-06-01', municipality: 'GM0114' },
      { kind: 'advies', registeredAt: '2020-06-02', caseKind: null, municipality: 'GM0114' },
      { kind: 'advies', registeredAt: '2021-06-02', municipality: 'GM0114' },
    ]);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    expect(r.basics).toEqual({
      registeredProcessDirection: 2, registeredProcessDirectionPga: 1, notTakenUp: 0,
      activeProcessDirection: 3, activeProcessDirectionPga: 2, informationRequests: 2, advice: 2,
    });
    expect(r.byMunicipality.find((m) => m.code === 'GM0114')!.advice).toBe(2);
  });

  it('groups ages on the registration date and rounds percentages half up', async () => {
    const tenantId = await makeTenant(db);
    const base = { startedAt: '2020-07-01' };
    await insertDossiers(db, tenantId, [
      pr({ ...base, registeredAt: '2020-06-15', birthDate: '2002-06-15' }), // 18 on the day: 18-23
      pr({ ...base, registeredAt: '2020-06-15', birthDate: '2002-06-16' }), // 17: <18
      pr({ registeredAt: '2018-02-28', startedAt: '2018-03-01', birthDate: '2000-02-29' }), // 18 (29 Feb + 18 y = 28 Feb)
      pr({ registeredAt: '2018-02-27', startedAt: '2018-03-01', birthDate: '2000-02-29' }), // 17
      pr({ ...base, registeredAt: '2020-03-01', birthDate: '1954-03-01' }), // 66: >65
      pr({ ...base, registeredAt: '2020-03-01', birthDate: '1955-03-02' }), // 64: 41-65
      pr({ ...base, registeredAt: '2020-05-05', birthDate: '1996-05-05' }), // 24: 24-40
      pr({ ...base, registeredAt: '2020-05-05', birthDate: null }), // unknown: in the denominator only
      pr({ registeredAt: '2010-01-01', startedAt: '2010-01-01', closedAt: '2015-01-01', birthDate: '2009-01-01' }), // not active
    ]);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    expect(r.basics.activeProcessDirection).toBe(8);
    expect(r.percentages.ageGroup).toEqual({ '<18': 25, '18-23': 25, '24-40': 13, '41-65': 13, '>65': 13 });
  });

  it('computes each distribution over the active procesregie cases, every code a key', async () => {
    const tenantId = await makeTenant(db);
    const a = (d: Partial<Dossier>) => pr({ registeredAt: '2020-02-01', startedAt: '2020-02-10', ...d });
    await insertDossiers(db, tenantId, [
      a({ mainTopic: 'verward-hoog-risico', problemAreas: ['psychisch', 'psychisch', 'lvb'], children: 'met-minderjarige-kinderen', crossesBorder: true, gender: 'vrouw' }),
      a({ mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'lvb'], children: 'hoofdpersoon-minderjarig' }),
      a({ mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'lvb'] }),
      a({ mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving'], children: null }),
      ...times(4, a({ mainTopic: 'overige-veiligheid', problemAreas: ['psychisch'] })),
      // not counted: closed before the year, an advice case, a procesregie never started
      pr({ registeredAt: '2018-01-01', startedAt: '2018-01-02', closedAt: '2019-06-01', mainTopic: 'radicalisering', problemAreas: ['schulden'], gender: 'vrouw' }),
      { kind: 'advies', registeredAt: '2020-03-01', mainTopic: 'huiselijk-geweld', problemAreas: ['delict'] },
      pr({ registeredAt: '2020-03-01', caseKind: null, mainTopic: 'bij-delict', problemAreas: ['huisvesting'] }),
    ]);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    expect(r.basics.activeProcessDirection).toBe(8);
    expect(r.percentages.mainTopic).toEqual({
      'verward-hoog-risico': 13, 'ernstige-overlast': 38, radicalisering: 0, 'huiselijk-geweld': 0, 'bij-delict': 0, 'overige-veiligheid': 50,
    });
    expect(r.percentages.problemArea).toEqual({ psychisch: 100, lvb: 38, verslaving: 13, schulden: 0, huisvesting: 0, delict: 0 });
    expect(r.percentages.children).toEqual({ 'met-minderjarige-kinderen': 13, 'zonder-minderjarige-kinderen': 63, 'hoofdpersoon-minderjarig': 13 });
    expect(r.percentages.gender).toEqual({ man: 88, vrouw: 13, anders: 0 });
    expect(r.percentages.crossesMunicipalityBorder).toBe(13);
  });

  it('counts registered procesregie per partner and domain, every partner listed', async () => {
    const tenantId = await makeTenant(db);
    await insertDossiers(db, tenantId, [
      pr({ registeredAt: '2020-01-10', partner: 'politie', startedAt: '2020-01-20' }),
      pr({ registeredAt: '2020-11-10', partner: 'politie', caseKind: null }),
      pr({ registeredAt: '2020-04-10', partner: 'ggz-drenthe', caseKind: 'advies' }),
      pr({ registeredAt: '2020-05-10', partner: 'gemeente-oov', startedAt: '2020-05-20', approach: 'pga' }),
      { kind: 'advies', registeredAt: '2020-05-10', partner: 'om' },
      pr({ registeredAt: '2019-05-10', partner: 'om', startedAt: '2019-05-20' }),
    ]);
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    const reg = Object.fromEntries(r.byPartner.map((p) => [p.code, p.registered]));
    expect(reg).toMatchObject({ politie: 2, 'ggz-drenthe': 1, 'gemeente-oov': 1, om: 0, dji: 0 });
    expect(Object.keys(reg)).toHaveLength(PARTNERS.length);
    expect(r.byPartner.find((p) => p.code === 'politie')).toEqual({ code: 'politie', name: 'Politie', domain: 'justitie', registered: 2 });
    expect(r.byDomain).toEqual({ zorg: 1, justitie: 2, gemeente: 1 });
    expect(r.basics.registeredProcessDirection).toBe(4);
    expect(r.basics.registeredProcessDirectionPga).toBe(1);
  });

  it('restricts every figure to a region or a municipality', async () => {
    const tenantId = await makeTenant(db);
    await insertDossiers(db, tenantId, [
      pr({ registeredAt: '2020-01-10', startedAt: '2020-01-20', municipality: 'GM0106', partner: 'politie', mainTopic: 'radicalisering' }), // noord
      pr({ registeredAt: '2020-01-10', startedAt: '2020-01-20', municipality: 'GM1730', partner: 'om' }), // noord
      pr({ registeredAt: '2020-01-10', startedAt: '2020-01-20', municipality: 'GM0114', partner: 'vnn' }), // zuidoost
      { kind: 'advies', registeredAt: '2020-03-01', municipality: 'GM0114' },
    ]);
    const noord = await computeAnnualReport(managerCtx(db, tenantId), 2020, { region: 'noord' });
    expect(noord.byMunicipality.map((m) => m.code).sort()).toEqual(['GM0106', 'GM1680', 'GM1699', 'GM1730']);
    expect(noord.basics).toMatchObject({ activeProcessDirection: 2, registeredProcessDirection: 2, advice: 0 });
    expect(noord.byDomain).toEqual({ zorg: 0, justitie: 2, gemeente: 0 });
    expect(noord.percentages.mainTopic.radicalisering).toBe(50);
    expect(noord.filters).toEqual({ region: 'noord', municipality: null, municipalities: ['GM0106', 'GM1680', 'GM1699', 'GM1730'] });

    const emmen = await computeAnnualReport(managerCtx(db, tenantId), 2020, { municipality: 'GM0114' });
    expect(emmen.byMunicipality).toHaveLength(1);
    expect(emmen.basics).toMatchObject({ activeProcessDirection: 1, advice: 1 });
    expect(emmen.byDomain).toEqual({ zorg: 1, justitie: 0, gemeente: 0 });
    expect(emmen.byPartner).toHaveLength(PARTNERS.length);

    await expect(computeAnnualReport(managerCtx(db, tenantId), 2020, { region: 'atlantis' })).rejects.toBeInstanceOf(ValidationError);
    await expect(computeAnnualReport(managerCtx(db, tenantId), 2020, { municipality: 'GM9999' })).rejects.toBeInstanceOf(ValidationError);
    await expect(computeAnnualReport(managerCtx(db, tenantId), 2020, { region: 'noord', municipality: 'GM0114' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps tenants apart and contains no names, ids or free text', async () => {
    const tenantId = await makeTenant(db);
    const other = await makeTenant(db);
    await insertDossiers(db, tenantId, [pr({ registeredAt: '2020-01-10', startedAt: '2020-01-20', firstName: 'Zeldzamevoornaam', lastName: 'Uniekeachternaam' })]);
    await insertDossiers(db, other, times(3, pr({ registeredAt: '2020-01-10', startedAt: '2020-01-20' })));
    const r = await computeAnnualReport(managerCtx(db, tenantId), 2020);
    expect(r.basics.activeProcessDirection).toBe(1);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/Zeldzamevoornaam|Uniekeachternaam|fixture/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toContain('1980-06-15');
  });
});
