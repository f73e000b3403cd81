// SPDX-License-Identifier: EUPL-1.2
// Mijn werk: the open agreements of the user's organisation (overdue first) and, for the
// procesregisseur and informatiemakelaar, the cases and registrations that need attention.
import { can } from '@zvh/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, usePagedApi } from '../../api/useApi';
import type { PagedApiState } from '../../api/useApi';
import { LoadMore } from '../casus/common/LoadMore';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, DataTable, Link, Paragraph, Section, type Column } from '../../ui';
import { TRIAGE_WAIT_WORKDAYS } from '../triage/TriageListPage';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { labelsFor, useReference } from '../casus/common/reference';
import type { MyWork } from '../casus/common/types';
import { DueDate } from '../casus/tabs/AgreementsTab';

type AgreementRow = MyWork['agreements'][number];
type OverdueRow = MyWork['casesWithOverdue'][number];
type InactiveRow = MyWork['inactiveCases'][number];
type WaitingRow = MyWork['waitingTriage'][number];

export const INACTIVE_DAYS = 30;

type SectionKey = keyof MyWork['totals'] & keyof MyWork['next'];
const SECTION_PATHS: Record<SectionKey, string> = {
  agreements: 'agreements', casesWithOverdue: 'cases-with-overdue', inactiveCases: 'inactive-cases', waitingTriage: 'waiting-triage',
};

/**
 * One section of Mijn werk as a paged list: the overview's first page, then "Meer tonen" follows
 * the section's cursor (GET /api/my-work/{section}?after=...), as the other lists do.
 */
function useSection<T>(work: MyWork | undefined, key: SectionKey): PagedApiState<T> {
  const first = useMemo(() => {
    if (!work) return undefined;
    const cursor = work.next[key];
    return { items: work[key] as T[], total: work.totals[key], next: cursor ? `/api/my-work/${SECTION_PATHS[key]}?after=${cursor}` : null };
  }, [work, key]);
  return usePagedApi<T>(null, first);
}

export default function MyWorkPage() {
  const { t } = useTranslation();
  const user = useUser();
  const work = useApi<MyWork>('/api/my-work');
  const reference = useReference();
  const director = user.organisation.kind === 'zvh' && can(user.roles, 'triage.decide');
  const agreements = useSection<AgreementRow>(work.data, 'agreements');
  const overdue = useSection<OverdueRow>(work.data, 'casesWithOverdue');
  const inactive = useSection<InactiveRow>(work.data, 'inactiveCases');
  const waiting = useSection<WaitingRow>(work.data, 'waitingTriage');

  return (
    <Page title={t('mijnWerk.title')}>
      <Paragraph>{director ? t('mijnWerk.introDirector', { organisation: user.organisation.name }) : t('mijnWerk.intro', { organisation: user.organisation.name })}</Paragraph>
      <p className="zvh-cf-result-count" aria-live="polite">
        {work.loading ? t('common.loading') : work.data ? t('mijnWerk.summary', { count: work.data.totals.agreements, overdue: work.data.totals.overdueAgreements }) : ''}
      </p>
      <LoadBoundary state={{ ...work, data: work.data && reference.data ? { w: work.data, ref: reference.data } : undefined, error: work.error ?? reference.error }}>
        {({ w, ref }) => {
          const labels = labelsFor(ref);
          const agreementColumns: Column<AgreementRow>[] = [
            { key: 'title', header: t('casus.agreements.fields.title'), rowHeader: true, cell: (a) => a.title },
            {
              key: 'case',
              header: t('caseFlow.fields.case'),
              cell: (a) => <Link to={`/casussen/${a.caseId}?tab=afspraken`}>{a.subjectName}</Link>,
            },
            { key: 'due', header: t('casus.agreements.fields.dueDate'), cell: (a) => <DueDate date={a.dueDate} overdue={a.overdue} /> },
            { key: 'responsible', header: t('casus.agreements.fields.responsiblePerson'), cell: (a) => a.responsiblePerson ?? '—' },
          ];
          const overdueColumns: Column<OverdueRow>[] = [
            { key: 'case', header: t('caseFlow.fields.case'), rowHeader: true, cell: (c) => <Link to={`/casussen/${c.id}?tab=afspraken`}>{c.subjectName}</Link> },
            { key: 'count', header: t('mijnWerk.overdueCount'), cell: (c) => <span className="zvh-cf-overdue">{t('casussen.overdue', { count: c.overdueAgreements })}</span> },
            { key: 'oldest', header: t('mijnWerk.oldestDue'), cell: (c) => formatDate(c.oldestDueDate) },
            { key: 'purpose', header: t('triage.fields.purpose'), cell: (c) => c.purpose },
          ];
          const inactiveColumns: Column<InactiveRow>[] = [
            { key: 'case', header: t('caseFlow.fields.case'), rowHeader: true, cell: (c) => <Link to={`/casussen/${c.id}`}>{c.subjectName}</Link> },
            { key: 'last', header: t('casussen.lastActivity'), cell: (c) => formatDateTime(c.lastActivityAt) },
            { key: 'purpose', header: t('triage.fields.purpose'), cell: (c) => c.purpose },
          ];
          const waitingColumns: Column<WaitingRow>[] = [
            { key: 'subject', header: t('caseFlow.fields.subject'), rowHeader: true, cell: (r) => <Link to={`/triage/${r.id}`}>{r.subjectName}</Link> },
            { key: 'waiting', header: t('triage.waiting'), cell: (r) => <span className="zvh-cf-overdue">{t('triage.waitingLong', { count: r.waitingWorkdays })}</span> },
            { key: 'urgency', header: t('aanmelding.fields.urgency'), cell: (r) => labels.code('urgency', r.urgency) },
            { key: 'registeredAt', header: t('caseFlow.fields.registeredAt'), cell: (r) => formatDate(r.registeredAt) },
            { key: 'kind', header: t('aanmelding.fields.kind'), cell: (r) => labels.code('caseKind', r.kind) },
          ];
          return (
            <>
              <Section title={t('mijnWerk.agreementsTitle')}>
                <DataTable
                  caption={t('mijnWerk.agreementsCaption', { organisation: user.organisation.name })}
                  columns={agreementColumns}
                  rows={agreements.data ?? w.agreements}
                  rowKey={(a) => a.id}
                  emptyMessage={t('mijnWerk.agreementsEmpty')}
                />
                <SectionMore list={agreements} id="mijn-werk-afspraken" first={w.agreements.length} />
              </Section>
              {director && (
                <>
                  <Section title={t('mijnWerk.overdueTitle')}>
                    <DataTable caption={t('mijnWerk.overdueCaption')} columns={overdueColumns} rows={overdue.data ?? w.casesWithOverdue} rowKey={(c) => c.id} emptyMessage={t('mijnWerk.overdueEmpty')} />
                    <SectionMore list={overdue} id="mijn-werk-te-laat" first={w.casesWithOverdue.length} />
                  </Section>
                  <Section title={t('mijnWerk.inactiveTitle', { days: INACTIVE_DAYS })}>
                    <DataTable
                      caption={t('mijnWerk.inactiveCaption', { days: INACTIVE_DAYS })}
                      columns={inactiveColumns}
                      rows={inactive.data ?? w.inactiveCases}
                      rowKey={(c) => c.id}
                      emptyMessage={t('mijnWerk.inactiveEmpty', { days: INACTIVE_DAYS })}
                    />
                    <SectionMore list={inactive} id="mijn-werk-stil" first={w.inactiveCases.length} />
                  </Section>
                  <Section title={t('mijnWerk.waitingTitle', { days: TRIAGE_WAIT_WORKDAYS })}>
                    <DataTable
                      caption={t('mijnWerk.waitingCaption', { days: TRIAGE_WAIT_WORKDAYS })}
                      columns={waitingColumns}
                      rows={waiting.data ?? w.waitingTriage}
                      rowKey={(r) => r.id}
                      emptyMessage={t('mijnWerk.waitingEmpty', { days: TRIAGE_WAIT_WORKDAYS })}
                    />
                    <SectionMore list={waiting} id="mijn-werk-triage" first={w.waitingTriage.length} />
                  </Section>
                </>
              )}
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

/**
 * "n van totaal" and "Meer laden" under a section that has more than its first page (`first`
 * rows); an error of the next page beside it.
 */
function SectionMore<T>({ list, id, first }: { list: PagedApiState<T>; id: string; first: number }) {
  const { t } = useTranslation();
  if (!list.hasMore && (list.data?.length ?? 0) <= first) return null;
  return (
    <>
      {list.error && <Alert type="error">{list.error.message || t('errors.loadFailed')}</Alert>}
      <LoadMore list={list} id={id} />
    </>
  );
}
