// SPDX-License-Identifier: EUPL-1.2
// Nazorg ex-gedetineerden: the DJI signals of the plustaak municipalities (a municipal department
// sees only its own municipality's records; the server decides).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, DateField, FormDialog, Link, Paragraph, SelectField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, todayIso } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { Reference } from '../../api/types';
import { BackLink, checkPerson, emptyPerson, fullName, PersonFields, personBody, type NazorgRecord } from './common';
import { useFacilT } from './texts';

export function consentText(t: ReturnType<typeof useFacilT>, r: NazorgRecord): string {
  if (r.consent.given === true) return t('nzConsentGiven', { date: formatDate(r.consent.date) });
  if (r.consent.given === false) return t('nzConsentRefused', { date: formatDate(r.consent.date) });
  return t('nzConsentUnknown');
}

export default function NazorgPage() {
  const t = useFacilT();
  const user = useUser();
  const navigate = useNavigate();
  const list = useApi<NazorgRecord[]>('/api/facilitated/nazorg');
  const reference = useReference();
  const [adding, setAdding] = useState(false);

  return (
    <Page title={t('nazorg')}>
      <BackLink />
      <Paragraph>{t('nazorgDescription')}</Paragraph>
      <Paragraph>{t('nzConsentExplain')}</Paragraph>
      <div className="zvh-toolbar">
        <Button variant="primary" onClick={() => setAdding(true)}>{t('nzAdd')}</Button>
      </div>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
        {({ rows, ref }) => {
          const labels = labelsFor(ref);
          const columns: Column<NazorgRecord>[] = [
            { key: 'name', header: t('person'), rowHeader: true, cell: (r) => <Link to={`/facilitering/nazorg/${r.id}`}>{fullName(r.person)}</Link> },
            { key: 'municipality', header: t('municipality'), cell: (r) => labels.municipality(r.municipality) },
            { key: 'registeredAt', header: t('nzRegisteredAt'), cell: (r) => formatDate(r.registeredAt) },
            { key: 'releasedAt', header: t('nzReleasedAt'), cell: (r) => formatDate(r.releasedAt) },
            { key: 'consent', header: t('nzConsent'), cell: (r) => consentText(t, r) },
            { key: 'closedAt', header: t('nzClosedAt'), cell: (r) => (r.closedAt ? formatDate(r.closedAt) : t('nzOpen')) },
            { key: 'escalated', header: t('nzEscalated'), cell: (r) => (r.registrationId ? <Link to={`/aanmeldingen/${r.registrationId}`}>{t('nzToRegistration')}</Link> : '—') },
          ];
          return (
            <>
              <DataTable caption={t('nzCaption')} columns={columns} rows={rows} rowKey={(r) => r.id} emptyMessage={t('nzEmpty')} />
              {adding && (
                <AddDialog labels={labels} reference={ref} ownMunicipality={user.municipality?.code} onClose={() => setAdding(false)}
                  onDone={(id) => navigate(`/facilitering/nazorg/${id}`)} />
              )}
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

function AddDialog({ labels, reference, ownMunicipality, onClose, onDone }: {
  labels: Labels; reference: Reference; ownMunicipality?: string; onClose: () => void; onDone: (id: string) => void;
}) {
  const t = useFacilT();
  const plustaak = reference.municipalities.filter((m) => m.nazorgPlustaak && (!ownMunicipality || m.code === ownMunicipality));
  const [person, setPerson] = useState(emptyPerson());
  const [form, setForm] = useState({ municipality: plustaak.length === 1 ? plustaak[0]!.code : '', registeredAt: todayIso(), releasedAt: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAction(() => api.post<{ id: string }>('/api/facilitated/nazorg', { subject: personBody(person), municipality: form.municipality, registeredAt: form.registeredAt, releasedAt: form.releasedAt || null }));
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const submit = async () => {
    const e = checkPerson(person, t('required'));
    if (!form.municipality) e.municipality = t('required');
    if (!form.registeredAt) e.registeredAt = t('required');
    setLocal(e);
    if (Object.keys(e).length) { setAttempt((a) => a + 1); return; }
    const r = await save.run();
    if (r.ok) onDone(r.value.id); else setAttempt((a) => a + 1);
  };
  return (
    <FormDialog open title={t('nzAdd')} onClose={onClose} onSubmit={submit} submitLabel={t('save')} busy={save.pending} invalidAttempt={attempt}
      message={save.error && !save.error.fieldErrors.length ? <Alert type="error">{save.error.message}</Alert> : undefined}>
      <PersonFields idPrefix="nz-add" value={person} onChange={setPerson} errors={errors} labels={labels} />
      <SelectField id="nz-add-municipality" label={t('municipality')} placeholder="—" options={plustaak.map((m) => ({ value: m.code, label: m.name }))} value={form.municipality} onChange={(e) => setForm({ ...form, municipality: e.currentTarget.value })} error={errors.municipality} required />
      <DateField id="nz-add-registered" label={t('nzRegisteredAt')} value={form.registeredAt} onChange={(e) => setForm({ ...form, registeredAt: e.currentTarget.value })} error={errors.registeredAt} required />
      <DateField id="nz-add-released" label={t('nzReleasedAt')} optional value={form.releasedAt} onChange={(e) => setForm({ ...form, releasedAt: e.currentTarget.value })} error={errors.releasedAt} />
    </FormDialog>
  );
}
