// SPDX-License-Identifier: EUPL-1.2
// The informatiemakelaar's inbox: the information requests (kind informatievraag) of partners,
// open ones first; each opens the page where the person is looked up and the answer is written.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { DataTable, Link, Paragraph, SelectField, type Column } from '../../ui';
import { LoadBoundary, StatusText } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import type { InformationRequestItem } from './types';
import './informatieknooppunt.css';

const FILTERS = ['open', 'beantwoord', 'alle'] as const;
type Filter = (typeof FILTERS)[number];

export default function InformationRequestsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useApi<InformationRequestItem[]>(`/api/information-requests?status=${filter}`);
  const columns: Column<InformationRequestItem>[] = [
    {
      key: 'subject',
      header: t('informatieknooppunt.col.subject'),
      rowHeader: true,
      cell: (r) => (
        <>
          <Link to={`/informatievragen/${r.id}`}>{r.subjectName}</Link>
          {r.subjectBirthDate && <div>{t('informatieknooppunt.q.born', { date: formatDate(r.subjectBirthDate) })}</div>}
        </>
      ),
    },
    { key: 'askedBy', header: t('informatieknooppunt.col.askedBy'), cell: (r) => `${r.registeringPartnerName}${r.registeredByName ? ` (${r.registeredByName})` : ''}` },
    { key: 'date', header: t('informatieknooppunt.col.registeredAt'), cell: (r) => <span className="zvh-nowrap">{formatDate(r.registeredAt)}</span> },
    { key: 'waiting', header: t('informatieknooppunt.col.waiting'), align: 'end', cell: (r) => (r.status === 'beantwoord' ? '—' : r.waitingWorkdays) },
    {
      key: 'pr',
      header: t('informatieknooppunt.col.partnerRequests'),
      cell: (r) => t('informatieknooppunt.partnerRequestCounts', { open: r.openPartnerRequests, answered: r.answeredPartnerRequests }),
    },
    { key: 'status', header: t('informatieknooppunt.col.status'), cell: (r) => <StatusText status={r.status} /> },
  ];
  return (
    <Page title={t('informatieknooppunt.inboxTitle')}>
      <Paragraph>{t('informatieknooppunt.inboxIntro')}</Paragraph>
      <div className="zvh-ik-filter">
        <SelectField
          id="ik-filter"
          label={t('informatieknooppunt.show')}
          options={FILTERS.map((f) => ({ value: f, label: t(`informatieknooppunt.filter.${f}`) }))}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as Filter)}
        />
      </div>
      <LoadBoundary state={list}>
        {(rows) => <DataTable caption={t('informatieknooppunt.caption')} columns={columns} rows={rows} rowKey={(r) => r.id} emptyMessage={t('informatieknooppunt.empty')} />}
      </LoadBoundary>
    </Page>
  );
}
