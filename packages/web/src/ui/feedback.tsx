// SPDX-License-Identifier: EUPL-1.2
import { Alert as RhcAlert } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Heading, Paragraph, type HeadingLevel } from './Typography';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

export interface AlertProps {
  type?: AlertType;
  /** Short heading above the message. */
  title?: ReactNode;
  titleLevel?: HeadingLevel;
  children?: ReactNode;
  /** Move keyboard focus to the alert when it appears (after a failed or successful submit). */
  focus?: boolean;
  className?: string;
}

/**
 * A message box. info/ok are announced politely (role=status), warning/error assertively
 * (role=alert) by the underlying component.
 */
export function Alert({ type = 'info', title, titleLevel = 2, children, focus, className }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} tabIndex={focus ? -1 : undefined} className={['zvh-alert', className ?? ''].filter(Boolean).join(' ')}>
      <RhcAlert type={type}>
        {title && (
          <Heading level={titleLevel} appearance={4}>
            {title}
          </Heading>
        )}
        {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
      </RhcAlert>
    </div>
  );
}

/**
 * A region that is always on the page and announces its message politely when it changes
 * ("Organisatie toegevoegd"). Render it once per page, before the content it reports on.
 */
export function Notice({ message, type = 'ok' }: { message?: string; type?: AlertType }) {
  // The region is on the page before the text arrives, so screen readers notice the change
  // (also when the page itself has only just appeared).
  const [shown, setShown] = useState<string | undefined>(undefined);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(message), 50);
    return () => window.clearTimeout(timer);
  }, [message]);
  return (
    <div className="zvh-notice" aria-live="polite" aria-atomic="true">
      {shown && (
        <div className="zvh-alert">
          <RhcAlert type={type} role="none">
            <Paragraph>{shown}</Paragraph>
          </RhcAlert>
        </div>
      )}
    </div>
  );
}

export interface SpinnerProps {
  /** What is happening, for everyone ("Bezig met laden"). */
  label: string;
  /** Show only to screen readers. */
  hideLabel?: boolean;
}

/** A progress indicator in a polite live region. */
export function Spinner({ label, hideLabel }: SpinnerProps) {
  return (
    <div className="zvh-spinner" role="status" aria-live="polite">
      <span className="zvh-spinner__icon" aria-hidden="true" />
      <span className={hideLabel ? 'rhc-visually-hidden' : 'zvh-spinner__label'}>{label}</span>
    </div>
  );
}


export interface EmptyStateProps {
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

/** Shown when a list has nothing in it yet. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="zvh-empty-state">
      {title && <Paragraph className="zvh-empty-state__title">{title}</Paragraph>}
      {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
      {action && <div className="zvh-empty-state__action">{action}</div>}
    </div>
  );
}

export interface ErrorStateProps {
  title: ReactNode;
  message?: ReactNode;
  retryLabel?: string;
  onRetry?: () => void;
  titleLevel?: HeadingLevel;
}

/** Loading failed: what went wrong and, when it makes sense, a way to try again. */
export function ErrorState({ title, message, retryLabel, onRetry, titleLevel = 2 }: ErrorStateProps) {
  return (
    <Alert type="error" title={title} titleLevel={titleLevel}>
      {message && (typeof message === 'string' ? <Paragraph>{message}</Paragraph> : message)}
      {onRetry && retryLabel && (
        <div className="zvh-alert__actions">
          <Button onClick={onRetry}>{retryLabel}</Button>
        </div>
      )}
    </Alert>
  );
}
