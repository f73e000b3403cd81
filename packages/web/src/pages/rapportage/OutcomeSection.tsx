// SPDX-License-Identifier: EUPL-1.2
// The report's section `outcome` (rendement, seed 003): of the procesregie cases closed in the
// year or period, per ZRM life domain and for the safety risk how many improved, stayed the same or
// worsened, and the goals met from the closure evaluation. Aggregates only.
import type { Reference } from '../../api/types';
import { DataTable, Paragraph, Section } from '../../ui';
import { BarFigure } from './charts';
import { useNumberFormat, useRapT } from './texts';
import type { AnnualReport } from './types';

const CHANGES = ['improved', 'same', 'worsened'] as const;
const GOALS = ['ja', 'deels', 'nee', 'notRecorded'] as const;

export function OutcomeSection({ report, reference, period }: { report: AnnualReport; reference: Reference | undefined; period: string }) {
  const t = useRapT();
  const f = useNumberFormat();
  const o = report.outcome;
  const domainLabel = (code: string) => reference?.codeLists.zrmDomain?.find((e) => e.code === code)?.label ?? code;
  const rows = [...Object.keys(o.byDomain), ''];
  const change = (k: string) => (k ? o.byDomain[k]! : o.safetyRisk);
  return (
    <Section title={t('outcome.title')}>
      <Paragraph>{t('outcome.intro', { closed: f.num(o.closed), scored: f.num(o.scoredAtBoth), period })}</Paragraph>
      <DataTable
        caption={t('outcome.caption', { period })}
        rows={rows}
        rowKey={(k) => k || 'veiligheidsrisico'}
        emptyMessage={t('common.noData')}
        columns={[
          { key: 'domain', header: t('outcome.domain'), rowHeader: true, cell: (k) => (k ? domainLabel(k) : <strong>{t('outcome.safetyRisk')}</strong>) },
          ...CHANGES.map((c) => ({ key: c, header: t(`outcome.${c}`), align: 'end' as const, cell: (k: string) => f.num(change(k)[c]) })),
        ]}
      />
      <Section title={t('outcome.goalsTitle')} level={3}>
        <div className="zvh-rap-pair">
          <DataTable
            caption={t('outcome.goalsCaption', { period })}
            rows={[...GOALS]}
            rowKey={(k) => k}
            emptyMessage={t('common.noData')}
            columns={[
              { key: 'label', header: t('common.description'), rowHeader: true, cell: (k) => t(`outcome.goals.${k}`) },
              { key: 'count', header: t('common.count'), align: 'end', cell: (k) => f.num(o.goalsMet[k]) },
            ]}
          />
          <BarFigure
            title={t('outcome.goalsTitle')}
            year={report.year}
            format={f.num}
            items={GOALS.map((k) => ({ label: t(`outcome.goals.${k}`), current: o.goalsMet[k] }))}
          />
        </div>
        <Paragraph>{t('outcome.percentMet', { pct: f.pct(o.goalsMet.percentMet) })}</Paragraph>
      </Section>
    </Section>
  );
}
