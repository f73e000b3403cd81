// SPDX-License-Identifier: EUPL-1.2
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Heading } from '../ui';
import { useNavigationCount } from './navigationCount';

export interface PageProps {
  /** The page heading (h1) and the first part of document.title. */
  title: string;
  children?: ReactNode;
  /** A reading-width column (forms). */
  narrow?: boolean;
}

/**
 * Every page starts with this: it sets document.title and, after an in-app navigation, moves
 * keyboard focus to the h1 so screen reader users hear where they are.
 */
export function Page({ title, children, narrow }: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const navigations = useNavigationCount();
  const navigated = useRef(navigations > 0);
  navigated.current = navigations > 0;

  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (navigated.current) heading.current?.focus();
  }, [pathname]);

  return (
    <div className={narrow ? 'zvh-page zvh-narrow' : 'zvh-page'}>
      <Heading level={1} ref={heading} tabIndex={-1}>
        {title}
      </Heading>
      {children}
    </div>
  );
}
