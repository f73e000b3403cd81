// SPDX-License-Identifier: EUPL-1.2
// Kostenverdeling: the municipal contribution split over the municipalities (POST
// /api/cost-split, default 70/30 of seed 002, rounded down to hundreds or to whole euros), the
// nazorg plustaak fee on its own line, next to each municipality's share of the caseload of a
// year; and the split rule, default rounding and nazorg fee to edit (GET/PUT /api/cost-split/settings).
import '../rapportage/rapportage.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { Reference } from '../../api/types';
import { useAction, useApi } from '../../api/useApi';
import { Page } from '../../layout/Page';
import { Alert, Button, CheckboxGroupField, DataTable, ErrorState, Notice, Paragraph, Section, SelectField, Spinner, TextField, type Column } from '../../ui';
import { BarFigure } from '../rapportage/charts';
import { parseNumber, yearOptions } from '../rapportage/common';
import { useNumberFormat, useRapT } from '../rapportage/texts';
import { COST_SPLIT_ROUNDINGS, type CostSplit, type CostSplitRounding, type CostSplitSettings } from '../rapportage/types';

type Share = CostSplit['shares'][number];

function useRoundingOptions() {
  const t = useRapT();
  return COST_SPLIT_ROUNDINGS.map((r) => ({ value: r, label: t(`costSplit.roundings.${r}`) }));
}

export default function KostenverdelingPage() {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const f = useNumberFormat();
  const settings = useApi<CostSplitSettings>('/api/cost-split/settings');
  const thisYear = new Date().getFullYear();
  const [totalText, setTotalText] = useState('');
  const [year, setYear] = useState(thisYear - 1);
  const [rounding, setRounding] = useState<CostSplitRounding>('hundreds-down');
  const roundingOptions = useRoundingOptions();
  const [totalError, setTotalError] = useState<string>();
  const [split, setSplit] = useState<CostSplit>();
  const [notice, setNotice] = useState<string>();
  const compute = useAction((body: { total: number; year: number; rounding: CostSplitRounding }) => api.post<CostSplit>('/api/cost-split', body));

  const run = async (total: number, y: number, rd: CostSplitRounding) => {
    const r = await compute.run({ total, year: y, rounding: rd });
    if (r.ok) setSplit(r.value);
  };
  useEffect(() => {
    if (!settings.data) return;
    setTotalText(String(settings.data.total));
    setRounding(settings.data.rule.rounding);
    void run(settings.data.total, year, settings.data.rule.rounding);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const total = parseNumber(totalText);
    if (!Number.isInteger(total) || total < 0) {
      setTotalError(t('common.mustBeWhole'));
      return;
    }
    setTotalError(undefined);
    void run(total, year, rounding);
  };

  const columns: Column<Share & { total?: boolean }>[] = [
    { key: 'name', header: t('common.municipality'), rowHeader: true, cell: (s) => (s.total ? <strong>{s.name}</strong> : s.name) },
    { key: 'amount', header: t('costSplit.amount'), align: 'end', cell: (s) => (s.total ? <strong>{f.euro(s.amount)}</strong> : f.euro(s.amount)) },
    { key: 'percent', header: t('costSplit.shareOfTotal'), align: 'end', cell: (s) => f.pct(s.percentOfTotal) },
    { key: 'nazorg', header: t('costSplit.nazorg'), align: 'end', cell: (s) => (s.nazorg ? f.euro(s.nazorg) : '') },
    { key: 'withNazorg', header: t('costSplit.withNazorg'), align: 'end', cell: (s) => (s.total ? <strong>{f.euro(s.amountWithNazorg)}</strong> : f.euro(s.amountWithNazorg)) },
    { key: 'caseload', header: t('costSplit.caseload', { year: split?.year ?? year }), align: 'end', cell: (s) => f.num(s.caseload ?? 0) },
    { key: 'caseloadShare', header: t('costSplit.caseloadShare'), align: 'end', cell: (s) => f.pct(s.caseloadShare ?? 0) },
  ];

  return (
    <Page title={t('costSplit.title')}>
      <Paragraph>{t('costSplit.intro')}</Paragraph>
      <Notice message={notice} />
      {settings.error ? (
        <ErrorState title={tm('errors.loadFailed')} message={errorMessage(tm, settings.error)} retryLabel={tm('common.retry')} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Spinner label={tm('common.loading')} />
      ) : (
        <>
          <form onSubmit={submit} noValidate className="zvh-rap-form">
            <TextField id="totaal" label={t('costSplit.total')} inputMode="numeric" value={totalText} error={totalError} onChange={(e) => setTotalText(e.currentTarget.value)} />
            <SelectField id="afronding" label={t('costSplit.rounding')} value={rounding} options={roundingOptions}
              onChange={(e) => setRounding(e.currentTarget.value as CostSplitRounding)} />
            <SelectField id="jaar" label={t('costSplit.caseloadYear')} value={String(year)} options={yearOptions(thisYear)} onChange={(e) => setYear(Number(e.currentTarget.value))} />
            <div className="zvh-rap-form__actions">
              <Button type="submit" variant="primary" busy={compute.pending}>{t('common.calculate')}</Button>
            </div>
          </form>
          {compute.error && <Alert type="error" focus>{errorMessage(tm, compute.error)}</Alert>}
          <div aria-live="polite">
            {split && (
              <Section title={t('costSplit.title')}>
                <div>
                  <div>
                    <DataTable
                      caption={t('costSplit.sharesCaption', { total: f.euro(split.total), year: split.year ?? year })}
                      rows={[
                        ...split.shares,
                        {
                          municipality: '', name: t('common.total'), amount: split.shares.reduce((a, s) => a + s.amount, 0), total: true,
                          nazorg: split.nazorg.fee, amountWithNazorg: split.grandTotal,
                          percentOfTotal: 100, caseload: split.shares.reduce((a, s) => a + (s.caseload ?? 0), 0), caseloadShare: split.shares.some((s) => s.caseload) ? 100 : 0,
                        },
                      ]}
                      rowKey={(s) => s.municipality || 'totaal'}
                      emptyMessage={t('common.noData')}
                      columns={columns}
                    />
                    <Paragraph>
                      {split.nazorg.fee > 0
                        ? t('costSplit.nazorgNote', { fee: f.euro(split.nazorg.fee), count: split.nazorg.shares.length, grandTotal: f.euro(split.grandTotal) })
                        : t('costSplit.nazorgNone')}
                    </Paragraph>
                    <Paragraph className="zvh-rap-note">{t('costSplit.caseloadNote')}</Paragraph>
                  </div>
                  <BarFigure
                    title={t('costSplit.chartTitle')}
                    year={split.year ?? year}
                    percent
                    autoScale
                    format={f.pct}
                    items={split.shares.map((s) => ({ label: s.name, current: s.percentOfTotal, previous: s.caseloadShare ?? 0 }))}
                    series={{ current: t('costSplit.shareOfTotal'), previous: t('costSplit.caseloadShare') }}
                  />
                </div>
              </Section>
            )}
          </div>
          <RuleSection settings={settings.data} onSaved={(s) => { settings.setData(s); setNotice(t('costSplit.settingsSaved')); }} />
        </>
      )}
    </Page>
  );
}

function RuleSection({ settings, onSaved }: { settings: CostSplitSettings; onSaved: (s: CostSplitSettings) => void }) {
  const t = useRapT();
  const { t: tm } = useTranslation();
  const reference = useApi<Reference>('/api/reference');
  const [large, setLarge] = useState<string[]>(settings.rule.largeMunicipalities);
  const [values, setValues] = useState({ total: String(settings.total), smallShare: String(Math.round(settings.rule.smallShare * 1000) / 10), nazorgFee: String(settings.nazorgFee) });
  const [rounding, setRounding] = useState<CostSplitRounding>(settings.rule.rounding);
  const roundingOptions = useRoundingOptions();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction((body: CostSplitSettings) => request<CostSplitSettings>('/api/cost-split/settings', { method: 'PUT', body }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const total = parseNumber(values.total);
    const smallShare = parseNumber(values.smallShare);
    const nazorgFee = parseNumber(values.nazorgFee);
    const errs: Record<string, string> = {};
    if (!Number.isInteger(total) || total < 0) errs.total = t('common.mustBeWhole');
    if (!Number.isFinite(smallShare) || smallShare < 0 || smallShare > 100) errs.smallShare = t('common.mustBeNumber');
    if (!Number.isInteger(nazorgFee) || nazorgFee < 0) errs.nazorgFee = t('common.mustBeWhole');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const r = await save.run({ total, rule: { largeMunicipalities: large, smallShare: Math.round(smallShare * 10) / 1000, rounding }, nazorgFee });
    if (r.ok) onSaved(r.value);
  };
  const municipalities = [...(reference.data?.municipalities ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return (
    <Section title={t('costSplit.settings')}>
      <Paragraph>{t('costSplit.settingsIntro')}</Paragraph>
      <form onSubmit={submit} noValidate>
        <CheckboxGroupField
          id="grote-gemeenten"
          legend={t('costSplit.large')}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          value={large}
          onChange={setLarge}
        />
        <div className="zvh-rap-form">
          <TextField id="standaard-totaal" label={t('costSplit.defaultTotal')} inputMode="numeric" value={values.total} error={errors.total}
            onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, total: v })); }} />
          <TextField id="aandeel-overige" label={t('costSplit.smallShare')} inputMode="decimal" value={values.smallShare} error={errors.smallShare}
            onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, smallShare: v })); }} />
          <SelectField id="standaard-afronding" label={t('costSplit.defaultRounding')} value={rounding} options={roundingOptions}
            onChange={(e) => setRounding(e.currentTarget.value as CostSplitRounding)} />
          <TextField id="bijdrage-nazorg" label={t('costSplit.nazorgFee')} inputMode="numeric" value={values.nazorgFee} error={errors.nazorgFee}
            onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, nazorgFee: v })); }} />
          <div className="zvh-rap-form__actions">
            <Button type="submit" variant="primary" busy={save.pending}>{t('costSplit.saveSettings')}</Button>
          </div>
        </div>
      </form>
      {save.error && <Alert type="error" focus>{errorMessage(tm, save.error)}</Alert>}
    </Section>
  );
}
