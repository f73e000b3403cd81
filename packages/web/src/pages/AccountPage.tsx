// SPDX-License-Identifier: EUPL-1.2
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthContext';
import { Page } from '../layout/Page';
import { useRoleLabels } from '../layout/useRoleLabels';
import { DataList, Notice, Section, type DataListItem } from '../ui';
import { ChangePasswordForm } from './account/ChangePasswordForm';
import { TotpSection } from './account/TotpSection';
import { PasskeysSection } from './account/PasskeysSection';
import { RecoveryCodesSection } from './account/RecoveryCodesSection';
import { SessionsSection } from './account/SessionsSection';

export default function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const roles = useRoleLabels(user.roles);
  const [passwordChanged, setPasswordChanged] = useState(0);

  const details: DataListItem[] = [
    { key: 'name', label: t('account.name'), value: user.name },
    { key: 'email', label: t('account.email'), value: user.email },
    { key: 'organisation', label: t('account.organisation'), value: user.organisation.name },
    { key: 'roles', label: t('account.roles'), value: roles || t('home.noRole') },
  ];
  if (user.municipality) details.push({ key: 'municipality', label: t('account.municipality'), value: user.municipality.name });

  return (
    <Page title={t('account.title')}>
      <Section title={t('account.details')}>
        <DataList items={details} />
      </Section>
      <Section title={t('password.title')}>
        <Notice message={passwordChanged ? t('password.changed') : undefined} />
        <ChangePasswordForm submitLabel={t('password.submit')} onDone={() => setPasswordChanged((n) => n + 1)} />
      </Section>
      <TotpSection />
      <RecoveryCodesSection />
      <PasskeysSection />
      <SessionsSection />
    </Page>
  );
}
