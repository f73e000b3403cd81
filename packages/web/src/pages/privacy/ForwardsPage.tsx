// SPDX-License-Identifier: EUPL-1.2
// A partner's inbox of data-subject requests the ZVH forwarded to their organisation.
import { useState } from 'react';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, FormDialog, Notice, Paragraph, TextAreaField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { Forward } from './types';

export function ForwardsTable({ rows, onHandle }: { rows: Forward[]; onHandle: (f: Forward) => void }) {
  const t = usePrivacyT();
  const columns: Column<Forward>[] = [
    { key: 'person', header: t('person'), rowHeader: true, cell: (f) => `${f.personName}${f.birthDate ? ` (${formatDate(f.birthDate)})` : ''}` },
    { key: 'kind', header: t('kind'), cell: (f) => t(`kind_${f.kind}`) },
    { key: 'deadline', header: t('deadline'), cell: (f) => formatDate(f.deadline) },
    { key: 'handled', header: t('handled'), cell: (f) => (f.handledAt ? `${formatDateTime(f.handledAt)}: ${f.handledNote ?? ''}` : t('notHandled')) },
    { key: 'actions', header: t('action'), hiddenHeader: true, cell: (f) => (f.handledAt ? null : <Button onClick={() => onHandle(f)}>{t('markHandled')}</Button>) },
  ];
  return <DataTable caption={t('forwardsCaption')} columns={columns} rows={rows} rowKey={(f) => f.id} emptyMessage={t('noForwards')} />;
}

export function HandleDialog({ forward, onClose, onDone }: { forward: Forward; onClose: () => void; onDone: () => void }) {
  const t = usePrivacyT();
  const [note, setNote] = useState('');
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/data-subject-forwards/${forward.id}/handled`, { note }));
  const submit = async () => {
    if (!note.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('markHandled')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <TextAreaField id="forward-note" label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)}
        error={attempt && !note.trim() ? t('required') : undefined} required />
    </FormDialog>
  );
}

export default function ForwardsPage() {
  const t = usePrivacyT();
  const list = useApi<Forward[]>('/api/data-subject-forwards');
  const [handling, setHandling] = useState<Forward>();
  const [notice, setNotice] = useState<string>();
  return (
    <Page title={t('forwardsTitle')}>
      <Paragraph>{t('forwardsIntro')}</Paragraph>
      <Notice message={notice} />
      <LoadBoundary state={list}>{(rows) => <ForwardsTable rows={rows} onHandle={setHandling} />}</LoadBoundary>
      {handling && <HandleDialog forward={handling} onClose={() => setHandling(undefined)} onDone={() => { setHandling(undefined); setNotice(t('saved')); list.reload(); }} />}
    </Page>
  );
}

/** The start page's open forwarded requests (partner professionals). */
export function OpenForwards() {
  const t = usePrivacyT();
  const list = useApi<Forward[]>('/api/data-subject-forwards');
  const [handling, setHandling] = useState<Forward>();
  const open = (list.data ?? []).filter((f) => !f.handledAt);
  if (open.length === 0) return null;
  return (
    <section className="zvh-section" aria-label={t('forwardsTitle')}>
      <h2>{t('forwardsTitle')}</h2>
      <ForwardsTable rows={open} onHandle={setHandling} />
      {handling && <HandleDialog forward={handling} onClose={() => setHandling(undefined)} onDone={() => { setHandling(undefined); list.reload(); }} />}
    </section>
  );
}
