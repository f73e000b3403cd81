// SPDX-License-Identifier: EUPL-1.2
// Afsluiten: reason code, explanation, evaluation and, for a handover, the partner and a handover
// note. Every open agreement needs a choice first: close it (done or cancelled) or carry it over
// explicitly. Heropenen: a closed case is reopened with a reason.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { Button, ButtonGroup, Heading, Paragraph, SelectField, TextAreaField } from '../../../ui';
import { ErrorSummary, FormSection, RadioGroupField, mapServerErrors, useErrorText } from '../common/forms';
import type { Agreement, GoalsMet } from '../common/types';
import { DueDate } from './AgreementsTab';
import type { CaseTabProps } from './props';
import { ZrmSection } from '../common/ZrmSection';

type Choice = '' | 'done' | 'cancelled' | 'carry';
const GOALS_MET: GoalsMet[] = ['ja', 'deels', 'nee'];

export function CloseTab({ c, labels, reload, notify, selectTab }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const open = c.agreements.filter((a) => a.status === 'open');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [values, setValues] = useState({ reasonCode: '', reason: '', goalsMet: '', helped: '', stalled: '', handoverPartner: '', handoverNote: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<string>();
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const close = useAction(async (carry: string[], closeFirst: { a: Agreement; status: 'done' | 'cancelled' }[]) => {
    for (const { a, status } of closeFirst) {
      await api.patch(`/api/agreements/${a.id}`, { status, note: a.note ?? t('casus.close.closedWithCase'), version: a.version });
    }
    return api.post<{ status: string }>(`/api/cases/${c.id}/close`, {
      reasonCode: values.reasonCode,
      reason: values.reason.trim(),
      evaluation: {
        goalsMet: values.goalsMet as GoalsMet,
        ...(values.helped.trim() ? { helped: values.helped.trim() } : {}),
        ...(values.stalled.trim() ? { stalled: values.stalled.trim() } : {}),
      },
      ...(values.reasonCode === 'overgedragen' ? { handoverPartner: values.handoverPartner, handoverNote: values.handoverNote.trim() } : {}),
      carryOver: carry,
    });
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    setMessage(undefined);
    const found: Record<string, string> = {};
    for (const a of open) if (!choices[a.id]) found[`agreement-${a.id}`] = t('casus.close.errors.choice');
    if (!values.reasonCode) found.reasonCode = t('casus.close.errors.reasonCode');
    if (!values.reason.trim()) found.reason = t('casus.close.errors.reason');
    if (!values.goalsMet) found.goalsMet = t('casus.close.errors.goalsMet');
    if (values.reasonCode === 'overgedragen') {
      if (!values.handoverPartner) found.handoverPartner = t('casus.close.errors.handoverPartner');
      if (!values.handoverNote.trim()) found.handoverNote = t('casus.close.errors.handoverNote');
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    const carry = open.filter((a) => choices[a.id] === 'carry').map((a) => a.id);
    const closeFirst = open.flatMap((a) => {
      const choice = choices[a.id];
      return choice === 'done' || choice === 'cancelled' ? [{ a, status: choice }] : [];
    });
    const res = await close.run(carry, closeFirst);
    // agreements closed before a failure stay closed: show the current state
    if (!res.ok && closeFirst.length) reload();
    if (res.ok) {
      selectTab('overzicht');
      notify(t('casus.close.done'));
      reload();
    } else if (res.error?.code === 'open_agreements') {
      // agreements were added meanwhile: show them with a choice
      const titles = Array.isArray(res.error.details) ? (res.error.details as { title?: string }[]).map((d) => d.title).filter(Boolean).join(', ') : '';
      setMessage(t('casus.close.errors.stillOpen', { titles }));
      reload();
    } else if (res.error?.code === 'stale_version') {
      setMessage(t('casus.close.errors.agreementChanged'));
      reload();
    } else {
      setErrors(mapServerErrors(res.error, ['reasonCode', 'reason', 'goalsMet', 'evaluation', 'handoverPartner', 'handoverNote', 'carryOver']));
    }
  };

  const label = (k: string) => {
    if (k.startsWith('agreement-')) {
      const a = open.find((x) => `agreement-${x.id}` === k);
      return t('casus.close.agreementLabel', { title: a?.title ?? '' });
    }
    return t(`casus.close.fields.${k as 'reason'}`, { defaultValue: k });
  };
  const summary = Object.entries(errors)
    .filter(([k]) => k)
    .map(([k, m]) => ({ id: `afsluiten-${k}`, label: label(k), message: m }));
  const generalError = message ?? (close.error && close.error.fieldErrors.length === 0 && !['open_agreements', 'stale_version'].includes(close.error.code) ? errorText(close.error) : errors['']);

  return (
    <>
      <Heading level={2}>{t('casus.tabs.close')}</Heading>
      <Paragraph>{t('casus.close.intro')}</Paragraph>
      {c.kind === 'procesregie' && <ZrmSection caseId={c.id} moment="afsluiting" labels={labels} editable notify={notify} />}
      <form noValidate onSubmit={submit} className="zvh-cf-form">
        <ErrorSummary attempt={attempt} errors={summary} message={generalError} />
        <FormSection legend={t('casus.close.openTitle')} description={t('casus.close.openIntro')} level={3}>
          {open.length === 0 ? (
            <Paragraph>{t('casus.close.noOpen')}</Paragraph>
          ) : (
            <ul className="zvh-cf-choice-list">
              {open.map((a) => (
                <li key={a.id}>
                  <RadioGroupField
                    id={`afsluiten-agreement-${a.id}`}
                    legend={
                      <>
                        {t('casus.close.agreementLabel', { title: a.title })} – {labels.org(a.partner)}, <DueDate date={a.dueDate} overdue={a.overdue} />
                      </>
                    }
                    options={[
                      { value: 'done', label: t('casus.close.choices.done') },
                      { value: 'cancelled', label: t('casus.close.choices.cancelled') },
                      { value: 'carry', label: t('casus.close.choices.carry'), description: t('casus.close.choices.carryHelp', { partner: labels.org(a.partner) }) },
                    ]}
                    value={choices[a.id] ?? ''}
                    onChange={(v) => setChoices((cur) => ({ ...cur, [a.id]: v as Choice }))}
                    error={errors[`agreement-${a.id}`]}
                    required
                  />
                </li>
              ))}
            </ul>
          )}
        </FormSection>
        <FormSection legend={t('casus.close.reasonTitle')} level={3}>
          <SelectField
            id="afsluiten-reasonCode"
            label={t('casus.close.fields.reasonCode')}
            placeholder={t('common.choose')}
            options={labels.options('closeReason', values.reasonCode)}
            value={values.reasonCode}
            onChange={(e) => set('reasonCode', e.currentTarget.value)}
            error={errors.reasonCode}
            required
          />
          {values.reasonCode === 'overgedragen' && (
            <>
              <SelectField
                id="afsluiten-handoverPartner"
                label={t('casus.close.fields.handoverPartner')}
                placeholder={t('common.choose')}
                options={labels.partners(values.handoverPartner)}
                value={values.handoverPartner}
                onChange={(e) => set('handoverPartner', e.currentTarget.value)}
                error={errors.handoverPartner}
                required
              />
              <TextAreaField
                id="afsluiten-handoverNote"
                label={t('casus.close.fields.handoverNote')}
                description={t('casus.close.handoverNoteDescription')}
                value={values.handoverNote}
                onChange={(e) => set('handoverNote', e.currentTarget.value)}
                error={errors.handoverNote}
                maxLength={5000}
                required
              />
            </>
          )}
          <TextAreaField
            id="afsluiten-reason"
            label={t('casus.close.fields.reason')}
            value={values.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason}
            rows={4}
            maxLength={3000}
            required
          />
        </FormSection>
        <FormSection legend={t('casus.close.evaluationTitle')} level={3}>
          <RadioGroupField
            id="afsluiten-goalsMet"
            legend={t('casus.close.fields.goalsMet')}
            options={GOALS_MET.map((g) => ({ value: g, label: t(`casus.close.goalsMet.${g}`) }))}
            value={values.goalsMet}
            onChange={(v) => set('goalsMet', v)}
            error={errors.goalsMet}
            required
          />
          <TextAreaField
            id="afsluiten-helped"
            label={t('casus.close.fields.helped')}
            value={values.helped}
            onChange={(e) => set('helped', e.currentTarget.value)}
            error={errors.helped}
            rows={3}
            maxLength={3000}
            optional
          />
          <TextAreaField
            id="afsluiten-stalled"
            label={t('casus.close.fields.stalled')}
            value={values.stalled}
            onChange={(e) => set('stalled', e.currentTarget.value)}
            error={errors.stalled}
            rows={3}
            maxLength={3000}
            optional
          />
        </FormSection>
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={close.pending}>
            {t('casus.close.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function ReopenTab({ c, reload, notify, selectTab }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const reopen = useAction((r: string) => api.post(`/api/cases/${c.id}/reopen`, { reason: r }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    if (!reason.trim()) {
      setError(t('casus.reopen.errors.reason'));
      return;
    }
    setError(undefined);
    const res = await reopen.run(reason.trim());
    if (res.ok) {
      selectTab('overzicht');
      notify(t('casus.reopen.done'));
      reload();
    }
  };

  return (
    <>
      <Heading level={2}>{t('casus.tabs.reopen')}</Heading>
      <Paragraph>{t('casus.reopen.intro')}</Paragraph>
      <form noValidate onSubmit={submit} className="zvh-cf-form">
        <ErrorSummary
          attempt={attempt}
          errors={error ? [{ id: 'heropenen-reason', label: t('casus.reopen.reason'), message: error }] : []}
          message={reopen.error ? errorText(reopen.error) : undefined}
        />
        <TextAreaField
          id="heropenen-reason"
          label={t('casus.reopen.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          rows={4}
          maxLength={2000}
          required
        />
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={reopen.pending}>
            {t('casus.reopen.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
