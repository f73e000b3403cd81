// SPDX-License-Identifier: EUPL-1.2
// Everything about one person for the privacy officer, the exports (JSON, PDF) and a new
// data-subject request.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, download } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataList, DataTable, DateField, FormDialog, Paragraph, Section, SelectField, TextAreaField } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime, todayIso } from '../casus/common/format';
import { usePrivacyT } from './texts';
import { type DataSubjectRequest, type PersonData } from './types';

const KINDS = ['inzage', 'rectificatie', 'wissing', 'bezwaar'] as const;

export default function PrivacyPersonPage() {
  const t = usePrivacyT();
  const { id = '' } = useParams();
  const data = useApi<PersonData>(`/api/privacy/persons/${id}`);
  const [adding, setAdding] = useState(false);
  // the exports ask for fresh authentication when the sign-in is older than a few minutes
  const exporting = useAction((path: string, filename: string) => download(path, filename));
  return (
    <Page title={t('personTitle')}>
      <LoadBoundary state={data}>
        {(d) => (
          <>
            <DataList items={[
              { key: 'name', label: t('name'), value: `${d.person.firstName} ${d.person.lastName}` },
              { key: 'birth', label: t('birthDate'), value: formatDate(d.person.birthDate) },
              { key: 'municipality', label: t('municipality'), value: d.person.municipality ?? '—' },
              ...(d.person.anonymisedAt ? [{ key: 'anon', label: t('anonymised'), value: formatDate(d.person.anonymisedAt) }] : []),
            ]} />
            <Paragraph>{t('exportHint')}</Paragraph>
            {exporting.error && <Alert type="error">{exporting.error.message}</Alert>}
            <div className="zvh-toolbar">
              <Button onClick={() => void exporting.run(`/api/persons/${id}/export`, `inzage-${id}.json`)} disabled={exporting.pending}>{t('exportJson')}</Button>
              <Button onClick={() => void exporting.run(`/api/persons/${id}/export.pdf`, `inzage-${id}.pdf`)} disabled={exporting.pending}>{t('exportPdf')}</Button>
              <Button variant="primary" onClick={() => setAdding(true)}>{t('newRequest')}</Button>
            </div>
            <Section title={t('registrations')}>
              <DataTable caption={t('registrations')} rows={d.registrations} rowKey={(r) => r.id} emptyMessage={t('none')} columns={[
                { key: 'date', header: t('date'), rowHeader: true, cell: (r) => formatDate(r.registeredAt) },
                { key: 'kind', header: t('kind'), cell: (r) => r.kind },
                { key: 'status', header: t('status'), cell: (r) => r.status },
                { key: 'partner', header: t('partner'), cell: (r) => r.registeringPartner },
              ]} />
            </Section>
            <Section title={t('cases')}>
              <DataTable caption={t('cases')} rows={d.cases} rowKey={(c) => c.id} emptyMessage={t('none')} columns={[
                { key: 'number', header: t('number'), rowHeader: true, cell: (c) => c.caseNumber ?? c.id },
                { key: 'kind', header: t('kind'), cell: (c) => c.kind },
                { key: 'status', header: t('status'), cell: (c) => c.status },
                { key: 'purpose', header: t('purpose'), cell: (c) => c.purpose },
                { key: 'partners', header: t('partner'), cell: (c) => c.participants.join(', ') },
              ]} />
            </Section>
            <Section title={t('household')}>
              <DataTable caption={t('household')} rows={d.household} rowKey={(h) => `${h.registrationId}-${h.relation}`} emptyMessage={t('none')} columns={[
                { key: 'reg', header: t('registrations'), rowHeader: true, cell: (h) => h.registrationId },
                { key: 'relation', header: t('relation'), cell: (h) => h.relation },
              ]} />
            </Section>
            <Section title={t('documents')}>
              <DataTable caption={t('documents')} rows={d.documents} rowKey={(x) => x.id} emptyMessage={t('none')} columns={[
                { key: 'file', header: t('filename'), rowHeader: true, cell: (x) => x.filename },
                { key: 'when', header: t('date'), cell: (x) => formatDateTime(x.uploadedAt) },
                { key: 'org', header: t('uploadedBy'), cell: (x) => x.uploadedByOrganisation },
              ]} />
            </Section>
            <Section title={t('meetingItems')}>
              <DataTable caption={t('meetingItems')} rows={d.meetingItems} rowKey={(m) => m.id} emptyMessage={t('none')} columns={[
                { key: 'meeting', header: t('meeting'), rowHeader: true, cell: (m) => m.meetingTitle },
                { key: 'when', header: t('date'), cell: (m) => formatDateTime(m.startsAt) },
                { key: 'question', header: t('question'), cell: (m) => m.question },
              ]} />
            </Section>
            <Section title={t('log')}>
              <DataTable caption={t('log')} rows={d.processingLog} rowKey={(l) => `${l.at}-${l.actor.email}-${l.action}-${l.caseId ?? ''}-${l.registrationId ?? ''}`} emptyMessage={t('none')} columns={[
                { key: 'when', header: t('when'), rowHeader: true, cell: (l) => formatDateTime(l.at) },
                { key: 'who', header: t('who'), cell: (l) => `${l.actor.name ?? ''} (${l.actor.email})` },
                { key: 'org', header: t('organisation'), cell: (l) => l.organisation },
                { key: 'action', header: t('action'), cell: (l) => l.action },
                { key: 'purpose', header: t('purpose'), cell: (l) => l.purpose },
              ]} />
            </Section>
            {adding && <NewRequestDialog personId={id} onClose={() => setAdding(false)} />}
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}

function NewRequestDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const t = usePrivacyT();
  const navigate = useNavigate();
  const [form, setForm] = useState({ kind: 'inzage', receivedOn: todayIso(), description: '' });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post<DataSubjectRequest>('/api/privacy/requests', { ...form, personId }));
  const errors = fieldErrorsOf(save.error);
  const submit = async () => {
    if (!form.description.trim()) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) void navigate(`/privacy/verzoeken/${r.value.id}`); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('newRequest')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <SelectField id="request-kind" label={t('kind')} options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))} value={form.kind}
        onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })} required />
      <DateField id="request-received" label={t('receivedOn')} value={form.receivedOn} max={todayIso()}
        onChange={(e) => setForm({ ...form, receivedOn: e.currentTarget.value })} error={errors['body.receivedOn']} required />
      <TextAreaField id="request-description" label={t('description')} value={form.description}
        onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} error={errors['body.description'] ?? (attempt && !form.description.trim() ? t('required') : undefined)} required />
    </FormDialog>
  );
}
