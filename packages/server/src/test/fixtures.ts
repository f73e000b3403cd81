// SPDX-License-Identifier: EUPL-1.2
// Small builders for case-flow tests: a registration by politie, triaged into procesregie.
import type { TestClient } from './harness.js';

export const SUBJECT = { firstName: 'Piet', lastName: 'Testpersoon', birthDate: '1988-02-29', gender: 'man', bsn: '111222333' };

export function registrationBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'procesregie', municipality: 'GM0106', registeringPartner: 'politie', subject: SUBJECT,
    mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving', 'huisvesting'],
    reason: 'Aanhoudende ernstige overlast in de wijk; verslaving en dreigende huisuitzetting.',
    ...overrides,
  };
}

export const MEETS = { multiProblem: true, multipleChains: true, systemImpact: true, areaSafety: false };

export async function register(client: TestClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await client.post('/api/registrations', registrationBody(overrides));
  if (r.status !== 201) throw new Error(`registration: ${r.status} ${r.text}`);
  return r.body.id;
}

export async function openCase(registrant: TestClient, regisseur: TestClient, opts: { participants?: string[]; subject?: Record<string, unknown> } = {}): Promise<{ registrationId: string; caseId: string }> {
  const registrationId = await register(registrant, opts.subject ? { subject: opts.subject } : {});
  const t = await regisseur.post(`/api/registrations/${registrationId}/triage`, {
    criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk',
    purpose: 'Overlast stoppen en huisvesting en verslavingszorg regelen', participants: opts.participants ?? ['politie', 'gemeente-oov'],
  });
  if (t.status !== 200) throw new Error(`triage: ${t.status} ${t.text}`);
  return { registrationId, caseId: t.body.caseId };
}
