// SPDX-License-Identifier: EUPL-1.2
// One signal: what, to whom, the cases as counts per municipality, its history and a status change.
import { SIGNAL_STATUS_LABELS, SIGNAL_STATUSES, signalStatusAllowed } from '@zvh/shared';
import type { SignalStatus } from '@zvh/shared';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, Link, Notice, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { Details, LoadBoundary, MultiLine } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { useSignalT } from './texts';
import type { SignalDetail } from './types';

export default function SignalPage() {
  const t = useSignalT();
  const { id = '' } = useParams();
  const signal = useApi<SignalDetail>(`/api/signals/${encodeURIComponent(id)}`);
  const [notice, setNotice] = useState<string>();
  return (
    <Page title={signal.data ? `${t('signals')}: ${signal.data.categoryLabel}` : t('signals')}>
      <Paragraph><Link to="/signalen">{t('backToSignals')}</Link></Paragraph>
      <Notice message={notice} />
      <LoadBoundary state={signal}>
        {(s) => (
          <>
            <Details items={[
              { label: t('category'), value: s.categoryLabel },
              { label: t('addressedTo'), value: s.addressedName },
              { label: t('status'), value: SIGNAL_STATUS_LABELS[s.status] },
              { label: t('sentOn'), value: s.sentOn ? formatDate(s.sentOn) : '—' },
              { label: t('createdBy'), value: `${s.createdByName}, ${formatDateTime(s.createdAt)}` },
              { label: t('description'), value: <MultiLine text={s.description} /> },
            ]} />
            <Section title={t('byMunicipality')}>
              <DataTable caption={t('byMunicipalityCaption')} rows={s.casesByMunicipality} rowKey={(m) => m.municipality ?? '-'} emptyMessage="—"
                columns={[
                  { key: 'm', header: t('municipality'), rowHeader: true, cell: (m) => m.name ?? t('noMunicipality') },
                  { key: 'n', header: t('count'), align: 'end', cell: (m) => m.cases },
                ]} />
            </Section>
            <StatusForm signal={s} onDone={(next) => { signal.setData(next); setNotice(t('saved')); }} />
            <Section title={t('history')}>
              <DataTable caption={t('historyCaption')} rows={s.history} rowKey={(h) => `${h.at}-${h.toStatus}`} emptyMessage="—"
                columns={[
                  { key: 'at', header: t('when'), rowHeader: true, cell: (h) => formatDateTime(h.at) },
                  { key: 'to', header: t('status'), cell: (h) => SIGNAL_STATUS_LABELS[h.toStatus as SignalStatus] ?? h.toStatus },
                  { key: 'who', header: t('who'), cell: (h) => h.actorName },
                  { key: 'note', header: t('note'), cell: (h) => h.note ?? '' },
                ]} />
            </Section>
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}

function StatusForm({ signal, onDone }: { signal: SignalDetail; onDone: (s: SignalDetail) => void }) {
  const t = useSignalT();
  const next = SIGNAL_STATUSES.filter((s) => signalStatusAllowed(signal.status, s));
  const [status, setStatus] = useState<string>(next[0] ?? '');
  const [note, setNote] = useState('');
  const save = useAction(() => api.patch<SignalDetail>(`/api/signals/${signal.id}`, { status, ...(note.trim() ? { note } : {}) }));
  const errors = fieldErrorsOf(save.error);
  if (!next.length) return <Section title={t('changeStatus')}><Paragraph>{t('noNextStatus')}</Paragraph></Section>;
  return (
    <Section title={t('changeStatus')}>
      <form onSubmit={async (e) => { e.preventDefault(); const r = await save.run(); if (r.ok) { setNote(''); onDone(r.value); } }}>
        {save.error && !save.error.fieldErrors.length && <Alert type="error">{save.error.message}</Alert>}
        <SelectField id="signal-status" label={t('newStatus')} options={next.map((s) => ({ value: s, label: SIGNAL_STATUS_LABELS[s] }))} value={next.includes(status as SignalStatus) ? status : next[0]}
          onChange={(e) => setStatus(e.currentTarget.value)} error={errors.status} />
        <TextAreaField id="signal-note" label={t('note')} optional value={note} rows={3} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <Button type="submit" variant="primary" disabled={save.pending}>{t('save')}</Button>
      </form>
    </Section>
  );
}
