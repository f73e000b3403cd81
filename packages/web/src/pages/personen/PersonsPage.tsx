// SPDX-License-Identifier: EUPL-1.2
// Personen: search the person index by name, BSN or date of birth.
import { useEffect, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePagedApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { DataTable, Link, Notice, Paragraph, type Column } from '../../ui';
import { LoadBoundary, useLocationNotice } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { PersonListItem } from '../casus/common/types';
import { LoadMore } from '../casus/common/LoadMore';
import { MIN_QUERY, PersonSearchForm } from './PersonSearchForm';

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
  useEffect(() => setInput(q), [q]);
  const list = usePagedApi<PersonListItem>(q.length >= MIN_QUERY ? `/api/persons?q=${encodeURIComponent(q)}` : null);
  const reference = useReference();

  return (
    <Page title={t('personen.title')}>
      <Notice message={notice} />
      <Paragraph>{t('personen.intro')}</Paragraph>
      <PersonSearchForm
        id="personen-q"
        label={t('personen.q')}
        searchLabel={t('personen.searchLabel')}
        value={input}
        onChange={setInput}
        onSearch={(value) => setParams({ q: value })}
      />
      <p className="zvh-cf-result-count" aria-live="polite">
        {q.length < MIN_QUERY ? '' : list.loading ? t('common.loading') : list.data ? t('personen.count', { count: list.total ?? list.data.length }) : ''}
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
      {q.length >= MIN_QUERY && <LoadMore list={list} id="personen-more" />}
    </Page>
  );
}
