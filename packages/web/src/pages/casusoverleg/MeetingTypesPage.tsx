// SPDX-License-Identifier: EUPL-1.2
// Beheer > Overlegsoorten: the tenant's meeting types with chair, members, frequency rule
// (weekly, every N weeks, monthly on the nth weekday, months without a meeting), place and
// subject kind; the beheerder adds and changes them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Alert, Button, CheckboxGroupField, DataTable, Section, SelectField, TextField, type Column } from '../../ui';
import { BeheerPage } from '../beheer/common';
import { LoadBoundary } from '../casus/common/forms';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { frequencyRuleOf, type FrequencyRule, type MeetingType } from './types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

interface Draft {
  id?: string; code: string; name: string; chairOrganisation: string; memberOrganisations: string[]; kind: FrequencyRule['kind'];
  weekday: string; nth: string; intervalWeeks: string; start: string; end: string; excludedMonths: string[]; location: string; subjectKind: MeetingType['subjectKind'];
}
const emptyDraft = (): Draft => ({ code: '', name: '', chairOrganisation: 'zvh', memberOrganisations: [], kind: 'weekly', weekday: '2', nth: '1', intervalWeeks: '1',
  start: '09:00', end: '10:30', excludedMonths: [], location: '', subjectKind: 'cases' });
/** The edit form of a meeting type; a frequency that is not a rule keeps the new form's rule. */
function draftOf(m: MeetingType): Draft {
  const f = frequencyRuleOf(m.frequency);
  if (!f) return { ...emptyDraft(), id: m.id, code: m.code, name: m.name, chairOrganisation: m.chairOrganisation, memberOrganisations: m.memberOrganisations, location: m.location ?? '', subjectKind: m.subjectKind };
  return {
    id: m.id, code: m.code, name: m.name, chairOrganisation: m.chairOrganisation, memberOrganisations: m.memberOrganisations, kind: f.kind,
    weekday: f.kind === 'adhoc' ? '2' : String(f.weekday), nth: f.kind === 'monthly' ? String(f.nth) : '1',
    intervalWeeks: f.kind === 'weekly' ? String(f.intervalWeeks ?? 1) : '1', start: f.kind === 'adhoc' ? '09:00' : f.start, end: f.kind === 'adhoc' ? '10:30' : f.end,
    excludedMonths: f.kind === 'adhoc' ? [] : (f.excludedMonths ?? []).map(String), location: m.location ?? '', subjectKind: m.subjectKind,
  };
}

export default function MeetingTypesPage() {
  const { t } = useTranslation();
  const list = useApi<MeetingType[]>('/api/meeting-types');
  const reference = useReference();
  const [draft, setDraft] = useState<Draft | null>(null);
  return (
    <BeheerPage title={t('overleg.types.title')}>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { types: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
        {({ types, ref }) => {
          const labels = labelsFor(ref);
          const columns: Column<MeetingType>[] = [
            { key: 'name', header: t('overleg.types.name'), rowHeader: true, cell: (m) => m.name },
            { key: 'chair', header: t('overleg.fields.chair'), cell: (m) => labels.org(m.chairOrganisation) },
            { key: 'members', header: t('overleg.types.members'), cell: (m) => m.memberOrganisations.map((c) => labels.org(c)).join(', ') || '—' },
            { key: 'rule', header: t('overleg.types.frequency'), cell: (m) => ruleText(t as unknown as Translate, frequencyRuleOf(m.frequency)) },
            { key: 'active', header: t('overleg.fields.status'), cell: (m) => (m.active ? t('beheer.active') : t('beheer.inactive')) },
            { key: 'edit', header: t('overleg.types.actions'), cell: (m) => <Button variant="subtle" onClick={() => setDraft(draftOf(m))} aria-label={t('overleg.types.editNamed', { name: m.name })}>{t('overleg.types.edit')}</Button> },
          ];
          return (
            <>
              <DataTable caption={t('overleg.types.caption')} columns={columns} rows={types} rowKey={(m) => m.id} emptyMessage={t('overleg.types.empty')} />
              <Button onClick={() => setDraft(emptyDraft())}>{t('overleg.types.add')}</Button>
              {draft && <TypeForm key={draft.id ?? 'new'} initial={draft} labels={labels} onDone={() => { setDraft(null); list.reload(); }} onCancel={() => setDraft(null)} />}
            </>
          );
        }}
      </LoadBoundary>
    </BeheerPage>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;
function ruleText(t: Translate, f: FrequencyRule | null): string {
  if (!f) return '—';
  if (f.kind === 'adhoc') return t('overleg.types.adhoc');
  const day = t(`overleg.weekdays.${f.weekday}`);
  const months = f.excludedMonths?.length ? `; ${t('overleg.types.notIn', { months: f.excludedMonths.map((m) => t(`overleg.months.${m}`)).join(', ') })}` : '';
  if (f.kind === 'weekly') {
    return `${(f.intervalWeeks ?? 1) > 1 ? t('overleg.types.everyNWeeks', { n: f.intervalWeeks, day }) : t('overleg.types.weekly', { day })} ${f.start}–${f.end}${months}`;
  }
  return `${t('overleg.types.monthly', { nth: f.nth === -1 ? t('overleg.types.last') : `${f.nth}e`, day })} ${f.start}–${f.end}${months}`;
}

function TypeForm({ initial, labels, onDone, onCancel }: { initial: Draft; labels: Labels; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState(initial);
  const save = useAction((body: unknown) => request(d.id ? `/api/meeting-types/${d.id}` : '/api/meeting-types', { method: d.id ? 'PUT' : 'POST', body }));
  const errors = fieldErrorsOf(save.error, t('overleg.invalid'));
  const orgs = [{ value: 'zvh', label: labels.org('zvh') }, ...labels.partners()];
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const excludedMonths = d.excludedMonths.map(Number).sort((a, b) => a - b);
    const frequency = d.kind === 'adhoc' ? { kind: 'adhoc' }
      : d.kind === 'weekly' ? { kind: 'weekly', weekday: Number(d.weekday), start: d.start, end: d.end, intervalWeeks: Number(d.intervalWeeks), excludedMonths }
        : { kind: 'monthly', nth: Number(d.nth), weekday: Number(d.weekday), start: d.start, end: d.end, excludedMonths };
    const body = { ...(d.id ? {} : { code: d.code }), name: d.name, chairOrganisation: d.chairOrganisation, memberOrganisations: d.memberOrganisations,
      frequency, location: d.location.trim() || null, subjectKind: d.subjectKind };
    if ((await save.run(body)).ok) onDone();
  }
  return (
    <Section title={d.id ? t('overleg.types.editTitle', { name: initial.name }) : t('overleg.types.addTitle')}>
      <form onSubmit={submit} noValidate>
        {save.error && <Alert type="error">{save.error.message}</Alert>}
        {!d.id && <TextField id="mt-code" label={t('overleg.types.code')} value={d.code} onChange={set('code')} required error={errors.code} />}
        <TextField id="mt-name" label={t('overleg.types.name')} value={d.name} onChange={set('name')} required error={errors.name} />
        <SelectField id="mt-chair" label={t('overleg.fields.chair')} value={d.chairOrganisation} onChange={set('chairOrganisation')} options={orgs} required />
        <CheckboxGroupField id="mt-members" legend={t('overleg.types.members')} options={orgs} value={d.memberOrganisations} onChange={(v) => setD({ ...d, memberOrganisations: v })} error={errors.memberOrganisations} />
        <SelectField id="mt-subject" label={t('overleg.types.subjectKind')} value={d.subjectKind} onChange={set('subjectKind')} required
          options={(['cases', 'registrations', 'facilitated'] as const).map((k) => ({ value: k, label: t(`overleg.types.subjectKinds.${k}`) }))} />
        <SelectField id="mt-kind" label={t('overleg.types.frequency')} value={d.kind} onChange={set('kind')} required
          options={(['adhoc', 'weekly', 'monthly'] as const).map((k) => ({ value: k, label: t(`overleg.types.kinds.${k}`) }))} />
        {d.kind !== 'adhoc' && (
          <>
            {d.kind === 'monthly' && <SelectField id="mt-nth" label={t('overleg.types.nth')} value={d.nth} onChange={set('nth')}
              options={['1', '2', '3', '4', '-1'].map((n) => ({ value: n, label: n === '-1' ? t('overleg.types.last') : `${n}e` }))} />}
            <SelectField id="mt-weekday" label={t('overleg.types.weekday')} value={d.weekday} onChange={set('weekday')}
              options={WEEKDAYS.map((w) => ({ value: String(w), label: t(`overleg.weekdays.${w}` as 'overleg.weekdays.1') }))} />
            {d.kind === 'weekly' && <TextField id="mt-interval" type="number" min={1} max={12} label={t('overleg.types.intervalWeeks')} value={d.intervalWeeks} onChange={set('intervalWeeks')} />}
            <TextField id="mt-start" type="time" label={t('overleg.fields.start')} value={d.start} onChange={set('start')} required />
            <TextField id="mt-end" type="time" label={t('overleg.fields.end')} value={d.end} onChange={set('end')} required error={errors['frequency.end']} />
            <CheckboxGroupField id="mt-months" legend={t('overleg.types.excludedMonths')} value={d.excludedMonths} onChange={(v) => setD({ ...d, excludedMonths: v })}
              options={MONTHS.map((m) => ({ value: String(m), label: t(`overleg.months.${m}` as 'overleg.months.1') }))} />
          </>
        )}
        <TextField id="mt-location" label={t('overleg.fields.place')} value={d.location} onChange={set('location')} optional />
        <Button type="submit" variant="primary" busy={save.pending}>{t('overleg.types.save')}</Button>
        <Button onClick={onCancel}>{t('overleg.types.cancel')}</Button>
      </form>
    </Section>
  );
}
