// SPDX-License-Identifier: EUPL-1.2
// Veelplegers per region with the history of their status (ZVH staff, OM). A status change closes
// the current record the day before and starts the next one (the server does both at once).
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, CheckboxField, DataTable, DateField, FormDialog, Notice, Paragraph, SelectField, Section, TextAreaField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, todayIso } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import { BackLink, checkPerson, emptyPerson, fullName, PersonFields, personBody, type VeelplegerRecord, type VeelplegerRegion } from './common';
import { useFacilT } from './texts';

type Dialog = { type: 'add' } | { type: 'change'; record: VeelplegerRecord } | { type: 'end'; record: VeelplegerRecord } | null;

export default function VeelplegersPage() {
  const t = useFacilT();
  const [params, setParams] = useSearchParams();
  const region = params.get('regio') ?? '';
  const includeClosed = params.get('alle') === '1';
  const [choice, setChoice] = useState({ region, includeClosed });
  const query = new URLSearchParams();
  if (region) query.set('region', region);
  if (includeClosed) query.set('includeClosed', 'true');
  const list = useApi<VeelplegerRegion[]>(`/api/facilitated/veelplegers${query.size ? `?${query}` : ''}`);
  const reference = useReference();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (choice.region) p.regio = choice.region;
    if (choice.includeClosed) p.alle = '1';
    setParams(p);
  };
  const done = () => { setDialog(null); setNotice(t('saved')); list.reload(); };

  return (
    <Page title={t('veelplegers')}>
      <BackLink />
      <Paragraph>{t('veelplegersDescription')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => setDialog({ type: 'add' })}>{t('vpAdd')}</Button>
      </div>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { regions: list.data, labels: labelsFor(reference.data) } : undefined, error: list.error ?? reference.error }}>
        {({ regions, labels }) => (
          <>
            <form className="zvh-cf-filter" onSubmit={apply} role="search" aria-label={t('vpRegionFilter')}>
              <SelectField id="vp-region" label={t('vpRegionFilter')} placeholder={t('vpAllRegions')} value={choice.region}
                options={[...new Set(reference.data!.municipalities.map((m) => m.region))].sort().map((r) => ({ value: r, label: r }))}
                onChange={(e) => setChoice({ ...choice, region: e.currentTarget.value })} />
              <CheckboxField label={t('vpIncludeClosed')} checked={choice.includeClosed} onChange={(checked) => setChoice({ ...choice, includeClosed: checked })} />
              <ButtonGroup><Button type="submit">{t('filter')}</Button></ButtonGroup>
            </form>
            {regions.map((r) => (
              <Section key={r.region} title={`${t('region')} ${r.region} (${r.persons.length})`}>
                <RegionTable region={r} labels={labels} onChange={(record) => setDialog({ type: 'change', record })} onEnd={(record) => setDialog({ type: 'end', record })} />
              </Section>
            ))}
            {dialog?.type === 'add' && <AddDialog labels={labels} onClose={() => setDialog(null)} onDone={done} />}
            {dialog?.type === 'change' && <ChangeDialog record={dialog.record} labels={labels} onClose={() => setDialog(null)} onDone={done} />}
            {dialog?.type === 'end' && <EndDialog record={dialog.record} onClose={() => setDialog(null)} onDone={done} />}
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}

function RegionTable({ region, labels, onChange, onEnd }: { region: VeelplegerRegion; labels: Labels; onChange: (r: VeelplegerRecord) => void; onEnd: (r: VeelplegerRecord) => void }) {
  const t = useFacilT();
  type Row = VeelplegerRegion['persons'][number];
  const columns: Column<Row>[] = [
    { key: 'name', header: t('person'), rowHeader: true, cell: (p) => `${fullName(p.person)} (${formatDate(p.person.birthDate)})` },
    { key: 'status', header: t('vpCurrent'), cell: (p) => (p.current ? `${labels.code('veelplegerStatus', p.current.status)} ${t('vpFrom').toLowerCase()} ${formatDate(p.current.from)}` : t('vpNone')) },
    { key: 'municipality', header: t('municipality'), cell: (p) => labels.municipality(p.history[0]!.municipality) },
    {
      key: 'history', header: t('vpHistory', { name: '' }).trim(), cell: (p) => (
        <details>
          <summary>{t('vpHistoryCount', { count: p.history.length })}</summary>
          <ul className="zvh-facil-history">
            {p.history.map((h) => (
              <li key={h.id}>{labels.code('veelplegerStatus', h.status)}: {formatDate(h.from)} – {h.until ? formatDate(h.until) : '…'} ({labels.municipality(h.municipality)})</li>
            ))}
          </ul>
        </details>
      ),
    },
    {
      key: 'actions', header: t('vpChange'), hiddenHeader: true, cell: (p) => p.current && (
        <ButtonGroup>
          <Button onClick={() => onChange(p.current!)} aria-label={`${t('vpChange')}: ${fullName(p.person)}`}>{t('vpChange')}</Button>
          <Button variant="subtle" onClick={() => onEnd(p.current!)} aria-label={`${t('vpEnd')}: ${fullName(p.person)}`}>{t('vpEnd')}</Button>
        </ButtonGroup>
      ),
    },
  ];
  return <DataTable caption={t('vpRegionCaption', { region: region.region })} columns={columns} rows={region.persons} rowKey={(p) => p.person.id} emptyMessage={t('vpEmptyRegion')} />;
}

function AddDialog({ labels, onClose, onDone }: { labels: Labels; onClose: () => void; onDone: () => void }) {
  const t = useFacilT();
  const [person, setPerson] = useState(emptyPerson());
  const [form, setForm] = useState({ municipality: '', status: 'veelpleger', from: todayIso(), note: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post('/api/facilitated/veelplegers', { subject: personBody(person), municipality: form.municipality, status: form.status, from: form.from, note: form.note || null }));
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const submit = async () => {
    const e = checkPerson(person, t('required'));
    if (!form.municipality) e.municipality = t('required');
    if (!form.from) e.from = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('vpAdd')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <PersonFields idPrefix="vp-add" value={person} onChange={setPerson} errors={errors} labels={labels} />
      <SelectField id="vp-add-municipality" label={t('municipality')} placeholder="—" options={labels.municipalities(form.municipality)} value={form.municipality} onChange={(e) => setForm({ ...form, municipality: e.currentTarget.value })} error={errors.municipality} required />
      <SelectField id="vp-add-status" label={t('vpStatus')} options={labels.options('veelplegerStatus', form.status)} value={form.status} onChange={(e) => setForm({ ...form, status: e.currentTarget.value })} error={errors.status} required />
      <DateField id="vp-add-from" label={t('vpFrom')} value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={errors.from} required />
      <TextAreaField id="vp-add-note" label={t('note')} optional rows={3} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} error={errors.note} />
    </FormDialog>
  );
}

function ChangeDialog({ record, labels, onClose, onDone }: { record: VeelplegerRecord; labels: Labels; onClose: () => void; onDone: () => void }) {
  const t = useFacilT();
  const other = labels.options('veelplegerStatus').find((o) => o.value !== record.status)?.value ?? record.status;
  const [form, setForm] = useState({ status: other, from: todayIso(), municipality: record.municipality });
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post(`/api/facilitated/veelplegers/${record.id}/status-change`, { ...form, version: record.version }));
  const errors = fieldErrorsOf(save.error);
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('vpChangeTitle', { name: fullName(record.person) })} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <Paragraph>{t('vpChangeDescription')}</Paragraph>
      <SelectField id="vp-change-status" label={t('vpStatus')} options={labels.options('veelplegerStatus', form.status)} value={form.status} onChange={(e) => setForm({ ...form, status: e.currentTarget.value })} error={errors.status} required />
      <DateField id="vp-change-from" label={t('vpFrom')} value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={errors.from} required />
      <SelectField id="vp-change-municipality" label={t('municipality')} options={labels.municipalities(form.municipality)} value={form.municipality} onChange={(e) => setForm({ ...form, municipality: e.currentTarget.value })} error={errors.municipality} required />
    </FormDialog>
  );
}

function EndDialog({ record, onClose, onDone }: { record: VeelplegerRecord; onClose: () => void; onDone: () => void }) {
  const t = useFacilT();
  const [until, setUntil] = useState(todayIso());
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.patch(`/api/facilitated/veelplegers/${record.id}`, { until, version: record.version }));
  const errors = fieldErrorsOf(save.error);
  const submit = async () => { const r = await save.run(); if (r.ok) onDone(); else setAttempt((a) => a + 1); };
  return (
    <FormDialog open title={t('vpEndTitle', { name: fullName(record.person) })} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <DateField id="vp-end-until" label={t('vpUntil')} value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={errors.until} required />
    </FormDialog>
  );
}
