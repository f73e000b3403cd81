// SPDX-License-Identifier: EUPL-1.2
// The advice of an advice case (question, advice given, time spent) and its follow-up; used on the
// advice page and in the case file's "Advies" tab.
import { useState } from 'react';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction } from '../../api/useApi';
import { Alert, ButtonLink, FormDialog, Paragraph, TextAreaField, TextField } from '../../ui';
import { RadioGroupField } from '../casus/common/forms';
import { useSignalT } from './texts';
import type { AdviceRecord } from './types';

export function RecordAdviceDialog({ record, onClose, onDone }: { record: AdviceRecord; onClose: () => void; onDone: (r: AdviceRecord) => void }) {
  const t = useSignalT();
  const [form, setForm] = useState({ question: record.question, advice: record.advice ?? '', minutesSpent: String(record.minutesSpent) });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.put<AdviceRecord>(`/api/cases/${record.caseId}/advice`, {
    question: form.question, advice: form.advice.trim() ? form.advice : null, minutesSpent: Number(form.minutesSpent),
  }));
  const errors = fieldErrorsOf(save.error, t('required'));
  const minutesInvalid = !/^\d+$/.test(form.minutesSpent);
  const submit = async () => {
    if (minutesInvalid || !form.question.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(r.value); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('recordAdvice')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <TextAreaField id="advice-question" label={t('question')} value={form.question} onChange={(e) => setForm({ ...form, question: e.currentTarget.value })}
        error={!form.question.trim() && attempt ? t('required') : errors.question} required />
      <TextAreaField id="advice-advice" label={t('adviceGiven')} optional value={form.advice} onChange={(e) => setForm({ ...form, advice: e.currentTarget.value })} error={errors.advice} />
      <TextField id="advice-minutes" label={t('minutesSpent')} inputMode="numeric" value={form.minutesSpent} onChange={(e) => setForm({ ...form, minutesSpent: e.currentTarget.value })}
        error={minutesInvalid && attempt ? t('required') : errors.minutesSpent} required />
    </FormDialog>
  );
}

export function FollowUpDialog({ record, onClose, onDone }: { record: AdviceRecord; onClose: () => void; onDone: (registrationId: string | null) => void }) {
  const t = useSignalT();
  const [followUp, setFollowUp] = useState<'aanmelder' | 'procesregie'>('aanmelder');
  const [reason, setReason] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post<{ status: string; registrationId: string | null }>(`/api/cases/${record.caseId}/advice/follow-up`, {
    followUp, ...(reason.trim() ? { reason } : {}),
  }));
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(r.value.registrationId); else setAttempt((a) => a + 1); };
  const options = (['aanmelder', 'procesregie'] as const).filter((o) => o === 'aanmelder' || !record.anonymous).map((o) => ({ value: o, label: t(`followUp_${o}`) }));
  return (
    <FormDialog open title={t('recordFollowUp')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.fieldErrors[0]?.message ?? save.error.message}</Alert> : undefined}>
      <Paragraph>{t('followUpHint')}</Paragraph>
      <RadioGroupField id="advice-follow-up" name="advice-follow-up" legend={t('followUp')} options={options} value={followUp} onChange={(v) => setFollowUp(v as 'aanmelder' | 'procesregie')} />
      {followUp === 'procesregie' && (
        <TextAreaField id="advice-follow-up-reason" label={t('reason')} optional value={reason} rows={3} onChange={(e) => setReason(e.currentTarget.value)} />
      )}
    </FormDialog>
  );
}

export function FollowUpText({ record }: { record: AdviceRecord }) {
  const t = useSignalT();
  if (!record.followUp) return <>{t('followUpNone')}</>;
  return (
    <>
      {t(`followUp_${record.followUp}`)}
      {record.followUpRegistrationId && <> — <ButtonLink variant="subtle" to={`/aanmeldingen/${record.followUpRegistrationId}`}>{t('followUpNewRegistration')}</ButtonLink></>}
    </>
  );
}
