// SPDX-License-Identifier: EUPL-1.2
// Cijfers per kwartaal of periode (seed 000: the chair reports per quarter to the stuurgroep):
// the annual report's figures for a quarter or any range of days (GET /api/reports/period, the
// same computation), the outcome of the cases closed in it, the capacity model for the period
// (GET /api/capacity?from&to) and the XLSX and PDF downloads. Manager and beheerder.
import './rapportage.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CAPACITY_TASKS } from '@zvh/shared';
import { errorMessage } from '../../api/errors';
import type { Reference } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Button, ButtonGroup, DataTable, DateField, ErrorState, Heading, Paragraph, Section, SelectField, Spinner, type Column } from '../../ui';
import { OutcomeSection } from './OutcomeSection';
import { InformingSection } from './InformingSection';
import { lastCompleteQuarter, periodQuery, yearOptions, type PeriodChoice } from './common';
import { areaName, useNumberFormat, useRapT, type RapKey } from './texts';
import type { AnnualReport, CapacityReport, MunicipalityFigures, PeriodReport } from './types';

const BASICS: (keyof AnnualReport['basics'])[] = [
  'registeredProcessDirection', 'registeredProcessDirectionPga', 'notTakenUp', 'activeProcessDirection', 'activeProcessDirectionPga', 'informationRequests', 'advice',
];
const MUNICIPALITY_COLUMNS = ['advice', 'processDirection', 'carriedOver', 'inflow', 'closed', 'activeAtYearEnd'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const strong = (node: ReactNode, bold: boolean) => (bold ? <strong>{node}</strong> : node);

/** The period in the address (soort, jaar, kwartaal, van, tot); the last quarter that has ended by default. */
function periodFrom(params: URLSearchParams): PeriodChoice {
  const from = params.get('van') ?? '';
  const to = params.get('tot') ?? '';
  if (params.get('soort') === 'periode' && DAY.test(from) && DAY.test(to) && from <= to) return { kind: 'periode', from, to };
  const fallback = lastCompleteQuarter();
  const year = Number(params.get('jaar'));
  const quarter = Number(params.get('kwartaal'));
  return {
    kind: 'kwartaal',
    year: Number.isInteger(year) && year >= 2008 && year <= new Date().getFullYear() ? year : fallback.year,
    quarter: Number.isInteger(quarter) && quarter >= 1 && quarter <= 4 ? quarter : fallback.quarter,
  };
}

export default function CijfersPage() {
  const t = useRapT();
  const { t: tm, i18n } = useTranslation();
  const f = useNumberFormat();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const region = params.get('regio') ?? '';
  const municipality = params.get('gemeente') ?? '';
  const [kind, setKind] = useState<PeriodChoice['kind']>(params.get('soort') === 'periode' ? 'periode' : period.kind);
  const [range, setRange] = useState({ from: period.kind === 'periode' ? period.from : '', to: period.kind === 'periode' ? period.to : '' });
  const [rangeErrors, setRangeErrors] = useState<{ from?: string; to?: string }>({});

  const reference = useApi<Reference>('/api/reference');
  const query = periodQuery(period, region, municipality);
  const current = useApi<PeriodReport>(`/api/reports/period?${query}`);
  const report = current.data;
  const p = report?.period;
  const showCapacity = !region || Boolean(municipality);
  const capacity = useApi<CapacityReport>(
    p && showCapacity ? `/api/capacity?${new URLSearchParams({ from: p.from, to: p.to, ...(municipality ? { municipality } : {}) }).toString()}` : null,
  );

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (changes.regio && reference.data) {
      const m = reference.data.municipalities.find((x) => x.code === next.get('gemeente'));
      if (m && m.region !== changes.regio) next.delete('gemeente');
    }
    setParams(next, { replace: true });
  };

  const showRange = (e: FormEvent) => {
    e.preventDefault();
    const errors: { from?: string; to?: string } = {};
    if (!DAY.test(range.from)) errors.from = t('period.required');
    if (!DAY.test(range.to)) errors.to = t('period.required');
    if (!errors.from && !errors.to && range.from > range.to) errors.to = t('period.fromAfterTo');
    setRangeErrors(errors);
    if (errors.from || errors.to) return;
    update({ soort: 'periode', van: range.from, tot: range.to, jaar: '', kwartaal: '' });
  };

  const municipalities = (reference.data?.municipalities ?? [])
    .filter((m) => !region || m.region === region)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const regions = [...new Set((reference.data?.municipalities ?? []).map((m) => m.region))].sort();
  const regionLabel = (r: string) => (tm as unknown as (k: string, o: object) => string)(`regions.${r}`, { defaultValue: r });
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'nl-NL';
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const words = p ? t('period.periodWords', { from: day(p.from), to: day(p.to) }) : '';
  const area = areaName(user.tenant.name);
  const link = 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action-button';
  const quarterYear = period.kind === 'kwartaal' ? period.year : lastCompleteQuarter().year;
  const quarterNo = period.kind === 'kwartaal' ? period.quarter : lastCompleteQuarter().quarter;

  return (
    <Page title={t('period.title')}>
      <Paragraph>{t('period.intro')}</Paragraph>
      <fieldset className="zvh-rap-filters">
        <legend>{t('period.legend')}</legend>
        <SelectField
          id="soort"
          label={t('period.kind')}
          value={kind}
          options={(['kwartaal', 'periode'] as const).map((k) => ({ value: k, label: t(`period.kinds.${k}`) }))}
          onChange={(e) => {
            const v = e.currentTarget.value as PeriodChoice['kind'];
            setKind(v);
            if (v === 'kwartaal') update({ soort: '', van: '', tot: '', jaar: String(quarterYear), kwartaal: String(quarterNo) });
          }}
        />
        {kind === 'kwartaal' && (
          <>
            <SelectField id="jaar" label={t('common.year')} value={String(quarterYear)} options={yearOptions()} onChange={(e) => update({ jaar: e.currentTarget.value, kwartaal: String(quarterNo) })} />
            <SelectField
              id="kwartaal"
              label={t('period.quarter')}
              value={String(quarterNo)}
              options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t(`period.quarters.${q}` as RapKey) }))}
              onChange={(e) => update({ kwartaal: e.currentTarget.value, jaar: String(quarterYear) })}
            />
          </>
        )}
        <SelectField
          id="regio"
          label={t('common.region')}
          value={region}
          placeholder={t('common.allRegions')}
          options={regions.map((r) => ({ value: r, label: regionLabel(r) }))}
          onChange={(e) => update({ regio: e.currentTarget.value })}
        />
        <SelectField
          id="gemeente"
          label={t('common.municipality')}
          value={municipality}
          placeholder={t('common.allMunicipalities')}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          onChange={(e) => update({ gemeente: e.currentTarget.value })}
        />
      </fieldset>
      {kind === 'periode' && (
        <form noValidate onSubmit={showRange} className="zvh-rap-filters" aria-label={t('period.kinds.periode')}>
          <DateField id="van" label={t('period.from')} value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.currentTarget.value }))} error={rangeErrors.from} required />
          <DateField id="tot" label={t('period.to')} value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.currentTarget.value }))} error={rangeErrors.to} required />
          <ButtonGroup>
            <Button type="submit" variant="primary">{t('period.show')}</Button>
          </ButtonGroup>
        </form>
      )}

      {current.error ? (
        <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, current.error)} retryLabel={tm('common.retry')} onRetry={current.reload} />
      ) : !report || !p || current.loading ? (
        <Spinner label={tm('common.loading')} />
      ) : (
        <>
          <Heading level={2}>{t('period.heading', { from: day(p.from), to: day(p.to) })}</Heading>
          <div className="zvh-rap-downloads" role="group" aria-label={t('annual.downloads')}>
            <a className={link} href={`/api/reports/period.xlsx?${query}`} download>{t('annual.downloadXlsx')}</a>
            <a className={link} href={`/api/reports/period.pdf?${query}`} download>{t('annual.downloadPdf')}</a>
          </div>
          <Section title={t('annual.basics')}>
            <DataTable
              caption={`${t('annual.basics')}, ${words}`}
              rows={BASICS}
              rowKey={(k) => k}
              emptyMessage={t('common.noData')}
              columns={[
                { key: 'label', header: t('common.description'), rowHeader: true, cell: (k) => t(`annual.basicsRows.${k}` as RapKey) },
                { key: 'current', header: t('common.count'), align: 'end', cell: (k) => f.num(report.basics[k]) },
              ]}
            />
          </Section>
          <Section title={t('annual.byMunicipality')}>
            <PeriodMunicipalityTable report={report} area={area} caption={`${t('annual.byMunicipality')}, ${words}`} />
            <Paragraph className="zvh-rap-note">{t('period.byMunicipalityNote')}</Paragraph>
          </Section>
          <OutcomeSection report={report} reference={reference.data} period={words} />
          <InformingSection report={report} period={words} />
          {showCapacity && (
            <Section title={t('period.capacityTitle')}>
              {capacity.error ? (
                <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, capacity.error)} retryLabel={tm('common.retry')} onRetry={capacity.reload} />
              ) : !capacity.data ? (
                <Spinner label={tm('common.loading')} />
              ) : (
                <>
                  <DataTable
                    caption={t('period.capacityCaption', { period: words })}
                    rows={[...CAPACITY_TASKS]}
                    rowKey={(k) => k}
                    emptyMessage={t('common.noData')}
                    columns={[
                      { key: 'task', header: t('capacity.task'), rowHeader: true, cell: (k) => t(`capacity.tasks.${k}` as RapKey) },
                      { key: 'count', header: t('common.count'), align: 'end', cell: (k) => f.num(capacity.data!.counts[k]) },
                    ]}
                  />
                  <DataTable
                    caption={t('capacity.overview')}
                    rows={['im', 'pr'] as const}
                    rowKey={(k) => k}
                    emptyMessage={t('common.noData')}
                    columns={[
                      { key: 'role', header: t('common.description'), rowHeader: true, cell: (k) => t(`common.${k}`) },
                      { key: 'hours', header: t('capacity.totalHours'), align: 'end', cell: (k) => f.dec(capacity.data!.hours[k]) },
                      { key: 'needed', header: t('capacity.neededFte'), align: 'end', cell: (k) => f.dec(capacity.data!.neededFte[k]) },
                    ]}
                  />
                  <Paragraph className="zvh-rap-note">{t('period.capacityNote')}</Paragraph>
                </>
              )}
            </Section>
          )}
        </>
      )}
    </Page>
  );
}

function PeriodMunicipalityTable({ report, area, caption }: { report: AnnualReport; area: string; caption: string }) {
  const t = useRapT();
  const f = useNumberFormat();
  const total: MunicipalityFigures = { code: '', name: t('common.totalArea', { area }), region: '', advice: 0, processDirection: 0, carriedOver: 0, inflow: 0, closed: 0, activeAtYearEnd: 0 };
  for (const m of report.byMunicipality) for (const k of MUNICIPALITY_COLUMNS) total[k] += m[k];
  const columns: Column<MunicipalityFigures>[] = [
    { key: 'name', header: t('common.municipality'), rowHeader: true, cell: (m) => strong(m.name, !m.code) },
    ...MUNICIPALITY_COLUMNS.map((k) => ({
      key: k,
      header: k === 'activeAtYearEnd' ? t('period.activeAtEnd') : t(`annual.municipalityColumns.${k}` as RapKey),
      align: 'end' as const,
      cell: (m: MunicipalityFigures) => strong(f.num(m[k]), !m.code),
    })),
  ];
  return <DataTable caption={caption} rows={[...report.byMunicipality, total]} rowKey={(m) => m.code || 'totaal'} emptyMessage={t('common.noData')} columns={columns} />;
}
