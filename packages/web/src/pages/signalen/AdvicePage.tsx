// SPDX-License-Identifier: EUPL-1.2
// Advies- en expertisecentrum: the advice cases (anonymous ones included), a new advice question,
// and per case the advice and its follow-up.
import { useState } from 'react';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, CheckboxField, DataTable, DateField, FormDialog, Notice, Paragraph, SelectField, TextAreaField, TextField, type Column } from '../../ui';
import { LoadBoundary, StatusText } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { Status } from '@zvh/shared';
import { FollowUpDialog, FollowUpText, RecordAdviceDialog } from './advice';
import { useSignalT } from './texts';
import type { AdviceRecord } from './types';

export default function AdvicePage() {
  const t = useSignalT();
  const [openOnly, setOpenOnly] = useState(false);
  const list = useApi<AdviceRecord[]>(`/api/advice${openOnly ? '?open=true' : ''}`);
  const reference = useReference();
  const [dialog, setDialog] = useState<{ type: 'new' } | { type: 'advice' | 'followUp'; record: AdviceRecord } | null>(null);
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => { setDialog(null); setNotice(message); list.reload(); };
  return (
    <Page title={t('adviceCases')}>
      <Paragraph>{t('adviceIntro')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => setDialog({ type: 'new' })}>{t('newAdvice')}</Button>
      </div>
      <CheckboxField label={t('openOnly')} checked={openOnly} onChange={setOpenOnly} />
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, labels: labelsFor(reference.data) } : undefined, error: list.error ?? reference.error }}>
        {({ rows, labels }) => {
          const columns: Column<AdviceRecord>[] = [
            { key: 'question', header: t('question'), rowHeader: true, cell: (a) => a.question.length > 80 ? `${a.question.slice(0, 80)}…` : a.question },
            { key: 'subject', header: t('subject'), cell: (a) => a.subjectName ?? t('anonymous') },
            { key: 'partner', header: t('registeringPartner'), cell: (a) => labels.org(a.registeringPartner) },
            { key: 'municipality', header: t('municipality'), cell: (a) => labels.municipality(a.municipality) },
            { key: 'registeredAt', header: t('registeredAt'), cell: (a) => formatDate(a.registeredAt) },
            { key: 'minutes', header: t('minutesSpent'), align: 'end', cell: (a) => a.minutesSpent },
            { key: 'status', header: t('status'), cell: (a) => <StatusText status={a.status as Status} /> },
            { key: 'followUp', header: t('followUp'), cell: (a) => <FollowUpText record={a} /> },
            {
              key: 'actions', header: t('actions'), hiddenHeader: true, cell: (a) => a.status === 'advies' ? (
                <span className="zvh-toolbar">
                  <Button onClick={() => setDialog({ type: 'advice', record: a })} aria-label={`${t('recordAdvice')}: ${a.caseNumber ?? a.question.slice(0, 30)}`}>{t('recordAdvice')}</Button>
                  <Button onClick={() => setDialog({ type: 'followUp', record: a })} aria-label={`${t('recordFollowUp')}: ${a.caseNumber ?? a.question.slice(0, 30)}`}>{t('recordFollowUp')}</Button>
                </span>
              ) : null,
            },
          ];
          return (
            <>
              <DataTable caption={t('adviceCaption')} columns={columns} rows={rows} rowKey={(a) => a.caseId} emptyMessage={t('adviceEmpty')} />
              {dialog?.type === 'new' && <NewAdviceDialog labels={labels} onClose={() => setDialog(null)} onDone={() => done(t('saved'))} />}
              {dialog?.type === 'advice' && <RecordAdviceDialog record={dialog.record} onClose={() => setDialog(null)} onDone={() => done(t('saved'))} />}
              {dialog?.type === 'followUp' && <FollowUpDialog record={dialog.record} onClose={() => setDialog(null)} onDone={() => done(t('followUpDone'))} />}
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

function NewAdviceDialog({ labels, onClose, onDone }: { labels: Labels; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const [form, setForm] = useState({ question: '', registeringPartner: '', municipality: '', anonymous: true, firstName: '', lastName: '', birthDate: '', gender: 'anders' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post('/api/advice', {
    question: form.question, registeringPartner: form.registeringPartner, municipality: form.municipality || null,
    subject: form.anonymous ? null : { firstName: form.firstName, lastName: form.lastName, birthDate: form.birthDate, gender: form.gender },
  }));
  const errors = { ...fieldErrorsOf(save.error, t('required')), ...local };
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!form.question.trim()) e.question = t('required');
    if (!form.registeringPartner) e.registeringPartner = t('required');
    if (!form.anonymous) for (const f of ['firstName', 'lastName', 'birthDate'] as const) if (!form[f].trim()) e[`subject.${f}`] = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('newAdvice')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <TextAreaField id="new-advice-question" label={t('question')} value={form.question} onChange={(e) => setForm({ ...form, question: e.currentTarget.value })} error={errors.question} required />
      <SelectField id="new-advice-partner" label={t('registeringPartner')} placeholder="—" options={labels.partners(form.registeringPartner)} value={form.registeringPartner}
        onChange={(e) => setForm({ ...form, registeringPartner: e.currentTarget.value })} error={errors.registeringPartner} required />
      <SelectField id="new-advice-municipality" label={t('optionalMunicipality')} placeholder="—" options={labels.municipalities(form.municipality)} value={form.municipality}
        onChange={(e) => setForm({ ...form, municipality: e.currentTarget.value })} error={errors.municipality} />
      <CheckboxField label={t('anonymous')} description={t('anonymousHint')} checked={form.anonymous} onChange={(c) => setForm({ ...form, anonymous: c })} />
      {!form.anonymous && (
        <>
          <TextField id="new-advice-first" label={t('firstName')} value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.currentTarget.value })} error={errors['subject.firstName']} required />
          <TextField id="new-advice-last" label={t('lastName')} value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.currentTarget.value })} error={errors['subject.lastName']} required />
          <DateField id="new-advice-birth" label={t('birthDate')} value={form.birthDate} onChange={(e) => setForm({ ...form, birthDate: e.currentTarget.value })} error={errors['subject.birthDate']} required />
          <SelectField id="new-advice-gender" label={t('gender')} options={labels.options('gender', form.gender)} value={form.gender} onChange={(e) => setForm({ ...form, gender: e.currentTarget.value })} />
        </>
      )}
    </FormDialog>
  );
}
