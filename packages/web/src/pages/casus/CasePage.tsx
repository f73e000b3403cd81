// SPDX-License-Identifier: EUPL-1.2
// The case file (casusdossier) in tabs: overview, action plan, agreements, journal, documents,
// timeline, processing log (when allowed) and closing or reopening (the regisseur).
import { can, isCaseOpen } from '@zvh/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useApi } from '../../api/useApi';
import { useUser } from '../../auth/AuthContext';
import { Page } from '../../layout/Page';
import { Alert, Link, Notice, Paragraph } from '../../ui';
import { personName } from '../aanmelding/RegistrationSummary';
import { Details, LoadBoundary, StatusText, useLocationNotice } from './common/forms';
import { formatDate } from './common/format';
import { labelsFor, useReference } from './common/reference';
import type { CaseFile } from './common/types';
import { Tabs, type TabDef } from './Tabs';
import { AgreementsTab } from './tabs/AgreementsTab';
import { AdviceTab } from './tabs/AdviceTab';
import { AuditTab } from './tabs/AuditTab';
import { CloseTab, ReopenTab } from './tabs/CloseTab';
import { DocumentsTab } from './tabs/DocumentsTab';
import { EscalationTab } from './tabs/EscalationTab';
import { JournalTab } from './tabs/JournalTab';
import { OverviewTab } from './tabs/OverviewTab';
import { PlanTab } from './tabs/PlanTab';
import { TimelineTab } from './tabs/TimelineTab';
import { CasePartnerRequestsTab } from '../informatieknooppunt/CasePartnerRequestsTab';
import type { CaseTabProps } from './tabs/props';
import { TransferTab } from '../andere-zvh/TransferTab';
import { useOtherZvhStatus } from '../andere-zvh/OtherZvhCheck';
import { useSignalT } from '../signalen/texts';

export default function CasePage() {
  const { t } = useTranslation();
  const st = useSignalT();
  const { id = '' } = useParams();
  const user = useUser();
  const arrivedWith = useLocationNotice();
  const [notice, setNotice] = useState<string | undefined>(arrivedWith);
  const [params, setParams] = useSearchParams();
  const caseFile = useApi<CaseFile>(`/api/cases/${encodeURIComponent(id)}`);
  const reference = useReference();
  const otherZvh = useOtherZvhStatus(can(user.roles, 'case.transfer'));
  const title = caseFile.data ? t('casus.title', { name: caseFile.data.subject ? personName(caseFile.data.subject) : t('caseFlow.anonymous') }) : t('casus.titleLoading');

  const tab = params.get('tab') ?? 'overzicht';
  const selectTab = (next: string) => {
    setNotice(undefined);
    setParams(next === 'overzicht' ? {} : { tab: next }, { replace: true, preventScrollReset: true });
  };

  return (
    <Page title={title}>
      <Paragraph>
        <Link to="/casussen">{t('casus.backToList')}</Link>
      </Paragraph>
      <Notice message={notice} />
      <LoadBoundary
        state={{
          ...caseFile,
          data: caseFile.data && reference.data ? { c: caseFile.data, ref: reference.data } : undefined,
          error: caseFile.error ?? reference.error,
        }}
      >
        {({ c, ref }) => {
          const labels = labelsFor(ref);
          const props: CaseTabProps = {
            c,
            labels,
            reload: caseFile.reload,
            notify: setNotice,
            canContribute: c.permissions.contribute && can(user.roles, 'case.contribute'),
            zvh: user.organisation.kind === 'zvh',
            selectTab,
          };
          const tabs: TabDef[] = [
            { id: 'overzicht', label: t('casus.tabs.overview'), render: () => <OverviewTab {...props} /> },
            ...(c.kind === 'advies' ? [{ id: 'advies', label: st('advice'), render: () => <AdviceTab {...props} /> }] : []),
            { id: 'plan', label: t('casus.tabs.plan'), render: () => <PlanTab {...props} /> },
            { id: 'afspraken', label: t('casus.tabs.agreements'), render: () => <AgreementsTab {...props} /> },
            { id: 'logboek', label: t('casus.tabs.journal'), render: () => <JournalTab {...props} /> },
            { id: 'documenten', label: t('casus.tabs.documents'), render: () => <DocumentsTab {...props} /> },
            { id: 'vragen', label: t('casus.tabs.partnerRequests'), render: () => <CasePartnerRequestsTab {...props} /> },
            { id: 'tijdlijn', label: t('casus.tabs.timeline'), render: () => <TimelineTab {...props} /> },
            ...(props.zvh ? [{ id: 'opschaling', label: st('escalation'), render: () => <EscalationTab {...props} /> }] : []),
            ...(c.permissions.audit ? [{ id: 'verwerkingen', label: t('casus.tabs.audit'), render: () => <AuditTab {...props} /> }] : []),
            ...(otherZvh.data?.transfer && isCaseOpen(c.status) && c.permissions.manage ? [{ id: 'overdragen', label: t('casus.tabs.transfer'), render: () => <TransferTab {...props} /> }] : []),
            ...(c.permissions.actions.includes('close') ? [{ id: 'afsluiten', label: t('casus.tabs.close'), render: () => <CloseTab {...props} /> }] : []),
            ...(c.permissions.actions.includes('reopen') ? [{ id: 'heropenen', label: t('casus.tabs.reopen'), render: () => <ReopenTab {...props} /> }] : []),
          ];
          const overdue = c.agreements.filter((a) => a.overdue).length;
          return (
            <>
              <Details
                items={[
                  ...(c.caseNumber ? [{ label: t('casussen.caseNumber'), value: c.caseNumber }] : []),
                  { label: t('caseFlow.fields.status'), value: <StatusText status={c.status} /> },
                  { label: t('casus.fields.kind'), value: `${labels.code('caseKind', c.kind)}${c.approach ? ` (${labels.code('approach', c.approach)})` : ''}` },
                  { label: t('casus.fields.regisseur'), value: c.regisseurName ?? t('casus.noRegisseur') },
                  ...(overdue > 0 ? [{ label: t('casus.overdueLabel'), value: <span className="zvh-cf-overdue">{t('casussen.overdue', { count: overdue })}</span> }] : []),
                ]}
              />
              {!isCaseOpen(c.status) && (
                <Alert type="info" title={t('casus.closedTitle')} titleLevel={2}>
                  {t('casus.closedMessage', { date: formatDate(c.closedAt) })}
                </Alert>
              )}
              {isCaseOpen(c.status) && !c.permissions.manage && <Paragraph className="zvh-cf-muted">{t('casus.readOnlyNote')}</Paragraph>}
              <Tabs label={t('casus.tabsLabel')} tabs={tabs} active={tab} onChange={selectTab} />
            </>
          );
        }}
      </LoadBoundary>
    </Page>
  );
}
