// SPDX-License-Identifier: EUPL-1.2
// LPCO: processen-verbaal leerplicht about a pupil and/or the parents, and the afdoening the
// leerplicht-casusoverleg records (TRIP, dagvaarden, bespreekcasus, vsv, geseponeerd).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Button, CheckboxField, DataTable, DateField, FormDialog, Notice, Paragraph, SelectField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, todayIso } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { BackLink, checkPerson, emptyPerson, fullName, PersonFields, personBody, type LpcoRecord } from './common';
import { useFacilT, type FacilKey } from './texts';

const CONCERNS = ['leerling', 'ouders', 'leerling-en-ouders'] as const;

export default function LpcoPage() {
  const t = useFacilT();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const open = params.get('open') === '1';
  const list = useApi<LpcoRecord[]>(`/api/facilitated/lpco${open ? '?open=true' : ''}`);
  const reference = useReference();
  const [dialog, setDialog] = useState<{ type: 'add' } | { type: 'outcome'; record: LpcoRecord } | null>(null);
  const [notice, setNotice] = useState<string>();
  const done = () => { setDialog(null); setNotice(t('saved')); list.reload(); };

  return (
    <Page title={t('lpco')}>
      <BackLink />
      <Paragraph>{t('lpcoDescription')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => setDialog({ type: 'add' })}>{t('lpcoAdd')}</Button>
      </div>
      <CheckboxField label={t('lpcoOpenOnly')} checked={open} onChange={(c) => setParams(c ? { open: '1' } : {})} />
      <p className="zvh-cf-result-count" aria-live="polite">{list.data ? t('count', { count: list.data.length }) : ''}</p>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, labels: labelsFor(reference.data) } : undefined, error: list.error ?? reference.error }}>
        {({ rows, labels }) => {
          const columns: Column<LpcoRecord>[] = [
            { key: 'name', header: t('person'), rowHeader: true, cell: (r) => fullName(r.person) },
            { key: 'concerns', header: t('lpcoConcerns'), cell: (r) => t(`lpcoConcerns_${r.concerns}` as FacilKey) },
            { key: 'municipality', header: t('municipality'), cell: (r) => labels.municipality(r.municipality) },
            { key: 'registeredAt', header: t('lpcoRegisteredAt'), cell: (r) => formatDate(r.registeredAt) },
            { key: 'discussedAt', header: t('lpcoDiscussedAt'), cell: (r) => (r.discussedAt ? formatDate(r.discussedAt) : t('lpcoNotDiscussed')) },
            { key: 'outcome', header: t('lpcoOutcome'), cell: (r) => labels.code('lpcoOutcome', r.outcome) },
            { key: 'actions', header: t('lpcoRecord'), hiddenHeader: true, cell: (r) => <Button onClick={() => setDialog({ type: 'outcome', record: r })} aria-label={`${t('lpcoRecord')}: ${fullName(r.person)}`}>{t('lpcoRecord')}</Button> },
          ];
          return (
            <>
              <DataTable caption={t('lpcoCaption')} columns={columns} rows={rows} rowKey={(r) => r.id} emptyMessage={t('lpcoEmpty')} />
              {dialog?.type === 'add' && <AddDialog labels={labels} ownMunicipality={user.municipality?.code} onClose={() => setDialog(null)} onDone={done} />}
              {dialog?.type === 'outcome' && <OutcomeDialog record={dialog.record} labels={labels} onClose={() => setDialog(null)} onDone={done} />}
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

function AddDialog({ labels, ownMunicipality, onClose, onDone }: { labels: Labels; ownMunicipality?: string; onClose: () => void; onDone: () => void }) {
  const t = useFacilT();
  const [person, setPerson] = useState(emptyPerson());
  const [form, setForm] = useState({ concerns: 'leerling', municipality: ownMunicipality ?? '', registeredAt: todayIso() });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post('/api/facilitated/lpco', { subject: personBody(person), ...form }));
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const submit = async () => {
    const e = checkPerson(person, t('required'));
    if (!form.municipality) e.municipality = t('required');
    if (!form.registeredAt) e.registeredAt = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('lpcoAdd')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <PersonFields idPrefix="lpco-add" value={person} onChange={setPerson} errors={errors} labels={labels} />
      <SelectField id="lpco-add-concerns" label={t('lpcoConcerns')} options={CONCERNS.map((c) => ({ value: c, label: t(`lpcoConcerns_${c}`) }))} value={form.concerns} onChange={(e) => setForm({ ...form, concerns: e.currentTarget.value })} />
      <SelectField id="lpco-add-municipality" label={t('municipality')} placeholder="—" options={labels.municipalities(form.municipality).filter((m) => !ownMunicipality || m.value === ownMunicipality)} value={form.municipality} onChange={(e) => setForm({ ...form, municipality: e.currentTarget.value })} error={errors.municipality} required />
      <DateField id="lpco-add-date" label={t('lpcoRegisteredAt')} value={form.registeredAt} onChange={(e) => setForm({ ...form, registeredAt: e.currentTarget.value })} error={errors.registeredAt} required />
    </FormDialog>
  );
}

function OutcomeDialog({ record, labels, onClose, onDone }: { record: LpcoRecord; labels: Labels; onClose: () => void; onDone: () => void }) {
  const t = useFacilT();
  const [form, setForm] = useState({ discussedAt: record.discussedAt ?? todayIso(), outcome: record.outcome ?? '' });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.patch(`/api/facilitated/lpco/${record.id}`, { discussedAt: form.discussedAt || null, outcome: form.outcome || null, version: record.version }));
  const errors = fieldErrorsOf(save.error);
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('lpcoRecordTitle', { name: fullName(record.person) })} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <DateField id="lpco-discussed" label={t('lpcoDiscussedAt')} value={form.discussedAt} onChange={(e) => setForm({ ...form, discussedAt: e.currentTarget.value })} error={errors.discussedAt} required />
      <SelectField id="lpco-outcome" label={t('lpcoOutcome')} placeholder="—" options={labels.options('lpcoOutcome', form.outcome)} value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.currentTarget.value })} error={errors.outcome} required />
    </FormDialog>
  );
}
