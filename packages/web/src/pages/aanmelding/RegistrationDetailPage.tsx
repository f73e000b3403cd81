// SPDX-License-Identifier: EUPL-1.2
// One registration. The registrant sees what they submitted and the outcome; ZVH staff see
// everything, the person's earlier and running cases, and can go to triage.
import { can } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { ButtonLink, Link, Notice, Paragraph, Section } from '../../ui';
import { HistoryTable } from '../casus/common/HistoryTable';
import { Details, LoadBoundary, MultiLine, StatusText, useLocationNotice } from '../casus/common/forms';
import { formatDateTime } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { RegistrationDetail, TriageRecord } from '../casus/common/types';
import { RegistrationSummary, personName } from './RegistrationSummary';
import { InformingPanel } from './InformingPanel';
import { useState } from 'react';
import { PartnerRequestsPanel } from '../informatieknooppunt/PartnerRequests';
import { AnswerDetails } from '../informatieknooppunt/InformationRequestPage';

export default function RegistrationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const notice = useLocationNotice();
  const [asked, setAsked] = useState<string>();
  const reg = useApi<RegistrationDetail>(`/api/registrations/${encodeURIComponent(id)}`);
  const reference = useReference();
  const zvh = user.organisation.kind === 'zvh';
  const title = reg.data ? t('aanmeldingen.detailTitle', { name: personName(reg.data.subject) }) : t('aanmeldingen.detailTitleLoading');

  return (
    <Page title={title}>
      <Notice message={asked ?? notice} />
      <Paragraph>
        <Link to="/aanmeldingen">{t('aanmeldingen.backToList')}</Link>
      </Paragraph>
      <LoadBoundary state={{ ...reg, data: reg.data && reference.data ? { r: reg.data, ref: reference.data } : undefined, error: reg.error ?? reference.error }}>
        {({ r, ref }) => {
          const labels = labelsFor(ref);
          const waiting = r.status === 'aangemeld' || r.status === 'in_triage';
          return (
            <>
              <Section title={t('aanmeldingen.statusTitle')}>
                <Details
                  items={[
                    { label: t('caseFlow.fields.status'), value: <StatusText status={r.status} /> },
                    { label: t('caseFlow.fields.outcome'), value: r.triage ? labels.code('triageOutcome', r.triage.outcome) : t('aanmeldingen.noOutcomeYet') },
                    ...(r.caseId ? [{ label: t('caseFlow.fields.case'), value: <Link to={`/casussen/${r.caseId}`}>{t('aanmeldingen.toCase')}</Link> }] : []),
                  ]}
                />
                {zvh && waiting && can(user.roles, 'triage.decide') && (
                  <div className="zvh-toolbar">
                    <ButtonLink to={`/triage/${r.id}`} variant="primary">
                      {t('aanmeldingen.toTriage')}
                    </ButtonLink>
                  </div>
                )}
              </Section>
              {r.kind === 'informatievraag' && (
                <Section title={t('informatieknooppunt.registrantAnswerTitle')}>
                  {r.answer != null ? <AnswerDetails r={r} labels={labels} /> : <Paragraph>{t('informatieknooppunt.notAnswered')}</Paragraph>}
                  {zvh && waiting && can(user.roles, 'informationRequest.answer') && (
                    <div className="zvh-toolbar">
                      <ButtonLink to={`/informatievragen/${r.id}`} variant="primary">
                        {t('informatieknooppunt.answerTitle')}
                      </ButtonLink>
                    </div>
                  )}
                </Section>
              )}
              {r.triage && <TriageOutcome triage={r.triage} labels={labels} full={zvh} />}
              <InformingPanel registrationId={r.id} />
              {zvh && can(user.roles, 'partnerRequest.ask') && (
                <PartnerRequestsPanel
                  path={`/api/registrations/${r.id}/partner-requests`}
                  labels={labels}
                  canAsk={waiting}
                  note={t('informatieknooppunt.partnerRequestsRegistrationNote')}
                  notify={setAsked}
                />
              )}
              {zvh && (
                <Section title={t('caseFlow.history.title')}>
                  <HistoryTable items={r.history} labels={labels} caption={t('caseFlow.history.caption', { name: personName(r.subject) })} />
                </Section>
              )}
              <RegistrationSummary reg={r} labels={labels} />
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

/** The outcome of triage; with `full` (ZVH staff) also the criteria, purpose and participants. */
export function TriageOutcome({ triage, labels, full }: { triage: TriageRecord; labels: Labels; full: boolean }) {
  const { t } = useTranslation();
  const criteria = triage.criteria;
  return (
    <Section title={t('aanmeldingen.triageTitle')}>
      <Details
        items={[
          { label: t('caseFlow.fields.outcome'), value: labels.code('triageOutcome', triage.outcome) },
          ...(triage.triagedAt ? [{ label: t('aanmeldingen.triagedAt'), value: formatDateTime(triage.triagedAt) }] : []),
          ...(triage.advice ? [{ label: t('triage.fields.advice'), value: <MultiLine text={triage.advice} /> }] : []),
          ...(triage.referredTo
            ? [
                { label: t('triage.fields.referralPlace'), value: labels.code('referralPlace', triage.referredTo.place) },
                ...(triage.referredTo.note ? [{ label: t('triage.fields.referralNote'), value: <MultiLine text={triage.referredTo.note} /> }] : []),
              ]
            : []),
          ...(full
            ? [
                ...(criteria
                  ? [
                      {
                        label: t('aanmeldingen.criteriaMet'),
                        value: `${triage.criteriaMet ? t('common.yes') : t('common.no')} (${(['multiProblem', 'multipleChains', 'systemImpact', 'areaSafety'] as const)
                          .filter((k) => criteria[k])
                          .map((k) => t(`triage.criteriaShort.${k}`))
                          .join(', ') || t('caseFlow.none')})`,
                      },
                    ]
                  : []),
                ...(triage.override ? [{ label: t('triage.fields.overrideReason'), value: <MultiLine text={`${triage.override.reason} (${triage.override.by})`} /> }] : []),
                ...(triage.approach ? [{ label: t('triage.fields.approach'), value: labels.code('approach', triage.approach) }] : []),
                ...(triage.purpose ? [{ label: t('triage.fields.purpose'), value: <MultiLine text={triage.purpose} /> }] : []),
                ...(triage.participants?.length ? [{ label: t('triage.fields.participants'), value: triage.participants.map(labels.org).join(', ') }] : []),
                ...(triage.triagedByName ? [{ label: t('aanmeldingen.triagedBy'), value: triage.triagedByName }] : []),
              ]
            : []),
        ]}
      />
    </Section>
  );
}

