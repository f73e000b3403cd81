// SPDX-License-Identifier: EUPL-1.2
// Tijdlijn: everything that happened in the case (and its registration), newest first.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Visibility } from '@zvh/shared';
import { useApi } from '../../../api/useApi';
import { EmptyState, Heading, Paragraph } from '../../../ui';
import { audienceLabel } from '../common/Audience';
import { LoadBoundary } from '../common/forms';
import { formatDate, formatDateTime } from '../common/format';
import type { Labels } from '../common/reference';
import type { TimelineEvent } from '../common/types';
import type { CaseTabProps } from './props';

const KNOWN_EVENTS = [
  'registered',
  'triage_started',
  'triaged',
  'case_opened',
  'case_updated',
  'plan_updated',
  'ave_phase',
  'participant_added',
  'participant_removed',
  'agreement_created',
  'agreement_updated',
  'journal_added',
  'document_added',
  'closed',
  'reopened',
  'imported',
  'person_merged',
  'journal_withdrawn',
  'journal_corrected',
  'transfer_offered',
  'transfer_refused',
  'transfer_accepted',
  'transfer_received',
  'transfer_exported',
  'information_answered',
  'partner_request_asked',
  'partner_request_answered',
  'advice_recorded',
  'advice_follow_up',
  'escalated',
  'escalation_answered',
  'regie_holder',
] as const;
type KnownEvent = (typeof KNOWN_EVENTS)[number];

export function TimelineTab({ c, labels }: CaseTabProps) {
  const { t } = useTranslation();
  // keyed on the version: a change to the case shows up when the tab is opened again
  const events = useApi<TimelineEvent[]>(`/api/cases/${c.id}/timeline?v=${c.version}`);
  return (
    <>
      <Heading level={2}>{t('casus.tabs.timeline')}</Heading>
      <Paragraph>{t('casus.timeline.intro')}</Paragraph>
      <LoadBoundary state={events}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState>{t('casus.timeline.empty')}</EmptyState>
          ) : (
            <ol className="zvh-cf-entries">
              {list.map((e) => (
                <li key={e.id} className="zvh-cf-entry">
                  <div className="zvh-cf-entry__meta">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    {e.actorName && (
                      <>
                        {' · '}
                        {e.actorName}
                        {e.actorOrganisation && ` (${labels.org(e.actorOrganisation)})`}
                      </>
                    )}
                  </div>
                  <strong>{KNOWN_EVENTS.includes(e.type as KnownEvent) ? t(`casus.timeline.events.${e.type as KnownEvent}`) : e.type}</strong>
                  <EventDetail event={e} labels={labels} />
                </li>
              ))}
            </ol>
          )
        }
      </LoadBoundary>
    </>
  );
}

/** "zichtbaar voor: ..." from an event's recorded audience (the server shows the event only to that audience). */
function visibleTo(d: Record<string, unknown>, labels: Labels, t: TFunction): string {
  const sharedWith = Array.isArray(d.sharedWith) ? (d.sharedWith as string[]) : [];
  return t('casus.visibility.shownTo', { audience: audienceLabel({ visibility: d.visibility as Visibility, sharedWith }, labels, t) });
}

function EventDetail({ event, labels }: { event: TimelineEvent; labels: Labels }) {
  const { t } = useTranslation();
  const d = event.data ?? {};
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const parts: string[] = [];
  switch (event.type) {
    case 'triaged':
      if (s('outcome')) parts.push(labels.code('triageOutcome', s('outcome')));
      break;
    case 'case_opened':
      if (s('kind')) parts.push(labels.code('caseKind', s('kind')));
      if (s('approach')) parts.push(labels.code('approach', s('approach')));
      if (Array.isArray(d.participants)) parts.push(t('casus.timeline.participants', { list: (d.participants as string[]).map(labels.org).join(', ') }));
      break;
    case 'ave_phase':
      parts.push(t('casus.timeline.phase', { from: d.from ?? '—', to: d.to }));
      if (s('reason')) parts.push(s('reason')!);
      break;
    case 'participant_added':
    case 'participant_removed':
      if (s('partner')) parts.push(labels.org(s('partner')));
      if (s('reason')) parts.push(s('reason')!);
      break;
    case 'agreement_created':
      if (s('title')) parts.push(s('title')!);
      if (s('partner')) parts.push(labels.org(s('partner')));
      if (s('dueDate')) parts.push(t('casus.timeline.due', { date: formatDate(s('dueDate')) }));
      break;
    case 'agreement_updated':
      if (s('partner')) parts.push(labels.org(s('partner')));
      if (s('from') && s('to') && s('from') !== s('to'))
        parts.push(`${t(`casus.agreements.status.${s('from') as 'open'}`)} → ${t(`casus.agreements.status.${s('to') as 'open'}`)}`);
      break;
    case 'document_added':
      if (s('filename')) parts.push(s('filename')!);
      if (s('visibility')) parts.push(visibleTo(d, labels, t));
      break;
    case 'journal_added':
    case 'journal_corrected':
      if (s('visibility')) parts.push(visibleTo(d, labels, t));
      break;
    case 'closed':
      if (s('reasonCode')) parts.push(labels.code('closeReason', s('reasonCode')));
      if (Array.isArray(d.carriedOver) && d.carriedOver.length) parts.push(t('casus.timeline.carriedOver', { count: d.carriedOver.length }));
      break;
    case 'reopened':
      if (s('reason')) parts.push(s('reason')!);
      break;
  }
  if (parts.length === 0) return null;
  return <div className="zvh-cf-multiline">{parts.join(' · ')}</div>;
}
