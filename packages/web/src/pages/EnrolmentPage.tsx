// SPDX-License-Identifier: EUPL-1.2
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth, useUser } from '../auth/AuthContext';
import { setFlash } from '../layout/flash';
import { Page } from '../layout/Page';
import { Alert, Button, ButtonGroup, Paragraph, Section } from '../ui';
import { ChangePasswordForm } from './account/ChangePasswordForm';
import { ConfirmFactorForm } from './account/ConfirmFactorForm';
import { PasskeysSection } from './account/PasskeysSection';
import { RecoveryCodeList } from './account/RecoveryCodesSection';
import { TotpSection } from './account/TotpSection';

/**
 * Shown instead of every page until the account is set up: first the one-time password is changed,
 * then a second factor enrolled (authenticator app with recovery codes, or a passkey). The server
 * refuses every data route (403 enrolment_required) until then. After single sign-on without
 * trusted MFA, a user who has a second factor confirms it here first (403 second_factor_required).
 */
export default function EnrolmentPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { refresh } = useAuth();
  const [codes, setCodes] = useState<string[]>();
  const reload = async () => {
    try {
      await refresh();
    } catch {
      window.location.assign('/');
    }
  };

  // single sign-on without trusted MFA: first the factor the user already has, proved in this session
  if (user.enrolment.confirmFactor) {
    return (
      <Page title={t('confirmFactor.title')} narrow>
        <ConfirmFactorForm onDone={reload} />
      </Page>
    );
  }

  if (user.enrolment.passwordChange) {
    return (
      <Page title={t('enrolment.title')} narrow>
        <Alert type="info" title={t('enrolment.step', { step: 1, of: 2 })}>{t('password.forcedIntro')}</Alert>
        <Section title={t('password.forcedTitle')}>
          <ChangePasswordForm submitLabel={t('password.submit')} onDone={reload} />
        </Section>
      </Page>
    );
  }

  if (codes) {
    return (
      <Page title={t('enrolment.title')} narrow>
        <RecoveryCodeList codes={codes} />
        <ButtonGroup>
          <Button variant="primary" onClick={() => { setFlash('enrolmentDone'); void reload(); }}>
            {t('enrolment.codesSaved')}
          </Button>
        </ButtonGroup>
      </Page>
    );
  }

  return (
    <Page title={t('enrolment.title')} narrow>
      <Alert type="info" title={t('enrolment.step', { step: 2, of: 2 })}>{t('enrolment.secondFactorIntro')}</Alert>
      <Paragraph>{t('enrolment.choose')}</Paragraph>
      <TotpSection
        afterEnable={async () => {
          try {
            setCodes((await api.post<{ codes: string[] }>('/api/account/recovery-codes', {})).codes);
          } catch {
            await reload();
          }
        }}
      />
      <PasskeysSection />
    </Page>
  );
}
