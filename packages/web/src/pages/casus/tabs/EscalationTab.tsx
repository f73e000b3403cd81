// SPDX-License-Identifier: EUPL-1.2
// Escalation on the case page (ZVH staff): escalations of agreements or the case, first to the
// partner's management and then to the stuurgroep, with question, deadline and answer; and who
// holds the regie in each AVE phase.
import { useState } from 'react';
import { api } from '../../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../../api/useApi';
import { Alert, Button, DataTable, DateField, FormDialog, Paragraph, Section, SelectField, TextAreaField } from '../../../ui';
import { useSignalT } from '../../signalen/texts';
import type { CaseEscalations, Escalation } from '../../signalen/types';
import { LoadBoundary } from '../common/forms';
import { formatDate, formatDateTime, todayIso } from '../common/format';
import type { CaseTabProps } from './props';

export function EscalationTab({ c, labels, notify }: CaseTabProps) {
  const t = useSignalT();
  const data = useApi<CaseEscalations>(`/api/cases/${c.id}/escalations`);
  const [dialog, setDialog] = useState<{ type: 'escalate' } | { type: 'answer'; escalation: Escalation } | { type: 'regie' } | null>(null);
  const done = (message: string) => { setDialog(null); notify(message); data.reload(); };
  const canDirect = c.permissions.manage;
  return (
    <LoadBoundary state={data}>
      {(d) => (
        <>
          <Paragraph>{t('escalationIntro')}</Paragraph>
          {canDirect && <div className="zvh-toolbar"><Button variant="primary" onClick={() => setDialog({ type: 'escalate' })}>{t('escalate')}</Button></div>}
          <DataTable caption={t('escalationsCaption')} rows={d.escalations} rowKey={(e) => e.id} emptyMessage={t('escalationsEmpty')}
            columns={[
              { key: 'level', header: t('level'), rowHeader: true, cell: (e) => t(`level_${e.level}`) },
              { key: 'subject', header: t('agreement'), cell: (e) => e.agreementTitle ?? t('wholeCase') },
              { key: 'partner', header: t('partner'), cell: (e) => e.partnerName ?? '—' },
              { key: 'question', header: t('escalationQuestion'), cell: (e) => e.question },
              { key: 'due', header: t('dueDate'), cell: (e) => <>{formatDate(e.dueDate)}{e.overdue && <> ({t('overdue')})</>}</> },
              { key: 'answer', header: t('answer'), cell: (e) => e.answer ? `${e.answer} (${e.answeredByName ?? ''}, ${formatDateTime(e.answeredAt)})` : t('noAnswer') },
              { key: 'actions', header: t('actions'), hiddenHeader: true, cell: (e) => !e.answer && canDirect
                ? <Button onClick={() => setDialog({ type: 'answer', escalation: e })} aria-label={`${t('recordAnswer')}: ${e.question.slice(0, 40)}`}>{t('recordAnswer')}</Button> : null },
            ]} />
          <Section title={t('regie')}>
            <Paragraph>{`${t('regieHolder')}: ${d.regieHolder ? (d.regieHolder === 'zvh' ? t('zvh') : labels.org(d.regieHolder)) : t('regieEmpty')}`}</Paragraph>
            {canDirect && <div className="zvh-toolbar"><Button onClick={() => setDialog({ type: 'regie' })}>{t('setRegieHolder')}</Button></div>}
            <DataTable caption={t('regieCaption')} rows={d.regie} rowKey={(r) => r.at} emptyMessage={t('regieEmpty')}
              columns={[
                { key: 'phase', header: t('phase'), rowHeader: true, cell: (r) => r.phase ?? '—' },
                { key: 'holder', header: t('regieHolder'), cell: (r) => r.holder === 'zvh' ? t('zvh') : r.holderName },
                { key: 'when', header: t('when'), cell: (r) => formatDateTime(r.at) },
                { key: 'who', header: t('who'), cell: (r) => r.actorName },
                { key: 'reason', header: t('reason'), cell: (r) => r.reason ?? '' },
              ]} />
          </Section>
          {dialog?.type === 'escalate' && <EscalateDialog caseId={c.id} existing={d.escalations} agreements={c.agreements.filter((a) => a.status === 'open')} partners={labels.partners()} onClose={() => setDialog(null)} onDone={() => done(t('saved'))} />}
          {dialog?.type === 'answer' && <AnswerDialog escalation={dialog.escalation} onClose={() => setDialog(null)} onDone={() => done(t('saved'))} />}
          {dialog?.type === 'regie' && <RegieDialog caseId={c.id} partners={labels.partners()} onClose={() => setDialog(null)} onDone={() => done(t('saved'))} />}
        </>
      )}
    </LoadBoundary>
  );
}

function EscalateDialog({ caseId, existing, agreements, partners, onClose, onDone }: {
  caseId: string; existing: Escalation[]; agreements: { id: string; title: string; partner: string }[]; partners: { value: string; label: string }[]; onClose: () => void; onDone: () => void;
}) {
  const t = useSignalT();
  const [form, setForm] = useState({ agreementId: '', level: 'management', partner: '', question: '', dueDate: todayIso() });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/cases/${caseId}/escalations`, {
    agreementId: form.agreementId || null, level: form.level, partner: form.partner || null, question: form.question, dueDate: form.dueDate,
  }));
  const errors = fieldErrorsOf(save.error, t('required'));
  // the stuurgroep only after the partner's management, for the same agreement or the case
  const managed = existing.some((e) => e.level === 'management' && (e.agreementId ?? '') === form.agreementId);
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('escalate')} onClose={onClose} onSubmit={submit} submitLabel={t('escalate')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <SelectField id="esc-agreement" label={t('agreement')} options={[{ value: '', label: t('wholeCase') }, ...agreements.map((a) => ({ value: a.id, label: a.title }))]}
        value={form.agreementId} onChange={(e) => setForm({ ...form, agreementId: e.currentTarget.value, level: 'management' })} error={errors.agreementId} />
      <SelectField id="esc-level" label={t('level')} options={[{ value: 'management', label: t('level_management') }, ...(managed ? [{ value: 'stuurgroep', label: t('level_stuurgroep') }] : [])]}
        value={form.level} onChange={(e) => setForm({ ...form, level: e.currentTarget.value })} error={errors.level} />
      <SelectField id="esc-partner" label={t('partner')} optional placeholder="—" options={partners} value={form.partner}
        onChange={(e) => setForm({ ...form, partner: e.currentTarget.value })} error={errors.partner} />
      <TextAreaField id="esc-question" label={t('escalationQuestion')} value={form.question} onChange={(e) => setForm({ ...form, question: e.currentTarget.value })} error={errors.question} required />
      <DateField id="esc-due" label={t('dueDate')} value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.currentTarget.value })} error={errors.dueDate} required />
    </FormDialog>
  );
}

function AnswerDialog({ escalation, onClose, onDone }: { escalation: Escalation; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const [answer, setAnswer] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/escalations/${escalation.id}/answer`, { answer }));
  const errors = fieldErrorsOf(save.error, t('required'));
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('recordAnswer')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{escalation.question}</Paragraph>
      <TextAreaField id="esc-answer" label={t('answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} error={errors.answer} required />
    </FormDialog>
  );
}

function RegieDialog({ caseId, partners, onClose, onDone }: { caseId: string; partners: { value: string; label: string }[]; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const [holder, setHolder] = useState('zvh');
  const [reason, setReason] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.put(`/api/cases/${caseId}/regie-holder`, { holder, ...(reason.trim() ? { reason } : {}) }));
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('setRegieHolder')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <SelectField id="regie-holder" label={t('regieHolder')} options={[{ value: 'zvh', label: t('zvh') }, ...partners]} value={holder} onChange={(e) => setHolder(e.currentTarget.value)} />
      <TextAreaField id="regie-reason" label={t('reason')} optional value={reason} rows={3} onChange={(e) => setReason(e.currentTarget.value)} />
    </FormDialog>
  );
}
