// SPDX-License-Identifier: EUPL-1.2
// The stagnation radar's proposals (docs/stagnatieradar.md): run now, accept or dismiss each.
import { useState } from 'react';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, DateField, FormDialog, Link, Notice, Paragraph, SelectField, TextAreaField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDateTime, todayIso } from '../casus/common/format';
import { useSignalT } from './texts';
import type { Proposal } from './types';

const STATUSES = ['voorgesteld', 'geaccepteerd', 'afgewezen'] as const;

export default function RadarPage() {
  const t = useSignalT();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('voorgesteld');
  const list = useApi<Proposal[]>(`/api/radar/proposals?status=${status}`);
  const [dialog, setDialog] = useState<{ type: 'accept' | 'dismiss'; proposal: Proposal } | null>(null);
  const [notice, setNotice] = useState<string>();
  const run = useAction(() => api.post<{ proposed: number }>('/api/radar/run'));
  const done = (message: string) => { setDialog(null); setNotice(message); list.reload(); };
  const columns: Column<Proposal>[] = [
    { key: 'explanation', header: t('explanation'), rowHeader: true, cell: (p) => p.explanation },
    { key: 'kind', header: t('kind'), cell: (p) => t(`kind_${p.kind}`) },
    { key: 'rule', header: t('rule'), cell: (p) => p.rule },
    { key: 'case', header: t('caseCount'), cell: (p) => p.payload.caseId ? <Link to={`/casussen/${p.payload.caseId}`}>{p.payload.caseNumber ?? p.payload.caseId.slice(0, 8)}</Link> : (p.payload.caseIds?.length ?? 0) },
    ...(status === 'voorgesteld' ? [{
      key: 'actions', header: t('actions'), hiddenHeader: true, cell: (p: Proposal) => (
        <span className="zvh-toolbar">
          <Button onClick={() => setDialog({ type: 'accept', proposal: p })} aria-label={`${t('accept')}: ${p.explanation}`}>{t('accept')}</Button>
          <Button onClick={() => setDialog({ type: 'dismiss', proposal: p })} aria-label={`${t('dismiss')}: ${p.explanation}`}>{t('dismiss')}</Button>
        </span>
      ),
    }] : [
      { key: 'decided', header: t('decidedBy'), cell: (p: Proposal) => `${p.decidedByName ?? ''} ${p.decidedAt ? formatDateTime(p.decidedAt) : ''}${p.reason ? ` — ${p.reason}` : ''}` },
    ]),
  ];
  return (
    <Page title={t('radar')}>
      <Paragraph>{t('radarIntro')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-toolbar">
        <Button variant="primary" disabled={run.pending} onClick={async () => { const r = await run.run(); if (r.ok) done(t('runDone', { count: r.value.proposed })); }}>{t('runNow')}</Button>
        <SelectField id="radar-status" label={t('showStatus')} options={STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))} value={status}
          onChange={(e) => setStatus(e.currentTarget.value as (typeof STATUSES)[number])} />
      </div>
      {run.error && <Alert type="error">{run.error.message}</Alert>}
      <LoadBoundary state={list}>
        {(rows) => <DataTable caption={t('proposalsCaption')} columns={columns} rows={rows} rowKey={(p) => p.id} emptyMessage={t('proposalsEmpty')} />}
      </LoadBoundary>
      {dialog?.type === 'accept' && <AcceptDialog proposal={dialog.proposal} onClose={() => setDialog(null)} onDone={() => done(t('accepted'))} />}
      {dialog?.type === 'dismiss' && <DismissDialog proposal={dialog.proposal} onClose={() => setDialog(null)} onDone={() => done(t('dismissed'))} />}
    </Page>
  );
}

function AcceptDialog({ proposal, onClose, onDone }: { proposal: Proposal; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const escalation = proposal.kind === 'escalation';
  const [dueDate, setDueDate] = useState(todayIso());
  const [description, setDescription] = useState(proposal.payload.description ?? '');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/radar/proposals/${proposal.id}/accept`, escalation ? { dueDate } : { description }));
  const errors = fieldErrorsOf(save.error, t('required'));
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('accept')} onClose={onClose} onSubmit={submit} submitLabel={t('accept')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{proposal.explanation}</Paragraph>
      {escalation ? (
        <>
          <Paragraph>{proposal.payload.question}</Paragraph>
          <DateField id="radar-accept-due" label={t('dueDate')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors.dueDate} required />
        </>
      ) : (
        <TextAreaField id="radar-accept-description" label={t('description')} description={t('descriptionHint')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
      )}
    </FormDialog>
  );
}

function DismissDialog({ proposal, onClose, onDone }: { proposal: Proposal; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const [reason, setReason] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/radar/proposals/${proposal.id}/dismiss`, { reason }));
  const submit = async () => {
    if (!reason.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('dismiss')} onClose={onClose} onSubmit={submit} submitLabel={t('dismiss')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{proposal.explanation}</Paragraph>
      <TextAreaField id="radar-dismiss-reason" label={t('dismissReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={!reason.trim() && attempt ? t('required') : undefined} required />
    </FormDialog>
  );
}
