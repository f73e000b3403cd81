// SPDX-License-Identifier: EUPL-1.2
// Data-subject requests: the list with their deadlines.
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { DataTable, Link, Paragraph, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { DataSubjectRequest } from './types';

export default function RequestsPage() {
  const t = usePrivacyT();
  const list = useApi<DataSubjectRequest[]>('/api/privacy/requests');
  const columns: Column<DataSubjectRequest>[] = [
    { key: 'person', header: t('person'), rowHeader: true, cell: (q) => <Link to={`/privacy/verzoeken/${q.id}`}>{q.personName}</Link> },
    { key: 'kind', header: t('kind'), cell: (q) => t(`kind_${q.kind}`) },
    { key: 'received', header: t('receivedOn'), cell: (q) => formatDate(q.receivedOn) },
    { key: 'deadline', header: t('deadline'), cell: (q) => (q.overdue ? <strong>{`${formatDate(q.deadline)} — ${t('overdue')}`}</strong> : formatDate(q.deadline)) },
    { key: 'status', header: t('status'), cell: (q) => t(`status_${q.status}`) },
  ];
  return (
    <Page title={t('requestsTitle')}>
      <Paragraph>{t('requestsIntro')}</Paragraph>
      <LoadBoundary state={list}>
        {(rows) => <DataTable caption={t('requestsCaption')} columns={columns} rows={rows} rowKey={(q) => q.id} emptyMessage={t('noRequests')} />}
      </LoadBoundary>
    </Page>
  );
}
