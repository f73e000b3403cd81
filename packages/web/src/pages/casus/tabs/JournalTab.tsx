// SPDX-License-Identifier: EUPL-1.2
// Logboek: dated entries by the regisseur and the partners. ZVH staff choose whether an entry is
// for all participants or for the ZVH only; partner entries are for all participants.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useAction } from '../../../api/useApi';
import { Button, ButtonGroup, DateField, EmptyState, Heading, Paragraph, TextAreaField } from '../../../ui';
import { ErrorSummary, FormSection, MultiLine, RadioGroupField, mapServerErrors, useErrorText } from '../common/forms';
import { formatDate, formatDateTime, todayIso } from '../common/format';
import type { Visibility } from '../common/types';
import type { CaseTabProps } from './props';

export function VisibilityField({ id, value, onChange }: { id: string; value: Visibility; onChange: (v: Visibility) => void }) {
  const { t } = useTranslation();
  return (
    <RadioGroupField
      id={id}
      legend={t('casus.visibility.legend')}
      options={[
        { value: 'zvh', label: t('casus.visibility.zvh'), description: t('casus.visibility.zvhHelp') },
        { value: 'all', label: t('casus.visibility.all'), description: t('casus.visibility.allHelp') },
      ]}
      value={value}
      onChange={(v) => onChange(v as Visibility)}
      required
    />
  );
}

export function JournalTab({ c, labels, reload, notify, canContribute, zvh }: CaseTabProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [date, setDate] = useState(todayIso());
  const [visibility, setVisibility] = useState<Visibility>('zvh');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const add = useAction((body: unknown) => api.post(`/api/cases/${c.id}/journal`, body));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = t('casus.journal.errors.text');
    if (!date) found.date = t('casus.journal.errors.date');
    else if (date > todayIso()) found.date = t('casus.journal.errors.future');
    setErrors(found);
    if (Object.keys(found).length) return;
    const res = await add.run({ text: text.trim(), date, ...(zvh ? { visibility } : {}) });
    if (res.ok) {
      notify(t('casus.journal.added'));
      setText('');
      setDate(todayIso());
      reload();
    } else setErrors(mapServerErrors(res.error, ['text', 'date', 'visibility']));
  };

  return (
    <>
      <Heading level={2}>{t('casus.tabs.journal')}</Heading>
      <Paragraph>{zvh ? t('casus.journal.introZvh') : t('casus.journal.introPartner')}</Paragraph>
      {canContribute && (
        <form noValidate onSubmit={submit} className="zvh-cf-form">
          <FormSection legend={t('casus.journal.addTitle')} level={3}>
            <ErrorSummary
              attempt={attempt}
              errors={Object.entries(errors)
                .filter(([k]) => k)
                .map(([k, m]) => ({ id: `logboek-${k}`, label: t(`casus.journal.fields.${k as 'text'}`, { defaultValue: k }), message: m }))}
              message={add.error && add.error.fieldErrors.length === 0 ? errorText(add.error) : undefined}
            />
            <TextAreaField
              id="logboek-text"
              label={t('casus.journal.fields.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={errors.text}
              rows={5}
              maxLength={5000}
              required
            />
            <DateField
              id="logboek-date"
              label={t('casus.journal.fields.date')}
              value={date}
              max={todayIso()}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.date}
              required
            />
            {zvh && <VisibilityField id="logboek-visibility" value={visibility} onChange={setVisibility} />}
            <ButtonGroup>
              <Button type="submit" busy={add.pending}>
                {t('casus.journal.add')}
              </Button>
            </ButtonGroup>
          </FormSection>
        </form>
      )}
      <Heading level={3}>{t('casus.journal.entriesTitle')}</Heading>
      {c.journal.length === 0 ? (
        <EmptyState>{t('casus.journal.empty')}</EmptyState>
      ) : (
        <ol className="zvh-cf-entries">
          {c.journal.map((j) => (
            <li key={j.id} className="zvh-cf-entry">
              <div className="zvh-cf-entry__meta">
                <strong>{formatDate(j.date)}</strong> · {j.authorName} ({labels.org(j.authorOrganisation)})
                {zvh && <> · {j.visibility === 'zvh' ? t('casus.visibility.zvh') : t('casus.visibility.all')}</>}
                <span className="rhc-visually-hidden"> · {t('casus.journal.recordedAt', { at: formatDateTime(j.at) })}</span>
              </div>
              <MultiLine text={j.text} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
