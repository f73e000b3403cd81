// SPDX-License-Identifier: EUPL-1.2
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { setFlash } from '../layout/flash';
import { Page } from '../layout/Page';
import { Alert } from '../ui';
import { ChangePasswordForm } from './account/ChangePasswordForm';

/** Shown instead of every page until a user with a one-time password has chosen their own. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  return (
    <Page title={t('password.forcedTitle')} narrow>
      <Alert type="info">{t('password.forcedIntro')}</Alert>
      <ChangePasswordForm
        submitLabel={t('password.submit')}
        onDone={async () => {
          // With mustChangePassword gone the normal routes take over and lead to the start page.
          setFlash('passwordChanged');
          try {
            await refresh();
          } catch {
            // The password is changed; a fresh start loads the account again.
            window.location.assign('/');
          }
        }}
      />
    </Page>
  );
}
