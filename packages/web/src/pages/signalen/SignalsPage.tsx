// SPDX-License-Identifier: EUPL-1.2
// Signals (signaalfunctie): the list, and a new signal in a dialog. ZVH staff only.
import { SIGNAL_STATUS_LABELS } from '@zvh/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonLink, CheckboxGroupField, DataTable, FormDialog, Link, Notice, Paragraph, SelectField, TextAreaField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { useSignalT } from './texts';
import type { Signal } from './types';
import type { CaseListItem } from '../casus/common/types';

export default function SignalsPage() {
  const t = useSignalT();
  const list = useApi<Signal[]>('/api/signals');
  const reference = useReference();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const columns: Column<Signal>[] = [
    { key: 'category', header: t('category'), rowHeader: true, cell: (s) => <Link to={`/signalen/${s.id}`}>{s.categoryLabel}</Link> },
    { key: 'addressedTo', header: t('addressedTo'), cell: (s) => s.addressedName },
    { key: 'status', header: t('status'), cell: (s) => SIGNAL_STATUS_LABELS[s.status] },
    { key: 'sentOn', header: t('sentOn'), cell: (s) => (s.sentOn ? formatDate(s.sentOn) : '—') },
    { key: 'cases', header: t('caseCount'), align: 'end', cell: (s) => s.caseCount },
  ];
  return (
    <Page title={t('signals')}>
      <Paragraph>{t('signalsIntro')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => setAdding(true)}>{t('newSignal')}</Button>
        <ButtonLink to="/signalen/rapportage" variant="secondary">{t('signalReport')}</ButtonLink>
      </div>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, labels: labelsFor(reference.data) } : undefined, error: list.error ?? reference.error }}>
        {({ rows, labels }) => (
          <>
            <DataTable caption={t('listCaption')} columns={columns} rows={rows} rowKey={(s) => s.id} emptyMessage={t('empty')} />
            {adding && <NewSignalDialog labels={labels} onClose={() => setAdding(false)} onDone={() => { setAdding(false); setNotice(t('created')); list.reload(); }} />}
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}

type CaseItem = CaseListItem;

/** The addressees: the stuurgroep, the municipalities and the partners. */
export function addresseeOptions(labels: Labels, t: ReturnType<typeof useSignalT>) {
  return [
    { value: 'stuurgroep', label: t('stuurgroep') },
    ...labels.municipalities().map((m) => ({ ...m, label: `${t('municipality')} ${m.label}` })),
    ...labels.partners(),
  ];
}

function NewSignalDialog({ labels, onClose, onDone }: { labels: Labels; onClose: () => void; onDone: () => void }) {
  const t = useSignalT();
  const navigate = useNavigate();
  const cases = useApi<CaseItem[]>('/api/cases?limit=200');
  const [form, setForm] = useState({ category: '', description: '', addressedTo: '', caseIds: [] as string[] });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post<{ id: string }>('/api/signals', form));
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!form.category) e.category = t('required');
    if (!form.description.trim()) e.description = t('required');
    if (!form.addressedTo) e.addressedTo = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) { onDone(); void navigate(`/signalen/${r.value.id}`); } else setAttempt((a) => a + 1);
  };
  const open = (cases.data ?? []).filter((c) => ['procesregie_lopend', 'heropend', 'advies'].includes(c.status));
  return (
    <FormDialog open title={t('newSignal')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <SelectField id="signal-category" label={t('category')} placeholder="—" options={labels.options('signalCategory', form.category)} value={form.category}
        onChange={(e) => setForm({ ...form, category: e.currentTarget.value })} error={errors.category} required />
      <TextAreaField id="signal-description" label={t('description')} description={t('descriptionHint')} value={form.description}
        onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} error={errors.description} required />
      <SelectField id="signal-addressed" label={t('addressedTo')} placeholder="—" options={addresseeOptions(labels, t)} value={form.addressedTo}
        onChange={(e) => setForm({ ...form, addressedTo: e.currentTarget.value })} error={errors.addressedTo} required />
      {cases.loading ? <Paragraph>{t('loadingCases')}</Paragraph> : (
        <CheckboxGroupField id="signal-cases" legend={t('cases')} description={t('casesHint')} error={errors.caseIds}
          options={open.map((c) => ({ value: c.id, label: `${c.caseNumber ?? ''} ${c.subjectName ?? t('anonymous')}`.trim() }))} value={form.caseIds}
          onChange={(caseIds) => setForm({ ...form, caseIds })} />
      )}
    </FormDialog>
  );
}
