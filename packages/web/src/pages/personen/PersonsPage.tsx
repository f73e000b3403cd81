// SPDX-License-Identifier: EUPL-1.2
// Personen: search the person index by name, BSN or date of birth.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Button, ButtonGroup, DataTable, Link, Notice, Paragraph, TextField, type Column } from '../../ui';
import { LoadBoundary, useLocationNotice } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { PersonListItem } from '../casus/common/types';

export const MIN_QUERY = 2;

export function personColumns(t: TFunction, labels: Labels, name: (p: PersonListItem) => ReactNode): Column<PersonListItem>[] {
  return [
    { key: 'name', header: t('caseFlow.fields.name'), rowHeader: true, cell: name },
    { key: 'birthDate', header: t('aanmelding.fields.birthDate'), cell: (p) => formatDate(p.birthDate) },
    { key: 'bsn', header: t('aanmelding.fields.bsn'), cell: (p) => p.bsn ?? '—' },
    { key: 'municipality', header: t('aanmelding.fields.municipality'), cell: (p) => labels.municipality(p.municipality) },
    { key: 'registrations', header: t('personen.registrations'), cell: (p) => p.registrations, align: 'end' },
    { key: 'running', header: t('personen.runningCases'), cell: (p) => p.runningCases, align: 'end' },
  ];
}

export default function PersonsPage() {
  const { t } = useTranslation();
  const notice = useLocationNotice();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [input, setInput] = useState(q);
  const [error, setError] = useState<string>();
  useEffect(() => setInput(q), [q]);
  const list = useApi<PersonListItem[]>(q.length >= MIN_QUERY ? `/api/persons?q=${encodeURIComponent(q)}` : null);
  const reference = useReference();

  const search = (e: FormEvent) => {
    e.preventDefault();
    const value = input.trim();
    if (value.length < MIN_QUERY) {
      setError(t('personen.errors.query', { min: MIN_QUERY }));
      return;
    }
    setError(undefined);
    setParams({ q: value });
  };

  return (
    <Page title={t('personen.title')}>
      <Notice message={notice} />
      <Paragraph>{t('personen.intro')}</Paragraph>
      <form className="zvh-cf-filter" role="search" aria-label={t('personen.searchLabel')} noValidate onSubmit={search}>
        <TextField
          id="personen-q"
          label={t('personen.q')}
          description={t('personen.qDescription')}
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          error={error}
          type="search"
          autoComplete="off"
          maxLength={100}
        />
        <ButtonGroup>
          <Button type="submit">{t('caseFlow.search')}</Button>
        </ButtonGroup>
      </form>
      <p className="zvh-cf-result-count" aria-live="polite">
        {q.length < MIN_QUERY ? '' : list.loading ? t('common.loading') : list.data ? t('personen.count', { count: list.data.length }) : ''}
      </p>
      {q.length >= MIN_QUERY && (
        <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
          {({ rows, ref }) => (
            <DataTable
              caption={t('personen.caption', { q })}
              columns={personColumns(t, labelsFor(ref), (p) => <Link to={`/personen/${p.id}`}>{`${p.firstName} ${p.lastName}`}</Link>)}
              rows={rows}
              rowKey={(p) => p.id}
              emptyMessage={t('personen.empty', { q })}
            />
          )}
        </LoadBoundary>
      )}
    </Page>
  );
}
