// SPDX-License-Identifier: EUPL-1.2
// The annual report's section `facilitated` (annual-report.md): veelplegers per region, LPCO per
// municipality and per afdoening, nazorg per plustaak municipality; with last year beside it.
import type { Reference } from '../../api/types';
import { DataTable, Paragraph, Section } from '../../ui';
import { useFacilT } from '../facilitering/texts';
import { useNumberFormat } from './texts';
import type { AnnualReport } from './types';

export function FacilitatedSection({ report, last, reference }: { report: AnnualReport; last: AnnualReport | undefined; reference: Reference | undefined }) {
  const t = useFacilT();
  const f = useNumberFormat();
  const { year } = report;
  const previous = year - 1;
  const fa = report.facilitated;
  const lf = last?.facilitated;
  const mun = (code: string) => reference?.municipalities.find((m) => m.code === code)?.name ?? code;
  const outcome = (code: string) => reference?.codeLists.lpcoOutcome?.find((e) => e.code === code)?.label ?? code;
  const prev = (n: number | undefined) => (lf ? f.num(n ?? 0) : '…');
  const regions = Object.keys(fa.veelplegers).filter((k) => k !== 'total');
  const municipalities = Object.keys(fa.lpco.byMunicipality).sort((a, b) => mun(a).localeCompare(mun(b), 'nl'));
  const outcomes = Object.keys(fa.lpco.byOutcome);
  const nazorg = Object.keys(fa.nazorg.byMunicipality).sort((a, b) => mun(a).localeCompare(mun(b), 'nl'));
  const cols = (header: string, label: (k: string) => string, cur: (k: string) => number, old: (k: string) => number | undefined) => [
    { key: 'label', header, rowHeader: true, cell: label },
    { key: 'current', header: String(year), align: 'end' as const, cell: (k: string) => f.num(cur(k)) },
    { key: 'previous', header: t('repPrevious', { year: previous }), align: 'end' as const, cell: (k: string) => prev(old(k)) },
  ];
  return (
    <Section title={t('repTitle')}>
      <Paragraph>{t('repIntro')}</Paragraph>
      <Section title={t('repVeelplegers')} level={3}>
        <DataTable caption={t('repVeelplegersCaption', { year, previous })} rows={[...regions, 'total']} rowKey={(k) => k} emptyMessage="—"
          columns={cols(t('region'), (k) => (k === 'total' ? t('repTotal') : k), (k) => fa.veelplegers[k] ?? 0, (k) => lf?.veelplegers[k])} />
      </Section>
      <Section title={t('repLpcoMunicipality')} level={3}>
        <DataTable caption={t('repLpcoMunicipalityCaption', { year, previous })} rows={[...municipalities, 'total']} rowKey={(k) => k} emptyMessage="—"
          columns={cols(t('municipality'), (k) => (k === 'total' ? t('repTotal') : mun(k)), (k) => (k === 'total' ? fa.lpco.total : fa.lpco.byMunicipality[k] ?? 0), (k) => (k === 'total' ? lf?.lpco.total : lf?.lpco.byMunicipality[k]))} />
      </Section>
      <Section title={t('repLpcoOutcome')} level={3}>
        <DataTable caption={t('repLpcoOutcomeCaption', { year, previous })} rows={[...outcomes, 'total']} rowKey={(k) => k} emptyMessage="—"
          columns={cols(t('lpcoOutcome'), (k) => (k === 'total' ? t('repTotal') : outcome(k)), (k) => (k === 'total' ? fa.lpco.total : fa.lpco.byOutcome[k] ?? 0), (k) => (k === 'total' ? lf?.lpco.total : lf?.lpco.byOutcome[k]))} />
      </Section>
      <Section title={t('repNazorg')} level={3}>
        <DataTable caption={t('repNazorgCaption', { year })} rows={nazorg} rowKey={(k) => k} emptyMessage="—"
          columns={[
            { key: 'label', header: t('municipality'), rowHeader: true, cell: mun },
            { key: 'inflow', header: t('repInflow'), align: 'end', cell: (k) => f.num(fa.nazorg.byMunicipality[k]!.inflow) },
            { key: 'closedOfInflow', header: t('repClosedOfInflow'), align: 'end', cell: (k) => f.num(fa.nazorg.byMunicipality[k]!.closedOfInflow) },
            { key: 'closedOfEarlier', header: t('repClosedOfEarlier'), align: 'end', cell: (k) => f.num(fa.nazorg.byMunicipality[k]!.closedOfEarlier) },
            { key: 'carriedThrough', header: t('repCarriedThrough'), align: 'end', cell: (k) => f.num(fa.nazorg.byMunicipality[k]!.carriedThrough) },
          ]} />
      </Section>
    </Section>
  );
}
