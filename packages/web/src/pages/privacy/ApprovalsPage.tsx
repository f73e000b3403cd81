// SPDX-License-Identifier: EUPL-1.2
// Four eyes: the requests for approval, decided with a note by someone other than the requester.
import { useState } from 'react';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, FormDialog, Notice, Paragraph, TextAreaField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDateTime } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { Approval } from './types';

export function ApprovalsTable({ rows, caption, onDecide }: { rows: Approval[]; caption: string; onDecide: (a: Approval, d: 'goedgekeurd' | 'afgewezen') => void }) {
  const t = usePrivacyT();
  const columns: Column<Approval>[] = [
    { key: 'kind', header: t('kind'), rowHeader: true, cell: (a) => t(`approval_${a.kind}`) },
    { key: 'summary', header: t('summary'), cell: (a) => a.summary },
    { key: 'requested', header: t('requestedBy'), cell: (a) => `${a.requestedByName}, ${formatDateTime(a.requestedAt)}` },
    { key: 'status', header: t('status'), cell: (a) => (a.status === 'open' ? t('approval_open') : `${t(`approval_${a.status}`)}: ${a.decidedByName ?? ''} — ${a.note ?? ''}`) },
    { key: 'actions', header: t('action'), hiddenHeader: true, cell: (a) => (a.status !== 'open' ? null : a.mine ? t('yours') : (
      <span className="zvh-toolbar">
        <Button variant="primary" onClick={() => onDecide(a, 'goedgekeurd')}>{t('approve')}</Button>
        <Button onClick={() => onDecide(a, 'afgewezen')}>{t('reject')}</Button>
      </span>
    )) },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(a) => a.id} emptyMessage={t('noApprovals')} />;
}

export function DecideApprovalDialog({ approval, decision, onClose, onDone }: { approval: Approval; decision: 'goedgekeurd' | 'afgewezen'; onClose: () => void; onDone: () => void }) {
  const t = usePrivacyT();
  const [note, setNote] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/approvals/${approval.id}/decision`, { decision, note }));
  const submit = async () => {
    if (!note.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={decision === 'goedgekeurd' ? t('approve') : t('reject')} onClose={onClose} onSubmit={submit} submitLabel={decision === 'goedgekeurd' ? t('approve') : t('reject')}
      busy={save.pending} invalidAttempt={attempt} message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{approval.summary}</Paragraph>
      <TextAreaField id="approval-note" label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)}
        error={attempt && !note.trim() ? t('required') : undefined} required />
    </FormDialog>
  );
}

export default function ApprovalsPage() {
  const t = usePrivacyT();
  const list = useApi<Approval[]>('/api/approvals');
  const [deciding, setDeciding] = useState<{ a: Approval; d: 'goedgekeurd' | 'afgewezen' }>();
  const [notice, setNotice] = useState<string>();
  return (
    <Page title={t('approvalsTitle')}>
      <Paragraph>{t('approvalsIntro')}</Paragraph>
      <Notice message={notice} />
      <LoadBoundary state={list}>
        {(rows) => <ApprovalsTable rows={rows} caption={t('approvalsCaption')} onDecide={(a, d) => setDeciding({ a, d })} />}
      </LoadBoundary>
      {deciding && <DecideApprovalDialog approval={deciding.a} decision={deciding.d} onClose={() => setDeciding(undefined)}
        onDone={() => { setDeciding(undefined); setNotice(t('saved')); list.reload(); }} />}
    </Page>
  );
}

/** The start page's list of open requests of others (for those who may decide). */
export function OpenApprovals() {
  const t = usePrivacyT();
  const list = useApi<Approval[]>('/api/approvals?open=true');
  const [deciding, setDeciding] = useState<{ a: Approval; d: 'goedgekeurd' | 'afgewezen' }>();
  const others = (list.data ?? []).filter((a) => !a.mine);
  if (!list.data || others.length === 0) return null;
  return (
    <section className="zvh-section" aria-label={t('openApprovals')}>
      <h2>{t('openApprovals')}</h2>
      <ApprovalsTable rows={others} caption={t('openApprovals')} onDecide={(a, d) => setDeciding({ a, d })} />
      {deciding && <DecideApprovalDialog approval={deciding.a} decision={deciding.d} onClose={() => setDeciding(undefined)}
        onDone={() => { setDeciding(undefined); list.reload(); }} />}
    </section>
  );
}
