// SPDX-License-Identifier: EUPL-1.2
// Questions to partners (verrijking): the list of questions with their answers (source, author
// and date on every answer), and the form with which the informatiemakelaar or regisseur asks a
// partner, optionally starting from the catalogue the beheerder keeps (code list partnerQuestion).
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { Button, ButtonGroup, DateField, EmptyState, Heading, Paragraph, SelectField, TextAreaField } from '../../ui';
import { ErrorSummary, FormSection, LoadBoundary, MultiLine, mapServerErrors, useErrorText } from '../casus/common/forms';
import { formatDate, formatDateTime, todayIso } from '../casus/common/format';
import type { Labels } from '../casus/common/reference';
import type { PartnerRequest } from './types';
import './informatieknooppunt.css';

/** The status of a question, with "termijn verstreken" when it is open past its due date. */
export function RequestStatus({ q }: { q: PartnerRequest }) {
  const { t } = useTranslation();
  return (
    <span className={`zvh-ik-status zvh-ik-status--${q.status}${q.overdue ? ' zvh-ik-status--overdue' : ''}`}>
      {t(`informatieknooppunt.prStatus.${q.status}`)}
      {q.overdue && ` (${t('informatieknooppunt.q.overdue')})`}
    </span>
  );
}

/** One question and its answer as a definition list. */
export function RequestDetails({ q, showAsker = true }: { q: PartnerRequest; showAsker?: boolean }) {
  const { t } = useTranslation();
  const items: [string, ReactNode][] = [
    [t('informatieknooppunt.q.question'), <MultiLine key="q" text={q.question} />],
    [t('informatieknooppunt.q.dueDate'), formatDate(q.dueDate)],
    ...(showAsker ? ([[t('informatieknooppunt.q.askedBy'), `${q.askedByName ?? '—'}, ${formatDateTime(q.askedAt)}`]] as [string, ReactNode][]) : []),
    [t('informatieknooppunt.q.status'), <RequestStatus key="s" q={q} />],
  ];
  if (q.status !== 'open') {
    if (q.answer) items.push([t('informatieknooppunt.q.answer'), <MultiLine key="a" text={q.answer} />]);
    if (q.refusalReason) items.push([t('informatieknooppunt.q.refusalReason'), <MultiLine key="r" text={q.refusalReason} />]);
    items.push([t('informatieknooppunt.q.source'), q.partnerName]);
    items.push([t('informatieknooppunt.q.author'), q.answeredByName ?? '—']);
    items.push([t('informatieknooppunt.q.answeredAt'), formatDateTime(q.answeredAt)]);
  }
  return (
    <dl className="rhc-data-summary rhc-data-summary--row zvh-cf-details">
      {items.map(([label, value]) => (
        <div key={label} className="rhc-data-summary__item">
          <dt className="rhc-data-summary__item-key">{label}</dt>
          <dd className="rhc-data-summary__item-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The questions on a case or a registration, each under a heading naming the partner asked. */
export function RequestList({ list, level = 3 }: { list: PartnerRequest[]; level?: 3 | 4 }) {
  const { t } = useTranslation();
  if (list.length === 0) return <EmptyState>{t('informatieknooppunt.noPartnerRequests')}</EmptyState>;
  return (
    <ul className="zvh-ik-list">
      {list.map((q) => (
        <li key={q.id} className="zvh-ik-item" data-request-id={q.id}>
          <Heading level={level}>{q.partnerName}</Heading>
          <RequestDetails q={q} />
        </li>
      ))}
    </ul>
  );
}

const FIELDS = ['partner', 'questionCode', 'question', 'dueDate'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_LABEL: Record<Field, 'partner' | 'catalogue' | 'question' | 'dueDate'> = { partner: 'partner', questionCode: 'catalogue', question: 'question', dueDate: 'dueDate' };

/** Ask a partner a question: POST {path} {partner, questionCode?, question?, dueDate}. */
export function AskPartnerForm({ path, labels, idPrefix, onAsked }: { path: string; labels: Labels; idPrefix: string; onAsked: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [partner, setPartner] = useState('');
  const [questionCode, setQuestionCode] = useState('');
  const [question, setQuestion] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const send = useAction((body: unknown) => api.post<{ id: string }>(path, body));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!partner) found.partner = t('informatieknooppunt.ask.partnerRequired');
    if (!questionCode && !question.trim()) found.question = t('informatieknooppunt.ask.questionRequired');
    if (!dueDate || dueDate < todayIso()) found.dueDate = t('informatieknooppunt.ask.dueRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await send.run({ partner, dueDate, ...(questionCode ? { questionCode } : {}), ...(question.trim() ? { question: question.trim() } : {}) });
    if (res.ok) {
      setPartner('');
      setQuestionCode('');
      setQuestion('');
      setDueDate('');
      onAsked(t('informatieknooppunt.ask.sent'));
    } else setErrors(mapServerErrors(res.error, FIELDS));
  };

  return (
    <form noValidate onSubmit={submit} className="zvh-cf-form">
      <FormSection legend={t('informatieknooppunt.ask.title')} level={3}>
        <ErrorSummary
          attempt={attempt}
          errors={Object.entries(errors)
            .filter(([k]) => k)
            .map(([k, m]) => ({ id: `${idPrefix}-${k}`, label: t(`informatieknooppunt.ask.${FIELD_LABEL[k as Field] ?? 'question'}`), message: m }))}
          message={send.error && send.error.fieldErrors.length === 0 ? errorText(send.error) : undefined}
        />
        <SelectField
          id={`${idPrefix}-partner`}
          label={t('informatieknooppunt.ask.partner')}
          options={labels.partners()}
          placeholder="—"
          value={partner}
          onChange={(e) => setPartner(e.currentTarget.value)}
          error={errors.partner}
          required
        />
        <SelectField
          id={`${idPrefix}-questionCode`}
          label={t('informatieknooppunt.ask.catalogue')}
          options={labels.options('partnerQuestion')}
          placeholder={t('informatieknooppunt.ask.catalogueNone')}
          value={questionCode}
          onChange={(e) => setQuestionCode(e.currentTarget.value)}
          error={errors.questionCode}
          optional
        />
        <TextAreaField
          id={`${idPrefix}-question`}
          label={t('informatieknooppunt.ask.question')}
          description={t('informatieknooppunt.ask.questionHint')}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          error={errors.question}
          rows={3}
          maxLength={2000}
          optional={Boolean(questionCode)}
        />
        <DateField
          id={`${idPrefix}-dueDate`}
          label={t('informatieknooppunt.ask.dueDate')}
          value={dueDate}
          min={todayIso()}
          onChange={(e) => setDueDate(e.currentTarget.value)}
          error={errors.dueDate}
          required
        />
        <ButtonGroup>
          <Button type="submit" busy={send.pending}>
            {t('informatieknooppunt.ask.submit')}
          </Button>
        </ButtonGroup>
      </FormSection>
    </form>
  );
}

/** The questions on a case or registration, and (for those who may ask) the form to ask another. */
export function PartnerRequestsPanel({
  path,
  labels,
  canAsk,
  note,
  notify,
  level = 2,
}: {
  path: string;
  labels: Labels;
  canAsk: boolean;
  note: string;
  notify: (message: string) => void;
  level?: 2 | 3;
}) {
  const { t } = useTranslation();
  const list = useApi<PartnerRequest[]>(path);
  return (
    <section className="zvh-ik-panel" aria-labelledby="zvh-ik-panel-title">
      <Heading level={level} id="zvh-ik-panel-title">
        {t('informatieknooppunt.partnerRequestsTitle')}
      </Heading>
      <Paragraph>
        {t('informatieknooppunt.partnerRequestsIntro')} {note}
      </Paragraph>
      <LoadBoundary state={list}>{(rows) => <RequestList list={rows} level={level === 2 ? 3 : 4} />}</LoadBoundary>
      {canAsk && (
        <AskPartnerForm
          path={path}
          labels={labels}
          idPrefix="ik-ask"
          onAsked={(message) => {
            notify(message);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
