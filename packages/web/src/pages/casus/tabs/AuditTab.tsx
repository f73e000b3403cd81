// SPDX-License-Identifier: EUPL-1.2
// Verwerkingenlog: every read and write of the case's personal data (who, organisation, what,
// for which purpose). Opening it is itself logged.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/useApi';
import { Button, DataTable, Heading, Paragraph, type Column } from '../../../ui';
import { LoadBoundary } from '../common/forms';
import { formatDateTime } from '../common/format';
import type { AuditEntry } from '../common/types';
import type { CaseTabProps } from './props';

const PAGE = 50;
const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;

export function AuditTab({ c, labels }: CaseTabProps) {
  const { t } = useTranslation();
  const log = useApi<AuditEntry[]>(`/api/cases/${c.id}/audit`);
  const [shown, setShown] = useState(PAGE);
  const columns: Column<AuditEntry & { n: number }>[] = [
    { key: 'at', header: t('casus.audit.at'), rowHeader: true, cell: (e) => formatDateTime(e.at) },
    { key: 'actor', header: t('casus.audit.actor'), cell: (e) => e.actor },
    { key: 'organisation', header: t('casus.audit.organisation'), cell: (e) => labels.org(e.organisation) },
    {
      key: 'action',
      header: t('casus.audit.action'),
      cell: (e) => (ACTIONS.includes(e.action as (typeof ACTIONS)[number]) ? t(`casus.audit.actions.${e.action as 'read'}`) : e.action),
    },
    { key: 'activity', header: t('casus.audit.activity'), cell: (e) => e.activity },
    { key: 'purpose', header: t('casus.audit.purpose'), cell: (e) => e.purpose },
  ];
  return (
    <>
      <Heading level={2}>{t('casus.tabs.audit')}</Heading>
      <Paragraph>{t('casus.audit.intro')}</Paragraph>
      <LoadBoundary state={log}>
        {(entries) => {
          const newest = entries.map((e, n) => ({ ...e, n })).reverse();
          return (
            <>
              <p className="zvh-cf-result-count" aria-live="polite">
                {t('casus.audit.count', { shown: Math.min(shown, newest.length), count: newest.length })}
              </p>
              <DataTable caption={t('casus.audit.caption')} columns={columns} rows={newest.slice(0, shown)} rowKey={(e) => e.n} emptyMessage={t('casus.audit.empty')} />
              {shown < newest.length && (
                <div className="zvh-toolbar">
                  <Button onClick={() => setShown((s) => s + PAGE)}>{t('casus.audit.more', { count: Math.min(PAGE, newest.length - shown) })}</Button>
                </div>
              )}
            </>
          );
        }}
      </LoadBoundary>
    </>
  );
}
