// SPDX-License-Identifier: EUPL-1.2
// One nazorg record: dates, consent, the five basic conditions before and after release, and
// the escalation to an aanmelding for procesregie in one step.
import { can } from '@zvh/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, ButtonLink, DateField, FormDialog, Notice, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { LoadBoundary, RadioGroupField } from '../casus/common/forms';
import { formatDate, todayIso } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { BackLink, CONDITION_STATUSES, CONDITIONS, fullName, type ConditionStatus, type NazorgRecord } from './common';
import { consentText } from './NazorgPage';
import { useFacilT, type FacilKey } from './texts';

export default function NazorgDetailPage() {
  const t = useFacilT();
  const { id } = useParams();
  const record = useApi<NazorgRecord>(`/api/facilitated/nazorg/${id}`);
  const reference = useReference();
  const [notice, setNotice] = useState<string>();
  const saved = (r: NazorgRecord) => { record.setData(r); setNotice(t('saved')); };
  const name = record.data ? fullName(record.data.person) : t('nazorg');
  return (
    <Page title={t('nzDetailTitle', { name })}>
      <ButtonLink to="/facilitering/nazorg" variant="secondary">{t('nazorg')}</ButtonLink>
      <Notice message={notice} />
      <LoadBoundary state={{ ...record, data: record.data && reference.data ? { r: record.data, labels: labelsFor(reference.data) } : undefined, error: record.error ?? reference.error }}>
        {({ r, labels }) => (
          <>
            <Paragraph>{labels.municipality(r.municipality)} · {t('birthDate')}: {formatDate(r.person.birthDate)}</Paragraph>
            <DatesSection key={`d${r.version}`} r={r} onSaved={saved} />
            <ConsentSection key={`c${r.version}`} r={r} onSaved={saved} />
            <ConditionsSection key={`k${r.version}`} r={r} onSaved={saved} />
            <EscalateSection r={r} labels={labels} onDone={() => { record.reload(); setNotice(t('nzEscalated')); }} />
          </>
        )}
      </LoadBoundary>
      <BackLink />
    </Page>
  );
}

function DatesSection({ r, onSaved }: { r: NazorgRecord; onSaved: (r: NazorgRecord) => void }) {
  const t = useFacilT();
  const [form, setForm] = useState({ releasedAt: r.releasedAt ?? '', closedAt: r.closedAt ?? '', note: r.note ?? '' });
  const save = useAction(() => api.patch<NazorgRecord>(`/api/facilitated/nazorg/${r.id}`, { releasedAt: form.releasedAt || null, closedAt: form.closedAt || null, note: form.note || null, version: r.version }));
  const errors = fieldErrorsOf(save.error);
  const submit = async (e: FormEvent) => { e.preventDefault(); const res = await save.run(); if (res.ok) onSaved(res.value); };
  return (
    <Section title={t('nzDates')}>
      <form className="zvh-form" noValidate onSubmit={submit}>
        {save.error && !save.error.fieldErrors.length && <Alert type="error">{save.error.message}</Alert>}
        <Paragraph>{t('nzRegisteredAt')}: {formatDate(r.registeredAt)}</Paragraph>
        <DateField id="nz-released" label={t('nzReleasedAt')} optional value={form.releasedAt} onChange={(e) => setForm({ ...form, releasedAt: e.currentTarget.value })} error={errors.releasedAt} />
        <DateField id="nz-closed" label={t('nzClosedAt')} optional value={form.closedAt} onChange={(e) => setForm({ ...form, closedAt: e.currentTarget.value })} error={errors.closedAt} />
        <TextAreaField id="nz-note" label={t('note')} optional rows={3} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} error={errors.note} />
        <ButtonGroup><Button type="submit" disabled={save.pending}>{t('save')}</Button></ButtonGroup>
      </form>
    </Section>
  );
}

function ConsentSection({ r, onSaved }: { r: NazorgRecord; onSaved: (r: NazorgRecord) => void }) {
  const t = useFacilT();
  const [given, setGiven] = useState(r.consent.given === false ? 'nee' : r.consent.given === true ? 'ja' : '');
  const [date, setDate] = useState(r.consent.date ?? todayIso());
  const [local, setLocal] = useState<string>();
  const save = useAction(() => api.post<NazorgRecord>(`/api/facilitated/nazorg/${r.id}/consent`, { given: given === 'ja', date, version: r.version }));
  const errors = fieldErrorsOf(save.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!given) { setLocal(t('required')); return; }
    setLocal(undefined);
    const res = await save.run();
    if (res.ok) onSaved(res.value);
  };
  return (
    <Section title={t('nzConsent')}>
      <Paragraph>{t('nzConsent')}: <strong>{consentText(t, r)}</strong></Paragraph>
      <Paragraph>{t('nzConsentExplain')}</Paragraph>
      <form className="zvh-form" noValidate onSubmit={submit}>
        {save.error && !save.error.fieldErrors.length && <Alert type="error">{save.error.message}</Alert>}
        <RadioGroupField id="nz-consent" name="nz-consent" legend={t('nzConsentRecord')} value={given} onChange={setGiven} error={local}
          options={[{ value: 'ja', label: t('nzConsentYes') }, { value: 'nee', label: t('nzConsentNo') }]} />
        <DateField id="nz-consent-date" label={t('nzConsentDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} required />
        <ButtonGroup><Button type="submit" disabled={save.pending}>{t('nzConsentRecord')}</Button></ButtonGroup>
      </form>
    </Section>
  );
}

function ConditionsSection({ r, onSaved }: { r: NazorgRecord; onSaved: (r: NazorgRecord) => void }) {
  const t = useFacilT();
  const [conditions, setConditions] = useState(r.conditions);
  useEffect(() => setConditions(r.conditions), [r.conditions]);
  const save = useAction(() => api.patch<NazorgRecord>(`/api/facilitated/nazorg/${r.id}`, { conditions, version: r.version }));
  const submit = async (e: FormEvent) => { e.preventDefault(); const res = await save.run(); if (res.ok) onSaved(res.value); };
  const options = CONDITION_STATUSES.map((s) => ({ value: s, label: t(`nzStatus_${s}` as FacilKey) }));
  const set = (k: string, when: 'before' | 'after', v: string) =>
    setConditions({ ...conditions, [k]: { ...conditions[k]!, [when]: (v || null) as ConditionStatus | null } });
  return (
    <Section title={t('nzConditions')}>
      <form className="zvh-form" noValidate onSubmit={submit}>
        {save.error && <Alert type="error">{save.error.message}</Alert>}
        <div className="zvh-table-scroll">
          <table className="zvh-facil-conditions">
            <caption>{t('nzConditionsCaption')}</caption>
            <thead>
              <tr><th scope="col">{t('nzCondition')}</th><th scope="col">{t('nzBefore')}</th><th scope="col">{t('nzAfter')}</th></tr>
            </thead>
            <tbody>
              {CONDITIONS.map((k) => (
                <tr key={k}>
                  <th scope="row" id={`nz-cond-${k}`}>{labelOf(k)}</th>
                  {(['before', 'after'] as const).map((when) => (
                    <td key={when}>
                      <SelectField id={`nz-cond-${k}-${when}`} label={`${labelOf(k)}: ${t(when === 'before' ? 'nzBefore' : 'nzAfter').toLowerCase()}`}
                        className="zvh-facil-condition-select" placeholder={t('nzStatusNone')} options={options}
                        value={conditions[k]?.[when] ?? ''} onChange={(e) => set(k, when, e.currentTarget.value)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ButtonGroup><Button type="submit" disabled={save.pending}>{t('nzSaveConditions')}</Button></ButtonGroup>
      </form>
    </Section>
  );
}

const CONDITION_LABELS: Record<string, string> = { 'id-bewijs': 'ID-bewijs', onderdak: 'Onderdak', inkomen: 'Inkomen', schulden: 'Schulden', zorg: 'Zorg' };
const labelOf = (k: string) => CONDITION_LABELS[k] ?? k;

function EscalateSection({ r, labels, onDone }: { r: NazorgRecord; labels: Labels; onDone: () => void }) {
  const t = useFacilT();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ reason: '', mainTopic: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post<{ registrationId: string }>(`/api/facilitated/nazorg/${r.id}/escalate`, form));
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const mayRegister = user.organisation.kind !== 'zvh' || can(user.roles, 'triage.decide');
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!form.reason.trim()) e.reason = t('required');
    if (!form.mainTopic) e.mainTopic = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const res = await save.run();
    if (res.ok) { setOpen(false); onDone(); } else setAttempt((a) => a + 1);
  };
  return (
    <Section title={t('nzEscalate')}>
      {r.registrationId ? (
        <Paragraph>{t('nzEscalated')}: <ButtonLink to={`/aanmeldingen/${r.registrationId}`}>{t('nzToRegistration')}</ButtonLink></Paragraph>
      ) : (
        <>
          <Paragraph>{t('nzEscalateDescription')}</Paragraph>
          {mayRegister && !r.closedAt && <Button onClick={() => setOpen(true)}>{t('nzEscalate')}</Button>}
        </>
      )}
      {open && (
        <FormDialog open title={t('nzEscalateTitle')} onClose={() => setOpen(false)} onSubmit={submit} submitLabel={t('nzEscalate')} busy={save.pending} invalidAttempt={attempt}
          message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
          <Paragraph>{t('nzEscalateDescription')}</Paragraph>
          <SelectField id="nz-esc-topic" label={t('nzEscalateTopic')} placeholder="—" options={labels.options('mainTopic', form.mainTopic)} value={form.mainTopic} onChange={(e) => setForm({ ...form, mainTopic: e.currentTarget.value })} error={errors.mainTopic} required />
          <TextAreaField id="nz-esc-reason" label={t('nzEscalateReason')} rows={4} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })} error={errors.reason} required />
        </FormDialog>
      )}
    </Section>
  );
}
