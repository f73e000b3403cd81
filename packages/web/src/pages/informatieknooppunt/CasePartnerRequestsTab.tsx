// SPDX-License-Identifier: EUPL-1.2
// Vragen aan partners on the case page: the questions and answers (for the case's participants,
// the server decides), and for the informatiemakelaar or regisseur the form to ask a partner.
import { can, isCaseOpen } from '@zvh/shared';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/AuthContext';
import type { CaseTabProps } from '../casus/tabs/props';
import { PartnerRequestsPanel } from './PartnerRequests';

export function CasePartnerRequestsTab({ c, labels, notify, zvh }: CaseTabProps) {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <PartnerRequestsPanel
      path={`/api/cases/${c.id}/partner-requests`}
      labels={labels}
      canAsk={zvh && can(user.roles, 'partnerRequest.ask') && isCaseOpen(c.status)}
      note={t('informatieknooppunt.partnerRequestsCaseNote')}
      notify={notify}
    />
  );
}
