// SPDX-License-Identifier: EUPL-1.2
// Capaciteit: the capacity model of seed 002 for a year (GET /api/capacity): counts per task,
// hours IM/PR by the norms, FTE needed against available, per municipality; a planning form
// (POST /api/capacity/plan); the available FTE of the year and the norm hours to edit.
import '../rapportage/rapportage.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, ErrorState, Heading, Notice, Paragraph, Section, SelectField, Spinner, TextField, type Column } from '../../ui';
import { FIRST_YEAR, parseNumber, yearOptions } from '../rapportage/common';
import { useNumberFormat, useRapT, type RapKey } from '../rapportage/texts';
import { CAPACITY_TASKS, type CapacityReport, type CapacityResult, type CapacitySettings, type CapacityTask, type FteYear, type RolePair, type TaskCounts } from '../rapportage/types';


type Row = { key: string; label: string; count?: number; im: number; pr: number; kind: 'task' | 'total' | 'fte' };

/** The seed 002 table: one row per task, total hours, needed, available and shortage FTE. */
function CapacityTable({ caption, result, settings }: { caption: string; result: CapacityResult; settings: CapacitySettings }) {
  const t = useRapT();
  const f = useNumberFormat();
  const rows: Row[] = [
    ...CAPACITY_TASKS.map((task) => ({
      key: task,
      label: t(`capacity.tasks.${task}` as RapKey),
      count: result.counts[task],
      im: result.counts[task] * settings.norms[task].im,
      pr: result.counts[task] * settings.norms[task].pr,
      kind: 'task' as const,
    })),
    { key: 'hours', label: t('capacity.totalHours'), ...result.hours, kind: 'total' },
    { key: 'needed', label: t('capacity.neededFte'), ...result.neededFte, kind: 'fte' },
    { key: 'available', label: t('capacity.availableFte'), ...result.availableFte, kind: 'fte' },
    { key: 'shortage', label: t('capacity.shortageFte'), ...result.shortageFte, kind: 'fte' },
  ];
  const value = (r: Row, v: number) => {
    const text = r.kind === 'fte' ? f.num(v, 2) : f.dec(Math.round(v * 100) / 100);
    if (r.key === 'shortage' && v < 0) return <span className="zvh-rap-negative">{text}</span>;
    return r.kind === 'task' ? text : <strong>{text}</strong>;
  };
  const columns: Column<Row>[] = [
    { key: 'label', header: t('capacity.task'), rowHeader: true, cell: (r) => r.label },
    { key: 'count', header: t('common.count'), align: 'end', cell: (r) => (r.count === undefined ? '' : f.num(r.count)) },
    { key: 'im', header: t('capacity.hoursIm'), align: 'end', cell: (r) => value(r, r.im) },
    { key: 'pr', header: t('capacity.hoursPr'), align: 'end', cell: (r) => value(r, r.pr) },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.key} emptyMessage={t('common.noData')} />;
}

export default function CapaciteitPage() {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const f = useNumberFormat();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(params.get('jaar'));
  const year = Number.isInteger(yearParam) && yearParam >= FIRST_YEAR && yearParam <= thisYear + 5 ? yearParam : thisYear;
  const capacity = useApi<CapacityReport>(`/api/capacity?year=${year}`);
  const [notice, setNotice] = useState<string>();

  const setYear = (value: string) => {
    const next = new URLSearchParams(params);
    next.set('jaar', value);
    setParams(next, { replace: true });
    setNotice(undefined);
  };

  const data = capacity.data;
  return (
    <Page title={t('capacity.title')}>
      <Paragraph>{t('capacity.intro')}</Paragraph>
      <Notice message={notice} />
      <div className="zvh-rap-filters">
        <SelectField id="jaar" label={t('common.year')} value={String(year)} options={yearOptions(thisYear + 5)} onChange={(e) => setYear(e.currentTarget.value)} />
      </div>
      {capacity.error ? (
        <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, capacity.error)} retryLabel={tm('common.retry')} onRetry={capacity.reload} />
      ) : !data ? (
        <Spinner label={tm('common.loading')} />
      ) : (
        <>
          <Section title={t('capacity.overview')}>
            {!data.availableFteSet && <Alert type="info">{t('capacity.fteNotSet', { year })}</Alert>}
            <CapacityTable caption={t('capacity.overviewCaption', { year })} result={data} settings={data.settings} />
            <Paragraph className="zvh-rap-note">{t('capacity.signalNote')}</Paragraph>
            <CountDefinitions year={year} />
          </Section>
          <Section title={t('capacity.perMunicipality')}>
            <DataTable
              caption={t('capacity.perMunicipalityCaption', { year })}
              rows={data.byMunicipality}
              rowKey={(m) => m.code}
              emptyMessage={t('common.noData')}
              columns={[
                { key: 'name', header: t('common.municipality'), rowHeader: true, cell: (m) => m.name },
                ...(['informatievraag', 'advies', 'procesregie'] as CapacityTask[]).map((task) => ({
                  key: task,
                  header: t(`capacity.tasks.${task}` as RapKey),
                  align: 'end' as const,
                  cell: (m: CapacityReport['byMunicipality'][number]) => f.num(m.counts[task]),
                })),
                { key: 'im', header: t('capacity.hoursIm'), align: 'end', cell: (m) => f.dec(m.hours.im) },
                { key: 'pr', header: t('capacity.hoursPr'), align: 'end', cell: (m) => f.dec(m.hours.pr) },
                { key: 'share', header: t('capacity.shareOfHours'), align: 'end', cell: (m) => f.pct(m.shareOfHours.pr) },
              ]}
            />
          </Section>
          <PlanningSection key={`plan-${year}`} settings={data.settings} available={data.availableFte} counts={data.counts} />
          <FteSection key={`fte-${year}`} year={year} onSaved={(msg) => { setNotice(msg); capacity.reload(); }} />
          <NormsSection settings={data.settings} onSaved={(msg) => { setNotice(msg); capacity.reload(); }} />
        </>
      )}
    </Page>
  );
}

/** How each count of GET /api/capacity is defined (the annual report's definitions). */
function CountDefinitions({ year }: { year: number }) {
  const t = useRapT();
  return (
    <div className="zvh-rap-note">
      <Heading level={3}>{t('capacity.definitions')}</Heading>
      <dl className="zvh-rap-definitions">
        {CAPACITY_TASKS.map((task) => (
          <div key={task}>
            <dt>{t(`capacity.tasks.${task}` as RapKey)}</dt>
            <dd>{t(`capacity.definition.${task}` as RapKey, { year })}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function PlanningSection({ settings, available, counts }: { settings: CapacitySettings; available: RolePair; counts: TaskCounts }) {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(CAPACITY_TASKS.map((task) => [task, String(counts[task])])),
    im: String(available.im),
    pr: String(available.pr),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<CapacityResult>();
  const plan = useAction((body: unknown) => api.post<CapacityResult>('/api/capacity/plan', body));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const n = (k: string) => {
      const v = parseNumber(values[k] ?? '');
      if (!Number.isFinite(v) || v < 0) errs[k] = t('common.mustBeNumber');
      return v;
    };
    const body = { counts: Object.fromEntries(CAPACITY_TASKS.map((task) => [task, n(task)])), availableFte: { im: n('im'), pr: n('pr') } };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const r = await plan.run(body);
    if (r.ok) setResult(r.value);
  };
  const field = (key: string, label: string) => (
    <TextField
      key={key}
      id={`plan-${key}`}
      label={label}
      inputMode="decimal"
      value={values[key] ?? ''}
      error={errors[key]}
      onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, [key]: v })); }}
    />
  );
  return (
    <Section title={t('capacity.planning')}>
      <Paragraph>{t('capacity.planningIntro')}</Paragraph>
      <form onSubmit={submit} noValidate className="zvh-rap-form">
        {CAPACITY_TASKS.map((task) => field(task, t('capacity.expected', { task: t(`capacity.tasks.${task}` as RapKey) })))}
        {field('im', t('capacity.fteIm'))}
        {field('pr', t('capacity.ftePr'))}
        <div className="zvh-rap-form__actions">
          <Button type="submit" variant="primary" busy={plan.pending}>
            {t('common.calculate')}
          </Button>
        </div>
      </form>
      {plan.error && <Alert type="error" focus>{errorMessage(tm, plan.error)}</Alert>}
      <div aria-live="polite">
        {result && <CapacityTable caption={t('capacity.planningCaption')} result={result} settings={settings} />}
      </div>
    </Section>
  );
}

function FteSection({ year, onSaved }: { year: number; onSaved: (message: string) => void }) {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const fte = useApi<FteYear>(`/api/capacity/fte/${year}`);
  const [values, setValues] = useState({ im: '', pr: '', contribution: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (fte.data) setValues({ im: String(fte.data.im), pr: String(fte.data.pr), contribution: fte.data.contribution === null ? '' : String(fte.data.contribution) });
  }, [fte.data]);
  const save = useAction((body: unknown) => request<FteYear>(`/api/capacity/fte/${year}`, { method: 'PUT', body }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const im = parseNumber(values.im);
    const pr = parseNumber(values.pr);
    const contribution = values.contribution.trim() === '' ? null : parseNumber(values.contribution);
    const errs: Record<string, string> = {};
    if (!Number.isFinite(im) || im < 0) errs.im = t('common.mustBeNumber');
    if (!Number.isFinite(pr) || pr < 0) errs.pr = t('common.mustBeNumber');
    if (contribution !== null && (!Number.isInteger(contribution) || contribution < 0)) errs.contribution = t('common.mustBeWhole');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const r = await save.run({ im, pr, contribution });
    if (r.ok) onSaved(t('capacity.fteSaved', { year }));
  };
  const server = fieldErrorsOf(save.error);
  return (
    <Section title={t('capacity.fteYear', { year })}>
      <Paragraph>{t('capacity.fteYearIntro', { year })}</Paragraph>
      {fte.error && <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, fte.error)} retryLabel={tm('common.retry')} onRetry={fte.reload} />}
      <form onSubmit={submit} noValidate className="zvh-rap-form">
        <TextField id="fte-im" label={t('capacity.fteIm')} inputMode="decimal" value={values.im} error={errors.im ?? server.im}
          onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, im: v })); }} />
        <TextField id="fte-pr" label={t('capacity.ftePr')} inputMode="decimal" value={values.pr} error={errors.pr ?? server.pr}
          onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, pr: v })); }} />
        <TextField id="fte-contribution" label={t('capacity.contribution')} optional inputMode="numeric" value={values.contribution} error={errors.contribution ?? server.contribution}
          onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, contribution: v })); }} />
        <div className="zvh-rap-form__actions">
          <Button type="submit" variant="primary" busy={save.pending}>{t('capacity.saveFte')}</Button>
        </div>
      </form>
      {save.error && <Alert type="error" focus>{errorMessage(tm, save.error)}</Alert>}
    </Section>
  );
}

function NormsSection({ settings, onSaved }: { settings: CapacitySettings; onSaved: (message: string) => void }) {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const initial = () => ({
    hoursPerFte: String(settings.hoursPerFte),
    ...Object.fromEntries(CAPACITY_TASKS.flatMap((task) => [[`${task}.im`, String(settings.norms[task].im)], [`${task}.pr`, String(settings.norms[task].pr)]])),
  });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction((body: CapacitySettings) => request<CapacitySettings>('/api/capacity/settings', { method: 'PUT', body }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const n = (k: string, positive = false) => {
      const v = parseNumber(values[k] ?? '');
      if (!Number.isFinite(v) || v < 0 || (positive && v === 0)) errs[k] = t(positive ? 'common.mustBePositive' : 'common.mustBeNumber');
      return v;
    };
    const body: CapacitySettings = {
      hoursPerFte: n('hoursPerFte', true),
      norms: Object.fromEntries(CAPACITY_TASKS.map((task) => [task, { im: n(`${task}.im`), pr: n(`${task}.pr`) }])) as CapacitySettings['norms'],
    };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const r = await save.run(body);
    if (r.ok) onSaved(t('capacity.normsSaved'));
  };
  const field = (key: string, label: string) => (
    <TextField key={key} id={`norm-${key.replace('.', '-')}`} label={label} inputMode="decimal" value={values[key] ?? ''} error={errors[key]}
      onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, [key]: v })); }} />
  );
  return (
    <Section title={t('capacity.norms')}>
      <Paragraph>{t('capacity.normsIntro')}</Paragraph>
      <form onSubmit={submit} noValidate>
        <div className="zvh-rap-form">{field('hoursPerFte', t('capacity.hoursPerFte'))}</div>
        <div className="zvh-rap-norms">
          {CAPACITY_TASKS.map((task) => (
            <fieldset key={task} className="zvh-rap-fieldset">
              <legend>{t(`capacity.tasks.${task}` as RapKey)}</legend>
              {field(`${task}.im`, t('capacity.hoursIm'))}
              {field(`${task}.pr`, t('capacity.hoursPr'))}
            </fieldset>
          ))}
        </div>
        <div className="zvh-rap-form__actions">
          <Button type="submit" variant="primary" busy={save.pending}>{t('capacity.saveNorms')}</Button>
        </div>
      </form>
      {save.error && <Alert type="error" focus>{errorMessage(tm, save.error)}</Alert>}
    </Section>
  );
}
