// SPDX-License-Identifier: EUPL-1.2
// Zelfredzaamheid-Matrix (ZRM) and safety risk of a case at one moment (start of procesregie in
// the plan tab, closure in the close tab): one choice 1-5 per life domain of the tenant's list
// `zrmDomain` and the safety risk. Only the procesregisseur sees and records it (the API says the
// same); every save is a new version, a newer save by someone else is reported, not overwritten.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../api/client';
import { useAction, useApi } from '../../../api/useApi';
import i18n from '../../../i18n';
import { Alert, Button, ButtonGroup, Paragraph, Section, SelectField, Spinner } from '../../../ui';
import { ErrorSummary, StaleVersionAlert, useErrorText } from './forms';
import { formatDateTime } from './format';
import type { Labels } from './reference';
import type { ApiResponse } from '../../../api/types';

type Outcome = ApiResponse<'getCaseOutcome'>;
type Score = Outcome['history'][number];
type Moment = Score['moment'];

const NS = 'uitkomst';
const nl = {
  title: { start: 'Zelfredzaamheid bij de start', afsluiting: 'Zelfredzaamheid bij afsluiting' },
  intro: {
    start: 'Scoor bij de start van de procesregie per leefgebied de zelfredzaamheid (Zelfredzaamheid-Matrix) en het veiligheidsrisico. Bij afsluiting scoort u opnieuw; het jaarverslag telt hoeveel casussen verbeterden.',
    afsluiting: 'Scoor bij afsluiting opnieuw per leefgebied. Alleen leefgebieden die bij de start én bij afsluiting zijn gescoord tellen mee in de uitkomst.',
  },
  legend: 'Score per leefgebied',
  notScored: 'Niet gescoord',
  levels: { 1: '1 – Acute problematiek', 2: '2 – Niet zelfredzaam', 3: '3 – Beperkt zelfredzaam', 4: '4 – Voldoende zelfredzaam', 5: '5 – Volledig zelfredzaam' },
  safetyRisk: 'Veiligheidsrisico',
  risks: { hoog: 'Hoog', midden: 'Midden', laag: 'Laag' },
  save: 'Score opslaan',
  saved: 'Score opgeslagen (versie {{version}})',
  last: 'Laatst vastgelegd: versie {{version}} op {{at}} door {{by}}.',
  none: 'Nog niet gescoord.',
  nothing: 'Scoor ten minste één leefgebied of het veiligheidsrisico.',
  startScore: 'Bij de start: {{score}}',
};
const en: typeof nl = {
  title: { start: 'Self-sufficiency at the start', afsluiting: 'Self-sufficiency at closure' },
  intro: {
    start: 'Score the self-sufficiency per life domain (Self-Sufficiency Matrix) and the safety risk at the start of process direction. At closure you score again; the annual report counts how many cases improved.',
    afsluiting: 'Score again per life domain at closure. Only domains scored both at the start and at closure count in the outcome.',
  },
  legend: 'Score per life domain',
  notScored: 'Not scored',
  levels: { 1: '1 – Acute problems', 2: '2 – Not self-sufficient', 3: '3 – Limited self-sufficiency', 4: '4 – Sufficiently self-sufficient', 5: '5 – Fully self-sufficient' },
  safetyRisk: 'Safety risk',
  risks: { hoog: 'High', midden: 'Medium', laag: 'Low' },
  save: 'Save score',
  saved: 'Score saved (version {{version}})',
  last: 'Last recorded: version {{version}} on {{at}} by {{by}}.',
  none: 'Not scored yet.',
  nothing: 'Score at least one life domain or the safety risk.',
  startScore: 'At the start: {{score}}',
};
function ensureBundles(): void {
  if (!i18n.isInitialized || i18n.hasResourceBundle('nl', NS)) return;
  i18n.addResourceBundle('nl', NS, nl, true, false);
  i18n.addResourceBundle('en', NS, en, true, false);
}

function useZrmT() {
  ensureBundles();
  const { t, i18n: inst } = useTranslation();
  const lng = inst.resolvedLanguage;
  return useCallback(
    (key: string, options?: Record<string, unknown>): string => (t as unknown as (k: string, o: object) => string)(key, { ns: NS, ...options }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lng],
  );
}

const LEVELS = [1, 2, 3, 4, 5] as const;
const RISKS = ['hoog', 'midden', 'laag'] as const;

export function ZrmSection({ caseId, moment, labels, editable, notify }: { caseId: string; moment: Moment; labels: Labels; editable: boolean; notify: (m: string) => void }) {
  const t = useZrmT();
  const errorText = useErrorText();
  const outcome = useApi<Outcome>(`/api/cases/${caseId}/outcome`);
  const current = outcome.data?.[moment] ?? null;
  const start = outcome.data?.start ?? null;
  const domains = labels.options('zrmDomain', current ? Object.keys(current.scores) : null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [risk, setRisk] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string>();
  const [stale, setStale] = useState(false);

  // the form starts from the current version
  useEffect(() => {
    setValues(Object.fromEntries(Object.entries(current?.scores ?? {}).map(([k, v]) => [k, String(v)])));
    setRisk(current?.safetyRisk ?? '');
  }, [current]);

  const save = useAction((body: unknown) => request<{ version: number }>(`/api/cases/${caseId}/outcome/${moment}`, { method: 'PUT', body }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    setStale(false);
    const scores = Object.fromEntries(Object.entries(values).filter(([, v]) => v).map(([k, v]) => [k, Number(v)]));
    if (Object.keys(scores).length === 0 && !risk) {
      setError(t('nothing'));
      return;
    }
    setError(undefined);
    const res = await save.run({ scores, safetyRisk: risk || null, version: current?.version ?? 0 });
    if (res.ok) {
      notify(t('saved', { version: res.value.version }));
      outcome.reload();
    } else if (res.error?.code === 'stale_version') setStale(true);
  };

  const title = t(`title.${moment}`);
  if (outcome.error) return <Section title={title} level={3}><Alert type="error">{errorText(outcome.error)}</Alert></Section>;
  if (!outcome.data) return <Section title={title} level={3}><Spinner label={title} /></Section>;

  const levelLabel = (n: number) => t(`levels.${n}`);
  const lastLine = current
    ? t('last', { version: current.version, at: formatDateTime(current.recordedAt), by: current.recordedByName ?? '—' })
    : t('none');

  if (!editable) {
    return (
      <Section title={title} level={3}>
        <Paragraph>{lastLine}</Paragraph>
        {current && (
          <ul>
            {Object.entries(current.scores).map(([d, n]) => (
              <li key={d}>{labels.code('zrmDomain', d)}: {levelLabel(n)}</li>
            ))}
            {current.safetyRisk && <li>{t('safetyRisk')}: {t(`risks.${current.safetyRisk}`)}</li>}
          </ul>
        )}
      </Section>
    );
  }

  const id = (d: string) => `zrm-${moment}-${d}`;
  return (
    <Section title={title} level={3}>
      <Paragraph>{t(`intro.${moment}`)}</Paragraph>
      <Paragraph>{lastLine}</Paragraph>
      <form noValidate onSubmit={submit} className="zvh-cf-form">
        <ErrorSummary
          attempt={attempt}
          errors={error ? [{ id: id(domains[0]?.value ?? 'risk'), label: t('legend'), message: error }] : []}
          message={save.error && save.error.code !== 'stale_version' ? errorText(save.error) : undefined}
        />
        {stale && <StaleVersionAlert attempt={attempt} onReload={() => { setStale(false); outcome.reload(); }} />}
        <fieldset className="zvh-cf-zrm">
          <legend>{t('legend')}</legend>
          {domains.map((d) => (
            <SelectField
              key={d.value}
              id={id(d.value)}
              label={d.label}
              description={moment === 'afsluiting' && start?.scores[d.value] ? t('startScore', { score: levelLabel(start.scores[d.value]!) }) : undefined}
              placeholder={t('notScored')}
              options={LEVELS.map((n) => ({ value: String(n), label: levelLabel(n) }))}
              value={values[d.value] ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((cur) => ({ ...cur, [d.value]: v }));
              }}
            />
          ))}
        </fieldset>
        <SelectField
          id={id('risk')}
          label={t('safetyRisk')}
          description={moment === 'afsluiting' && start?.safetyRisk ? t('startScore', { score: t(`risks.${start.safetyRisk}`) }) : undefined}
          placeholder={t('notScored')}
          options={RISKS.map((r) => ({ value: r, label: t(`risks.${r}`) }))}
          value={risk}
          onChange={(e) => setRisk(e.currentTarget.value)}
        />
        <ButtonGroup>
          <Button type="submit" variant="primary" busy={save.pending}>
            {t('save')}
          </Button>
        </ButtonGroup>
      </form>
    </Section>
  );
}
