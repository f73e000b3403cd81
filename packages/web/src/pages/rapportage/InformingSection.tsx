// SPDX-License-Identifier: EUPL-1.2
// The report's section `informing` (AVG art. 14): of the registrations about a person in the year
// or period, how many have the person informed (by the registrant or the ZVH), not informed with a
// recorded reason (per reason) or still open. Aggregates only.
import { NOT_INFORMED_REASONS } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { DataTable, Paragraph, Section } from '../../ui';
import { useNumberFormat } from './texts';
import type { AnnualReport } from './types';

export function InformingSection({ report, period }: { report: AnnualReport; period: string }) {
  const { t } = useTranslation();
  const f = useNumberFormat();
  const i = report.informing;
  const rows: { key: string; label: string; n: number; strong?: boolean }[] = [
    { key: 'registrations', label: t('informeren.report.registrations'), n: i.registrations, strong: true },
    { key: 'informed', label: t('informeren.report.informed'), n: i.informed },
    { key: 'byRegistrant', label: t('informeren.report.byRegistrant'), n: i.informedByRegistrant },
    { key: 'byZvh', label: t('informeren.report.byZvh'), n: i.informedByZvh },
    { key: 'notInformed', label: t('informeren.report.notInformed'), n: i.notInformed },
    ...NOT_INFORMED_REASONS.map((r) => ({ key: r, label: t('informeren.report.reasonRow', { reason: t(`informeren.reasons.${r}`).toLowerCase() }), n: i.notInformedByReason[r] })),
    { key: 'open', label: t('informeren.report.open'), n: i.open },
  ];
  return (
    <Section title={t('informeren.report.title')}>
      <Paragraph>{t('informeren.report.intro')}</Paragraph>
      <DataTable
        caption={`${t('informeren.report.caption')} (${period})`}
        rows={rows}
        rowKey={(r) => r.key}
        emptyMessage="—"
        columns={[
          { key: 'what', header: t('informeren.report.what'), rowHeader: true, cell: (r) => (r.strong ? <strong>{r.label}</strong> : r.label) },
          { key: 'count', header: t('informeren.report.count'), align: 'end', cell: (r) => f.num(r.n) },
        ]}
      />
    </Section>
  );
}
