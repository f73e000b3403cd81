// SPDX-License-Identifier: EUPL-1.2
// The signal report for the stuurgroep: signals sent in a year, without personal data; also as PDF.
import { SIGNAL_STATUS_LABELS, SIGNAL_STATUSES } from '@zvh/shared';
import { useState } from 'react';
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { DataTable, Heading, Link, Paragraph, Section, SelectField } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { useSignalT } from './texts';
import type { SignalReport } from './types';

export default function SignalReportPage() {
  const t = useSignalT();
  const current = new Date().getFullYear();
  const [year, setYear] = useState(current);
  const report = useApi<SignalReport>(`/api/signals/report?year=${year}`);
  const years = Array.from({ length: 8 }, (_, i) => current - i);
  return (
    <Page title={t('signalReport')}>
      <Paragraph><Link to="/signalen">{t('backToSignals')}</Link></Paragraph>
      <Paragraph>{t('reportIntro')}</Paragraph>
      <div className="zvh-toolbar">
        <SelectField id="signal-report-year" label={t('year')} options={years.map((y) => ({ value: String(y), label: String(y) }))} value={String(year)}
          onChange={(e) => setYear(Number(e.currentTarget.value))} />
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action-button" href={`/api/signals/report.pdf?year=${year}`} download>
          {t('downloadPdf')}
        </a>
      </div>
      <LoadBoundary state={report}>
        {(r) => (
          <>
            <Paragraph aria-live="polite">{t('reportTotal', { year: r.year, count: r.total })}</Paragraph>
            <Section title={t('perCategory')}>
              <DataTable caption={t('perCategory')} rows={r.byCategory} rowKey={(c) => c.code} emptyMessage="—"
                columns={[{ key: 'c', header: t('category'), rowHeader: true, cell: (c) => c.label }, { key: 'n', header: t('count'), align: 'end', cell: (c) => c.count }]} />
            </Section>
            <Section title={t('perAddressee')}>
              <DataTable caption={t('perAddressee')} rows={r.byAddressee} rowKey={(c) => c.code} emptyMessage="—"
                columns={[{ key: 'a', header: t('addressedTo'), rowHeader: true, cell: (c) => c.name }, { key: 'n', header: t('count'), align: 'end', cell: (c) => c.count }]} />
            </Section>
            <Section title={t('perStatus')}>
              <DataTable caption={t('perStatus')} rows={[...SIGNAL_STATUSES]} rowKey={(s) => s} emptyMessage="—"
                columns={[{ key: 's', header: t('status'), rowHeader: true, cell: (s) => SIGNAL_STATUS_LABELS[s] }, { key: 'n', header: t('count'), align: 'end', cell: (s) => r.byStatus[s] }]} />
            </Section>
            <Section title={t('theSignals')}>
              {r.signals.map((s) => (
                <article key={s.id} className="zvh-signal-report-item">
                  <Heading level={3}>{`${s.categoryLabel} — ${s.addressedName}`}</Heading>
                  <Paragraph>{`${t('sentOn')}: ${s.sentOn ? formatDate(s.sentOn) : '—'}; ${t('status')}: ${SIGNAL_STATUS_LABELS[s.status]}`}</Paragraph>
                  <Paragraph>{s.description}</Paragraph>
                  <Paragraph>{`${t('byMunicipality')}: ${s.casesByMunicipality.map((m) => `${m.name ?? t('noMunicipality')} ${m.cases}`).join(', ') || '—'}`}</Paragraph>
                </article>
              ))}
            </Section>
          </>
        )}
      </LoadBoundary>
    </Page>
  );
}
