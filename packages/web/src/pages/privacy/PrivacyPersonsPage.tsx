// SPDX-License-Identifier: EUPL-1.2
// The privacy officer finds the person of a data-subject request.
import { useState } from 'react';
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Button, DataTable, Link, Paragraph, TextField, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { PersonHit } from './types';

export default function PrivacyPersonsPage() {
  const t = usePrivacyT();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const hits = useApi<PersonHit[]>(query ? `/api/privacy/persons?q=${encodeURIComponent(query)}` : null);
  const columns: Column<PersonHit>[] = [
    { key: 'name', header: t('name'), rowHeader: true, cell: (p) => <Link to={`/privacy/personen/${p.id}`}>{`${p.firstName} ${p.lastName}`}</Link> },
    { key: 'birthDate', header: t('birthDate'), cell: (p) => formatDate(p.birthDate) },
    { key: 'municipality', header: t('municipality'), cell: (p) => p.municipality ?? '—' },
    { key: 'registrations', header: t('registrations'), align: 'end', cell: (p) => p.registrations },
    { key: 'cases', header: t('cases'), align: 'end', cell: (p) => p.cases },
    { key: 'anonymised', header: t('anonymised'), cell: (p) => (p.anonymisedAt ? formatDate(p.anonymisedAt) : '—') },
  ];
  return (
    <Page title={t('personsTitle')}>
      <Paragraph>{t('personsIntro')}</Paragraph>
      <form className="zvh-toolbar" role="search" onSubmit={(e) => { e.preventDefault(); if (q.trim().length >= 2) setQuery(q.trim()); }}>
        <TextField id="privacy-search" label={t('searchLabel')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Button type="submit" variant="primary">{t('search')}</Button>
      </form>
      {query && (
        <LoadBoundary state={hits}>
          {(rows) => <DataTable caption={t('searchCaption')} columns={columns} rows={rows} rowKey={(p) => p.id} emptyMessage={t('noHits')} />}
        </LoadBoundary>
      )}
    </Page>
  );
}
