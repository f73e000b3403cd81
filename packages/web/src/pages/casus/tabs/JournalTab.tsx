// SPDX-License-Identifier: EUPL-1.2
// Logboek: dated entries by the regisseur and the partners. Every entry names its audience
// ("Zichtbaar voor": alleen ZVH, alle deelnemers or gekozen deelnemers); ZVH staff start on
// "Alleen ZVH", partners choose every time, and the choice resets after each post (issue 8: a
// choice that stayed on "Alle deelnemers" shared an internal note). The author can withdraw an
// entry shortly after posting and correct it later; the corrected version stays visible, marked.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_WITHDRAW_MINUTES } from '@zvh/shared';
import { api } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { useUser } from '../../../auth/AuthContext';
import { Button, ButtonGroup, DateField, EmptyState, Heading, Paragraph, TextAreaField } from '../../../ui';
import { AudienceFields, audienceBody, audienceErrors, audienceLabel, emptyAudience, type AudienceValue } from '../common/Audience';
import { ErrorSummary, FormSection, MultiLine, mapServerErrors, useErrorText } from '../common/forms';
import { formatDate, formatDateTime, todayIso } from '../common/format';
import type { JournalEntry } from '../common/types';
import type { CaseTabProps } from './props';

const FIELDS = ['text', 'date', 'visibility', 'sharedWith'] as const;

/** The entry form, for a new entry and for a correction (a new version of an own entry). */
function EntryForm({ idPrefix, props, correcting, onDone, onCancel }: {
  idPrefix: string;
  props: CaseTabProps;
  correcting?: JournalEntry;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { c, labels, notify, zvh } = props;
  const { t } = useTranslation();
  const me = useUser();
  const errorText = useErrorText();
  const [text, setText] = useState(correcting?.text ?? '');
  const [date, setDate] = useState(correcting?.date ?? todayIso());
  const [audience, setAudience] = useState<AudienceValue>(emptyAudience(zvh));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const send = useAction((body: unknown) =>
    correcting ? api.post(`/api/journal/${correcting.id}/correct`, body) : api.post(`/api/cases/${c.id}/journal`, body),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = { ...audienceErrors(audience, t) };
    if (!text.trim()) found.text = t('casus.journal.errors.text');
    if (!date) found.date = t('casus.journal.errors.date');
    else if (date > todayIso()) found.date = t('casus.journal.errors.future');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await send.run({ text: text.trim(), date, ...audienceBody(audience) });
    if (res.ok) {
      notify(correcting ? t('casus.journal.corrected') : t('casus.journal.added'));
      setText('');
      setDate(todayIso());
      // back to the starting point: "alleen ZVH" for ZVH staff, no choice for partners
      setAudience(emptyAudience(zvh));
      onDone();
    } else setErrors(mapServerErrors(res.error, FIELDS));
  };

  return (
    <form noValidate onSubmit={submit} className="zvh-cf-form">
      <FormSection legend={correcting ? t('casus.journal.correctTitle') : t('casus.journal.addTitle')} level={correcting ? 4 : 3}>
        <ErrorSummary
          attempt={attempt}
          errors={Object.entries(errors)
            .filter(([k]) => k)
            .map(([k, m]) => ({
              id: `${idPrefix}-${k}`,
              label: t(`casus.journal.fields.${k as 'text'}`, { defaultValue: k }),
              message: m,
            }))}
          message={send.error && send.error.fieldErrors.length === 0 ? errorText(send.error) : undefined}
        />
        <TextAreaField
          id={`${idPrefix}-text`}
          label={t('casus.journal.fields.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
          rows={5}
          maxLength={5000}
          required
        />
        <DateField
          id={`${idPrefix}-date`}
          label={t('casus.journal.fields.date')}
          value={date}
          max={todayIso()}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={errors.date}
          required
        />
        <AudienceFields id={idPrefix} c={c} ownOrganisation={me.organisation.code} value={audience} onChange={setAudience} errors={errors} labels={labels} />
        <ButtonGroup>
          <Button type="submit" busy={send.pending}>
            {correcting ? t('casus.journal.saveCorrection') : t('casus.journal.add')}
          </Button>
          {onCancel && (
            <Button type="button" onClick={onCancel}>
              {t('casus.journal.cancel')}
            </Button>
          )}
        </ButtonGroup>
      </FormSection>
    </form>
  );
}

function EntryActions({ j, props, onCorrect }: { j: JournalEntry; props: CaseTabProps; onCorrect: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useAction(() => api.post(`/api/journal/${j.id}/withdraw`, {}));
  const canWithdraw = j.withdrawableUntil !== null && new Date(j.withdrawableUntil).getTime() >= Date.now();
  const doWithdraw = async () => {
    const res = await withdraw.run();
    if (res.ok) {
      props.notify(t('casus.journal.withdrawn'));
      props.reload();
    }
  };
  return (
    <div className="zvh-cf-entry__actions">
      {withdraw.error && <Paragraph role="alert">{errorText(withdraw.error)}</Paragraph>}
      {confirming ? (
        <ButtonGroup>
          <Paragraph>{t('casus.journal.withdrawConfirm')}</Paragraph>
          <Button type="button" busy={withdraw.pending} onClick={doWithdraw}>
            {t('casus.journal.withdrawYes')}
          </Button>
          <Button type="button" onClick={() => setConfirming(false)}>
            {t('casus.journal.cancel')}
          </Button>
        </ButtonGroup>
      ) : (
        <ButtonGroup>
          {canWithdraw && (
            <Button type="button" onClick={() => setConfirming(true)}>
              {t('casus.journal.withdraw')}
              <span className="rhc-visually-hidden"> {t('casus.journal.entryOf', { date: formatDate(j.date) })}</span>
            </Button>
          )}
          <Button type="button" onClick={onCorrect}>
            {t('casus.journal.correct')}
            <span className="rhc-visually-hidden"> {t('casus.journal.entryOf', { date: formatDate(j.date) })}</span>
          </Button>
        </ButtonGroup>
      )}
    </div>
  );
}

export function JournalTab(props: CaseTabProps) {
  const { c, labels, reload, canContribute, zvh } = props;
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState<string | null>(null);
  const byId = new Map(c.journal.map((j) => [j.id, j]));

  return (
    <>
      <Heading level={2}>{t('casus.tabs.journal')}</Heading>
      <Paragraph>{zvh ? t('casus.journal.introZvh') : t('casus.journal.introPartner')}</Paragraph>
      <Paragraph>{t('casus.journal.withdrawIntro', { minutes: JOURNAL_WITHDRAW_MINUTES })}</Paragraph>
      {canContribute && <EntryForm idPrefix="logboek" props={props} onDone={reload} />}
      <Heading level={3}>{t('casus.journal.entriesTitle')}</Heading>
      {c.journal.length === 0 ? (
        <EmptyState>{t('casus.journal.empty')}</EmptyState>
      ) : (
        <ol className="zvh-cf-entries">
          {c.journal.map((j) => (
            <li key={j.id} className={`zvh-cf-entry zvh-cf-entry--${j.state}`}>
              <div className="zvh-cf-entry__meta">
                <strong>{formatDate(j.date)}</strong> · {j.authorName} ({labels.org(j.authorOrganisation)})
                {' · '}
                {t('casus.visibility.shownTo', { audience: audienceLabel(j, labels, t) })}
                {j.state !== 'actief' && (
                  <>
                    {' · '}
                    <strong>{t(`casus.journal.state.${j.state}`)}</strong>
                  </>
                )}
                {j.correctsId && byId.has(j.correctsId) && <> · {t('casus.journal.correctionOf', { date: formatDate(byId.get(j.correctsId)!.date) })}</>}
                <span className="rhc-visually-hidden"> · {t('casus.journal.recordedAt', { at: formatDateTime(j.at) })}</span>
              </div>
              <MultiLine text={j.text} />
              {j.state === 'ingetrokken' && j.withdrawReason && <Paragraph>{t('casus.journal.withdrawReason', { reason: j.withdrawReason })}</Paragraph>}
              {canContribute && j.own && j.state === 'actief' && (
                correcting === j.id ? (
                  <EntryForm
                    idPrefix={`correctie-${j.id}`}
                    props={props}
                    correcting={j}
                    onDone={() => {
                      setCorrecting(null);
                      reload();
                    }}
                    onCancel={() => setCorrecting(null)}
                  />
                ) : (
                  <EntryActions j={j} props={props} onCorrect={() => setCorrecting(j.id)} />
                )
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
