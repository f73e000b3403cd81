// SPDX-License-Identifier: EUPL-1.2
// Validation of one line of import format v1 (shared/spec/import-format.md) against the tenant's
// reference data, loaded once per import. Pure functions: no database access per line.
import { isValidBsn } from '@zvh/shared';
import type { ImportCtx } from './actor.js';
import { rows, sql } from '../../core/db/index.js';

export type CaseImportKind = 'procesregie' | 'advies' | 'informatievraag';
/** Records of the meetings the ZVH facilitates (4 of 7): stored in their own tables, never cases. */
export type FacilitatedKind = 'lpco' | 'veelpleger' | 'nazorg';
export const FACILITATED_KINDS: readonly FacilitatedKind[] = ['lpco', 'veelpleger', 'nazorg'];
export const isFacilitatedKind = (k: string): k is FacilitatedKind => (FACILITATED_KINDS as readonly string[]).includes(k);
export type ImportKind = CaseImportKind | FacilitatedKind;

/** The code lists an import line refers to, plus municipalities and partners. */
export interface ImportReference {
  municipalities: Set<string>;
  partners: Set<string>;
  caseKind: Set<string>;
  approach: Set<string>;
  mainTopic: Set<string>;
  problemArea: Set<string>;
  children: Set<string>;
  gender: Set<string>;
  closeReason: Set<string>;
  lpcoOutcome: Set<string>;
  veelplegerStatus: Set<string>;
  /** Municipalities with the nazorg plustaak: the only ones a nazorg record may belong to. */
  nazorgMunicipalities: Set<string>;
  /** Today in the Netherlands, 'YYYY-MM-DD': no date may lie after it. */
  today: string;
}

/**
 * Historical data may refer to codes that have since been deactivated (a partner that merged,
 * say), so every code the tenant has ever had is accepted, active or not.
 */
export async function loadImportReference(ctx: ImportCtx, today = todayInNl()): Promise<ImportReference> {
  const { db: ex, actor: { tenantId } } = ctx;
  const [mun, org, codes] = await Promise.all([
    rows<{ code: string; plustaak: boolean }>(ex, sql`select code, nazorg_plustaak as plustaak from municipalities where tenant_id = ${tenantId}`),
    rows<{ code: string }>(ex, sql`select code from organisations where tenant_id = ${tenantId} and kind = 'partner'`),
    rows<{ list: string; code: string }>(ex, sql`select list, code from code_list_entries where tenant_id = ${tenantId}
      and list in ('caseKind', 'approach', 'mainTopic', 'problemArea', 'children', 'gender', 'closeReason', 'lpcoOutcome', 'veelplegerStatus')`),
  ]);
  const list = (name: string) => new Set(codes.filter((c) => c.list === name).map((c) => c.code));
  return {
    municipalities: new Set(mun.map((m) => m.code)),
    partners: new Set(org.map((o) => o.code)),
    caseKind: list('caseKind'),
    approach: list('approach'),
    mainTopic: list('mainTopic'),
    problemArea: list('problemArea'),
    children: list('children'),
    gender: list('gender'),
    closeReason: list('closeReason'),
    lpcoOutcome: list('lpcoOutcome'),
    veelplegerStatus: list('veelplegerStatus'),
    nazorgMunicipalities: new Set(mun.filter((m) => m.plustaak).map((m) => m.code)),
    today,
  };
}

export function todayInNl(now = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A validated line, normalised: absent optional fields are null, codes checked. */
export interface ImportLine {
  line: number;
  externalId: string;
  kind: ImportKind;
  approach: string | null;
  registeredAt: string;
  registeringPartner: string;
  municipality: string;
  startedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  mainTopic: string | null;
  problemAreas: string[];
  children: string | null;
  crossesMunicipalityBorder: boolean;
  subject: { firstName: string; lastName: string; birthDate: string; gender: string; bsn: string | null };
  /** lpco: the date of the leerplicht-casusoverleg and its outcome (afdoening). */
  discussedAt?: string | null;
  outcome?: string | null;
  /** veelpleger: the status from registeredAt until closedAt. */
  status?: string | null;
  /** nazorg: the release date. */
  releasedAt?: string | null;
}

export type Validated = { ok: true; value: ImportLine } | { ok: false; error: string };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Text may not hold NUL or other control characters except tab (PostgreSQL refuses NUL). */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MAX_TEXT = 200;
const MAX_LONG_TEXT = 2000;

function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Parses and validates one non-empty line. Every problem of the line is reported, joined by '; '. */
export function validateLine(text: string, lineNo: number, ref: ImportReference): Validated {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'Ongeldige JSON' };
  }
  if (!isObject(raw)) return { ok: false, error: 'De regel is geen JSON-object' };
  const errors: string[] = [];
  const err = (field: string, message: string) => errors.push(`${field}: ${message}`);

  const text_ = (field: string, v: unknown, required: boolean, max = MAX_TEXT): string | null => {
    if (v === undefined || v === null || v === '') {
      if (required) err(field, 'ontbreekt');
      return null;
    }
    if (typeof v !== 'string') { err(field, 'moet tekst zijn'); return null; }
    const t = v.trim();
    if (!t) { if (required) err(field, 'ontbreekt'); return null; }
    if (t.length > max) { err(field, `te lang (meer dan ${max} tekens)`); return null; }
    if (CONTROL_RE.test(t)) { err(field, 'bevat ongeldige tekens'); return null; }
    return t;
  };
  const code = (field: string, v: unknown, set: Set<string>, required: boolean, what: string): string | null => {
    if (v === undefined || v === null || v === '') {
      if (required) err(field, 'ontbreekt');
      return null;
    }
    if (typeof v !== 'string') { err(field, 'moet een code (tekst) zijn'); return null; }
    if (!set.has(v)) { err(field, `onbekende ${what} '${show(v)}'`); return null; }
    return v;
  };
  const date = (field: string, v: unknown, required: boolean): string | null => {
    if (v === undefined || v === null || v === '') {
      if (required) err(field, 'ontbreekt');
      return null;
    }
    if (typeof v !== 'string' || !DATE_RE.test(v)) { err(field, `geen datum in de vorm JJJJ-MM-DD: '${show(v)}'`); return null; }
    if (!isRealDate(v)) { err(field, `bestaat niet: '${v}'`); return null; }
    if (v > ref.today) { err(field, `ligt in de toekomst: '${v}'`); return null; }
    return v;
  };

  const externalId = text_('externalId', raw.externalId, true);
  const kindSet = new Set<string>([...ref.caseKind, ...FACILITATED_KINDS]);
  const kind = code('kind', raw.kind, kindSet, true, 'soort casus') as ImportKind | null;
  if (kind && kind !== 'procesregie' && kind !== 'advies' && kind !== 'informatievraag' && !isFacilitatedKind(kind)) err('kind', `soort '${kind}' kan niet worden geïmporteerd`);
  const facilitated = kind !== null && isFacilitatedKind(kind);
  const approach = code('approach', raw.approach, ref.approach, kind === 'procesregie', 'aanpak');
  const registeredAt = date('registeredAt', raw.registeredAt, true);
  const registeringPartner = code('registeringPartner', raw.registeringPartner, ref.partners, true, 'partnercode');
  const municipality = code('municipality', raw.municipality, ref.municipalities, true, 'gemeentecode');
  const startedAt = date('startedAt', raw.startedAt, false);
  const closedAt = date('closedAt', raw.closedAt, false);
  const closeReason = text_('closeReason', raw.closeReason, false, MAX_LONG_TEXT);
  const mainTopic = code('mainTopic', raw.mainTopic, ref.mainTopic, kind === 'procesregie', 'hoofdthema');
  const problemAreas: string[] = [];
  if (raw.problemAreas !== undefined && raw.problemAreas !== null) {
    if (!Array.isArray(raw.problemAreas)) err('problemAreas', 'moet een lijst van codes zijn');
    else {
      for (const p of raw.problemAreas) {
        if (typeof p !== 'string' || !ref.problemArea.has(p)) err('problemAreas', `onbekend probleemgebied '${show(p)}'`);
        else if (!problemAreas.includes(p)) problemAreas.push(p);
      }
    }
  }
  const children = code('children', raw.children, ref.children, false, 'code voor kinderen');
  let crosses = false;
  if (raw.crossesMunicipalityBorder !== undefined && raw.crossesMunicipalityBorder !== null) {
    if (typeof raw.crossesMunicipalityBorder !== 'boolean') err('crossesMunicipalityBorder', 'moet true of false zijn');
    else crosses = raw.crossesMunicipalityBorder;
  }

  let subject: ImportLine['subject'] | null = null;
  if (raw.subject === undefined || raw.subject === null) err('subject', 'ontbreekt');
  else if (!isObject(raw.subject)) err('subject', 'moet een object zijn');
  else {
    const s = raw.subject;
    const firstName = text_('subject.firstName', s.firstName, true);
    const lastName = text_('subject.lastName', s.lastName, true);
    const birthDate = date('subject.birthDate', s.birthDate, true);
    const gender = code('subject.gender', s.gender, ref.gender, true, 'geslachtscode');
    let bsn: string | null = null;
    if (s.bsn !== undefined && s.bsn !== null && s.bsn !== '') {
      if (typeof s.bsn !== 'string') err('subject.bsn', 'moet tekst van 9 cijfers zijn');
      else if (!isValidBsn(s.bsn)) err('subject.bsn', `'${show(s.bsn)}' is geen geldig BSN (11-proef)`);
      else bsn = s.bsn;
    }
    if (birthDate && registeredAt && birthDate > registeredAt) err('subject.birthDate', `ligt na de aanmelddatum (${birthDate} > ${registeredAt})`);
    if (firstName && lastName && birthDate && gender) subject = { firstName, lastName, birthDate, gender, bsn };
  }

  if (startedAt && registeredAt && startedAt < registeredAt) err('startedAt', `ligt voor de aanmelddatum (${startedAt} < ${registeredAt})`);
  if (closedAt && registeredAt && closedAt < registeredAt) err('closedAt', `ligt voor de aanmelddatum (${closedAt} < ${registeredAt})`);
  if (closedAt && startedAt && closedAt < startedAt) err('closedAt', `ligt voor de startdatum (${closedAt} < ${startedAt})`);

  // the facilitated meetings' records (import-format.md, "Records of the meetings the ZVH facilitates")
  let discussedAt: string | null = null, outcome: string | null = null, status: string | null = null, releasedAt: string | null = null;
  if (facilitated) {
    if (raw.startedAt !== undefined && raw.startedAt !== null) err('startedAt', `hoort niet bij soort '${kind}'`);
  }
  if (kind === 'lpco') {
    discussedAt = date('discussedAt', raw.discussedAt, true);
    outcome = code('outcome', raw.outcome, ref.lpcoOutcome, true, 'LPCO-afdoening');
    if (discussedAt && registeredAt && discussedAt < registeredAt) err('discussedAt', `ligt voor de datum van het proces-verbaal (${discussedAt} < ${registeredAt})`);
  } else if (kind === 'veelpleger') {
    status = code('status', raw.status, ref.veelplegerStatus, true, 'veelplegerstatus');
  } else if (kind === 'nazorg') {
    releasedAt = date('releasedAt', raw.releasedAt, false);
    if (releasedAt && registeredAt && releasedAt < registeredAt) err('releasedAt', `ligt voor de signaaldatum (${releasedAt} < ${registeredAt})`);
    if (municipality && !ref.nazorgMunicipalities.has(municipality)) err('municipality', `nazorg is geen plustaak van gemeente '${municipality}'`);
  }

  if (errors.length || !externalId || !kind || !registeredAt || !registeringPartner || !municipality || !subject) {
    return { ok: false, error: errors.join('; ') || 'Ongeldige regel' };
  }
  return {
    ok: true,
    value: {
      line: lineNo, externalId, kind, approach, registeredAt, registeringPartner, municipality, startedAt, closedAt,
      closeReason, mainTopic, problemAreas, children, crossesMunicipalityBorder: crosses, subject,
      ...(facilitated ? { discussedAt, outcome, status, releasedAt } : {}),
    },
  };
}
