// SPDX-License-Identifier: EUPL-1.2
// Shared pieces of the facilitated meetings' pages: the record types of the API (generated from
// the OpenAPI document, src/api/openapi.d.ts, `npm run openapi`), which kinds a user works with
// (the server decides; this only chooses what to offer) and the person fields.
import './facilitering.css';
import { ButtonLink, DateField, SelectField, TextField } from '../../ui';
import type { ApiResponse, Me } from '../../api/types';
import type { Labels } from '../casus/common/reference';
import { useFacilT } from './texts';

/** The regions with their veelplegers, each person's current record and history (GET /api/facilitated/veelplegers). */
export type VeelplegerRegion = ApiResponse<'listVeelplegers'>[number];
export type VeelplegerRecord = NonNullable<VeelplegerRegion['persons'][number]['current']>;
/** A row of the LPCO list (GET /api/facilitated/lpco). */
export type LpcoRecord = ApiResponse<'listLpcoRecords'>[number];
/** A nazorg record (GET /api/facilitated/nazorg/{id}; also the answer of PATCH and of consent). */
export type NazorgRecord = ApiResponse<'getNazorgRecord'>;
export type PersonSummary = VeelplegerRecord['person'] | LpcoRecord['person'] | NazorgRecord['person'];
export type ConditionStatus = NonNullable<NazorgRecord['conditions'][string]['before']>;
export const CONDITION_STATUSES: ConditionStatus[] = ['geregeld', 'in-behandeling', 'niet-geregeld', 'nvt'];
export const CONDITIONS = ['id-bewijs', 'onderdak', 'inkomen', 'schulden', 'zorg'] as const;

export type Kind = 'veelplegers' | 'lpco' | 'nazorg';
const NAZORG_DEPARTMENTS = ['gemeente-oov', 'gemeente-sd', 'sociale-teams'];

/** The kinds this user works with: ZVH staff all; OM veelplegers; leerplicht LPCO; municipal departments nazorg. */
export function kindsFor(user: Me): Kind[] {
  if (user.organisation.kind === 'zvh') return ['veelplegers', 'lpco', 'nazorg'];
  const org = user.organisation.code;
  if (org === 'om') return ['veelplegers'];
  if (org === 'leerplicht' && user.municipality) return ['lpco'];
  if (NAZORG_DEPARTMENTS.includes(org) && user.municipality) return ['nazorg'];
  return [];
}

export const fullName = (p: PersonSummary) => `${p.firstName} ${p.lastName}`;

export interface PersonDraft { firstName: string; lastName: string; birthDate: string; gender: string; bsn: string }
export const emptyPerson = (): PersonDraft => ({ firstName: '', lastName: '', birthDate: '', gender: 'anders', bsn: '' });
export const personBody = (p: PersonDraft) => ({ firstName: p.firstName.trim(), lastName: p.lastName.trim(), birthDate: p.birthDate, gender: p.gender, bsn: p.bsn.trim() || null });

/** Missing required person fields as {field: message}. */
export function checkPerson(p: PersonDraft, required: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!p.firstName.trim()) e['subject.firstName'] = required;
  if (!p.lastName.trim()) e['subject.lastName'] = required;
  if (!p.birthDate) e['subject.birthDate'] = required;
  return e;
}

export function PersonFields({ idPrefix, value, onChange, errors, labels }: {
  idPrefix: string; value: PersonDraft; onChange: (p: PersonDraft) => void; errors: Record<string, string>; labels: Labels;
}) {
  const t = useFacilT();
  const set = (k: keyof PersonDraft) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <>
      <TextField id={`${idPrefix}-first`} label={t('firstName')} value={value.firstName} onChange={set('firstName')} error={errors['subject.firstName']} required autoComplete="off" />
      <TextField id={`${idPrefix}-last`} label={t('lastName')} value={value.lastName} onChange={set('lastName')} error={errors['subject.lastName']} required autoComplete="off" />
      <DateField id={`${idPrefix}-birth`} label={t('birthDate')} value={value.birthDate} onChange={set('birthDate')} error={errors['subject.birthDate']} required />
      <SelectField id={`${idPrefix}-gender`} label={t('gender')} options={labels.options('gender', value.gender)} value={value.gender} onChange={set('gender')} error={errors['subject.gender']} />
      <TextField id={`${idPrefix}-bsn`} label={t('bsn')} description={t('bsnDescription')} value={value.bsn} onChange={set('bsn')} error={errors['subject.bsn']} optional inputMode="numeric" autoComplete="off" />
    </>
  );
}

export function BackLink() {
  const t = useFacilT();
  return <ButtonLink to="/facilitering" variant="secondary">{t('back')}</ButtonLink>;
}
