// SPDX-License-Identifier: EUPL-1.2
// The processing log: export a period in the fields of the Logboek Dataverwerkingen standard
// (NDJSON or CSV; the export is logged itself), and the seal: sealed months with their signed
// checkpoints and the public key to verify archives outside the system.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../../api/types';
import { useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Code, DataTable, DateField, Paragraph, Section, SelectField } from '../../ui';
import { Details, LoadBoundary } from '../casus/common/forms';
import { formatDateTime } from '../casus/common/format';

type Status = ApiResponse<'getProcessingLogStatus'>;

const todayLocal = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

export default function ProcessingLogPage() {
  const { t } = useTranslation();
  const today = todayLocal();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'ndjson' | 'csv'>('ndjson');
  const status = useApi<Status>('/api/processing-log/status');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const href = `/api/processing-log/export?${new URLSearchParams({ from, to, format }).toString()}`;

  return (
    <Page title={t('verwerkingenlog.title')}>
      <Paragraph>{t('verwerkingenlog.intro')}</Paragraph>
      <div className="zvh-form">
        <DateField id="log-van" label={t('verwerkingenlog.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <DateField id="log-tot" label={t('verwerkingenlog.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)}
          error={valid ? undefined : t('verwerkingenlog.errors.period')} />
        <SelectField id="log-formaat" label={t('verwerkingenlog.format')} value={format} onChange={(e) => setFormat(e.currentTarget.value as 'ndjson' | 'csv')}
          options={(['ndjson', 'csv'] as const).map((f) => ({ value: f, label: t(`verwerkingenlog.formats.${f}`) }))} />
        {valid ? (
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action-button" href={href} download>
            {t('verwerkingenlog.download')}
          </a>
        ) : (
          <Alert type="warning">{t('verwerkingenlog.errors.period')}</Alert>
        )}
      </div>
      <Section title={t('verwerkingenlog.sealTitle')}>
        <Paragraph>{t('verwerkingenlog.sealIntro')}</Paragraph>
        <LoadBoundary state={status}>
          {(s) => (
            <>
              <Details items={[{ label: t('verwerkingenlog.keyId'), value: <Code>{s.keyId}</Code> }]} />
              <details>
                <summary>{t('verwerkingenlog.publicKey')}</summary>
                <pre className="zvh-pre">{s.publicKey}</pre>
              </details>
              <DataTable
                caption={t('verwerkingenlog.monthsCaption')}
                rows={s.months}
                rowKey={(m) => m.month}
                emptyMessage={t('verwerkingenlog.empty')}
                columns={[
                  { key: 'month', header: t('verwerkingenlog.month'), rowHeader: true, cell: (m) => m.month },
                  { key: 'records', header: t('verwerkingenlog.records'), align: 'end', cell: (m) => m.records },
                  { key: 'final', header: t('verwerkingenlog.closed'), cell: (m) => (m.final ? t('verwerkingenlog.yes') : t('verwerkingenlog.no')) },
                  { key: 'archived', header: t('verwerkingenlog.archived'), cell: (m) => (m.archived ? t('verwerkingenlog.yes') : t('verwerkingenlog.no')) },
                  { key: 'signed', header: t('verwerkingenlog.lastSigned'), cell: (m) => formatDateTime(m.lastSignedAt) },
                ]}
              />
            </>
          )}
        </LoadBoundary>
      </Section>
    </Page>
  );
}
