// SPDX-License-Identifier: EUPL-1.2
// One person of the index: details, every registration and case, and (procesregisseur) merging
// this record into another one when it turns out to be a duplicate.
import { can } from '@zvh/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, ConfirmDialog, DataTable, Link, Notice, Paragraph, Section, TextAreaField } from '../../ui';
import { HistoryTable } from '../casus/common/HistoryTable';
import { Details, ErrorSummary, LoadBoundary, RadioGroupField, useErrorText, useLocationNotice } from '../casus/common/forms';
import { ageOf, formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { PersonDetail, PersonListItem } from '../casus/common/types';
import { personColumns } from './PersonsPage';
import { PersonSearchForm } from './PersonSearchForm';
import { OtherZvhCheck } from '../andere-zvh/OtherZvhCheck';

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

export default function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notice = useLocationNotice();
  const person = useApi<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`);
  const reference = useReference();
  const user = useUser();
  const title = person.data ? fullName(person.data) : t('personen.personLoading');

  return (
    <Page title={title}>
      <Notice message={notice} />
      <Paragraph>
        <Link to="/personen">{t('personen.backToSearch')}</Link>
      </Paragraph>
      <LoadBoundary state={{ ...person, data: person.data && reference.data ? { p: person.data, ref: reference.data } : undefined, error: person.error ?? reference.error }}>
        {({ p, ref }) => {
          const labels = labelsFor(ref);
          const age = ageOf(p.birthDate);
          return (
            <>
              {p.mergedInto && (
                <Alert type="warning" title={t('personen.mergedTitle')}>
                  <Paragraph>
                    {t('personen.mergedMessage')} <Link to={`/personen/${p.mergedInto}`}>{t('personen.toMerged')}</Link>
                  </Paragraph>
                </Alert>
              )}
              <Section title={t('personen.detailsTitle')}>
                <Details
                  items={[
                    { label: t('caseFlow.fields.name'), value: fullName(p) },
                    { label: t('aanmelding.fields.birthDate'), value: p.birthDate ? `${formatDate(p.birthDate)}${age !== undefined ? ` (${t('caseFlow.age', { count: age })})` : ''}` : '—' },
                    { label: t('aanmelding.fields.gender'), value: labels.code('gender', p.gender) },
                    { label: t('aanmelding.fields.bsn'), value: p.bsn ?? t('caseFlow.unknown') },
                    { label: t('aanmelding.fields.municipality'), value: labels.municipality(p.municipality) },
                  ]}
                />
              </Section>
              <Section title={t('personen.historyTitle')}>
                <HistoryTable items={p.history} labels={labels} caption={t('caseFlow.history.caption', { name: fullName(p) })} />
              </Section>
              {!p.mergedInto && <OtherZvhCheck personId={p.id} hasBsn={Boolean(p.bsn)} />}
              {!p.mergedInto && can(user.roles, 'person.merge') && <MergeSection person={p} labels={labels} />}
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

function MergeSection({ person, labels }: { person: PersonDetail; labels: Labels }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const results = useApi<PersonListItem[]>(searched ? `/api/persons?q=${encodeURIComponent(searched)}` : null);
  const merge = useAction((intoId: string, r: string) => api.post<{ id: string }>(`/api/persons/${person.id}/merge`, { intoId, reason: r }));
  const candidates = (results.data ?? []).filter((p) => p.id !== person.id);
  const chosen = candidates.find((p) => p.id === target);

  const search = (value: string) => {
    setTarget('');
    setSearched(value);
  };

  const check = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!chosen) found.target = t('personen.merge.errors.target');
    if (!reason.trim()) found.reason = t('personen.merge.errors.reason');
    setErrors(found);
    if (Object.keys(found).length) return;
    merge.reset();
    setConfirming(true);
  };

  const confirm = async () => {
    if (!chosen) return;
    const res = await merge.run(chosen.id, reason.trim());
    if (res.ok) {
      setConfirming(false);
      navigate(`/personen/${res.value.id}`, { state: { notice: t('personen.merge.done', { from: fullName(person), into: fullName(chosen) }) } });
    }
  };

  return (
    <Section title={t('personen.merge.title')}>
      <Paragraph>{t('personen.merge.intro', { name: fullName(person) })}</Paragraph>
      <PersonSearchForm
        id="samenvoegen-q"
        label={t('personen.merge.q')}
        searchLabel={t('personen.merge.searchLabel')}
        value={query}
        onChange={setQuery}
        onSearch={search}
      />
      <p className="zvh-cf-result-count" aria-live="polite">
        {searched ? (results.loading ? t('common.loading') : results.data ? t('personen.count', { count: candidates.length }) : '') : ''}
      </p>
      {searched && (
        <LoadBoundary state={results}>
          {() =>
            candidates.length === 0 ? (
              <Paragraph>{t('personen.empty', { q: searched })}</Paragraph>
            ) : (
              <form noValidate onSubmit={check} className="zvh-cf-form">
                <ErrorSummary
                  attempt={attempt}
                  errors={Object.entries(errors).map(([k, m]) => ({ id: `samenvoegen-${k}`, label: t(`personen.merge.fields.${k as 'target'}`), message: m }))}
                />
                <DataTable
                  caption={t('personen.merge.caption', { q: searched })}
                  columns={personColumns(t, labels, (p) => `${p.firstName} ${p.lastName}`)}
                  rows={candidates}
                  rowKey={(p) => p.id}
                  emptyMessage={t('personen.empty', { q: searched })}
                />
                <RadioGroupField
                  id="samenvoegen-target"
                  legend={t('personen.merge.fields.target')}
                  description={t('personen.merge.targetDescription', { name: fullName(person) })}
                  options={candidates.map((p) => ({
                    value: p.id,
                    label: `${p.firstName} ${p.lastName}, ${formatDate(p.birthDate)}${p.bsn ? `, BSN ${p.bsn}` : ''}`,
                  }))}
                  value={target}
                  onChange={setTarget}
                  error={errors.target}
                  required
                />
                <TextAreaField
                  id="samenvoegen-reason"
                  label={t('personen.merge.fields.reason')}
                  description={t('personen.merge.reasonDescription')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={errors.reason}
                  rows={3}
                  maxLength={2000}
                  required
                />
                <ButtonGroup>
                  <Button type="submit" danger>
                    {t('personen.merge.submit')}
                  </Button>
                </ButtonGroup>
              </form>
            )
          }
        </LoadBoundary>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('personen.merge.confirmTitle')}
        message={t('personen.merge.confirmMessage', { from: fullName(person), into: chosen ? fullName(chosen) : '' })}
        confirmLabel={t('personen.merge.confirm')}
        danger
        busy={merge.pending}
        error={merge.error && <Alert type="error">{errorText(merge.error)}</Alert>}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      />
    </Section>
  );
}
