// SPDX-License-Identifier: EUPL-1.2
// Triage: the registrations waiting for the weegoverleg, most urgent first, then the longest
// waiting, with their waiting time in working days.
import { useTranslation } from 'react-i18next';
import { usePagedApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { DataTable, Link, Notice, Paragraph, type Column } from '../../ui';
import { LoadBoundary, StatusText, useLocationNotice } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference } from '../casus/common/reference';
import type { RegistrationListItem } from '../casus/common/types';
import { LoadMore } from '../casus/common/LoadMore';

/** Working days after which a waiting registration is flagged (as in Mijn werk). */
export const TRIAGE_WAIT_WORKDAYS = 5;
const URGENCY_RANK: Record<string, number> = { acuut: 0, hoog: 1, normaal: 2 };

export default function TriageListPage() {
  const { t } = useTranslation();
  const notice = useLocationNotice();
  // the longest waiting come last from the server (newest first): a page of 200, the most the
  // server sends, keeps the whole queue in one sort here; "Meer laden" adds any beyond it
  const list = usePagedApi<RegistrationListItem>('/api/registrations?status=aangemeld,in_triage&limit=200');
  const reference = useReference();

  return (
    <Page title={t('triage.listTitle')}>
      <Notice message={notice} />
      <Paragraph>{t('triage.listIntro', { days: TRIAGE_WAIT_WORKDAYS })}</Paragraph>
      <p className="zvh-cf-result-count" aria-live="polite">
        {list.loading ? t('common.loading') : list.data ? t('triage.count', { count: list.total ?? list.data.length }) : ''}
      </p>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
        {({ rows, ref }) => {
          const labels = labelsFor(ref);
          const sorted = [...rows].sort(
            (a, b) => (URGENCY_RANK[a.urgency] ?? 3) - (URGENCY_RANK[b.urgency] ?? 3) || b.waitingWorkdays - a.waitingWorkdays,
          );
          const columns: Column<RegistrationListItem>[] = [
            {
              key: 'subject',
              header: t('caseFlow.fields.subject'),
              rowHeader: true,
              cell: (r) => <Link to={`/triage/${r.id}`}>{t('triage.triageOf', { name: r.subjectName })}</Link>,
            },
            { key: 'urgency', header: t('aanmelding.fields.urgency'), cell: (r) => labels.code('urgency', r.urgency) },
            {
              key: 'waiting',
              header: t('triage.waiting'),
              cell: (r) =>
                r.waitingWorkdays > TRIAGE_WAIT_WORKDAYS ? (
                  <span className="zvh-cf-overdue">{t('triage.waitingLong', { count: r.waitingWorkdays })}</span>
                ) : (
                  t('triage.workdays', { count: r.waitingWorkdays })
                ),
            },
            { key: 'registeredAt', header: t('caseFlow.fields.registeredAt'), cell: (r) => formatDate(r.registeredAt) },
            { key: 'kind', header: t('aanmelding.fields.kind'), cell: (r) => labels.code('caseKind', r.kind) },
            { key: 'municipality', header: t('aanmelding.fields.municipality'), cell: (r) => labels.municipality(r.municipality) },
            { key: 'partner', header: t('aanmelding.fields.registeringPartner'), cell: (r) => labels.org(r.registeringPartner) },
            { key: 'status', header: t('caseFlow.fields.status'), cell: (r) => <StatusText status={r.status} /> },
          ];
          return <DataTable caption={t('triage.listCaption')} columns={columns} rows={sorted} rowKey={(r) => r.id} emptyMessage={t('triage.listEmpty')} />;
        }}
      </LoadBoundary>
      <LoadMore list={list} id="triage-more" />
    </Page>
  );
}
