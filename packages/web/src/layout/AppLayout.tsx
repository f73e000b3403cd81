// SPDX-License-Identifier: EUPL-1.2
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { changeLanguage, currentLanguage } from '../i18n';
import { navFor } from '../nav/navigation';
import { Button, NavBar, PageContent, PageHeader, SkipLink, Spinner, VisuallyHidden } from '../ui';
import { ErrorBoundary } from './ErrorBoundary';
import { useRoleLabels } from './useRoleLabels';
import { NotificationsLink } from '../pages/werkdag/NotificationsLink';

const MAIN_ID = 'inhoud';

function LanguageSwitch() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const other = currentLanguage() === 'nl' ? 'en' : 'nl';
  return (
    <Button
      variant="subtle"
      busy={busy}
      lang={other}
      onClick={() => {
        setBusy(true);
        changeLanguage(other).finally(() => setBusy(false));
      }}
    >
      {t(`language.switchTo.${other}`)}
    </Button>
  );
}

function UserInfo() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const roleLabels = useRoleLabels(user?.roles ?? []);
  if (!user) return null;
  return (
    <div className="zvh-header__user">
      <span className="zvh-header__user-name">
        <VisuallyHidden>{t('layout.signedInAs')} </VisuallyHidden>
        {user.name}
      </span>
      <span className="zvh-header__user-meta">
        {user.organisation.name}
        {roleLabels && ` · ${roleLabels}`}
      </span>
    </div>
  );
}

/** Skip link, header, navigation, the page in an error boundary, footer. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const items = user && !user.enrolment.required ? navFor(user.roles) : [];

  return (
    <>
      <SkipLink target={MAIN_ID}>{t('layout.skipLink')}</SkipLink>
      <PageHeader appName={t('app.name')} homeTo="/">
        <UserInfo />
        <NotificationsLink />
        <LanguageSwitch />
        {user && (
          <Button
            variant="secondary"
            busy={signingOut}
            onClick={() => {
              setSigningOut(true);
              logout().finally(() => setSigningOut(false));
            }}
          >
            {t('layout.logout')}
          </Button>
        )}
      </PageHeader>
      {items.length > 0 && (
        <NavBar label={t('layout.mainNav')} toggleLabel={t('layout.menu')} items={items.map((item) => ({ to: item.path, label: t(`nav.${item.label}`), end: item.end }))} />
      )}
      <PageContent id={MAIN_ID}>
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Spinner label={t('common.loading')} />}>{children}</Suspense>
        </ErrorBoundary>
      </PageContent>
      <footer className="zvh-footer">
        <div className="zvh-footer__content">{user ? user.tenant.name : t('app.footer')}</div>
      </footer>
    </>
  );
}
