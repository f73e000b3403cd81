// SPDX-License-Identifier: EUPL-1.2
// Links that navigate inside the app without reloading the page, rendered by the library's Link.
import { ButtonLink as RhcButtonLink, Link as RhcLink } from '@rijkshuisstijl-community/components-react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode, Ref } from 'react';
import { useHref, useLinkClickHandler, useLocation } from 'react-router';
import { isActivePath } from './paths';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path inside the app. */
  to: string;
  children: ReactNode;
  ref?: Ref<HTMLAnchorElement>;
}

function useRouterClick(to: string, onClick?: (e: MouseEvent<HTMLAnchorElement>) => void) {
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to);
  return (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (!e.defaultPrevented) navigate(e);
  };
}

export function Link({ to, onClick, children, ref, ...rest }: LinkProps) {
  const href = useHref(to);
  const handleClick = useRouterClick(to, onClick);
  return (
    <RhcLink {...rest} ref={ref} href={href} onClick={handleClick}>
      {children}
    </RhcLink>
  );
}

export interface NavLinkProps extends LinkProps {
  /** Only the exact path counts as current. */
  end?: boolean;
}

/** A link that marks itself aria-current="page" when it points at the current page. */
export function NavLink({ to, end, className, ...rest }: NavLinkProps) {
  const { pathname } = useLocation();
  const active = isActivePath(pathname, to, end);
  return (
    <Link
      {...rest}
      to={to}
      aria-current={active ? 'page' : undefined}
      className={[className ?? '', active ? 'zvh-link--current' : ''].filter(Boolean).join(' ') || undefined}
    />
  );
}

export interface ButtonLinkProps extends LinkProps {
  variant?: 'primary' | 'secondary' | 'subtle';
}

/** A link that looks like a button: for navigation that reads as an action ("Naar beheer"). */
export function ButtonLink({ to, onClick, variant = 'secondary', children, ref, ...rest }: ButtonLinkProps) {
  const href = useHref(to);
  const handleClick = useRouterClick(to, onClick);
  return (
    <RhcButtonLink {...rest} ref={ref} href={href} onClick={handleClick} appearance={`${variant === 'subtle' ? 'subtle' : `${variant}-action`}-button`}>
      {children}
    </RhcButtonLink>
  );
}
