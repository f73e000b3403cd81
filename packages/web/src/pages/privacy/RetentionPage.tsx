// SPDX-License-Identifier: EUPL-1.2
// Retention periods per kind of record with their source, the daily runs and the extensions.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { fieldErrorsOf, useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, DataTable, Notice, Paragraph, Section, TextField } from '../../ui';
import { LoadBoundary } from '../casus/common/forms';
import { formatDate, formatDateTime } from '../casus/common/format';
import { usePrivacyT } from './texts';
import type { Extension, Retention, RetentionTerm } from './types';

type Row = { recordKind: RetentionTerm['recordKind']; months: string; legalSource: string };

export default function RetentionPage() {
  const t = usePrivacyT();
  const state = useApi<Retention>('/api/privacy/retention');
  const extensions = useApi<Extension[]>('/api/privacy/extensions');
  const [form, setForm] = useState<Row[]>([]);
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (state.data) setForm(state.data.terms.map((x) => ({ recordKind: x.recordKind, months: x.months === null ? '' : String(x.months), legalSource: x.legalSource ?? '' })));
  }, [state.data]);
  const save = useAction(() => api.put('/api/privacy/retention', {
    terms: form.map((r) => ({ recordKind: r.recordKind, months: r.months.trim() ? Number(r.months) : null, legalSource: r.legalSource.trim() || null })),
  }));
  const errors = fieldErrorsOf(save.error);
  const set = (i: number, patch: Partial<Row>) => setForm(form.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  return (
    <Page title={t('retentionTitle')}>
      <Paragraph>{t('retentionIntro')}</Paragraph>
      <Notice message={notice} />
      <LoadBoundary state={state}>
        {(data) => (
          <>
            <form onSubmit={async (e) => { e.preventDefault(); const r = await save.run(); if (r.ok) { setNotice(t('saved')); state.reload(); } }}>
              {save.error && <Alert type="error">{save.error.message}</Alert>}
              {form.map((r, i) => (
                <fieldset key={r.recordKind} className="zvh-fieldset">
                  <legend>{t(`record_${r.recordKind}`)}</legend>
                  <TextField id={`months-${r.recordKind}`} label={t('months')} inputMode="numeric" value={r.months} optional
                    onChange={(e) => set(i, { months: e.currentTarget.value })} error={errors[`body.terms.${i}.months`]} />
                  <TextField id={`source-${r.recordKind}`} label={t('legalSource')} value={r.legalSource} optional
                    onChange={(e) => set(i, { legalSource: e.currentTarget.value })} error={errors[`body.terms.${i}.legalSource`]} />
                </fieldset>
              ))}
              <Button type="submit" variant="primary" busy={save.pending}>{t('save')}</Button>
            </form>
            <Section title={t('runs')}>
              <DataTable caption={t('runsCaption')} rows={data.runs} rowKey={(r) => r.at} emptyMessage={t('none')} columns={[
                { key: 'on', header: t('runOn'), rowHeader: true, cell: (r) => formatDate(r.runOn) },
                { key: 'cases', header: t('cases'), align: 'end', cell: (r) => r.cases },
                { key: 'regs', header: t('registrations'), align: 'end', cell: (r) => r.registrations },
                { key: 'docs', header: t('documents'), align: 'end', cell: (r) => r.documents },
                { key: 'persons', header: t('persons'), align: 'end', cell: (r) => r.persons },
                { key: 'skipped', header: t('skippedExtended'), align: 'end', cell: (r) => r.skippedExtended },
              ]} />
            </Section>
          </>
        )}
      </LoadBoundary>
      <Section title={t('extensions')}>
        <LoadBoundary state={extensions}>
          {(rows) => (
            <DataTable caption={t('extensionsCaption')} rows={rows} rowKey={(x) => x.id} emptyMessage={t('none')} columns={[
              { key: 'case', header: t('number'), rowHeader: true, cell: (x) => x.caseNumber ?? x.caseId },
              { key: 'until', header: t('until'), cell: (x) => formatDate(x.until) },
              { key: 'reason', header: t('reason'), cell: (x) => x.reason },
              { key: 'status', header: t('status'), cell: (x) => t(`approval_${x.status as 'open' | 'goedgekeurd' | 'afgewezen'}`) },
              { key: 'when', header: t('date'), cell: (x) => formatDateTime(x.requestedAt) },
            ]} />
          )}
        </LoadBoundary>
      </Section>
    </Page>
  );
}
