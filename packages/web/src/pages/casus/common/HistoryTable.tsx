// SPDX-License-Identifier: EUPL-1.2
// Earlier and running registrations and cases of one person (triage, registration, person page).
import { isCaseOpen } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { DataTable, Link, VisuallyHidden, type Column } from '../../../ui';
import { StatusText } from './forms';
import { formatDate } from './format';
import type { Labels } from './reference';
import type { HistoryItem } from './types';

export function HistoryTable({ items, caption, labels }: { items: HistoryItem[]; caption: string; labels: Labels }) {
  const { t } = useTranslation();
  const columns: Column<HistoryItem>[] = [
    {
      key: 'registeredAt',
      header: t('caseFlow.history.registeredAt'),
      rowHeader: true,
      cell: (h) => (
        <Link to={`/aanmeldingen/${h.registrationId}`}>
          {formatDate(h.registeredAt)}
          <VisuallyHidden> {t('caseFlow.history.viewRegistration')}</VisuallyHidden>
        </Link>
      ),
    },
    { key: 'kind', header: t('caseFlow.history.kind'), cell: (h) => labels.code('caseKind', h.kind) },
    { key: 'status', header: t('caseFlow.history.status'), cell: (h) => <StatusText status={h.caseStatus ?? h.status} /> },
    {
      key: 'case',
      header: t('caseFlow.history.case'),
      cell: (h) =>
        h.caseId ? (
          <>
            <Link to={`/casussen/${h.caseId}`}>
              {t('caseFlow.history.viewCase')}
              <VisuallyHidden> {formatDate(h.startedAt ?? h.registeredAt)}</VisuallyHidden>
            </Link>
            {h.caseStatus && isCaseOpen(h.caseStatus) && <strong> ({t('caseFlow.history.running')})</strong>}
          </>
        ) : (
          t('caseFlow.history.noCase')
        ),
    },
    { key: 'period', header: t('caseFlow.history.period'), cell: (h) => (h.startedAt ? `${formatDate(h.startedAt)} – ${h.closedAt ? formatDate(h.closedAt) : t('caseFlow.history.now')}` : '—') },
    { key: 'purpose', header: t('caseFlow.history.purpose'), cell: (h) => h.purpose ?? '—' },
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(h) => h.registrationId} emptyMessage={t('caseFlow.history.empty')} />;
}
