// SPDX-License-Identifier: EUPL-1.2
// The annual report over HTTP: access per role, validation, and the XLSX and PDF exports that
// must carry the same numbers as the JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Db } from '../../core/db/index.js';
import { sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import type { AnnualReport } from './annual-report.js';
import { neutralise } from './export-xlsx.js';
import { insertDossiers, makeTenant, makeUser, times } from './fixtures.js';

let env: TestEnv;
let db: Db;
let manager: TestClient;
const YEAR = 2020;

beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  // a tenant of its own, so demo data elsewhere cannot change the figures
  const tenantId = await makeTenant(db, 'Zorg- en Veiligheidshuis Testland');
  manager = await env.as(await makeUser(db, tenantId, ['manager']));
  await insertDossiers(db, tenantId, [
    ...times(3, { kind: 'procesregie', registeredAt: '2020-02-01', startedAt: '2020-02-10', municipality: 'GM0114', partner: 'politie', problemAreas: ['psychisch'] }),
    { kind: 'procesregie', registeredAt: '2019-02-01', startedAt: '2019-02-10', closedAt: '2020-06-01', municipality: 'GM0106', partner: 'ggz-drenthe', approach: 'pga', gender: 'vrouw' },
    { kind: 'procesregie', registeredAt: '2020-09-01', caseKind: null, municipality: 'GM1731', partner: 'gemeente-oov' },
    { kind: 'advies', registeredAt: '2020-05-01', municipality: 'GM0118' },
    { kind: 'informatievraag', registeredAt: '2020-05-01', municipality: 'GM0118' },
    { kind: 'procesregie', registeredAt: '2019-03-01', startedAt: '2019-03-05', municipality: 'GM0118', partner: 'om' },
  ]);
  // a beheerder-made name that a spreadsheet would read as a formula
  await db.execute(sql`update organisations set name = '=HYPERLINK("http://evil.example","klik")' where tenant_id = ${tenantId} and code = 'halt'`);
  await db.execute(sql`update municipalities set name = '-Westerveld' where tenant_id = ${tenantId} and code = 'GM1701'`);
});
afterAll(async () => env?.close());

const PATHS = [`/api/reports/annual?year=${YEAR}`, `/api/reports/annual.xlsx?year=${YEAR}`, `/api/reports/annual.pdf?year=${YEAR}`];

describe('access', () => {
  it.each(['manager@demo.zvh', 'admin@demo.zvh'])('%s gets the report and both exports', async (email) => {
    const c = await env.as(email);
    for (const p of PATHS) expect((await c.get(p)).status, p).toBe(200);
  });
  it.each(['regisseur@demo.zvh', 'informatie@demo.zvh', 'politie@demo.zvh', 'gemeente@demo.zvh'])('%s is refused with 403', async (email) => {
    const c = await env.as(email);
    for (const p of PATHS) expect((await c.get(p)).status, p).toBe(403);
  });
  it('anonymous gets 401', async () => {
    for (const p of PATHS) expect((await env.anon.get(p)).status, p).toBe(401);
  });
});

describe('GET /api/reports/annual', () => {
  it('answers the shape of annual-report.md', async () => {
    const r = await manager.get<AnnualReport>(`/api/reports/annual?year=${YEAR}`);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.year).toBe(YEAR);
    expect(r.body.basics).toEqual({
      registeredProcessDirection: 4, registeredProcessDirectionPga: 0, notTakenUp: 1,
      activeProcessDirection: 5, activeProcessDirectionPga: 1, informationRequests: 1, advice: 1,
    });
    expect(r.body.byMunicipality).toHaveLength(12);
    expect(r.body.byMunicipality.find((m) => m.code === 'GM0114')).toMatchObject({ name: 'Emmen', processDirection: 3, inflow: 3, carriedOver: 0, closed: 0, activeAtYearEnd: 3 });
    expect(r.body.byMunicipality.find((m) => m.code === 'GM0106')).toMatchObject({ processDirection: 1, carriedOver: 1, closed: 1, activeAtYearEnd: 0 });
    expect(r.body.byPartner).toHaveLength(24);
    expect(r.body.byDomain).toEqual({ zorg: 0, justitie: 3, gemeente: 1 });
    expect(r.body.percentages.problemArea.psychisch).toBe(60);
    expect(r.body.percentages.gender).toEqual({ man: 80, vrouw: 20, anders: 0 });
    expect(r.body.percentages.ageGroup).toEqual({ '<18': 0, '18-23': 0, '24-40': 100, '41-65': 0, '>65': 0 });
    expect(r.text).not.toMatch(/Fixture|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
  });

  it('filters by region and municipality', async () => {
    const r = await manager.get<AnnualReport>(`/api/reports/annual?year=${YEAR}&region=zuidoost`);
    expect(r.status).toBe(200);
    expect(r.body.byMunicipality.map((m) => m.code).sort()).toEqual(['GM0109', 'GM0114', 'GM1681']);
    expect(r.body.basics.activeProcessDirection).toBe(3);
    const m = await manager.get<AnnualReport>(`/api/reports/annual?year=${YEAR}&municipality=GM0118`);
    expect(m.body.basics).toMatchObject({ activeProcessDirection: 1, advice: 1, informationRequests: 1 });
  });

  it('refuses bad input with 4xx, never 500', async () => {
    for (const q of ['', '?year=abc', '?year=20', '?year=2020&region=%3Cscript%3E', '?year=2020&municipality=Assen']) {
      const r = await manager.get(`/api/reports/annual${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('validation');
    }
    expect((await manager.get(`/api/reports/annual?year=2020&region=atlantis`)).status).toBe(422);
    expect((await manager.get(`/api/reports/annual?year=2020&municipality=GM9999`)).status).toBe(422);
    expect((await manager.get(`/api/reports/annual.pdf?year=2020&region=zuidoost&municipality=GM0106`)).status).toBe(422);
  });
});

describe('exports', () => {
  it('neutralises text that a spreadsheet would read as a formula', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('+31')).toBe("'+31");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\t=1')).toBe("'\t=1");
    expect(neutralise('Borger-Odoorn')).toBe('Borger-Odoorn');
  });

  it('XLSX parses back to the numbers of the JSON, one sheet per table', async () => {
    const json = (await manager.get<AnnualReport>(`/api/reports/annual?year=${YEAR}`)).body;
    const res = await env.app.inject({ method: 'GET', url: `/api/reports/annual.xlsx?year=${YEAR}`, headers: { cookie: manager.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="jaarverslag-2020.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Over dit rapport', 'Basiscijfers', 'Per gemeente', 'Per partner', 'Per domein', 'Hoofdthema', 'Leeftijd', 'Geslacht', 'Problematiek', 'Kinderen', 'Gemeentegrens',
      'Veelplegers', 'LPCO', 'Nazorg', 'Uitkomst ZRM', 'Doelen behaald', 'Informeren betrokkene',
    ]);
    const body = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, i) => { if (i > 1) out.push((row.values as unknown[]).slice(1)); });
      return out;
    };
    const basics = Object.fromEntries(body('Basiscijfers').map((r) => [r[0], r[2]]));
    expect(basics).toEqual(json.basics);
    // the facilitated meetings' section
    expect(Object.fromEntries(body('Veelplegers').map((r) => [r[0] === 'Totaal' ? 'total' : r[0], r[1]]))).toEqual(json.facilitated.veelplegers);
    const nazorg = body('Nazorg');
    expect(nazorg.map((r) => r[0])).toEqual(Object.keys(json.facilitated.nazorg.byMunicipality));
    for (const r of nazorg) expect(r.slice(2)).toEqual(Object.values(json.facilitated.nazorg.byMunicipality[r[0] as string]!));
    expect(body('LPCO').at(-1)![2]).toBe(json.facilitated.lpco.total);
    // the outcome section: one row per ZRM domain and the safety risk, the goals met
    const zrm = body('Uitkomst ZRM');
    expect(zrm.map((r) => r[0])).toEqual([...Object.keys(json.outcome.byDomain), 'veiligheidsrisico']);
    for (const r of zrm.slice(0, -1)) expect(r.slice(2)).toEqual(Object.values(json.outcome.byDomain[r[0] as string]!));
    expect(body('Doelen behaald')[0]![1]).toBe(json.outcome.closed);
    // informing the person (AVG art. 14): registrations, informed, ..., open
    const inf = body('Informeren betrokkene').map((r) => r[1]);
    expect(inf[0]).toBe(json.informing.registrations);
    expect(inf[1]).toBe(json.informing.informed);
    expect(inf.at(-1)).toBe(json.informing.open);

    const mun = body('Per gemeente');
    expect(mun).toHaveLength(json.byMunicipality.length + 1);
    for (const m of json.byMunicipality) {
      const row = mun.find((r) => r[0] === m.code)!;
      expect(row.slice(3)).toEqual([m.advice, m.processDirection, m.carriedOver, m.inflow, m.closed, m.activeAtYearEnd]);
      expect(typeof row[3]).toBe('number');
    }
    expect(mun.at(-1)![1]).toBe('Totaal Testland');
    expect(mun.at(-1)![4]).toBe(json.byMunicipality.reduce((a, m) => a + m.processDirection, 0));
    expect(mun.find((r) => r[0] === 'GM1701')![1]).toBe("'-Westerveld");

    const partners = body('Per partner');
    for (const p of json.byPartner) expect(partners.find((r) => r[0] === p.code)![3]).toBe(p.registered);
    expect(partners.find((r) => r[0] === 'halt')![1]).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    // no cell anywhere is a formula
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@]/);
    })));

    expect(Object.fromEntries(body('Per domein').map((r) => [r[0], r[2]]))).toEqual(json.byDomain);
    const sheets: [string, keyof AnnualReport['percentages']][] = [['Hoofdthema', 'mainTopic'], ['Leeftijd', 'ageGroup'], ['Geslacht', 'gender'], ['Problematiek', 'problemArea'], ['Kinderen', 'children']];
    for (const [sheet, key] of sheets) {
      expect(Object.fromEntries(body(sheet).map((r) => [r[0], r[2]])), sheet).toEqual(json.percentages[key]);
    }
    expect(body('Gemeentegrens')[0]![1]).toBe(json.percentages.crossesMunicipalityBorder);
  });

  it('PDF is an A4 document of six pages (the fifth: the facilitated meetings, the sixth: the outcome)', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/reports/annual.pdf?year=${YEAR}`, headers: { cookie: manager.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(6);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    // the document title carries the year and the tenant's name (pdfkit writes it as a text string)
    expect(text).toContain('Jaarverslag 2020');
  });

  it('PDF with a filter still renders', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/reports/annual.pdf?year=${YEAR}&municipality=GM0114`, headers: { cookie: manager.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="jaarverslag-2020-gm0114.pdf"');
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(6);
  });
});
