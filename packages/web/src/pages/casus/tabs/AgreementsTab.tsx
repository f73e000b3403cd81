// SPDX-License-Identifier: EUPL-1.2
// Afspraken: the agreements of the action plan, per partner with an owner and a date. Overdue
// ones say so in words. Partners report on their own organisation's agreements (status and a
// note); the regisseur adds agreements and updates any.
import { can } from '@zvh/shared';
import { ZVH_ORGANISATION } from '@zvh/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { useUser } from '../../../auth/AuthContext';
import { Button, ButtonGroup, DataTable, DateField, FormDialog, Heading, Paragraph, SelectField, TextAreaField, TextField, VisuallyHidden, type Column } from '../../../ui';
import { ErrorSummary, FormSection, MultiLine, RadioGroupField, StaleVersionAlert, mapServerErrors, useErrorText } from '../common/forms';
import { formatDate, todayIso } from '../common/format';
import type { Agreement, AgreementStatus } from '../common/types';
import { ActionError } from './OverviewTab';
import type { CaseTabProps } from './props';

export const AGREEMENT_STATUSES: AgreementStatus[] = ['open', 'done', 'cancelled'];

/** "Te laat" in words next to the date, not only in colour. */
export function DueDate({ date, overdue }: { date: string | null; overdue: boolean | null }) {
  const { t } = useTranslation();
  if (!date) return <>{t('casus.agreements.noDueDate')}</>;
  return overdue ? <span className="zvh-cf-overdue">{t('casus.agreements.overdueOn', { date: formatDate(date) })}</span> : <>{formatDate(date)}</>;
}

export function AgreementsTab(props: CaseTabProps) {
  const { t } = useTranslation();
  const user = useUser();
  const { c, labels, reload, notify, canContribute } = props;
  const isRegisseur = can(user.roles, 'case.direct') && user.organisation.kind === 'zvh';
  const [editing, setEditing] = useState<Agreement | null>(null);
  const [status, setStatus] = useState<AgreementStatus>('open');
  const [note, setNote] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const update = useAction((a: Agreement, body: unknown) => api.patch<{ status: string; version: number }>(`/api/agreements/${a.id}`, body));
  const canUpdate = (a: Agreement) => canContribute && (isRegisseur || (user.organisation.kind === 'partner' && a.partner === user.organisation.code));
  const overdue = c.agreements.filter((a) => a.overdue).length;

  const openEdit = (a: Agreement) => {
    update.reset();
    setStale(false);
    // the current status (issue 8: preselecting "Afgerond" closed an agreement on "add a note, Opslaan")
    setStatus(a.status);
    setNote(a.note ?? '');
    setEditing(a);
  };
  const submitEdit = async () => {
    if (!editing) return;
    setAttempt((n) => n + 1);
    const res = await update.run(editing, { status, note: note.trim() || null, version: editing.version });
    if (res.ok) {
      notify(t('casus.agreements.updated', { title: editing.title, status: t(`casus.agreements.status.${status}`) }));
      setEditing(null);
      reload();
    } else if (res.error?.code === 'stale_version') setStale(true);
  };

  const columns: Column<Agreement>[] = [
    {
      key: 'title',
      header: t('casus.agreements.fields.title'),
      rowHeader: true,
      cell: (a) => (
        <>
          {a.title}
          {a.description && (
            <>
              <br />
              <span className="zvh-cf-muted">
                <MultiLine text={a.description} />
              </span>
            </>
          )}
        </>
      ),
    },
    { key: 'partner', header: t('casus.agreements.fields.partner'), cell: (a) => labels.org(a.partner) },
    { key: 'responsible', header: t('casus.agreements.fields.responsiblePerson'), cell: (a) => a.responsiblePerson ?? '—' },
    { key: 'due', header: t('casus.agreements.fields.dueDate'), cell: (a) => <DueDate date={a.dueDate} overdue={a.overdue} /> },
    {
      key: 'status',
      header: t('caseFlow.fields.status'),
      cell: (a) => (
        <>
          {t(`casus.agreements.status.${a.status}`)}
          {a.carriedOver && ` (${t('casus.agreements.carriedOver')})`}
        </>
      ),
    },
    { key: 'note', header: t('casus.agreements.fields.note'), cell: (a) => <MultiLine text={a.note} /> },
    {
      key: 'actions',
      header: t('casus.actions'),
      hiddenHeader: true,
      cell: (a) =>
        canUpdate(a) ? (
          <Button onClick={() => openEdit(a)}>
            {a.status === 'open' ? t('casus.agreements.report') : t('casus.agreements.change')}
            <VisuallyHidden> {t('casus.agreements.hiddenName', { title: a.title })}</VisuallyHidden>
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Heading level={2}>{t('casus.tabs.agreements')}</Heading>
      <Paragraph>{t('casus.agreements.intro')}</Paragraph>
      {overdue > 0 && (
        <Paragraph>
          <span className="zvh-cf-overdue">{t('casussen.overdue', { count: overdue })}</span>
        </Paragraph>
      )}
      <DataTable caption={t('casus.agreements.caption')} columns={columns} rows={c.agreements} rowKey={(a) => a.id} emptyMessage={t('casus.agreements.empty')} />
      {c.permissions.manage && <AddAgreement {...props} />}
      <FormDialog
        open={editing !== null}
        title={t('casus.agreements.editTitle', { title: editing?.title ?? '' })}
        onClose={() => setEditing(null)}
        onSubmit={submitEdit}
        submitLabel={t('common.save')}
        busy={update.pending}
        message={
          stale ? (
            <StaleVersionAlert
              attempt={attempt}
              onReload={() => {
                setEditing(null);
                reload();
              }}
            />
          ) : update.error ? (
            <ActionError error={update.error} attempt={attempt} />
          ) : undefined
        }
      >
        <RadioGroupField
          id="afspraak-status"
          legend={t('casus.agreements.fields.status')}
          options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`casus.agreements.status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as AgreementStatus)}
          required
        />
        <TextAreaField
          id="afspraak-toelichting"
          label={t('casus.agreements.fields.note')}
          description={t('casus.agreements.noteDescription')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          rows={3}
          maxLength={3000}
          optional
        />
      </FormDialog>
    </>
  );
}

function AddAgreement({ c, labels, reload, notify }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const empty = { partner: '', title: '', dueDate: '', responsiblePerson: '', description: '', lifeDomain: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const add = useAction((body: unknown) => api.post<{ id: string }>(`/api/cases/${c.id}/agreements`, body));
  const partners = [
    ...c.participants.filter((p) => !p.removedAt).map((p) => ({ value: p.partner, label: p.name ?? labels.org(p.partner) })),
    { value: ZVH_ORGANISATION, label: labels.org(ZVH_ORGANISATION) },
  ];
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!values.partner) found.partner = t('casus.agreements.errors.partner');
    if (!values.title.trim()) found.title = t('casus.agreements.errors.title');
    if (!values.dueDate) found.dueDate = t('casus.agreements.errors.dueDate');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await add.run({
      partner: values.partner,
      title: values.title.trim(),
      dueDate: values.dueDate,
      responsiblePerson: values.responsiblePerson.trim() || null,
      description: values.description.trim() || null,
      lifeDomain: values.lifeDomain || null,
    });
    if (res.ok) {
      notify(t('casus.agreements.added', { title: values.title.trim() }));
      setValues(empty);
      reload();
    } else setErrors(mapServerErrors(res.error, Object.keys(empty)));
  };

  return (
    <form noValidate onSubmit={submit} className="zvh-cf-form">
      <FormSection legend={t('casus.agreements.addTitle')} level={3}>
        <ErrorSummary
          attempt={attempt}
          errors={Object.entries(errors)
            .filter(([k]) => k)
            .map(([k, m]) => ({ id: `afspraak-${k}`, label: t(`casus.agreements.fields.${k as 'title'}`, { defaultValue: k }), message: m }))}
          message={add.error && add.error.fieldErrors.length === 0 ? errorText(add.error) : errors[''] || undefined}
        />
        <SelectField
          id="afspraak-partner"
          label={t('casus.agreements.fields.partner')}
          description={t('casus.agreements.partnerDescription')}
          placeholder={t('common.choose')}
          options={partners}
          value={values.partner}
          onChange={(e) => set('partner', e.currentTarget.value)}
          error={errors.partner}
          required
        />
        <TextField
          id="afspraak-title"
          label={t('casus.agreements.fields.title')}
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          maxLength={300}
          required
        />
        <DateField
          id="afspraak-dueDate"
          label={t('casus.agreements.fields.dueDate')}
          value={values.dueDate}
          min={todayIso()}
          onChange={(e) => set('dueDate', e.currentTarget.value)}
          error={errors.dueDate}
          required
        />
        <TextField
          id="afspraak-responsiblePerson"
          label={t('casus.agreements.fields.responsiblePerson')}
          value={values.responsiblePerson}
          onChange={(e) => set('responsiblePerson', e.currentTarget.value)}
          error={errors.responsiblePerson}
          maxLength={200}
          optional
        />
        <SelectField
          id="afspraak-lifeDomain"
          label={t('codeLists.names.problemArea')}
          placeholder={t('common.choose')}
          options={labels.options('problemArea', values.lifeDomain)}
          value={values.lifeDomain}
          onChange={(e) => set('lifeDomain', e.currentTarget.value)}
          error={errors.lifeDomain}
          optional
        />
        <TextAreaField
          id="afspraak-description"
          label={t('casus.agreements.fields.description')}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          rows={3}
          maxLength={3000}
          optional
        />
        <ButtonGroup>
          <Button type="submit" busy={add.pending}>
            {t('casus.agreements.add')}
          </Button>
        </ButtonGroup>
      </FormSection>
    </form>
  );
}
