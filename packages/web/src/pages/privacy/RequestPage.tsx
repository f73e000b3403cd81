// SPDX-License-Identifier: EUPL-1.2
// One data-subject request: forward to the partners, decide with reasons, carry out.
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonLink, DataList, DataTable, FormDialog, Notice, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { DataSubjectRequest } from './types';

export default function RequestPage() {
  const t = usePrivacyT();
  const { id = '' } = useParams();
  const state = useApi<DataSubjectRequest>(`/api/privacy/requests/${id}`);
  const [dialog, setDialog] = useState<'decide' | 'carry' | null>(null);
  const [notice, setNotice] = useState<string>();
  const forward = useAction(() => api.post<DataSubjectRequest>(`/api/privacy/requests/${id}/forward`));
  const done = () => { setDialog(null); setNotice(t('saved')); state.reload(); };
  return (
    <Page title={t('requestsTitle')}>
      <Notice message={notice} />
      {forward.error && <Alert type="error">{forward.error.message}</Alert>}
      <LoadBoundary state={state}>
        {(q) => (
          <>
            <DataList items={[
              { key: 'person', label: t('person'), value: q.personName },
              { key: 'kind', label: t('kind'), value: t(`kind_${q.kind}`) },
              { key: 'received', label: t('receivedOn'), value: formatDate(q.receivedOn) },
              { key: 'deadline', label: t('deadline'), value: q.overdue ? `${formatDate(q.deadline)} — ${t('overdue')}` : formatDate(q.deadline) },
              { key: 'status', label: t('status'), value: t(`status_${q.status}`) },
              { key: 'description', label: t('description'), value: q.description },
              ...(q.decision ? [{ key: 'decision', label: t('decision'), value: `${t(`decision_${q.decision}`)}: ${q.decisionReasons ?? ''}` }] : []),
              ...(q.carriedOutNote ? [{ key: 'carried', label: t('carryOut'), value: `${formatDateTime(q.carriedOutAt)}: ${q.carriedOutNote}` }] : []),
              ...(q.releaseApprovalId ? [{ key: 'release', label: t('release'), value: q.releasedAt ? `${t('released')} ${formatDateTime(q.releasedAt)}`
                : q.releaseStatus === 'afgewezen' ? t('rejected') : t('waitingApproval') }] : []),
            ]} />
            <div className="zvh-toolbar">
              <ButtonLink to={`/privacy/personen/${q.personId}`} variant="secondary">{t('personTitle')}</ButtonLink>
              <Button busy={forward.pending} onClick={async () => { const r = await forward.run(); if (r.ok) done(); }}>{t('forward')}</Button>
              {q.status === 'open' && <Button variant="primary" onClick={() => setDialog('decide')}>{t('decide')}</Button>}
              {q.status === 'besloten' && q.decision !== 'afgewezen' && <Button variant="primary" onClick={() => setDialog('carry')}>{t('carryOut')}</Button>}
            </div>
            <Section title={t('forwards')}>
              <DataTable caption={t('forwards')} rows={q.forwards} rowKey={(f) => f.id} emptyMessage={t('none')} columns={[
                { key: 'partner', header: t('partner'), rowHeader: true, cell: (f) => f.partnerName },
                { key: 'when', header: t('date'), cell: (f) => formatDateTime(f.forwardedAt) },
                { key: 'handled', header: t('handled'), cell: (f) => (f.handledAt ? `${formatDateTime(f.handledAt)} ${f.handledByName ?? ''}: ${f.handledNote ?? ''}` : t('notHandled')) },
              ]} />
            </Section>
            {dialog === 'decide' && <DecideDialog id={id} onClose={() => setDialog(null)} onDone={done} />}
            {dialog === 'carry' && <CarryOutDialog id={id} onClose={() => setDialog(null)} onDone={done} />}
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}

function DecideDialog({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const t = usePrivacyT();
  const [form, setForm] = useState({ decision: 'toegewezen', reasons: '' });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/privacy/requests/${id}/decision`, form));
  const submit = async () => {
    if (!form.reasons.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('decide')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <SelectField id="decision" label={t('decision')} value={form.decision} onChange={(e) => setForm({ ...form, decision: e.currentTarget.value })} required
        options={(['toegewezen', 'gedeeltelijk', 'afgewezen'] as const).map((d) => ({ value: d, label: t(`decision_${d}`) }))} />
      <TextAreaField id="decision-reasons" label={t('reasons')} value={form.reasons} onChange={(e) => setForm({ ...form, reasons: e.currentTarget.value })}
        error={attempt && !form.reasons.trim() ? t('required') : undefined} required />
    </FormDialog>
  );
}

function CarryOutDialog({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const t = usePrivacyT();
  const [note, setNote] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/privacy/requests/${id}/carry-out`, { note }));
  const submit = async () => {
    if (!note.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('carryOut')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{t('carryOutHint')}</Paragraph>
      <TextAreaField id="carry-note" label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)}
        error={attempt && !note.trim() ? t('required') : undefined} required />
    </FormDialog>
  );
}
