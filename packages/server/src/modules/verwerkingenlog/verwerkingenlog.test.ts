// SPDX-License-Identifier: EUPL-1.2
// The processing log's export per period in the Logboek Dataverwerkingen fields (NDJSON, CSV):
// permission, period validation, the fields and the chain, the export logged itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, register } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';
import { amsterdamDate } from '../../core/day-sections.js';
import { CSV_COLUMNS, csvField, spanIdHex, traceIdHex } from './service.js';
import type { LdvRecord } from './service.js';

let env: TestEnv;
let adm: TestClient, pol: TestClient, reg: TestClient, mgr: TestClient;
let today: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [adm, pol, reg, mgr] = await Promise.all(['admin', 'politie', 'regisseur', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
  today = amsterdamDate(new Date());
});
afterAll(async () => { await env?.close(); });

describe('export of the processing log', () => {
  it('gives the period in the standard fields with the responsible partner and the chain, and logs the export', async () => {
    const id = await register(pol, { subject: freshSubject() });
    await reg.get(`/api/registrations/${id}`);
    const res = await adm.get(`/api/processing-log/export?from=${today}&to=${today}`);
    expect(res.status, res.text).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/application\/x-ndjson/);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="verwerkingenlog-drenthe-/);
    const recs = res.text.trim().split('\n').map((l) => JSON.parse(l) as LdvRecord);
    const mine = recs.filter((r) => r.attributes['dpl.zvh.registration_id'] === id);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const created = mine.find((r) => r.name === 'aanmelding.create')!;
    expect(created).toMatchObject({
      status_code: 'STATUS_CODE_OK', parent_span_id: null,
      resource: { attributes: { 'service.name': 'zvh-casussysteem', 'zvh.tenant': 'drenthe' } },
      attributes: {
        'dpl.core.processing_activity_id': 'urn:zvh:drenthe:verwerkingsactiviteit:aanmelding',
        'dpl.core.data_subject_id_type': 'urn:zvh:drenthe:persoon-id',
        'dpl.zvh.actor': 'politie@demo.zvh', 'dpl.zvh.responsible_partner': 'politie', 'dpl.zvh.action': 'create',
      },
    });
    expect(created.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(created.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // sealed before the export: every record carries its place in the chain
    expect(recs.every((r) => typeof r.attributes['dpl.zvh.chain_seq'] === 'number' && /^[0-9a-f]{64}$/.test(String(r.attributes['dpl.zvh.chain_hash'])))).toBe(true);
    const read = mine.find((r) => r.name === 'aanmelding.read' && r.attributes['dpl.zvh.actor'] === 'regisseur@demo.zvh')!;
    expect(read.attributes['dpl.zvh.responsible_partner']).toBe('zvh');
    expect(String(read.attributes['dpl.zvh.responsible_partner_name'])).not.toBe('');
    // ordered by time; the export itself is in the log
    const times = recs.map((r) => r.start_time);
    expect([...times].sort()).toEqual(times);
    const logged = await rows<{ details: { from: string; to: string; format: string } }>(env.database.db, sql`
      select details from processing_log where activity = 'verwerkingenlog' and action = 'export' and actor_email = 'admin@demo.zvh'`);
    expect(logged.at(-1)!.details).toMatchObject({ from: today, to: today, format: 'ndjson' });
  });

  it('gives CSV with a header row and the same records', async () => {
    const nd = await adm.get(`/api/processing-log/export?from=${today}&to=${today}`);
    const csv = await adm.get(`/api/processing-log/export?from=${today}&to=${today}&format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    // the CSV was asked later: it has at least the records of the NDJSON (and the NDJSON export's own entry)
    expect(lines.length - 1).toBeGreaterThan(nd.text.trim().split('\n').length);
  });

  it('refuses other roles and a bad period, and nothing is exported', async () => {
    for (const c of [pol, reg, mgr]) expect((await c.get(`/api/processing-log/export?from=${today}&to=${today}`)).status).toBe(403);
    expect((await env.anon.get(`/api/processing-log/export?from=${today}&to=${today}`)).status).toBe(401);
    expect((await adm.get('/api/processing-log/export?from=2026-02-30&to=2026-03-01')).status).toBe(400);
    expect([400, 422]).toContain((await adm.get('/api/processing-log/export?from=2026-03-02&to=2026-03-01')).status);
    expect([400, 422]).toContain((await adm.get('/api/processing-log/export?from=2024-01-01&to=2026-03-01')).status);
    expect((await adm.get(`/api/processing-log/export?from=${today}&to=${today}&format=xml`)).status).toBe(400);
  });

  it('shows the sealed months with the public key', async () => {
    const s = await adm.get('/api/processing-log/status');
    expect(s.status, s.text).toBe(200);
    expect(s.body.algorithm).toBe('Ed25519');
    expect(s.body.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    // the log's months are UTC months (core/log-chain monthOf): not the Amsterdam month between 23:00 and 24:00 UTC
    expect(s.body.months[0]).toMatchObject({ month: new Date().toISOString().slice(0, 7), final: false, archived: false });
    expect(s.body.months[0].records).toBeGreaterThan(0);
    expect((await pol.get('/api/processing-log/status')).status).toBe(403);
  });

  it('maps ids to the standard sizes and defuses spreadsheet formulas', () => {
    expect(traceIdHex('0b6c7a1e-1f0a-4f4e-9d7c-3a5b2c1d0e9f')).toBe('0b6c7a1e1f0a4f4e9d7c3a5b2c1d0e9f');
    expect(traceIdHex('iets-anders')).toMatch(/^[0-9a-f]{32}$/);
    expect(spanIdHex('255')).toBe('00000000000000ff');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
  });
});
