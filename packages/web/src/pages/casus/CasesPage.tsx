// SPDX-License-Identifier: EUPL-1.2
// Casussen: the cases the user may see, with search, a status filter and (for a regisseur)
// "alleen mijn casussen"; open and overdue agreements per case.
import { can, isCaseOpen, OPEN_CASE_STATUSES, STATUSES } from '@zvh/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePagedApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Button, ButtonGroup, CheckboxField, DataTable, Link, Paragraph, SelectField, TextField, type Column } from '../../ui';
import { LoadBoundary, StatusText } from './common/forms';
import { formatDateTime, formatShortDate } from './common/format';
import '../werkdag/werkdag.css';
import { labelsFor, useReference } from './common/reference';
import type { CaseListItem } from './common/types';
import { LoadMore } from './common/LoadMore';

const RUNNING = OPEN_CASE_STATUSES.join(',');

export default function CasesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const isRegisseur = can(user.roles, 'case.direct');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const mine = isRegisseur && params.get('mine') === '1';
  const [form, setForm] = useState({ q, status, mine });
  useEffect(() => setForm({ q, status, mine }), [q, status, mine]);

  const query = new URLSearchParams();
  if (q.trim()) query.set('q', q.trim());
  if (status) query.set('status', status);
  if (mine) query.set('mine', 'true');
  const qs = query.toString();
  const list = usePagedApi<CaseListItem>(`/api/cases${qs ? `?${qs}` : ''}`);
  const reference = useReference();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (form.q.trim()) next.q = form.q.trim();
    if (form.status) next.status = form.status;
    if (form.mine) next.mine = '1';
    setParams(next);
  };

  const statusOptions = [
    { value: RUNNING, label: t('casussen.filterRunning') },
    ...STATUSES.filter((s) => isCaseOpen(s) || s === 'afgesloten').map((s) => ({ value: s, label: t(`caseFlow.status.${s}`) })),
  ];

  return (
    <Page title={t('casussen.title')}>
      <Paragraph>{user.organisation.kind === 'zvh' ? t('casussen.introZvh') : t('casussen.introPartner', { organisation: user.organisation.name })}</Paragraph>
      <form className="zvh-cf-filter" role="search" aria-label={t('casussen.searchLabel')} onSubmit={apply}>
        <TextField
          id="casussen-q"
          label={t('casussen.q')}
          description={t('casussen.qDescription')}
          value={form.q}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, q: value }));
          }}
          type="search"
          maxLength={100}
          autoComplete="off"
        />
        <SelectField
          id="casussen-status"
          label={t('caseFlow.fields.status')}
          placeholder={t('casussen.allStatuses')}
          options={statusOptions}
          value={form.status}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, status: value }));
          }}
        />
        {isRegisseur && (
          <div className="utrecht-form-field">
            <CheckboxField label={t('casussen.mine')} checked={form.mine} onChange={(on) => setForm((f) => ({ ...f, mine: on }))} />
          </div>
        )}
        <ButtonGroup>
          <Button type="submit">{t('caseFlow.search')}</Button>
        </ButtonGroup>
      </form>
      <p className="zvh-cf-result-count" aria-live="polite">
        {list.loading ? t('common.loading') : list.data ? t('casussen.count', { count: list.total ?? list.data.length }) : ''}
      </p>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
        {({ rows, ref }) => {
          const labels = labelsFor(ref);
          const columns: Column<CaseListItem>[] = [
            {
              key: 'case',
              header: t('caseFlow.fields.case'),
              rowHeader: true,
              cell: (c) => (
                <>
                  {c.caseNumber && <span className="zvh-nowrap zvh-case-number">{c.caseNumber}</span>}
                  <Link to={`/casussen/${c.id}`}>{c.subjectName ?? t('caseFlow.anonymous')}</Link>
                </>
              ),
            },
            {
              key: 'status',
              header: t('caseFlow.fields.status'),
              cell: (c) => (
                <>
                  <StatusText status={c.status} />
                  <span className="zvh-cf-muted zvh-case-kind">
                    {labels.code('caseKind', c.kind)}
                    {c.approach ? `, ${labels.code('approach', c.approach)}` : ''}
                  </span>
                </>
              ),
            },
            { key: 'municipality', header: t('aanmelding.fields.municipality'), cell: (c) => labels.municipality(c.municipality) },
            { key: 'regisseur', header: t('casus.fields.regisseur'), cell: (c) => c.regisseurName ?? t('casus.noRegisseur') },
            { key: 'ave', header: t('casussen.avePhase'), cell: (c) => c.avePhase ?? '—' },
            {
              key: 'agreements',
              header: t('casussen.agreements'),
              cell: (c) => (
                <>
                  {t('casussen.open', { count: c.openAgreements })}
                  {c.overdueAgreements > 0 && (
                    <>
                      {', '}
                      <span className="zvh-cf-overdue zvh-nowrap">{t('casussen.overdue', { count: c.overdueAgreements })}</span>
                    </>
                  )}
                </>
              ),
            },
            { key: 'started', header: t('casus.fields.startedAt'), cell: (c) => <span className="zvh-nowrap">{formatShortDate(c.startedAt)}</span> },
            {
              key: 'activity',
              header: t('casussen.lastActivity'),
              cell: (c) => (
                <time className="zvh-nowrap" dateTime={c.lastActivityAt} title={formatDateTime(c.lastActivityAt)}>
                  {formatShortDate(c.lastActivityAt)}
                </time>
              ),
            },
          ];
          return (
            <DataTable
              caption={t('casussen.caption')}
              columns={columns}
              rows={rows}
              rowKey={(c) => c.id}
              emptyMessage={q || status || mine ? t('casussen.emptyFiltered') : t('casussen.empty')}
            />
          );
        }}
      </LoadBoundary>
      <LoadMore list={list} id="casussen-more" />
    </Page>
  );
}
