// SPDX-License-Identifier: EUPL-1.2
// Meldingen: the user's notifications, unread first; mark one or all as read. A notification
// names the case by its number (and the agreement), never the person.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, ButtonGroup, DataTable, Link, Paragraph, VisuallyHidden, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { errorMessage } from '../../api/errors';
import { DueDate } from '../casus/tabs/AgreementsTab';
import type { NotificationItem } from './types';
import { refreshNotificationCount } from './NotificationsLink';
import './werkdag.css';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const list = useApi<NotificationItem[]>('/api/notifications');
  const markOne = useAction((id: string) => api.post<{ id: string; readAt: string }>(`/api/notifications/${id}/read`));
  const markAll = useAction(() => api.post<{ marked: number }>('/api/notifications/read-all'));
  const what = (n: NotificationItem) => t(`meldingen.kind.${n.kind}`);

  const onMark = async (n: NotificationItem) => {
    const r = await markOne.run(n.id);
    if (r.ok) {
      list.setData((cur) => (cur ?? []).map((x) => (x.id === n.id ? { ...x, readAt: r.value.readAt } : x)));
      refreshNotificationCount();
    }
  };
  const onMarkAll = async () => {
    const r = await markAll.run();
    if (r.ok) {
      list.reload();
      refreshNotificationCount();
    }
  };

  const columns: Column<NotificationItem>[] = [
    {
      key: 'what',
      header: t('meldingen.what'),
      rowHeader: true,
      cell: (n) => (
        <>
          {n.readAt ? what(n) : <strong>{what(n)}</strong>}
          {n.agreementTitle && <div>{n.agreementTitle}</div>}
          {n.kind === 'agreement_overdue' && n.dueDate && (
            <div>
              <DueDate date={n.dueDate} overdue />
            </div>
          )}
        </>
      ),
    },
    {
      key: 'case',
      header: t('meldingen.case'),
      cell: (n) =>
        n.caseId ? (
          <Link to={`/casussen/${n.caseId}${n.kind.startsWith('agreement') ? '?tab=afspraken' : ''}`}>{n.caseNumber ?? t('caseFlow.fields.case')}</Link>
        ) : n.registrationId ? (
          <Link to={`/triage/${n.registrationId}`}>{t('meldingen.registration', { date: formatDate(n.registeredAt) })}</Link>
        ) : (
          '—'
        ),
    },
    { key: 'when', header: t('meldingen.when'), cell: (n) => <span className="zvh-nowrap">{formatDateTime(n.createdAt)}</span> },
    {
      key: 'state',
      header: t('meldingen.state'),
      cell: (n) =>
        n.readAt ? (
          t('meldingen.read')
        ) : (
          <Button variant="subtle" onClick={() => void onMark(n)}>
            {t('meldingen.markRead')}
            <VisuallyHidden>: {what(n)}{n.caseNumber ? ` ${n.caseNumber}` : ''}</VisuallyHidden>
          </Button>
        ),
    },
  ];

  return (
    <Page title={t('meldingen.title')}>
      <Paragraph>{t('meldingen.intro')}</Paragraph>
      {(markOne.error ?? markAll.error) && <Alert type="error">{errorMessage(t, (markOne.error ?? markAll.error)!)}</Alert>}
      <LoadBoundary state={list}>
        {(rows) => (
          <>
            {rows.some((n) => !n.readAt) && (
              <ButtonGroup>
                <Button busy={markAll.pending} onClick={() => void onMarkAll()}>
                  {t('meldingen.markAllRead')}
                </Button>
              </ButtonGroup>
            )}
            <DataTable caption={t('meldingen.caption')} columns={columns} rows={rows} rowKey={(n) => n.id} emptyMessage={t('meldingen.empty')} />
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}
