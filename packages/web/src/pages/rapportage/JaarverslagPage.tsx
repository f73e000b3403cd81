// SPDX-License-Identifier: EUPL-1.2
// Jaarverslag: the annual report of a year (GET /api/reports/annual) with last year's figures
// beside it, filters by region and municipality, every distribution as a table and a bar chart,
// and the XLSX and PDF downloads. Manager and beheerder.
import './rapportage.css';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import type { Reference } from '../../api/types';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { DataTable, ErrorState, Paragraph, Section, SelectField, Spinner, type Column } from '../../ui';
import { BarFigure } from './charts';
import { FacilitatedSection } from './FacilitatedSection';
import { OutcomeSection } from './OutcomeSection';
import { InformingSection } from './InformingSection';
import { FIRST_YEAR, reportQuery, yearOptions } from './common';
import { areaName, useNumberFormat, useRapT, type RapKey } from './texts';
import type { AnnualReport, MunicipalityFigures } from './types';

const BASICS: (keyof AnnualReport['basics'])[] = [
  'registeredProcessDirection', 'registeredProcessDirectionPga', 'notTakenUp', 'activeProcessDirection', 'activeProcessDirectionPga', 'informationRequests', 'advice',
];
const MUNICIPALITY_COLUMNS = ['advice', 'processDirection', 'carriedOver', 'inflow', 'closed', 'activeAtYearEnd'] as const;
const DISTRIBUTIONS = ['mainTopic', 'ageGroup', 'gender', 'problemArea', 'children'] as const;
type Distribution = (typeof DISTRIBUTIONS)[number];


const strong = (node: ReactNode, bold: boolean) => (bold ? <strong>{node}</strong> : node);

export default function JaarverslagPage() {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const f = useNumberFormat();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(params.get('jaar'));
  const year = Number.isInteger(yearParam) && yearParam >= FIRST_YEAR && yearParam <= thisYear ? yearParam : thisYear - 1;
  const region = params.get('regio') ?? '';
  const municipality = params.get('gemeente') ?? '';
  const previous = year - 1;

  const reference = useApi<Reference>('/api/reference');
  const current = useApi<AnnualReport>(`/api/reports/annual?${reportQuery(year, region, municipality)}`);
  const before = useApi<AnnualReport>(`/api/reports/annual?${reportQuery(previous, region, municipality)}`);

  const set = (key: 'jaar' | 'regio' | 'gemeente', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // a municipality outside the chosen region no longer applies
    if (key === 'regio' && value && reference.data) {
      const m = reference.data.municipalities.find((x) => x.code === next.get('gemeente'));
      if (m && m.region !== value) next.delete('gemeente');
    }
    setParams(next, { replace: true });
  };

  const municipalities = (reference.data?.municipalities ?? [])
    .filter((m) => !region || m.region === region)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const regions = [...new Set((reference.data?.municipalities ?? []).map((m) => m.region))].sort();
  const codeLabel = (list: string, code: string) => reference.data?.codeLists[list]?.find((e) => e.code === code)?.label ?? code;
  const regionLabel = (r: string) => (tm as unknown as (k: string, o: object) => string)(`regions.${r}`, { defaultValue: r });
  const domainLabel = (d: string) => (tm as unknown as (k: string, o: object) => string)(`domains.${d}`, { defaultValue: d });
  const area = areaName(user.tenant.name);
  const query = reportQuery(year, region, municipality);

  const report = current.data;
  const last = before.data;

  return (
    <Page title={t('annual.title')}>
      <Paragraph>{t('annual.intro')}</Paragraph>
      <fieldset className="zvh-rap-filters">
        <legend>{t('annual.filtersLegend')}</legend>
        <SelectField id="jaar" label={t('common.year')} value={String(year)} options={yearOptions(thisYear)} onChange={(e) => set('jaar', e.currentTarget.value)} />
        <SelectField
          id="regio"
          label={t('common.region')}
          value={region}
          placeholder={t('common.allRegions')}
          options={regions.map((r) => ({ value: r, label: regionLabel(r) }))}
          onChange={(e) => set('regio', e.currentTarget.value)}
        />
        <SelectField
          id="gemeente"
          label={t('common.municipality')}
          value={municipality}
          placeholder={t('common.allMunicipalities')}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          onChange={(e) => set('gemeente', e.currentTarget.value)}
        />
      </fieldset>

      <div className="zvh-rap-downloads" role="group" aria-label={t('annual.downloads')}>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action-button" href={`/api/reports/annual.xlsx?${query}`} download>
          {t('annual.downloadXlsx')}
        </a>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action-button" href={`/api/reports/annual.pdf?${query}`} download>
          {t('annual.downloadPdf')}
        </a>
      </div>

      {current.error ? (
        <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, current.error)} retryLabel={tm('common.retry')} onRetry={current.reload} />
      ) : !report || current.loading ? (
        <Spinner label={tm('common.loading')} />
      ) : (
        <>
          <Paragraph>{t('annual.comparing', { year: previous })}</Paragraph>
          <Section title={t('annual.basics')}>
            <DataTable
              caption={t('annual.basicsCaption', { year, previous })}
              rows={BASICS}
              rowKey={(k) => k}
              emptyMessage={t('common.noData')}
              columns={[
                { key: 'label', header: t('common.description'), rowHeader: true, cell: (k) => t(`annual.basicsRows.${k}` as RapKey) },
                { key: 'current', header: String(year), align: 'end', cell: (k) => f.num(report.basics[k]) },
                { key: 'previous', header: t('common.previousYear', { year: previous }), align: 'end', cell: (k) => (last ? f.num(last.basics[k]) : '…') },
              ]}
            />
          </Section>

          <Section title={t('annual.byMunicipality')}>
            <MunicipalityTable report={report} last={last} area={area} />
            <Paragraph className="zvh-rap-note">{t('annual.byMunicipalityNote')}</Paragraph>
          </Section>

          <Section title={t('annual.byPartner')}>
            <DataTable
              caption={t('annual.byPartnerCaption', { year, previous })}
              rows={[...report.byPartner, { code: '', name: t('common.total'), domain: null, registered: report.byPartner.reduce((a, p) => a + p.registered, 0) }]}
              rowKey={(p) => p.code || 'totaal'}
              emptyMessage={t('common.noData')}
              columns={[
                { key: 'name', header: t('annual.partner'), rowHeader: true, cell: (p) => strong(p.name, !p.code) },
                { key: 'domain', header: t('annual.domain'), cell: (p) => (p.domain ? domainLabel(p.domain) : '') },
                { key: 'current', header: String(year), align: 'end', cell: (p) => strong(f.num(p.registered), !p.code) },
                {
                  key: 'previous',
                  header: t('common.previousYear', { year: previous }),
                  align: 'end',
                  cell: (p) => {
                    if (!last) return '…';
                    const n = p.code ? last.byPartner.find((x) => x.code === p.code)?.registered ?? 0 : last.byPartner.reduce((a, x) => a + x.registered, 0);
                    return strong(f.num(n), !p.code);
                  },
                },
              ]}
            />
          </Section>

          <Section title={t('annual.byDomain')}>
            <div className="zvh-rap-pair">
              <DataTable
                caption={t('annual.byDomainCaption', { year, previous })}
                rows={Object.keys(report.byDomain)}
                rowKey={(d) => d}
                emptyMessage={t('common.noData')}
                columns={[
                  { key: 'domain', header: t('annual.domain'), rowHeader: true, cell: (d) => domainLabel(d) },
                  { key: 'current', header: String(year), align: 'end', cell: (d) => f.num(report.byDomain[d] ?? 0) },
                  { key: 'previous', header: t('common.previousYear', { year: previous }), align: 'end', cell: (d) => (last ? f.num(last.byDomain[d] ?? 0) : '…') },
                ]}
              />
              <BarFigure
                title={t('annual.byDomain')}
                year={year}
                previousYear={last ? previous : undefined}
                format={f.num}
                items={Object.keys(report.byDomain).map((d) => ({ label: domainLabel(d), current: report.byDomain[d] ?? 0, previous: last?.byDomain[d] }))}
              />
            </div>
          </Section>

          <Paragraph>{t('annual.percentagesIntro', { count: report.basics.activeProcessDirection, year })}</Paragraph>
          {DISTRIBUTIONS.map((key) => (
            <DistributionSection
              key={key}
              name={key}
              report={report}
              last={last}
              label={(code) => (key === 'ageGroup' ? t(`annual.ageGroups.${code}` as RapKey) : codeLabel(key, code))}
            />
          ))}
          <Section title={t('annual.distributions.crossesMunicipalityBorder')}>
            <div className="zvh-rap-pair">
              <DataTable
                caption={t('annual.distributionCaption', { title: t('annual.distributions.crossesMunicipalityBorder'), year, previous })}
                rows={['crosses']}
                rowKey={(k) => k}
                emptyMessage={t('common.noData')}
                columns={[
                  { key: 'label', header: t('common.description'), rowHeader: true, cell: () => t('annual.crossesLabel') },
                  { key: 'current', header: String(year), align: 'end', cell: () => f.pct(report.percentages.crossesMunicipalityBorder) },
                  { key: 'previous', header: t('common.previousYear', { year: previous }), align: 'end', cell: () => (last ? f.pct(last.percentages.crossesMunicipalityBorder) : '…') },
                ]}
              />
              <BarFigure
                title={t('annual.distributions.crossesMunicipalityBorder')}
                year={year}
                previousYear={last ? previous : undefined}
                percent
                format={f.pct}
                items={[{ label: t('annual.crossesLabel'), current: report.percentages.crossesMunicipalityBorder, previous: last?.percentages.crossesMunicipalityBorder }]}
              />
            </div>
          </Section>
          <FacilitatedSection report={report} last={last} reference={reference.data} />
          <OutcomeSection report={report} reference={reference.data} period={String(year)} />
          <InformingSection report={report} period={String(year)} />
        </>
      )}
    </Page>
  );
}

function MunicipalityTable({ report, last, area }: { report: AnnualReport; last: AnnualReport | undefined; area: string }) {
  const t = useRapT();
  const f = useNumberFormat();
  const total: MunicipalityFigures = { code: '', name: t('common.totalArea', { area }), region: '', advice: 0, processDirection: 0, carriedOver: 0, inflow: 0, closed: 0, activeAtYearEnd: 0 };
  for (const m of report.byMunicipality) for (const k of MUNICIPALITY_COLUMNS) total[k] += m[k];
  const previousOf = (m: MunicipalityFigures) => {
    if (!last) return undefined;
    return m.code ? last.byMunicipality.find((x) => x.code === m.code)?.processDirection ?? 0 : last.byMunicipality.reduce((a, x) => a + x.processDirection, 0);
  };
  const columns: Column<MunicipalityFigures>[] = [
    { key: 'name', header: t('common.municipality'), rowHeader: true, cell: (m) => strong(m.name, !m.code) },
    ...MUNICIPALITY_COLUMNS.map((k) => ({
      key: k,
      header: t(`annual.municipalityColumns.${k}` as RapKey),
      align: 'end' as const,
      cell: (m: MunicipalityFigures) => strong(f.num(m[k]), !m.code),
    })),
    {
      key: 'previous',
      header: t('annual.municipalityColumns.previousProcessDirection', { year: report.year - 1 }),
      align: 'end',
      cell: (m) => {
        const n = previousOf(m);
        return n === undefined ? '…' : strong(f.num(n), !m.code);
      },
    },
  ];
  return (
    <DataTable
      caption={t('annual.byMunicipalityCaption', { year: report.year })}
      rows={[...report.byMunicipality, total]}
      rowKey={(m) => m.code || 'totaal'}
      emptyMessage={t('common.noData')}
      columns={columns}
    />
  );
}

function DistributionSection({ name, report, last, label }: { name: Distribution; report: AnnualReport; last: AnnualReport | undefined; label: (code: string) => string }) {
  const t = useRapT();
  const f = useNumberFormat();
  const title = t(`annual.distributions.${name}`);
  // read by code: the age groups are a fixed set, the other distributions follow the code lists
  const values: Record<string, number> = report.percentages[name];
  const lastValues: Record<string, number> | undefined = last?.percentages[name];
  const codes = Object.keys(values);
  const previous = report.year - 1;
  return (
    <Section title={title}>
      {name === 'problemArea' && <Paragraph className="zvh-rap-note">{t('annual.problemAreaNote')}</Paragraph>}
      <div className="zvh-rap-pair">
        <DataTable
          caption={t('annual.distributionCaption', { title, year: report.year, previous })}
          rows={codes}
          rowKey={(c) => c}
          emptyMessage={t('common.noData')}
          columns={[
            { key: 'label', header: t('common.description'), rowHeader: true, cell: (c) => label(c) },
            { key: 'current', header: String(report.year), align: 'end', cell: (c) => f.pct(values[c] ?? 0) },
            { key: 'previous', header: t('common.previousYear', { year: previous }), align: 'end', cell: (c) => (lastValues ? f.pct(lastValues[c] ?? 0) : '…') },
          ]}
        />
        <BarFigure
          title={title}
          year={report.year}
          previousYear={last ? previous : undefined}
          percent
          format={f.pct}
          items={codes.map((c) => ({ label: label(c), current: values[c] ?? 0, previous: lastValues?.[c] }))}
        />
      </div>
    </Section>
  );
}
