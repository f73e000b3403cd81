// SPDX-License-Identifier: EUPL-1.2
// The working day on one page: the sections other modules add (meetings today and this week,
// minutes to approve), my open agreements (overdue first), and for the procesregisseur and
// informatiemakelaar the cases that need attention and the registrations waiting for triage.
import { can } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { DataTable, Link, Paragraph, Section, type Column } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { labelsFor, useReference } from '../casus/common/reference';
import { DueDate } from '../casus/tabs/AgreementsTab';
import type { AttentionCase, DaySection, WaitingRegistration, Werkdag, WerkdagAgreement } from './types';
import './werkdag.css';

const INACTIVE_DAYS = 30;

function CaseLabel({ number, name }: { number: string | null; name: string }) {
  const { t } = useTranslation();
  return <>{number ? t('werkdag.caseLabel', { number, name }) : name}</>;
}

/** A section another module provides: entries with their items, rendered without knowing the module. */
function ProvidedSection({ section }: { section: DaySection }) {
  return (
    <Section title={section.title}>
      {section.entries.length === 0 ? (
        <Paragraph>{section.emptyText ?? '—'}</Paragraph>
      ) : (
        <ul className="zvh-werkdag-entries">
          {section.entries.map((e) => (
            <li key={e.id} className="zvh-werkdag-entry">
              <p className="zvh-werkdag-entry__title">{e.href ? <Link to={e.href}>{e.title}</Link> : e.title}</p>
              {(e.when || e.place || e.status) && (
                <p className="zvh-werkdag-entry__meta">
                  {[e.when ? (e.when.length > 10 ? formatDateTime(e.when) : formatDate(e.when)) : null, e.place, e.status].filter(Boolean).join(' · ')}
                </p>
              )}
              {e.items.length > 0 && (
                <ul className="zvh-werkdag-entry__items">
                  {e.items.map((i) => (
                    <li key={i.id}>
                      {i.href ? <Link to={i.href}>{i.title}</Link> : i.title}
                      {i.detail && <span className="zvh-cf-muted"> · {i.detail}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function WerkdagView() {
  const { t } = useTranslation();
  const user = useUser();
  const day = useApi<Werkdag>('/api/werkdag');
  const reference = useReference();
  const director = user.organisation.kind === 'zvh' && can(user.roles, 'triage.decide');

  return (
    <>
      <p className="zvh-cf-result-count" aria-live="polite">
        {day.loading
          ? t('common.loading')
          : day.data
            ? t('werkdag.summary', { count: day.data.agreements.length, overdue: day.data.agreements.filter((a) => a.overdue).length })
            : ''}
      </p>
      <LoadBoundary state={{ ...day, data: day.data && reference.data ? { w: day.data, ref: reference.data } : undefined, error: day.error ?? reference.error }}>
        {({ w, ref }) => {
          const labels = labelsFor(ref);
          const agreementColumns: Column<WerkdagAgreement>[] = [
            { key: 'title', header: t('casus.agreements.fields.title'), rowHeader: true, cell: (a) => a.title },
            { key: 'case', header: t('caseFlow.fields.case'), cell: (a) => <Link to={`/casussen/${a.caseId}?tab=afspraken`}><CaseLabel number={a.caseNumber} name={a.subjectName} /></Link> },
            { key: 'due', header: t('casus.agreements.fields.dueDate'), cell: (a) => <span className="zvh-nowrap"><DueDate date={a.dueDate} overdue={a.overdue} /></span> },
            { key: 'responsible', header: t('casus.agreements.fields.responsiblePerson'), cell: (a) => a.responsiblePerson ?? '—' },
          ];
          const reasons = (c: AttentionCase) => (
            <ul className="zvh-werkdag-reasons">
              {c.reasons.includes('overdue') && (
                <li className="zvh-cf-overdue">{t('werkdag.reasonOverdue', { count: c.overdueAgreements, date: formatDate(c.oldestDueDate) })}</li>
              )}
              {c.reasons.includes('inactive') && <li>{t('werkdag.reasonInactive', { days: c.inactiveDays })}</li>}
              {c.reasons.includes('ave_up') && <li>{t('werkdag.reasonAveUp', { from: c.aveFrom, to: c.avePhase, date: formatDate(c.aveRaisedOn) })}</li>}
            </ul>
          );
          const attentionColumns: Column<AttentionCase>[] = [
            { key: 'case', header: t('caseFlow.fields.case'), rowHeader: true, cell: (c) => <Link to={`/casussen/${c.id}`}><CaseLabel number={c.caseNumber} name={c.subjectName} /></Link> },
            { key: 'why', header: t('werkdag.why'), cell: reasons },
            { key: 'ave', header: t('werkdag.avePhase'), cell: (c) => c.avePhase ?? '—' },
            { key: 'last', header: t('casussen.lastActivity'), cell: (c) => <span className="zvh-nowrap">{formatDate(c.lastActivityAt)}</span> },
          ];
          const waitingColumns: Column<WaitingRegistration>[] = [
            { key: 'subject', header: t('caseFlow.fields.subject'), rowHeader: true, cell: (r) => <Link to={`/triage/${r.id}`}>{r.subjectName}</Link> },
            {
              key: 'waiting',
              header: t('triage.waiting'),
              cell: (r) => <span className={r.late ? 'zvh-cf-overdue' : undefined}>{t('werkdag.waiting', { count: r.waitingWorkdays })}</span>,
            },
            { key: 'urgency', header: t('aanmelding.fields.urgency'), cell: (r) => labels.code('urgency', r.urgency) },
            { key: 'registeredAt', header: t('caseFlow.fields.registeredAt'), cell: (r) => <span className="zvh-nowrap">{formatDate(r.registeredAt)}</span> },
          ];
          return (
            <>
              {w.sections.map((s) => (
                <ProvidedSection key={s.key} section={s} />
              ))}
              <Section title={t('werkdag.agreementsTitle')}>
                <DataTable
                  caption={t(director ? 'werkdag.agreementsCaptionDirector' : 'werkdag.agreementsCaption', { organisation: user.organisation.name })}
                  columns={agreementColumns}
                  rows={w.agreements}
                  rowKey={(a) => a.id}
                  emptyMessage={t('werkdag.agreementsEmpty')}
                />
              </Section>
              {director && (
                <>
                  <Section title={t('werkdag.attentionTitle')}>
                    <DataTable
                      caption={t('werkdag.attentionCaption', { days: INACTIVE_DAYS })}
                      columns={attentionColumns}
                      rows={w.attention}
                      rowKey={(c) => c.id}
                      emptyMessage={t('werkdag.attentionEmpty')}
                    />
                  </Section>
                  <Section title={t('werkdag.triageTitle')}>
                    <DataTable caption={t('werkdag.triageCaption')} columns={waitingColumns} rows={w.waitingTriage} rowKey={(r) => r.id} emptyMessage={t('werkdag.triageEmpty')} />
                  </Section>
                </>
              )}
            </>
          );
        }}
      </LoadBoundary>
    </>
  );
}
