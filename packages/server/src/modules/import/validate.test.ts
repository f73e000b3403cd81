// SPDX-License-Identifier: EUPL-1.2
// Validation of one import line (pure: no database).
import { describe, expect, it } from 'vitest';
import { CODE_LISTS, MUNICIPALITIES, PARTNERS } from '@zvh/shared';
import type { ImportReference } from './validate.js';
import { validateLine } from './validate.js';
import { readLines } from './lines.js';
import { bsnFrom, sampleLines } from './sample.js';

const list = (name: keyof typeof CODE_LISTS) => new Set(CODE_LISTS[name].map(([c]) => c));
const ref: ImportReference = {
  municipalities: new Set(MUNICIPALITIES.map((m) => m.code)),
  partners: new Set(PARTNERS.map((p) => p.code)),
  caseKind: list('caseKind'), approach: list('approach'), mainTopic: list('mainTopic'), problemArea: list('problemArea'),
  children: list('children'), gender: list('gender'), closeReason: list('closeReason'),
  lpcoOutcome: list('lpcoOutcome'), veelplegerStatus: list('veelplegerStatus'),
  nazorgMunicipalities: new Set(MUNICIPALITIES.filter((m) => m.nazorgPlustaak).map((m) => m.code)),
  today: '2025-01-15',
};

const good = {
  externalId: 'OUD-2019-0042', kind: 'procesregie', approach: 'maatwerk', registeredAt: '2019-11-03', registeringPartner: 'politie',
  municipality: 'GM0106', startedAt: '2019-11-20', closedAt: '2020-06-30', closeReason: 'doel bereikt', mainTopic: 'ernstige-overlast',
  problemAreas: ['psychisch', 'verslaving'], subject: { firstName: 'Jan', lastName: 'Jansen', birthDate: '1985-04-12', gender: 'man', bsn: '123456782' },
  children: 'zonder-minderjarige-kinderen', crossesMunicipalityBorder: false,
};
const check = (over: Record<string, unknown>, subject?: Record<string, unknown>) =>
  validateLine(JSON.stringify({ ...good, ...over, ...(subject ? { subject: { ...good.subject, ...subject } } : {}) }), 7, ref);
const errorOf = (over: Record<string, unknown>, subject?: Record<string, unknown>) => {
  const v = check(over, subject);
  if (v.ok) throw new Error('expected a rejection');
  return v.error;
};

describe('validateLine', () => {
  it('accepts the example of the format and normalises it', () => {
    const v = validateLine(JSON.stringify(good), 7, ref);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value).toMatchObject({ line: 7, externalId: 'OUD-2019-0042', kind: 'procesregie', approach: 'maatwerk', children: 'zonder-minderjarige-kinderen' });
      expect(v.value.subject.bsn).toBe('123456782');
    }
  });

  it('accepts minimal advies and informatievraag lines', () => {
    const min = { externalId: 'A1', registeredAt: '2020-01-01', registeringPartner: 'ggz-drenthe', municipality: 'GM0114', subject: { firstName: 'A', lastName: 'B', birthDate: '1990-01-01', gender: 'vrouw' } };
    for (const kind of ['advies', 'informatievraag']) {
      const v = validateLine(JSON.stringify({ ...min, kind }), 1, ref);
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.value).toMatchObject({ approach: null, mainTopic: null, startedAt: null, problemAreas: [], crossesMunicipalityBorder: false, subject: { bsn: null } });
    }
  });

  it('rejects malformed lines', () => {
    expect(validateLine('{"externalId": "x",', 1, ref)).toEqual({ ok: false, error: 'Ongeldige JSON' });
    expect(validateLine('[1,2]', 1, ref)).toEqual({ ok: false, error: 'De regel is geen JSON-object' });
    expect(validateLine('null', 1, ref)).toEqual({ ok: false, error: 'De regel is geen JSON-object' });
  });

  it('names every missing required field', () => {
    const v = validateLine('{}', 1, ref);
    expect(v.ok).toBe(false);
    if (!v.ok) for (const f of ['externalId', 'kind', 'registeredAt', 'registeringPartner', 'municipality', 'subject']) expect(v.error).toContain(`${f}: ontbreekt`);
    expect(errorOf({}, { firstName: '  ' })).toContain('subject.firstName: ontbreekt');
    expect(errorOf({}, { birthDate: null })).toContain('subject.birthDate: ontbreekt');
  });

  it('requires approach and mainTopic for procesregie', () => {
    expect(errorOf({ approach: undefined })).toContain('approach: ontbreekt');
    expect(errorOf({ mainTopic: null })).toContain('mainTopic: ontbreekt');
    expect(check({ kind: 'advies', approach: undefined, mainTopic: undefined }).ok).toBe(true);
  });

  it('rejects unknown codes', () => {
    expect(errorOf({ kind: 'signaal' })).toContain("kind: onbekende soort casus 'signaal'");
    expect(errorOf({ approach: 'intensief' })).toContain("approach: onbekende aanpak 'intensief'");
    expect(errorOf({ municipality: 'GM0363' })).toContain("municipality: onbekende gemeentecode 'GM0363'");
    expect(errorOf({ registeringPartner: 'zvh' })).toContain("registeringPartner: onbekende partnercode 'zvh'");
    expect(errorOf({ mainTopic: 'overlast' })).toContain('mainTopic: onbekende hoofdthema');
    expect(errorOf({ problemAreas: ['psychisch', 'armoede'] })).toContain("problemAreas: onbekend probleemgebied 'armoede'");
    expect(errorOf({ problemAreas: 'psychisch' })).toContain('problemAreas: moet een lijst');
    expect(errorOf({ children: 'ja' })).toContain("children: onbekende code voor kinderen 'ja'");
    expect(errorOf({}, { gender: 'm' })).toContain("subject.gender: onbekende geslachtscode 'm'");
  });

  it('rejects impossible dates', () => {
    expect(errorOf({ registeredAt: '2019-02-29' })).toContain("registeredAt: bestaat niet: '2019-02-29'");
    expect(errorOf({ registeredAt: '03-11-2019' })).toContain('registeredAt: geen datum in de vorm JJJJ-MM-DD');
    expect(errorOf({ startedAt: '2019-13-01' })).toContain('startedAt: bestaat niet');
    expect(errorOf({ closedAt: '2025-01-16' })).toContain("closedAt: ligt in de toekomst: '2025-01-16'");
    expect(errorOf({ closedAt: '2019-11-10' })).toContain('closedAt: ligt voor de startdatum');
    expect(errorOf({ startedAt: null, closedAt: '2019-10-01' })).toContain('closedAt: ligt voor de aanmelddatum');
    expect(errorOf({ startedAt: '2019-11-01' })).toContain('startedAt: ligt voor de aanmelddatum');
    expect(errorOf({}, { birthDate: '2019-12-01' })).toContain('subject.birthDate: ligt na de aanmelddatum');
    expect(errorOf({}, { birthDate: '1850-01-01' })).toContain('subject.birthDate: bestaat niet');
    expect(check({ registeredAt: '2020-02-29', startedAt: '2020-02-29', closedAt: '2020-02-29' }).ok).toBe(true);
  });

  it('rejects a BSN failing the 11-test', () => {
    expect(errorOf({}, { bsn: '123456789' })).toContain("subject.bsn: '123456789' is geen geldig BSN (11-proef)");
    expect(errorOf({}, { bsn: 123456782 })).toContain('subject.bsn: moet tekst van 9 cijfers zijn');
    expect(check({}, { bsn: null }).ok).toBe(true);
  });

  it('rejects wrong types and control characters', () => {
    expect(errorOf({ crossesMunicipalityBorder: 'nee' })).toContain('crossesMunicipalityBorder: moet true of false zijn');
    expect(errorOf({ externalId: 42 })).toContain('externalId: moet tekst zijn');
    expect(errorOf({}, { lastName: 'Jan\u0000sen' })).toContain('subject.lastName: bevat ongeldige tekens');
    expect(errorOf({ subject: 'Jan Jansen' })).toContain('subject: moet een object zijn');
  });

  it('the sample generator makes valid lines with valid BSNs', () => {
    for (const l of sampleLines(2000)) {
      const v = validateLine(JSON.stringify(l), 1, { ...ref, today: '2026-01-01' });
      if (!v.ok) throw new Error(`${JSON.stringify(l)}: ${v.error}`);
    }
    expect(bsnFrom(1)).toMatch(/^\d{9}$/);
  });
});

describe('readLines', () => {
  const collect = async (chunks: (string | Buffer)[], max?: number) => {
    const out = [];
    for await (const l of readLines(chunks, max)) out.push(l);
    return out;
  };

  it('splits across chunk boundaries, strips CR and a BOM, keeps line numbers', async () => {
    const lines = await collect(['\ufeffaa\r\nb', 'b\n\ncc', 'c']);
    expect(lines.map((l) => [l.no, l.text])).toEqual([[1, 'aa'], [2, 'bb'], [3, ''], [4, 'ccc']]);
  });

  it('decodes multi-byte characters split between chunks', async () => {
    const buf = Buffer.from('Geïmporteerd\nDaniëlle\n');
    const at = buf.indexOf(0xc3) + 1; // inside the two bytes of ï
    const lines = await collect([buf.subarray(0, at), buf.subarray(at)]);
    expect(lines.map((l) => l.text)).toEqual(['Geïmporteerd', 'Daniëlle']);
    expect(lines[1]!.bytes).toBe(buf.length);
  });

  it('flags an over-long line without buffering it and goes on', async () => {
    const lines = await collect(['ok\n', 'x'.repeat(30), 'x'.repeat(30), '\nnext\n', 'y'.repeat(50)], 40);
    expect(lines.map((l) => [l.no, l.text, !!l.tooLong])).toEqual([[1, 'ok', false], [2, '', true], [3, 'next', false], [4, '', true]]);
  });
});

describe('validateLine: records of the facilitated meetings (lpco, veelpleger, nazorg)', () => {
  const subject = { firstName: 'Sem', lastName: 'Bos', birthDate: '2005-06-01', gender: 'man' };
  const lpco = { externalId: 'LPCO-2020-017', kind: 'lpco', registeredAt: '2020-02-11', registeringPartner: 'leerplicht', municipality: 'GM0118', discussedAt: '2020-03-12', outcome: 'dagvaarden', subject };
  const vp = { externalId: 'VP-0042', kind: 'veelpleger', registeredAt: '2019-05-01', registeringPartner: 'om', municipality: 'GM0114', status: 'zeer-actieve-veelpleger', closedAt: '2020-09-30', subject: { ...subject, birthDate: '1990-01-20' } };
  const nz = { externalId: 'NZ-2020-003', kind: 'nazorg', registeredAt: '2020-04-02', registeringPartner: 'dji', municipality: 'GM1730', releasedAt: '2020-05-15', closedAt: '2020-08-01', subject: { ...subject, birthDate: '1983-11-09' } };
  const v = (o: Record<string, unknown>) => validateLine(JSON.stringify(o), 3, ref);
  const err = (o: Record<string, unknown>) => { const r = v(o); if (r.ok) throw new Error('expected a rejection'); return r.error; };

  it('accepts the three examples of the format with their extra fields', () => {
    const a = v(lpco), b = v(vp), c = v(nz);
    expect(a.ok && a.value).toMatchObject({ kind: 'lpco', discussedAt: '2020-03-12', outcome: 'dagvaarden' });
    expect(b.ok && b.value).toMatchObject({ kind: 'veelpleger', status: 'zeer-actieve-veelpleger', closedAt: '2020-09-30' });
    expect(c.ok && c.value).toMatchObject({ kind: 'nazorg', releasedAt: '2020-05-15', closedAt: '2020-08-01' });
  });
  it('requires discussedAt and a known outcome for lpco, a known status for veelpleger', () => {
    expect(err({ ...lpco, discussedAt: undefined })).toContain('discussedAt: ontbreekt');
    expect(err({ ...lpco, outcome: 'taakstraf' })).toContain("onbekende LPCO-afdoening 'taakstraf'");
    expect(err({ ...lpco, outcome: undefined })).toContain('outcome: ontbreekt');
    expect(err({ ...vp, status: undefined })).toContain('status: ontbreekt');
    expect(err({ ...vp, status: 'actief' })).toContain("onbekende veelplegerstatus 'actief'");
  });
  it('refuses discussedAt/releasedAt before registeredAt, but accepts the same day', () => {
    expect(err({ ...lpco, discussedAt: '2020-02-10' })).toContain('discussedAt: ligt voor de datum van het proces-verbaal');
    expect(v({ ...lpco, discussedAt: '2020-02-11' }).ok).toBe(true);
    expect(err({ ...nz, releasedAt: '2020-04-01' })).toContain('releasedAt: ligt voor de signaaldatum');
    expect(v({ ...nz, releasedAt: '2020-04-02' }).ok).toBe(true);
    expect(err({ ...nz, releasedAt: '2020-02-30' })).toContain('bestaat niet');
  });
  it('accepts nazorg only in a plustaak municipality', () => {
    expect(err({ ...nz, municipality: 'GM0106' })).toContain("nazorg is geen plustaak van gemeente 'GM0106'");
    for (const m of ['GM1680', 'GM1730', 'GM1690', 'GM0118', 'GM1731']) expect(v({ ...nz, municipality: m }).ok).toBe(true);
  });
  it('refuses a startedAt on a facilitated record (they are never taken up as procesregie)', () => {
    expect(err({ ...vp, startedAt: '2019-06-01' })).toContain("startedAt: hoort niet bij soort 'veelpleger'");
  });
});
