// SPDX-License-Identifier: EUPL-1.2
// Page furniture: skip link, page header, navigation bar, content area.
import {
  ActionGroup as RhcActionGroup,
  DataSummary,
  DataSummaryItem,
  Image as RhcImage,
  PageHeader as RhcPageHeader,
  SkipLink as RhcSkipLink,
} from '@rijkshuisstijl-community/components-react';
import { useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Link, NavLink } from './Link';
import { Heading, Paragraph, type HeadingLevel } from './Typography';

/** The first focusable element of the page: jumps past header and navigation to the content. */
export function SkipLink({ target, children }: { target: string; children: ReactNode }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const el = document.getElementById(target);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView();
  };
  return (
    <RhcSkipLink href={`#${target}`} onClick={onClick}>
      {children}
    </RhcSkipLink>
  );
}

export interface PageHeaderProps {
  appName: ReactNode;
  /** Where the app name links to. */
  homeTo: string;
  /** Right-hand side: user, language switch, sign-out. */
  children?: ReactNode;
}

/** The blue bar at the top of every page. */
export function PageHeader({ appName, homeTo, children }: PageHeaderProps) {
  return (
    <RhcPageHeader className="zvh-header">
      <div className="zvh-header__content">
        <Link to={homeTo} className="zvh-header__brand">
          <span className="zvh-header__logo" aria-hidden="true" />
          <span className="zvh-header__name">{appName}</span>
        </Link>
        {children && <div className="zvh-header__tools">{children}</div>}
      </div>
    </RhcPageHeader>
  );
}

export interface NavBarItem {
  to: string;
  label: ReactNode;
  end?: boolean;
}

/**
 * Main navigation: a labelled nav landmark; the current page is marked aria-current. At phone
 * width the list folds away behind a menu button (aria-expanded), so the page's content starts
 * on the first screen; choosing a page folds it again, and so does Escape (focus back on the button).
 */
export function NavBar({ label, items, toggleLabel }: { label: string; items: NavBarItem[]; toggleLabel: string }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="rhc-nav-bar__container zvh-nav">
      <nav className="rhc-nav-bar" aria-label={label} onKeyDown={onKeyDown}>
        <button ref={toggle} type="button" className="zvh-nav__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          <span className="zvh-nav__toggle-icon" aria-hidden="true" />
          {toggleLabel}
        </button>
        <ul id={listId} className={open ? 'rhc-nav-bar__list zvh-nav__list zvh-nav__list--open' : 'rhc-nav-bar__list zvh-nav__list'}>
          {items.map((item) => (
            <li key={item.to} className="rhc-nav-bar__item">
              <NavLink to={item.to} end={item.end} className="rhc-nav-bar__link zvh-nav__link" onClick={() => setOpen(false)}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** A secondary navigation within a section (the Beheer pages). */
export function SubNav({ label, items }: { label: string; items: NavBarItem[] }) {
  return (
    <nav className="zvh-subnav" aria-label={label}>
      <ul className="zvh-subnav__list">
        {items.map((item) => (
          <li key={item.to} className="zvh-subnav__item">
            <NavLink to={item.to} end={item.end} className="zvh-subnav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The content column. */
export function PageContent({ id, children }: { id: string; children: ReactNode }) {
  return (
    <main id={id} tabIndex={-1} className="zvh-main">
      <div className="zvh-main__content">{children}</div>
    </main>
  );
}

/** A row of buttons (form actions). */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <RhcActionGroup className="zvh-button-group">{children}</RhcActionGroup>;
}

export interface DataListItem {
  key: string;
  label: string;
  value: string;
}

/** Label/value pairs (account details). */
export function DataList({ items }: { items: DataListItem[] }) {
  return (
    <DataSummary appearance="row" className="zvh-data-list">
      {items.map((item) => (
        <DataSummaryItem key={item.key} itemKey={item.label} itemValue={item.value} />
      ))}
    </DataSummary>
  );
}

export interface Tile {
  to: string;
  title: string;
  description?: string;
}

/** Large links to the parts of the app, for the start page. */
export function TileList({ tiles, headingLevel = 2 }: { tiles: Tile[]; headingLevel?: HeadingLevel }) {
  return (
    <ul className="zvh-tiles">
      {tiles.map((tile) => (
        <li key={tile.to} className="zvh-tile">
          <Heading level={headingLevel} appearance={4} className="zvh-tile__title">
            <Link to={tile.to} className="zvh-tile__link">
              {tile.title}
            </Link>
          </Heading>
          {tile.description && <Paragraph className="zvh-tile__description">{tile.description}</Paragraph>}
        </li>
      ))}
    </ul>
  );
}

/** An image; alt text is required (use '' only for decoration). */
export function Image({ src, alt, width, height, className }: { src: string; alt: string; width?: number; height?: number; className?: string }) {
  return <RhcImage src={src} alt={alt} presentation={alt === ''} width={width} height={height} className={className} />;
}

/** A section of a page with its own heading. */
export function Section({ title, level = 2, children }: { title: ReactNode; level?: HeadingLevel; children: ReactNode }) {
  const id = useId();
  return (
    <section className="zvh-section" aria-labelledby={id}>
      <Heading level={level} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
