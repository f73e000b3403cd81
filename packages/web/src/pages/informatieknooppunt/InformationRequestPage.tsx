// SPDX-License-Identifier: EUPL-1.2
// One information request for the informatiemakelaar: the question and its purpose, the look-up
// of the person (cases, registrations, organisations involved: for the ZVH's own analysis), the
// questions to partners, and the answer to the requester (organisations involved and whom to
// contact, no case content).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Button, ButtonGroup, CheckboxGroupField, DataTable, Link, Notice, Paragraph, Section, TextAreaField, TextField, type Column } from '../../ui';
import { Details, ErrorSummary, FormSection, LoadBoundary, MultiLine, StatusText, mapServerErrors, useErrorText } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { labelsFor, useReference, type Labels } from '../casus/common/reference';
import type { RegistrationDetail } from '../casus/common/types';
import { personName } from '../aanmelding/RegistrationSummary';
import { PartnerRequestsPanel } from './PartnerRequests';
import type { Lookup, RegistrationAnswer } from './types';


export default function InformationRequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string>();
  const reg = useApi<RegistrationDetail>(`/api/registrations/${encodeURIComponent(id)}`);
  const lookup = useApi<Lookup>(`/api/information-requests/${encodeURIComponent(id)}/lookup`);
  const reference = useReference();
  const title = reg.data ? t('informatieknooppunt.detailTitle', { name: personName(reg.data.subject) }) : t('informatieknooppunt.detailTitleLoading');
  return (
    <Page title={title}>
      <Notice message={notice} />
      <Paragraph>
        <Link to="/informatievragen">{t('informatieknooppunt.backToInbox')}</Link>
      </Paragraph>
      <LoadBoundary state={{ ...reg, data: reg.data && reference.data ? { r: reg.data, labels: labelsFor(reference.data) } : undefined, error: reg.error ?? reference.error }}>
        {({ r, labels }) => {
          const open = r.status === 'aangemeld' || r.status === 'in_triage';
          return (
            <>
              <Section title={t('informatieknooppunt.questionTitle')}>
                <Details
                  items={[
                    { label: t('informatieknooppunt.askedBy'), value: `${labels.org(r.registeringPartner)}${r.registeredByName ? ` (${r.registeredByName})` : ''}, ${formatDate(r.registeredAt)}` },
                    { label: t('informatieknooppunt.col.subject'), value: `${personName(r.subject)}${r.subject.birthDate ? `, ${t('informatieknooppunt.q.born', { date: formatDate(r.subject.birthDate) })}` : ''}` },
                    { label: t('informatieknooppunt.municipality'), value: labels.municipality(r.municipality) },
                    { label: t('informatieknooppunt.reason'), value: <MultiLine text={r.reason} /> },
                    { label: t('caseFlow.fields.status'), value: <StatusText status={r.status} /> },
                  ]}
                />
              </Section>
              <Section title={t('informatieknooppunt.lookupTitle')}>
                <Paragraph>{t('informatieknooppunt.lookupIntro')}</Paragraph>
                <LoadBoundary state={lookup}>{(l) => <LookupTables l={l} name={personName(r.subject)} labels={labels} />}</LoadBoundary>
                <Paragraph>
                  <Link to={`/personen?q=${encodeURIComponent(r.subject.lastName)}`}>{t('informatieknooppunt.searchPersons')}</Link>
                </Paragraph>
              </Section>
              <PartnerRequestsPanel
                path={`/api/registrations/${r.id}/partner-requests`}
                labels={labels}
                canAsk={open}
                note={t('informatieknooppunt.partnerRequestsRegistrationNote')}
                notify={setNotice}
              />
              <Section title={t('informatieknooppunt.answerTitle')}>
                {r.answer != null ? (
                  <AnswerDetails r={r} labels={labels} />
                ) : open ? (
                  <AnswerForm
                    id={r.id}
                    labels={labels}
                    onDone={(m) => {
                      setNotice(m);
                      reg.reload();
                    }}
                  />
                ) : (
                  <Paragraph>{t('informatieknooppunt.notAnswered')}</Paragraph>
                )}
              </Section>
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

/** The recorded answer (also shown to the registering partner on its registration page). */
export function AnswerDetails({ r, labels }: { r: RegistrationAnswer; labels: Labels }) {
  const { t } = useTranslation();
  const d = r.answerDetails;
  return (
    <Details
      items={[
        { label: t('informatieknooppunt.answer'), value: <MultiLine text={r.answer} /> },
        ...(d?.organisations.length ? [{ label: t('informatieknooppunt.organisations'), value: d.organisations.map(labels.org).join(', ') }] : []),
        ...(d?.contact ? [{ label: t('informatieknooppunt.contact'), value: d.contact }] : []),
        ...(d ? [{ label: t('informatieknooppunt.answeredAt'), value: formatDateTime(d.answeredAt) }] : []),
        ...(d?.answeredByName ? [{ label: t('informatieknooppunt.answeredBy'), value: d.answeredByName }] : []),
      ]}
    />
  );
}

function LookupTables({ l, name, labels }: { l: Lookup; name: string; labels: Labels }) {
  const { t } = useTranslation();
  const caseColumns: Column<Lookup['cases'][number]>[] = [
    { key: 'case', header: t('informatieknooppunt.col2.case'), rowHeader: true, cell: (c) => <Link to={`/casussen/${c.id}`}>{c.caseNumber ?? t('caseFlow.fields.case')}</Link> },
    { key: 'kind', header: t('informatieknooppunt.col2.kind'), cell: (c) => labels.code('caseKind', c.kind) },
    { key: 'status', header: t('informatieknooppunt.col2.status'), cell: (c) => <StatusText status={c.status} /> },
    { key: 'started', header: t('informatieknooppunt.col2.started'), cell: (c) => formatDate(c.startedAt) },
    { key: 'closed', header: t('informatieknooppunt.col2.closed'), cell: (c) => formatDate(c.closedAt) },
    { key: 'participants', header: t('informatieknooppunt.col2.participants'), cell: (c) => c.participants.map((p) => p.name).join(', ') || '—' },
    { key: 'regisseur', header: t('informatieknooppunt.col2.regisseur'), cell: (c) => (c.regisseurName ? `${c.regisseurName}${c.regisseurEmail ? ` (${c.regisseurEmail})` : ''}` : '—') },
  ];
  const regColumns: Column<Lookup['registrations'][number]>[] = [
    { key: 'date', header: t('informatieknooppunt.col2.date'), rowHeader: true, cell: (r) => <Link to={`/aanmeldingen/${r.id}`}>{formatDate(r.registeredAt)}</Link> },
    { key: 'kind', header: t('informatieknooppunt.col2.kind'), cell: (r) => labels.code('caseKind', r.kind) },
    { key: 'status', header: t('informatieknooppunt.col2.status'), cell: (r) => <StatusText status={r.status} /> },
    { key: 'by', header: t('informatieknooppunt.col2.registeredBy'), cell: (r) => r.registeringPartnerName },
  ];
  return (
    <>
      <DataTable caption={t('informatieknooppunt.casesCaption', { name })} columns={caseColumns} rows={l.cases} rowKey={(c) => c.id} emptyMessage={t('informatieknooppunt.noCases')} />
      <DataTable caption={t('informatieknooppunt.registrationsCaption', { name })} columns={regColumns} rows={l.registrations} rowKey={(r) => r.id} emptyMessage={t('informatieknooppunt.noRegistrations')} />
    </>
  );
}

const FIELDS = ['answer', 'organisations', 'contact'] as const;

function AnswerForm({ id, labels, onDone }: { id: string; labels: Labels; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [answer, setAnswer] = useState('');
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const send = useAction((body: unknown) => api.post<{ status: string }>(`/api/registrations/${id}/answer`, body));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!answer.trim()) found.answer = t('informatieknooppunt.answerRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await send.run({ answer: answer.trim(), organisations, ...(contact.trim() ? { contact: contact.trim() } : {}) });
    if (res.ok) onDone(t('informatieknooppunt.answered'));
    else setErrors(mapServerErrors(res.error, FIELDS));
  };
  return (
    <form noValidate onSubmit={submit} className="zvh-cf-form">
      <FormSection legend={t('informatieknooppunt.answerTitle')} level={3}>
        <ErrorSummary
          attempt={attempt}
          errors={Object.entries(errors)
            .filter(([k]) => k)
            .map(([k, m]) => ({ id: `ik-answer-${k}`, label: t(`informatieknooppunt.${k as (typeof FIELDS)[number]}`), message: m }))}
          message={send.error && send.error.fieldErrors.length === 0 ? errorText(send.error) : undefined}
        />
        <TextAreaField
          id="ik-answer-answer"
          label={t('informatieknooppunt.answer')}
          description={t('informatieknooppunt.answerHint')}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          error={errors.answer}
          rows={5}
          maxLength={5000}
          required
        />
        <CheckboxGroupField
          id="ik-answer-organisations"
          legend={t('informatieknooppunt.organisations')}
          options={labels.partners()}
          value={organisations}
          onChange={setOrganisations}
          error={errors.organisations}
          name="organisations"
        />
        <TextField
          id="ik-answer-contact"
          label={t('informatieknooppunt.contact')}
          description={t('informatieknooppunt.contactHint')}
          value={contact}
          onChange={(e) => setContact(e.currentTarget.value)}
          error={errors.contact}
          maxLength={500}
          optional
        />
        <ButtonGroup>
          <Button type="submit" busy={send.pending}>
            {t('informatieknooppunt.submitAnswer')}
          </Button>
        </ButtonGroup>
      </FormSection>
    </form>
  );
}
