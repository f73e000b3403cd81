// SPDX-License-Identifier: EUPL-1.2
import type { Permission } from '@zvh/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { errorMessage } from './api/errors';
import { ApiError, NETWORK_ERROR } from './api/client';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { AppLayout } from './layout/AppLayout';
import { NavigationCounter } from './layout/navigationCount';
import { Page } from './layout/Page';
import { mayOpen } from './nav/navigation';
import { APP_ROUTES, EnrolmentPage, ForbiddenPage, LoginPage, NotFoundPage } from './routes';
import { ErrorState, Spinner } from './ui';

function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { user } = useAuth();
  if (!mayOpen(user?.roles ?? [], permission)) return <ForbiddenPage />;
  return children;
}

/** Where to go after signing in: the page that sent the user to the sign-in page, or the start page. */
function AfterSignIn() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return <Navigate to={from && from !== '/inloggen' ? from : '/'} replace />;
}

/** Not signed in: to the sign-in page, remembering the page asked for (not after signing out). */
function ToSignIn() {
  const location = useLocation();
  const { signedOut } = useAuth();
  return <Navigate to="/inloggen" replace state={signedOut ? undefined : { from: location.pathname + location.search }} />;
}

function AppRoutes() {
  const { t } = useTranslation();
  const { user, status, retry } = useAuth();

  if (status === 'loading') {
    return (
      <AppLayout>
        <Spinner label={t('common.loading')} />
      </AppLayout>
    );
  }

  if (status === 'error') {
    return (
      <AppLayout>
        <Page title={t('errors.startTitle')}>
          <ErrorState
            title={t('errors.startProblem')}
            message={errorMessage(t, new ApiError(0, NETWORK_ERROR, ''))}
            retryLabel={t('common.retry')}
            onRetry={retry}
          />
        </Page>
      </AppLayout>
    );
  }

  if (!user) {
    return (
      <AppLayout>
        <Routes>
          <Route path="/" element={<LoginPage />} />
          <Route path="/inloggen" element={<LoginPage />} />
          <Route path="*" element={<ToSignIn />} />
        </Routes>
      </AppLayout>
    );
  }

  // the server refuses every data route until the account is set up: only the enrolment page
  if (user.enrolment.required) {
    return (
      <AppLayout>
        <Routes>
          <Route path="/account-instellen" element={<EnrolmentPage />} />
          <Route path="*" element={<Navigate to="/account-instellen" replace />} />
        </Routes>
      </AppLayout>
    );
  }

  return (
    <AppLayout>
      <Routes>
        {APP_ROUTES.map(({ path, Component, permission }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequirePermission permission={permission}>
                <Component />
              </RequirePermission>
            }
          />
        ))}
        <Route path="/inloggen" element={<AfterSignIn />} />
        <Route path="/account-instellen" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <NavigationCounter>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </NavigationCounter>
    </BrowserRouter>
  );
}
