// SPDX-License-Identifier: EUPL-1.2
// Vragen aan partners: a partner professional's inbox of the questions the ZVH asked of their
// organisation (department), each answered here, or "geen informatie", or refused with a reason.
// ZVH staff see all questions of the tenant (or only the ones they asked) and where they were asked.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Button, CheckboxField, EmptyState, Heading, Link, Notice, Paragraph, Section, TextAreaField } from '../../ui';
import { ErrorSummary, LoadBoundary, useErrorText } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { RequestDetails } from './PartnerRequests';
import type { PartnerRequest } from './types';
import './informatieknooppunt.css';

const about = (q: PartnerRequest) => `${q.subject.firstName} ${q.subject.lastName}`;

export default function PartnerInboxPage() {
  const { t } = useTranslation();
  const user = useUser();
  const zvh = user.organisation.kind === 'zvh';
  const [mine, setMine] = useState(false);
  const [notice, setNotice] = useState<string>();
  const list = useApi<PartnerRequest[]>(`/api/partner-requests${zvh && mine ? '?mine=true' : ''}`);
  return (
    <Page title={t('informatieknooppunt.partnerInboxTitle')}>
      <Notice message={notice} />
      <Paragraph>{zvh ? t('informatieknooppunt.zvhInboxIntro') : t('informatieknooppunt.partnerInboxIntro')}</Paragraph>
      {zvh && <CheckboxField label={t('informatieknooppunt.onlyMine')} checked={mine} onChange={setMine} name="mine" />}
      <LoadBoundary state={list}>
        {(rows) => {
          const open = rows.filter((q) => q.status === 'open');
          const done = rows.filter((q) => q.status !== 'open');
          if (rows.length === 0) return <EmptyState>{t('informatieknooppunt.partnerInboxEmpty')}</EmptyState>;
          return (
            <>
              <Section title={`${t('informatieknooppunt.openTitle')} (${open.length})`}>
                {open.length === 0 ? (
                  <EmptyState>{t('informatieknooppunt.partnerInboxEmpty')}</EmptyState>
                ) : (
                  <ul className="zvh-ik-list">
                    {open.map((q) => (
                      <li key={q.id} className="zvh-ik-item" data-request-id={q.id}>
                        <Question q={q} zvh={zvh} />
                        {!zvh && (
                          <ReplyForm
                            q={q}
                            onDone={(m) => {
                              setNotice(m);
                              list.reload();
                            }}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={`${t('informatieknooppunt.doneTitle')} (${done.length})`}>
                {done.length === 0 ? (
                  <EmptyState>{t('informatieknooppunt.partnerInboxEmpty')}</EmptyState>
                ) : (
                  <ul className="zvh-ik-list">
                    {done.map((q) => (
                      <li key={q.id} className="zvh-ik-item" data-request-id={q.id}>
                        <Question q={q} zvh={zvh} />
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}

function Question({ q, zvh }: { q: PartnerRequest; zvh: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading level={3}>
        {zvh ? `${q.partnerName}: ` : ''}
        {about(q)}
        {q.subject.birthDate ? `, ${t('informatieknooppunt.q.born', { date: formatDate(q.subject.birthDate) })}` : ''}
      </Heading>
      {zvh && (q.caseId || q.registrationId) && (
        <Paragraph>
          {t('informatieknooppunt.q.where')}:{' '}
          {q.caseId ? (
            <Link to={`/casussen/${q.caseId}?tab=vragen`}>{t('informatieknooppunt.caseLink', { number: q.caseNumber ?? '' })}</Link>
          ) : (
            <Link to={`/informatievragen/${q.registrationId}`}>{t('informatieknooppunt.registrationLink')}</Link>
          )}
        </Paragraph>
      )}
      <RequestDetails q={q} />
    </>
  );
}

/** Answer, no information, or refuse with a reason: exactly one, once. */
function ReplyForm({ q, onDone }: { q: PartnerRequest; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [answer, setAnswer] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const send = useAction((body: unknown) => api.post<{ status: string }>(`/api/partner-requests/${q.id}/answer`, body));
  const prefix = `ik-reply-${q.id}`;
  const subject = about(q);

  const run = async (body: Record<string, unknown>, message: string) => {
    const res = await send.run(body);
    if (res.ok) onDone(message);
  };
  const submitAnswer = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    if (!answer.trim()) {
      setErrors({ answer: t('informatieknooppunt.reply.answerRequired') });
      return;
    }
    setErrors({});
    await run({ answer: answer.trim() }, t('informatieknooppunt.reply.sent'));
  };
  const submitRefusal = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    if (!reason.trim()) {
      setErrors({ refusalReason: t('informatieknooppunt.reply.refusalRequired') });
      return;
    }
    setErrors({});
    await run({ refusalReason: reason.trim() }, t('informatieknooppunt.reply.refused'));
  };

  return (
    <div>
      <ErrorSummary
        attempt={attempt}
        errors={Object.entries(errors).map(([k, m]) => ({ id: `${prefix}-${k}`, label: t(k === 'answer' ? 'informatieknooppunt.reply.answer' : 'informatieknooppunt.reply.refusalReason'), message: m }))}
        message={send.error ? errorText(send.error) : undefined}
      />
      <form noValidate onSubmit={submitAnswer} className="zvh-cf-form" aria-label={t('informatieknooppunt.reply.formLabel', { name: subject })}>
        <TextAreaField
          id={`${prefix}-answer`}
          label={t('informatieknooppunt.reply.answer')}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          error={errors.answer}
          rows={4}
          maxLength={5000}
        />
        <div className="zvh-ik-actions">
          <Button type="submit" variant="primary" busy={send.pending}>
            {t('informatieknooppunt.reply.send')}
          </Button>
          <Button type="button" busy={send.pending} onClick={() => void run({ noInformation: true }, t('informatieknooppunt.reply.noInformationSent'))}>
            {t('informatieknooppunt.reply.noInformation')}
          </Button>
          <Button type="button" aria-expanded={refusing} aria-controls={`${prefix}-refuse`} onClick={() => setRefusing((r) => !r)}>
            {t('informatieknooppunt.reply.refuse')}
          </Button>
        </div>
      </form>
      {refusing && (
        <form noValidate onSubmit={submitRefusal} className="zvh-cf-form" id={`${prefix}-refuse`} aria-label={t('informatieknooppunt.reply.refuseFormLabel', { name: subject })}>
          <TextAreaField
            id={`${prefix}-refusalReason`}
            label={t('informatieknooppunt.reply.refusalReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.refusalReason}
            rows={3}
            maxLength={2000}
            required
          />
          <div className="zvh-ik-actions">
            <Button type="submit" danger busy={send.pending}>
              {t('informatieknooppunt.reply.refuseTitle')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
