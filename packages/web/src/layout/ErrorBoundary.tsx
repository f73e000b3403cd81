// SPDX-License-Identifier: EUPL-1.2
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Link, Paragraph } from '../ui';
import { Page } from './Page';

interface State {
  error: Error | null;
}

/** Catches rendering errors (and failed page downloads) so the header and navigation stay usable. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <ErrorFallback />;
    return this.props.children;
  }
}

function ErrorFallback() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.pageTitle')}>
      <ErrorState
        title={t('errors.pageProblem')}
        message={t('errors.pageMessage')}
        retryLabel={t('errors.reload')}
        onRetry={() => window.location.reload()}
      />
      <Paragraph>
        <Link to="/">{t('errors.toStart')}</Link>
      </Paragraph>
    </Page>
  );
}
