// SPDX-License-Identifier: EUPL-1.2
// Aanmeldingen: a partner sees its own organisation's registrations with their status and
// outcome; ZVH staff see all of them, with a status filter.
import { STATUSES, can } from '@zvh/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Button, ButtonGroup, ButtonLink, DataTable, Link, Notice, Paragraph, SelectField, type Column } from '../../ui';
import { LoadBoundary, StatusText, useLocationNotice } from '../casus/common/forms';
import { formatDate } from '../casus/common/format';
import { labelsFor, useReference } from '../casus/common/reference';
import type { RegistrationListItem } from '../casus/common/types';

const WAITING = 'aangemeld,in_triage';

export default function RegistrationsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const zvh = user.organisation.kind === 'zvh';
  const notice = useLocationNotice();
  const [params, setParams] = useSearchParams();
  const status = zvh ? params.get('status') ?? '' : '';
  const [choice, setChoice] = useState(status);
  useEffect(() => setChoice(status), [status]);
  const list = useApi<RegistrationListItem[]>(`/api/registrations${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  const reference = useReference();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(choice ? { status: choice } : {});
  };

  const filterOptions = [
    { value: WAITING, label: t('aanmeldingen.filterWaiting') },
    ...STATUSES.map((s) => ({ value: s, label: t(`caseFlow.status.${s}`) })),
  ];

  return (
    <Page title={t('aanmeldingen.title')}>
      <Notice message={notice} />
      <Paragraph>{zvh ? t('aanmeldingen.introZvh') : t('aanmeldingen.introPartner', { organisation: user.organisation.name })}</Paragraph>
      {can(user.roles, 'registration.create') && (
        <div className="zvh-toolbar">
          <ButtonLink to="/aanmeldingen/nieuw" variant="primary">
            {t('nav.newRegistration')}
          </ButtonLink>
        </div>
      )}
      {zvh && (
        <form className="zvh-cf-filter" onSubmit={apply} role="search" aria-label={t('aanmeldingen.filterLabel')}>
          <SelectField
            id="aanmeldingen-status"
            label={t('aanmeldingen.statusFilter')}
            placeholder={t('aanmeldingen.allStatuses')}
            options={filterOptions}
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
          />
          <ButtonGroup>
            <Button type="submit">{t('caseFlow.filter')}</Button>
          </ButtonGroup>
        </form>
      )}
      <p className="zvh-cf-result-count" aria-live="polite">
        {list.loading ? t('common.loading') : list.data ? t('aanmeldingen.count', { count: list.data.length }) : ''}
      </p>
      <LoadBoundary state={{ ...list, data: list.data && reference.data ? { rows: list.data, ref: reference.data } : undefined, error: list.error ?? reference.error }}>
        {({ rows, ref }) => {
          const labels = labelsFor(ref);
          const columns: Column<RegistrationListItem>[] = [
            { key: 'subject', header: t('caseFlow.fields.subject'), rowHeader: true, cell: (r) => <Link to={`/aanmeldingen/${r.id}`}>{r.subjectName}</Link> },
            { key: 'registeredAt', header: t('caseFlow.fields.registeredAt'), cell: (r) => formatDate(r.registeredAt) },
            { key: 'kind', header: t('aanmelding.fields.kind'), cell: (r) => labels.code('caseKind', r.kind) },
            { key: 'municipality', header: t('aanmelding.fields.municipality'), cell: (r) => labels.municipality(r.municipality) },
            ...(zvh ? [{ key: 'partner', header: t('aanmelding.fields.registeringPartner'), cell: (r: RegistrationListItem) => labels.org(r.registeringPartner) }] : []),
            { key: 'urgency', header: t('aanmelding.fields.urgency'), cell: (r) => labels.code('urgency', r.urgency) },
            { key: 'status', header: t('caseFlow.fields.status'), cell: (r) => <StatusText status={r.status} /> },
            { key: 'outcome', header: t('caseFlow.fields.outcome'), cell: (r) => (r.outcome ? labels.code('triageOutcome', r.outcome) : t('aanmeldingen.noOutcome')) },
          ];
          return (
            <DataTable
              caption={zvh ? t('aanmeldingen.captionZvh') : t('aanmeldingen.captionPartner', { organisation: user.organisation.name })}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.id}
              emptyMessage={status ? t('aanmeldingen.emptyFiltered') : t('aanmeldingen.empty')}
            />
          );
        }}
      </LoadBoundary>
    </Page>
  );
}
